//! What a crash or a killed process left unfinished: sessions still marked active, and
//! turns saved as `recorded` (their audio or typed text is on disk) but never coached.

use aira_protocol::{AnswerSource, PracticeQuestion};
use sqlx::Row;

use crate::sessions::{SESSION_COLUMNS, session_from_row};
use crate::{SessionSummary, Store, StoreError};

/// A turn saved before transcription or coaching that never got further.
#[derive(Debug, Clone, PartialEq)]
pub struct UnfinishedTurn {
    pub id: i64,
    pub created_at: String,
    pub session_id: String,
    pub question: PracticeQuestion,
    pub source: AnswerSource,
    /// The recorded answer; empty for a typed one.
    pub audio_path: String,
    /// The typed answer; `None` for a spoken one.
    pub typed_text: Option<String>,
}

impl Store {
    /// Sessions still marked active, newest first: the running ones and those a crash or
    /// a killed process left behind (the caller tells them apart). Of this profile, or of
    /// every profile (answers are recovered whoever gave them).
    pub async fn active_sessions(
        &self,
        every_profile: bool,
    ) -> Result<Vec<SessionSummary>, StoreError> {
        let rows = sqlx::query(&format!(
            "{SESSION_COLUMNS} FROM sessions s LEFT JOIN turns t ON t.session_id = s.id
             WHERE (?1 OR s.profile_id = ?2) AND s.status = 'active'
             GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC"
        ))
        .bind(every_profile)
        .bind(self.profile())
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(session_from_row).collect()
    }

    /// A session's turns that were saved but never coached, oldest first.
    pub async fn unfinished_turns(
        &self,
        session_id: &str,
    ) -> Result<Vec<UnfinishedTurn>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, created_at, session_id, question_json, source, audio_path, transcript
             FROM turns WHERE session_id = ? AND status = 'recorded' ORDER BY created_at, id",
        )
        .bind(session_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(unfinished_from_row).collect()
    }

    /// Whether a turn already keeps this recording (a recovery cut off halfway).
    pub async fn has_turn_with_audio(&self, audio_path: &str) -> Result<bool, StoreError> {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT id FROM turns WHERE audio_path = ? LIMIT 1")
                .bind(audio_path)
                .fetch_optional(self.pool())
                .await?;
        Ok(found.is_some())
    }

    /// Ends a session left behind that the user did not go on with.
    pub async fn abandon_session(&self, id: &str, ended_at: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE sessions SET status = 'abandoned', ended_at = ? WHERE id = ? AND status = 'active'",
        )
        .bind(ended_at)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Makes an ended session current again: the user goes on with it.
    pub async fn reopen_session(&self, id: &str) -> Result<bool, StoreError> {
        let changed =
            sqlx::query("UPDATE sessions SET status = 'active', ended_at = NULL WHERE id = ?")
                .bind(id)
                .execute(self.pool())
                .await?
                .rows_affected();
        Ok(changed > 0)
    }
}

fn unfinished_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<UnfinishedTurn, StoreError> {
    let source: String = row.try_get("source")?;
    let source = match source.as_str() {
        "microphone" => AnswerSource::Microphone,
        "file" => AnswerSource::File,
        "typed" => AnswerSource::Typed,
        other => return Err(StoreError::Decode(format!("unknown answer source {other}"))),
    };
    let question = serde_json::from_str(row.try_get("question_json")?)
        .map_err(|error| StoreError::Decode(error.to_string()))?;
    let transcript: Option<String> = row.try_get("transcript")?;
    Ok(UnfinishedTurn {
        id: row.try_get("id")?,
        created_at: row.try_get("created_at")?,
        session_id: row.try_get("session_id")?,
        question,
        source,
        audio_path: row.try_get("audio_path")?,
        typed_text: (source == AnswerSource::Typed).then(|| transcript.unwrap_or_default()),
    })
}
