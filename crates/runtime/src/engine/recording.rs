//! Answering by voice: the microphones, and one recording at a time — journalled to disk
//! as it is heard, transcribed while the user speaks, coached at the stop.

use std::sync::Arc;

use aira_audio::{Earcon, Recording};
use aira_core::Question;
use aira_core::ports::FeedbackProgress;
use aira_protocol::{
    AnswerSource, InputDeviceInfo, InputDevicesOutput, RecordingMode, RecordingUpdate,
    StartRecordingOutput, TurnResult,
};

use super::{Engine, lock, now_rfc3339, play_and_wait};
use crate::error::RuntimeError;
use crate::live::{LiveOptions, LiveSession, transcribe_in_pieces};
use crate::recording_journal::{JournalEntry, RecordingJournal};

impl Engine {
    /// The microphones present now, and the remembered choice.
    pub async fn input_devices(&self) -> Result<InputDevicesOutput, RuntimeError> {
        let recorder = Arc::clone(&self.recorder);
        let devices = tokio::task::spawn_blocking(move || recorder.devices()).await??;
        Ok(InputDevicesOutput {
            devices: devices
                .into_iter()
                .map(|device| InputDeviceInfo {
                    id: device.id,
                    name: device.name,
                    is_default: device.is_default,
                })
                .collect(),
            chosen: self.preferences().input_device,
        })
    }

    /// Opens the chosen microphone (the default if it is gone) for an answer to
    /// `question`, and transcribes while the user speaks. `on_update` receives levels about
    /// 20 times a second, the words so far, and the moments the front end should stop
    /// (silence in auto-stop mode, the length limit, a lost device).
    pub async fn start_recording(
        &self,
        question: &Question,
        on_update: impl FnMut(RecordingUpdate) + Send + 'static,
    ) -> Result<StartRecordingOutput, RuntimeError> {
        if lock(&self.live).is_some() {
            return Err(aira_audio::AudioError::AlreadyRecording.into());
        }
        // The question's voice must not end up in the answer; the earcon ends before the
        // microphone opens, so it does not either.
        self.stop_speaking();
        play_and_wait(&self.player, Earcon::RecordingStarted).await;
        let preferences = self.preferences();
        let mode = recording_mode(&preferences);
        let auto_stop_after_ms = (mode == RecordingMode::AutoStop)
            .then_some((preferences.auto_stop_silence_seconds * 1000.0) as u32);
        let (session, events) = LiveSession::start(
            Arc::clone(&self.transcriber),
            LiveOptions {
                prompt: Some(question.transcription_prompt()),
                auto_stop_after_ms,
            },
            Box::new(on_update),
        );
        let recorder = Arc::clone(&self.recorder);
        let mut journal = self.open_recording_journal(question);
        let callback = Box::new(move |event| {
            if let (Some(writer), aira_audio::CaptureEvent::Audio { samples, .. }) =
                (&mut journal, &event)
                && let Err(error) = writer.append(samples)
            {
                // The answer is still kept in memory and saved at the stop.
                tracing::warn!(%error, "the recording journal stopped; a crash now would lose this answer");
                journal = None;
            }
            if events.send(event).is_err() {
                tracing::debug!("live transcription ended before the recording");
            }
        });
        let device = preferences.input_device.clone();
        let opened = tokio::task::spawn_blocking(move || recorder.start(device, callback)).await?;
        match opened {
            Ok(device) => {
                *lock(&self.live) = Some(session);
                Ok(StartRecordingOutput { device, mode })
            }
            Err(error) => {
                session.cancel();
                self.discard_recording_journal();
                Err(error.into())
            }
        }
    }

    /// Starts writing the answer to disk as it is heard; without a journal (a read-only
    /// or full disk) recording still works, kept in memory until the stop.
    fn open_recording_journal(&self, question: &Question) -> Option<RecordingJournal> {
        let entry = JournalEntry {
            id: uuid::Uuid::new_v4().simple().to_string(),
            session_id: self.session_id(),
            created_at: now_rfc3339(),
            question: question.to_practice_question(),
        };
        match RecordingJournal::create(&self.settings.unsaved_recordings_dir(), &entry) {
            Ok(journal) => {
                *lock(&self.recording_journal) = Some(entry.id);
                Some(journal)
            }
            Err(error) => {
                tracing::warn!(%error, "the answer is not journalled to disk while recording");
                None
            }
        }
    }

    /// The recording's answer is saved (or was cancelled): its journal goes.
    fn discard_recording_journal(&self) {
        if let Some(id) = lock(&self.recording_journal).take() {
            crate::recording_journal::discard(&self.settings.unsaved_recordings_dir(), &id);
        }
    }

    pub async fn pause_recording(&self) -> Result<(), RuntimeError> {
        let recorder = Arc::clone(&self.recorder);
        Ok(tokio::task::spawn_blocking(move || recorder.pause()).await??)
    }

    pub async fn resume_recording(&self) -> Result<(), RuntimeError> {
        let recorder = Arc::clone(&self.recorder);
        Ok(tokio::task::spawn_blocking(move || recorder.resume()).await??)
    }

    /// Stops the microphone and coaches what was recorded as the answer to `question`.
    /// Most of the answer is transcribed already; only the words after the last pause
    /// are left.
    /// `progress` receives the feedback's text while a streaming coach writes it.
    pub async fn stop_recording(
        &self,
        question: &Question,
        progress: Option<FeedbackProgress<'_>>,
    ) -> Result<TurnResult, RuntimeError> {
        let recorder = Arc::clone(&self.recorder);
        let stopped = tokio::task::spawn_blocking(move || recorder.stop()).await?;
        let session = lock(&self.live).take();
        let recording: Recording = stopped?;
        let player = Arc::clone(&self.player);
        // By ear, a "thinking" sound follows, so silence is never mistaken for a hang.
        let thinking = self.preferences().voice_only;
        self.runtime.spawn(async move {
            play_and_wait(&player, Earcon::RecordingStopped).await;
            if thinking {
                play_and_wait(&player, Earcon::Thinking).await;
            }
        });
        if let Some(interruption) = &recording.interruption {
            tracing::warn!(device = %recording.device, %interruption, "the recording was cut short; keeping what was recorded");
        }
        let turn = self
            .record_turn(question, &recording.samples, AnswerSource::Microphone)
            .await?;
        // Saved as a WAV and a turn row: the journal written while recording is done with.
        self.discard_recording_journal();
        crate::crash_test_hold::hold_here_if_asked("transcribing").await;
        let transcript = match session {
            Some(session) => session.finish(recording.samples).await,
            None => {
                let prompt = Some(question.transcription_prompt());
                transcribe_in_pieces(Arc::clone(&self.transcriber), recording.samples, prompt).await
            }
        };
        self.complete_turn(
            question,
            turn,
            transcript.map_err(RuntimeError::from),
            progress,
        )
        .await
    }

    pub fn cancel_recording(&self) {
        self.recorder.cancel();
        self.discard_recording_journal();
        if let Some(session) = lock(&self.live).take() {
            session.cancel();
        }
    }
}

/// How an answer ends: in voice-only mode always by a pause in speech, since nobody may be
/// looking at a Stop button.
fn recording_mode(preferences: &aira_protocol::Preferences) -> RecordingMode {
    if preferences.voice_only {
        RecordingMode::AutoStop
    } else {
        preferences.recording_mode
    }
}
