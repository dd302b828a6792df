//! Sessions: the History list (newest first, filtered, a page at a time), one session with
//! its turns, and deletion (a session, or everything) that hands back the audio files to
//! remove.

pub use aira_protocol::{Deleted, SessionDetail, SessionFilter, SessionSummary};
use sqlx::Row;

use crate::turns::summary_from_row;
use crate::{Store, StoreError};

/// The profile everyone uses until profiles can be chosen.
pub const DEFAULT_PROFILE: i64 = 1;

/// Sessions (`s`, from the table or a page of it) with their turn counts, average score and
/// roles; the caller adds `WHERE`, `GROUP BY` and the rest.
pub(crate) const SESSION_COLUMNS: &str = "SELECT s.id, s.started_at, s.ended_at, s.status,
        COUNT(t.id) AS turn_count, AVG(t.score) AS average_score,
        GROUP_CONCAT(DISTINCT json_extract(t.question_json, '$.role')) AS roles";

impl Store {
    /// Marks a session finished (the app or CLI closed normally).
    pub async fn finish_session(&self, id: &str, ended_at: &str) -> Result<(), StoreError> {
        sqlx::query("UPDATE sessions SET status = 'finished', ended_at = ? WHERE id = ?")
            .bind(ended_at)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// One page of the History list, newest first.
    pub async fn sessions(
        &self,
        filter: &SessionFilter,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<SessionSummary>, StoreError> {
        let mut conditions = vec!["s.profile_id = ?".to_owned()];
        let mut texts: Vec<String> = Vec::new();
        if filter.since.is_some() {
            conditions.push("s.started_at >= ?".into());
        }
        if filter.until.is_some() {
            conditions.push("s.started_at <= ?".into());
        }
        if filter.role.is_some() {
            conditions.push(
                "EXISTS (SELECT 1 FROM turns r WHERE r.session_id = s.id
                         AND json_extract(r.question_json, '$.role') = ?)"
                    .into(),
            );
        }
        if let Some(search) = &filter.search {
            conditions.push(
                "EXISTS (SELECT 1 FROM turns w WHERE w.session_id = s.id
                         AND (json_extract(w.question_json, '$.text') LIKE ? ESCAPE '\\' OR w.transcript LIKE ? ESCAPE '\\'))"
                    .into(),
            );
            let escaped = search
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            texts.push(format!("%{escaped}%"));
        }
        if filter.min_score.is_some() {
            conditions.push("s.average_score >= ?".into());
        }
        if filter.max_score.is_some() {
            conditions.push("s.average_score <= ?".into());
        }
        let conditions = conditions.join(" AND ");
        // The page is chosen on the sessions index first (the average score is kept in the
        // session's row); only its sessions' turns are grouped, so the first page costs the
        // same with ten or ten thousand sessions.
        let sql = format!(
            "WITH s AS (SELECT * FROM sessions s WHERE {conditions}
                        ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?)
             {SESSION_COLUMNS} FROM s LEFT JOIN turns t ON t.session_id = s.id
             GROUP BY s.id ORDER BY s.started_at DESC, s.id DESC"
        );
        let mut query = sqlx::query(&sql).bind(self.profile());
        if let Some(since) = &filter.since {
            query = query.bind(since);
        }
        if let Some(until) = &filter.until {
            query = query.bind(until);
        }
        if let Some(role) = &filter.role {
            query = query.bind(role);
        }
        for text in &texts {
            query = query.bind(text).bind(text);
        }
        if let Some(score) = filter.min_score {
            query = query.bind(score);
        }
        if let Some(score) = filter.max_score {
            query = query.bind(score);
        }
        let rows = query
            .bind(i64::from(limit))
            .bind(i64::from(offset))
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(session_from_row).collect()
    }

    /// A session and its turns, or `None` if there is no such session.
    pub async fn session(&self, id: &str) -> Result<Option<SessionDetail>, StoreError> {
        let row = sqlx::query(&format!(
            "{SESSION_COLUMNS} FROM sessions s LEFT JOIN turns t ON t.session_id = s.id
             WHERE s.id = ? AND s.profile_id = ? GROUP BY s.id"
        ))
        .bind(id)
        .bind(self.profile())
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let session = session_from_row(&row)?;
        let turns = sqlx::query(
            "SELECT id, created_at, question_id, question_json, status, score, metrics_json, transcript, error
             FROM turns WHERE session_id = ? ORDER BY created_at, id",
        )
        .bind(id)
        .fetch_all(self.pool())
        .await?
        .iter()
        .map(summary_from_row)
        .collect::<Result<_, _>>()?;
        Ok(Some(SessionDetail { session, turns }))
    }

    /// Deletes a session and its turns (and their places in the coaching queue) in one
    /// transaction; returns the audio files the turns kept.
    pub async fn delete_session(&self, id: &str) -> Result<Deleted, StoreError> {
        self.delete(Some(id)).await
    }

    /// Deletes every session and turn; returns the audio files they kept.
    pub async fn delete_everything(&self) -> Result<Deleted, StoreError> {
        self.delete(None).await
    }

    /// Deletes one session (`Some`) or all of them (`None`), with their turns.
    async fn delete(&self, session: Option<&str>) -> Result<Deleted, StoreError> {
        let mut transaction = self.pool().begin().await?;
        let profile = self.profile();
        let audio_paths = audio_paths(&mut transaction, session, profile).await?;
        // Only this profile's: another person's history on the same computer stays.
        let turns = sqlx::query(
            "DELETE FROM turns WHERE (?1 IS NULL OR session_id = ?1)
                 AND session_id IN (SELECT id FROM sessions WHERE profile_id = ?2)",
        )
        .bind(session)
        .bind(profile)
        .execute(&mut *transaction)
        .await?
        .rows_affected();
        let sessions =
            sqlx::query("DELETE FROM sessions WHERE (?1 IS NULL OR id = ?1) AND profile_id = ?2")
                .bind(session)
                .bind(profile)
                .execute(&mut *transaction)
                .await?
                .rows_affected();
        transaction.commit().await?;
        Ok(Deleted {
            sessions,
            turns,
            audio_paths,
        })
    }
}

impl Store {
    /// Recordings of coached answers saved before `before` (RFC 3339): (turn id, path).
    /// Answers not yet coached keep theirs: a retry needs it.
    pub async fn audio_older_than(&self, before: &str) -> Result<Vec<(i64, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, audio_path FROM turns
             WHERE audio_path <> '' AND status = 'coached' AND created_at < ?",
        )
        .bind(before)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("audio_path")?)))
            .collect()
    }

    /// Records that these turns' recordings are gone; transcripts and feedback stay.
    pub async fn forget_audio(&self, turn_ids: &[i64]) -> Result<(), StoreError> {
        let mut transaction = self.pool().begin().await?;
        for id in turn_ids {
            sqlx::query("UPDATE turns SET audio_path = '' WHERE id = ?")
                .bind(id)
                .execute(&mut *transaction)
                .await?;
        }
        transaction.commit().await?;
        Ok(())
    }
}

async fn audio_paths(
    transaction: &mut sqlx::SqliteConnection,
    session: Option<&str>,
    profile: i64,
) -> Result<Vec<String>, StoreError> {
    let rows = sqlx::query(
        "SELECT audio_path FROM turns WHERE audio_path <> '' AND (?1 IS NULL OR session_id = ?1)
             AND session_id IN (SELECT id FROM sessions WHERE profile_id = ?2)",
    )
    .bind(session)
    .bind(profile)
    .fetch_all(&mut *transaction)
    .await?;
    rows.iter()
        .map(|row| row.try_get("audio_path").map_err(StoreError::from))
        .collect()
}

pub(crate) fn session_from_row(
    row: &sqlx::sqlite::SqliteRow,
) -> Result<SessionSummary, StoreError> {
    let count: i64 = row.try_get("turn_count")?;
    let average: Option<f64> = row.try_get("average_score")?;
    let roles: Option<String> = row.try_get("roles")?;
    Ok(SessionSummary {
        id: row.try_get("id")?,
        started_at: row.try_get("started_at")?,
        ended_at: row.try_get("ended_at")?,
        status: row.try_get("status")?,
        turns: u32::try_from(count).unwrap_or(u32::MAX),
        average_score: average.map(|average| average as f32),
        roles: roles
            .map(|roles| roles.split(',').map(str::to_owned).collect())
            .unwrap_or_default(),
    })
}
