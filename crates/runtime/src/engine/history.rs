//! The user's history and data: turns and sessions listed and shown, exported and
//! imported, recordings expired by the retention chosen, sessions or everything deleted.

use std::path::Path;

use aira_protocol::TurnSummary;

use super::Engine;
use crate::error::RuntimeError;

impl Engine {
    pub async fn history(&self, limit: u32) -> Result<Vec<TurnSummary>, RuntimeError> {
        Ok(self.store.history(limit).await?)
    }

    /// One page of sessions, newest first.
    pub async fn sessions(
        &self,
        filter: &aira_store::SessionFilter,
        offset: u32,
        limit: u32,
    ) -> Result<Vec<aira_store::SessionSummary>, RuntimeError> {
        Ok(self.store.sessions(filter, offset, limit).await?)
    }

    pub async fn session(&self, id: &str) -> Result<aira_store::SessionDetail, RuntimeError> {
        self.store
            .session(id)
            .await?
            .ok_or_else(|| RuntimeError::UnknownSession(id.to_owned()))
    }

    /// Adds the sessions of a JSON export at `path` (those already here are skipped).
    pub async fn import_history(&self, path: &Path) -> Result<aira_store::Moved, RuntimeError> {
        let data = tokio::fs::read(path)
            .await
            .map_err(|source| RuntimeError::File {
                path: path.display().to_string(),
                source,
            })?;
        Ok(self.store.import(&data).await?)
    }

    /// Deletes recordings of coached answers older than the retention the user chose (30
    /// days unless changed); returns how many went. Transcripts and feedback stay.
    pub async fn clean_expired_audio(&self) -> Result<usize, RuntimeError> {
        let Some(days) = self.preferences.get().audio_retention_days else {
            return Ok(0);
        };
        let cutoff = time::OffsetDateTime::now_utc() - time::Duration::days(i64::from(days));
        let before = cutoff
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(|error| RuntimeError::Internal(error.to_string()))?;
        let expired = self.store.audio_older_than(&before).await?;
        let mut removed = Vec::with_capacity(expired.len());
        for (id, path) in expired {
            match std::fs::remove_file(&path) {
                Ok(()) => removed.push(id),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => removed.push(id),
                Err(error) => {
                    tracing::warn!(%error, path, "an expired recording could not be removed")
                }
            }
        }
        self.store.forget_audio(&removed).await?;
        if !removed.is_empty() {
            tracing::info!(removed = removed.len(), days, "expired recordings removed");
        }
        Ok(removed.len())
    }

    /// Deletes a session, its turns and their recorded audio.
    pub async fn delete_session(&self, id: &str) -> Result<aira_store::Deleted, RuntimeError> {
        let deleted = self.store.delete_session(id).await?;
        if deleted.sessions == 0 {
            return Err(RuntimeError::UnknownSession(id.to_owned()));
        }
        remove_audio(&deleted.audio_paths);
        Ok(deleted)
    }

    /// Deletes every session, turn and recorded answer, and the speech kept for reuse.
    pub async fn delete_all_data(&self) -> Result<aira_store::Deleted, RuntimeError> {
        let deleted = self.store.delete_everything().await?;
        remove_audio(&deleted.audio_paths);
        if let Some(cache) = self.speaker.cache()
            && let Err(error) = cache.clear()
        {
            tracing::warn!(%error, "the speech cache could not be cleared");
        }
        Ok(deleted)
    }
}

/// Removes recorded answers whose rows are gone; one already missing is no error.
fn remove_audio(paths: &[String]) {
    for path in paths {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(%error, path, "a recorded answer could not be removed"),
        }
    }
}
