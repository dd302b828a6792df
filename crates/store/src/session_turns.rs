//! What the session view shows of each turn beyond its summary: the question, the coach's
//! feedback and figures, and whether its recording is still kept; and that recording.

use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion, TurnDetail};
use sqlx::Row;

use crate::turns::summary_from_row;
use crate::{Store, StoreError};

impl Store {
    /// Every turn of a session, oldest first, with its feedback; empty for no such session.
    pub async fn session_turns(&self, session_id: &str) -> Result<Vec<TurnDetail>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, created_at, question_id, question_json, status, score, metrics_json,
                    transcript, error, feedback_json, source, audio_path
             FROM turns WHERE session_id = ?
                 AND session_id IN (SELECT id FROM sessions WHERE profile_id = ?)
             ORDER BY created_at, id",
        )
        .bind(session_id)
        .bind(self.profile())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(detail_from_row).collect()
    }

    /// Where a turn's recording is kept; `None` for a typed answer, one whose recording
    /// the retention period removed, or no such turn.
    pub async fn turn_recording(&self, turn_id: i64) -> Result<Option<String>, StoreError> {
        let path: Option<String> = sqlx::query_scalar(
            "SELECT audio_path FROM turns WHERE id = ? AND audio_path <> ''
                     AND session_id IN (SELECT id FROM sessions WHERE profile_id = ?)",
        )
        .bind(turn_id)
        .bind(self.profile())
        .fetch_optional(self.pool())
        .await?;
        Ok(path)
    }
}

fn detail_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<TurnDetail, StoreError> {
    let decode = |error: serde_json::Error| StoreError::Decode(error.to_string());
    let question: PracticeQuestion =
        serde_json::from_str(row.try_get("question_json")?).map_err(decode)?;
    let metrics: Option<Metrics> = row
        .try_get::<Option<String>, _>("metrics_json")?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(decode)?;
    let feedback: Option<Feedback> = row
        .try_get::<Option<String>, _>("feedback_json")?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(decode)?;
    let source: String = row.try_get("source")?;
    let source = match source.as_str() {
        "microphone" => AnswerSource::Microphone,
        "file" => AnswerSource::File,
        "typed" => AnswerSource::Typed,
        other => return Err(StoreError::Decode(format!("unknown answer source {other}"))),
    };
    let audio_path: String = row.try_get("audio_path")?;
    Ok(TurnDetail {
        summary: summary_from_row(row)?,
        question,
        source,
        metrics,
        feedback,
        has_recording: !audio_path.is_empty(),
    })
}
