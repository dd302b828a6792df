//! Progress over time: each session's coached answers averaged in SQL (json_extract over
//! the saved metrics), the most recent sessions, returned oldest first for the charts.

use aira_protocol::{ProgressFilter, SessionProgress};
use sqlx::Row;

use crate::{Store, StoreError};

/// The answers a filter keeps, over turns aliased `t`: coached ones of the role and kind
/// asked for (`?2`, `?3`; NULL keeps every one).
const KEPT_ANSWER: &str = "t.status = 'coached'
    AND (?2 IS NULL OR json_extract(t.question_json, '$.role') = ?2)
    AND (?3 IS NULL OR json_extract(t.question_json, '$.kind') = ?3)";

impl Store {
    /// Per-session figures of the `limit` most recent sessions with an answer the filter
    /// keeps, oldest first. Pace and pauses count spoken answers only: a typed answer
    /// has neither.
    pub async fn progress(
        &self,
        filter: &ProgressFilter,
        limit: u32,
    ) -> Result<Vec<SessionProgress>, StoreError> {
        let sql = format!(
            "WITH chosen AS (
                 SELECT s.id, s.started_at FROM sessions s
                 WHERE s.profile_id = ?1
                   AND EXISTS (SELECT 1 FROM turns t WHERE t.session_id = s.id AND {KEPT_ANSWER})
                 ORDER BY s.started_at DESC, s.id DESC LIMIT ?4)
             SELECT chosen.id, chosen.started_at,
                 COUNT(t.id) AS answers,
                 AVG(t.score) AS average_score,
                 AVG(CASE WHEN t.source <> 'typed'
                          THEN json_extract(t.metrics_json, '$.words_per_minute') END)
                     AS words_per_minute,
                 100.0 * SUM(json_extract(t.metrics_json, '$.filler_count'))
                     / NULLIF(SUM(json_extract(t.metrics_json, '$.word_count')), 0)
                     AS fillers_per_100_words,
                 AVG(CASE WHEN t.source <> 'typed'
                          THEN json_extract(t.metrics_json, '$.long_pauses') END)
                     AS long_pauses
             FROM chosen JOIN turns t ON t.session_id = chosen.id AND {KEPT_ANSWER}
             GROUP BY chosen.id
             ORDER BY chosen.started_at, chosen.id"
        );
        let rows = sqlx::query(&sql)
            .bind(self.profile())
            .bind(filter.role.as_deref())
            .bind(filter.kind.as_deref())
            .bind(i64::from(limit))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(progress_from_row).collect()
    }
}

fn progress_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<SessionProgress, StoreError> {
    let figure = |name: &str| -> Result<Option<f32>, StoreError> {
        Ok(row
            .try_get::<Option<f64>, _>(name)?
            .map(|value| value as f32))
    };
    let answers: i64 = row.try_get("answers")?;
    Ok(SessionProgress {
        session_id: row.try_get("id")?,
        started_at: row.try_get("started_at")?,
        answers: u32::try_from(answers).unwrap_or(u32::MAX),
        average_score: figure("average_score")?,
        words_per_minute: figure("words_per_minute")?,
        fillers_per_100_words: figure("fillers_per_100_words")?,
        long_pauses: figure("long_pauses")?,
    })
}
