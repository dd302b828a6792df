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

/// At most this many sessions are charted: enough to see a trend, few enough to draw.
const PROGRESS_SESSIONS: u32 = 100;

impl Engine {
    /// One page of sessions, newest first, and whether another page follows.
    pub async fn sessions_page(
        &self,
        filter: &aira_store::SessionFilter,
        offset: u32,
        limit: u32,
    ) -> Result<aira_protocol::SessionsOutput, RuntimeError> {
        // One more than asked tells whether there is another page without counting them all.
        let mut sessions = self
            .store
            .sessions(filter, offset, limit.saturating_add(1))
            .await?;
        let has_more = sessions.len() > limit as usize;
        sessions.truncate(limit as usize);
        Ok(aira_protocol::SessionsOutput { sessions, has_more })
    }

    /// A session with each turn's question, feedback, figures and whether its recording
    /// is kept.
    pub async fn session_view(
        &self,
        id: &str,
    ) -> Result<aira_protocol::SessionOutput, RuntimeError> {
        let detail = self.session(id).await?;
        let turns = self.store.session_turns(id).await?;
        Ok(aira_protocol::SessionOutput {
            session: detail.session,
            turns,
        })
    }

    /// Per-session figures of the most recent sessions, oldest first, for the charts.
    pub async fn progress(
        &self,
        filter: &aira_protocol::ProgressFilter,
    ) -> Result<Vec<aira_protocol::SessionProgress>, RuntimeError> {
        Ok(self.store.progress(filter, PROGRESS_SESSIONS).await?)
    }

    /// The roles and kinds of the bank's questions, sorted, for the filters.
    pub fn question_categories(&self) -> aira_protocol::QuestionCategoriesOutput {
        let mut roles: Vec<String> = self
            .questions()
            .iter()
            .map(|question| question.role.clone())
            .collect();
        roles.sort();
        roles.dedup();
        let mut kinds: Vec<String> = self
            .questions()
            .iter()
            .map(|question| question.kind.clone())
            .collect();
        kinds.sort();
        kinds.dedup();
        let mut levels: Vec<String> = self
            .questions()
            .iter()
            .map(|question| question.level.clone())
            .collect();
        levels.sort();
        levels.dedup();
        aira_protocol::QuestionCategoriesOutput {
            roles,
            kinds,
            levels,
        }
    }

    /// Starts playing a turn's recorded answer through the player the voice uses, so
    /// [`Engine::stop_speaking`] stops it and the two never talk over each other. Returns
    /// its length, or `None` when the turn kept no recording (typed, or removed by the
    /// retention period).
    pub async fn play_recording(&self, turn_id: i64) -> Result<Option<f32>, RuntimeError> {
        let Some(path) = self.store.turn_recording(turn_id).await? else {
            return Ok(None);
        };
        let samples = super::decode(Path::new(&path)).await?;
        let seconds = samples.len() as f32 / aira_audio::SPEECH_SAMPLE_RATE as f32;
        self.stop_speaking();
        let player = std::sync::Arc::clone(&self.player);
        // Starting playback waits on the player's thread; its end is not waited for.
        tokio::task::spawn_blocking(move || {
            player
                .play(samples, aira_audio::SPEECH_SAMPLE_RATE)
                .map(|_finished| ())
        })
        .await
        .map_err(|error| RuntimeError::Internal(error.to_string()))?
        .map_err(|error| match error {
            // Said as "no speaker", as when the voice cannot play.
            aira_audio::AudioError::NoOutput(reason) => {
                RuntimeError::Speak(aira_core::ports::SpeakError::NoOutput(reason))
            }
            other => RuntimeError::Audio(other),
        })?;
        Ok(Some(seconds))
    }
}
