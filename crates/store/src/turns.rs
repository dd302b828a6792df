use aira_core::Transcript;
use aira_protocol::{
    AnswerSource, Feedback, Metrics, PracticeQuestion, TokenUsage, TurnStatus, TurnSummary,
};
use sqlx::Row;

use crate::{Store, StoreError};

/// What is known of a turn when its audio has just been saved.
pub struct NewTurn<'a> {
    pub created_at: &'a str,
    /// The run of the app or CLI the turn belongs to: usage is totalled per session.
    pub session_id: &'a str,
    pub question: &'a PracticeQuestion,
    pub source: AnswerSource,
    pub audio_path: &'a str,
    /// A typed answer's text, kept with the row so a crash before coaching loses nothing.
    pub typed_text: Option<&'a str>,
}

/// What transcription and coaching added.
pub struct CompletedTurn<'a> {
    pub transcript: &'a Transcript,
    pub metrics: &'a Metrics,
    pub feedback: &'a Feedback,
    pub transcription_engine: &'a str,
}

fn to_json(value: &impl serde::Serialize) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|error| StoreError::Decode(error.to_string()))
}

fn usage(feedback: &Feedback) -> TokenUsage {
    feedback.usage.unwrap_or_default()
}

fn source_name(source: AnswerSource) -> &'static str {
    match source {
        AnswerSource::Microphone => "microphone",
        AnswerSource::File => "file",
        AnswerSource::Typed => "typed",
    }
}

impl Store {
    /// Saves a turn whose audio is on disk but not yet transcribed; returns its id.
    /// Its session is started too if this is the session's first turn.
    pub async fn insert_recorded_turn(&self, turn: NewTurn<'_>) -> Result<i64, StoreError> {
        let mut transaction = self.pool().begin().await?;
        sqlx::query(
            "INSERT INTO sessions (id, profile_id, started_at, status) VALUES (?, ?, ?, 'active')
             ON CONFLICT (id) DO NOTHING",
        )
        .bind(turn.session_id)
        .bind(self.profile())
        .bind(turn.created_at)
        .execute(&mut *transaction)
        .await?;
        let result = sqlx::query(
            "INSERT INTO turns (created_at, session_id, question_id, question_json, source, audio_path,
                                transcript, status)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'recorded')",
        )
        .bind(turn.created_at)
        .bind(turn.session_id)
        .bind(&turn.question.id)
        .bind(to_json(turn.question)?)
        .bind(source_name(turn.source))
        .bind(turn.audio_path)
        .bind(turn.typed_text)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await?;
        Ok(result.last_insert_rowid())
    }

    pub async fn complete_turn(&self, id: i64, turn: CompletedTurn<'_>) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE turns SET status = 'coached', transcript = ?, words_json = ?, metrics_json = ?,
                 feedback_json = ?, score = ?, transcription_engine = ?, error = NULL,
                 coach_engine = ?, input_tokens = ?, output_tokens = ?, cost_usd = ?
             WHERE id = ?",
        )
        .bind(&turn.transcript.text)
        .bind(to_json(&turn.transcript.words)?)
        .bind(to_json(turn.metrics)?)
        .bind(to_json(turn.feedback)?)
        .bind(i64::from(turn.feedback.score))
        .bind(turn.transcription_engine)
        .bind(&turn.feedback.engine)
        .bind(i64::from(usage(turn.feedback).input_tokens))
        .bind(i64::from(usage(turn.feedback).output_tokens))
        .bind(usage(turn.feedback).estimated_cost_usd)
        .bind(id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Records why a turn could not be coached; its audio stays for a later retry.
    pub async fn fail_turn(&self, id: i64, error: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE turns SET status = 'failed', error = ? WHERE id = ?")
            .bind(error)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The newest turns first.
    pub async fn history(&self, limit: u32) -> Result<Vec<TurnSummary>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, created_at, question_id, question_json, status, score, metrics_json, transcript, error
             FROM turns WHERE session_id IN (SELECT id FROM sessions WHERE profile_id = ?)
             ORDER BY created_at DESC, id DESC LIMIT ?",
        )
        .bind(self.profile())
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(summary_from_row).collect()
    }
}

pub(crate) fn summary_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<TurnSummary, StoreError> {
    let decode = |error: serde_json::Error| StoreError::Decode(error.to_string());
    let question: PracticeQuestion =
        serde_json::from_str(row.try_get("question_json")?).map_err(decode)?;
    let status_text: String = row.try_get("status")?;
    let status = TurnStatus::parse(&status_text)
        .ok_or_else(|| StoreError::Decode(format!("unknown status {status_text}")))?;
    let metrics: Option<Metrics> = row
        .try_get::<Option<String>, _>("metrics_json")?
        .map(|json| serde_json::from_str(&json))
        .transpose()
        .map_err(decode)?;
    let score: Option<i64> = row.try_get("score")?;
    Ok(TurnSummary {
        id: row.try_get("id")?,
        created_at: row.try_get("created_at")?,
        question_id: row.try_get("question_id")?,
        question_text: question.text,
        status,
        score: score.and_then(|score| u8::try_from(score).ok()),
        words_per_minute: metrics.map(|metrics| metrics.words_per_minute),
        transcript: row.try_get("transcript")?,
        error: row.try_get("error")?,
    })
}
