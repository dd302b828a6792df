//! Turns coached offline while the cloud coach was wanted, waiting to be coached again by
//! the cloud; and the cloud coach's usage, totalled.

use aira_core::Word;
use aira_protocol::{Feedback, PracticeQuestion, TokenUsage};
use sqlx::Row;

use crate::{Store, StoreError};

/// A queued turn, with what coaching it again needs.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedTurn {
    pub turn_id: i64,
    pub question: PracticeQuestion,
    pub transcript: String,
    pub words: Vec<Word>,
    pub audio_ms: u32,
    pub reason: String,
    pub attempts: u32,
}

fn decode(error: serde_json::Error) -> StoreError {
    StoreError::Decode(error.to_string())
}

impl Store {
    /// Puts a coached turn in the queue (again: the reason and time are updated).
    pub async fn queue_for_cloud(
        &self,
        turn_id: i64,
        queued_at: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO coaching_queue (turn_id, queued_at, reason) VALUES (?, ?, ?)
             ON CONFLICT (turn_id) DO UPDATE SET queued_at = excluded.queued_at,
                 reason = excluded.reason",
        )
        .bind(turn_id)
        .bind(queued_at)
        .bind(reason)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// The oldest queued turns first.
    pub async fn queued_turns(&self, limit: u32) -> Result<Vec<QueuedTurn>, StoreError> {
        let rows = sqlx::query(
            "SELECT q.turn_id, q.reason, q.attempts, t.question_json, t.transcript, t.words_json,
                    t.metrics_json
             FROM coaching_queue q JOIN turns t ON t.id = q.turn_id
             WHERE t.status = 'coached'
             ORDER BY q.queued_at, q.turn_id LIMIT ?",
        )
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let words: Vec<Word> = match row.try_get::<Option<String>, _>("words_json")? {
                    Some(json) => serde_json::from_str(&json).map_err(decode)?,
                    None => Vec::new(),
                };
                let metrics: Option<aira_protocol::Metrics> = row
                    .try_get::<Option<String>, _>("metrics_json")?
                    .map(|json| serde_json::from_str(&json))
                    .transpose()
                    .map_err(decode)?;
                Ok(QueuedTurn {
                    turn_id: row.try_get("turn_id")?,
                    question: serde_json::from_str(row.try_get("question_json")?)
                        .map_err(decode)?,
                    transcript: row
                        .try_get::<Option<String>, _>("transcript")?
                        .unwrap_or_default(),
                    words,
                    audio_ms: metrics.map_or(0, |metrics| {
                        (metrics.duration_seconds * 1000.0).round().max(0.0) as u32
                    }),
                    reason: row.try_get("reason")?,
                    attempts: row.try_get::<i64, _>("attempts")?.max(0) as u32,
                })
            })
            .collect()
    }

    pub async fn queued_count(&self) -> Result<u32, StoreError> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM coaching_queue")
            .fetch_one(self.pool())
            .await?;
        Ok(count.max(0) as u32)
    }

    /// Counts a failed try, so a turn the cloud keeps failing on can be told apart.
    pub async fn count_queue_attempt(&self, turn_id: i64, reason: &str) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE coaching_queue SET attempts = attempts + 1, reason = ? WHERE turn_id = ?",
        )
        .bind(reason)
        .bind(turn_id)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Replaces a queued turn's offline feedback with the cloud's, in one transaction:
    /// the turn is never left without feedback, nor in the queue once coached.
    pub async fn replace_feedback(
        &self,
        turn_id: i64,
        feedback: &Feedback,
    ) -> Result<(), StoreError> {
        let usage = feedback.usage.unwrap_or_default();
        let mut transaction = self.pool().begin().await?;
        sqlx::query(
            "UPDATE turns SET feedback_json = ?, score = ?, coach_engine = ?, input_tokens = ?,
                 output_tokens = ?, cost_usd = ?
             WHERE id = ?",
        )
        .bind(serde_json::to_string(feedback).map_err(decode)?)
        .bind(i64::from(feedback.score))
        .bind(&feedback.engine)
        .bind(i64::from(usage.input_tokens))
        .bind(i64::from(usage.output_tokens))
        .bind(usage.estimated_cost_usd)
        .bind(turn_id)
        .execute(&mut *transaction)
        .await?;
        sqlx::query("DELETE FROM coaching_queue WHERE turn_id = ?")
            .bind(turn_id)
            .execute(&mut *transaction)
            .await?;
        transaction.commit().await?;
        Ok(())
    }

    /// The cloud coach's tokens and estimated cost over one session's turns, or all turns.
    pub async fn usage(&self, session_id: Option<&str>) -> Result<TokenUsage, StoreError> {
        let row = sqlx::query(
            "SELECT COALESCE(SUM(input_tokens), 0) AS input_tokens,
                    COALESCE(SUM(output_tokens), 0) AS output_tokens,
                    COALESCE(SUM(cost_usd), 0.0) AS cost_usd
             FROM turns WHERE ?1 IS NULL OR session_id = ?1",
        )
        .bind(session_id)
        .fetch_one(self.pool())
        .await?;
        Ok(TokenUsage {
            input_tokens: row.try_get::<i64, _>("input_tokens")?.max(0) as u32,
            output_tokens: row.try_get::<i64, _>("output_tokens")?.max(0) as u32,
            estimated_cost_usd: row.try_get("cost_usd")?,
        })
    }
}
