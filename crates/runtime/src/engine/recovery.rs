//! After a crash or a killed process: answers recorded but never saved are saved, answers
//! saved but never coached are coached, and sessions left behind are offered to go on
//! with. Only work of sessions no running process holds is touched (see `session_lock`),
//! so an app and a CLI running side by side never take each other's answers.

use std::sync::Arc;

use aira_core::Question;
use aira_protocol::AnswerSource;
use aira_store::{NewTurn, SessionSummary, UnfinishedTurn};
use serde::Serialize;

use super::coaching::typed_transcript;
use super::{Engine, RecordedTurn, decode, now_rfc3339};
use crate::error::RuntimeError;
use crate::live::transcribe_in_pieces;
use crate::recording_journal;
use crate::session_lock;

/// What [`Engine::recover`] did, and what it leaves for the user to choose.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Recovery {
    /// Answers cut off while being recorded, saved from their journals.
    pub recordings_saved: u32,
    /// Answers saved but never coached, now coached.
    pub answers_coached: u32,
    /// Answers that could not be coached now (kept, with the reason, as failed turns).
    pub answers_failed: u32,
    /// Sessions left behind, newest first: the user may go on with one.
    pub unfinished_sessions: Vec<SessionSummary>,
}

/// Replaces a damaged history file with an empty one after copying it aside; returns the
/// copy, or `None` if the history could be read (it is then left as it is).
pub async fn start_afresh(
    settings: &crate::Settings,
) -> Result<Option<std::path::PathBuf>, RuntimeError> {
    let (store, backup) = aira_store::Store::start_afresh(&settings.database_path()).await?;
    store.close().await;
    Ok(backup)
}

impl Engine {
    /// Sessions a crash or a kill left active, newest first (not this one, and none that
    /// another running app or CLI holds).
    pub async fn unfinished_sessions(&self) -> Result<Vec<SessionSummary>, RuntimeError> {
        self.left_behind(false).await
    }

    /// Active sessions no running process holds, of this profile or of every profile.
    async fn left_behind(&self, every_profile: bool) -> Result<Vec<SessionSummary>, RuntimeError> {
        let own = self.session_id();
        Ok(self
            .store
            .active_sessions(every_profile)
            .await?
            .into_iter()
            .filter(|session| {
                session.id != own && !session_lock::is_running(&self.settings.data_dir, &session.id)
            })
            .collect())
    }

    /// Saves recordings cut off mid-answer and coaches answers left uncoached, oldest
    /// first. Safe to run again: a finished step is not repeated.
    pub async fn recover(&self) -> Result<Recovery, RuntimeError> {
        let _recovering = self.recovering.lock().await;
        let mut recovery = Recovery {
            recordings_saved: self.save_left_behind_recordings().await?,
            ..Recovery::default()
        };
        // Answers are coached whoever gave them; only this profile's sessions are offered.
        let sessions = self.left_behind(true).await?;
        for session in &sessions {
            for turn in self.store.unfinished_turns(&session.id).await? {
                let id = turn.id;
                match self.finish_unfinished_turn(turn).await {
                    Ok(()) => recovery.answers_coached += 1,
                    Err(error) => {
                        tracing::warn!(%error, turn = id, "an answer left uncoached could not be coached");
                        recovery.answers_failed += 1;
                    }
                }
            }
        }
        recovery.unfinished_sessions = self.unfinished_sessions().await?;
        if recovery != Recovery::default() {
            tracing::info!(?recovery, "recovered what an earlier run left unfinished");
        }
        Ok(recovery)
    }

    /// Goes on with a session left behind: later answers are saved to it.
    pub async fn continue_session(&self, id: &str) -> Result<(), RuntimeError> {
        if !self
            .unfinished_sessions()
            .await?
            .iter()
            .any(|session| session.id == id)
        {
            return Err(RuntimeError::UnknownSession(id.to_owned()));
        }
        let taken = crate::session_lock::SessionLock::take(&self.settings.data_dir, id).map_err(
            |source| RuntimeError::File {
                path: format!("the lock of session {id}"),
                source,
            },
        )?;
        self.store.reopen_session(id).await?;
        // This run's own session has no answers yet if the user chose at the start; if it
        // has, it ends here.
        self.switch_session(id.to_owned(), Some(taken)).await
    }

    /// Ends a session left behind without going on with it (it stays in History).
    pub async fn set_aside_session(&self, id: &str) -> Result<(), RuntimeError> {
        if session_lock::is_running(&self.settings.data_dir, id) {
            return Err(RuntimeError::UnknownSession(id.to_owned()));
        }
        self.store.abandon_session(id, &now_rfc3339()).await?;
        Ok(())
    }

    /// Journals of recordings whose process died: each becomes a WAV and a `recorded`
    /// turn of its session, then the journal goes.
    async fn save_left_behind_recordings(&self) -> Result<u32, RuntimeError> {
        let folder = self.settings.unsaved_recordings_dir();
        let mut saved = 0;
        for (entry, pcm) in recording_journal::left_behind(&folder) {
            if session_lock::is_running(&self.settings.data_dir, &entry.session_id) {
                continue;
            }
            let samples = tokio::task::spawn_blocking({
                let pcm = pcm.clone();
                move || recording_journal::read_samples(&pcm)
            })
            .await?
            .map_err(|source| RuntimeError::File {
                path: pcm.display().to_string(),
                source,
            })?;
            if !samples.is_empty() {
                let audio_path = self.settings.audio_dir().join(format!("{}.wav", entry.id));
                let audio = audio_path.display().to_string();
                // A recovery cut off after the row was written must not save it twice.
                if !self.store.has_turn_with_audio(&audio).await? {
                    let target = audio_path.clone();
                    tokio::task::spawn_blocking(move || {
                        aira_audio::write_wav_mono_16k(&target, &samples)
                    })
                    .await??;
                    self.store
                        .insert_recorded_turn(NewTurn {
                            created_at: &entry.created_at,
                            session_id: &entry.session_id,
                            question: &entry.question,
                            source: AnswerSource::Microphone,
                            audio_path: &audio,
                            typed_text: None,
                        })
                        .await?;
                    saved += 1;
                }
            }
            recording_journal::discard(&folder, &entry.id);
        }
        Ok(saved)
    }

    /// Transcribes (unless typed), coaches and saves a turn left at `recorded`.
    async fn finish_unfinished_turn(&self, turn: UnfinishedTurn) -> Result<(), RuntimeError> {
        let question = self
            .bank
            .get(&turn.question.id)
            .cloned()
            .unwrap_or_else(|| Question::custom(&turn.question.text));
        let recorded = RecordedTurn {
            id: turn.id,
            source: turn.source,
            audio_path: turn.audio_path.clone(),
        };
        let transcript = match &turn.typed_text {
            Some(text) => Ok(typed_transcript(text).answered_by("typed")),
            None => match decode(std::path::Path::new(&turn.audio_path)).await {
                Ok(samples) => {
                    let prompt = Some(question.transcription_prompt());
                    transcribe_in_pieces(Arc::clone(&self.transcriber), samples, prompt)
                        .await
                        .map_err(RuntimeError::from)
                }
                Err(error) => Err(error),
            },
        };
        self.complete_turn(&question, recorded, transcript, None)
            .await
            .map(|_| ())
    }
}
