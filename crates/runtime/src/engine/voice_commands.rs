//! Voice commands in voice-only mode: after the earcon, a few seconds of the microphone,
//! transcribed on this computer (whisper, whatever engine answers go to) and matched against
//! the phrases of the user's language.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aira_audio::{CaptureEvent, Earcon};
use aira_core::ports::{Transcriber, TranscriptionOptions};
use aira_protocol::VoiceCommandOutput;

use super::{Engine, play_and_wait};
use crate::error::RuntimeError;

/// The longest a command is listened for.
const LISTEN_AT_MOST: Duration = Duration::from_secs(5);
/// Quiet after speech that ends the command early.
const QUIET_AFTER_SPEECH: Duration = Duration::from_millis(900);
/// Loudness (RMS) above which a block counts as speech; the answer recording's voice
/// activity detection is overkill for two words.
const SPEECH_RMS: f32 = 0.02;

impl Engine {
    /// Listens for one spoken command and says what it was, or `action: None` with the
    /// words heard when it was none (the caller says "I did not catch that").
    pub async fn listen_for_command(&self) -> Result<VoiceCommandOutput, RuntimeError> {
        if super::lock(&self.live).is_some() {
            return Err(aira_audio::AudioError::AlreadyRecording.into());
        }
        self.stop_speaking();
        play_and_wait(&self.player, Earcon::RecordingStarted).await;
        let (sender, mut events) = tokio::sync::mpsc::unbounded_channel();
        let callback = Box::new(move |event: CaptureEvent| {
            let _ = sender.send(event);
        });
        let recorder = Arc::clone(&self.recorder);
        let device = self.preferences().input_device;
        tokio::task::spawn_blocking(move || recorder.start(device, callback)).await??;

        let started = Instant::now();
        let mut last_speech: Option<Instant> = None;
        while started.elapsed() < LISTEN_AT_MOST {
            let left = LISTEN_AT_MOST.saturating_sub(started.elapsed());
            match tokio::time::timeout(left, events.recv()).await {
                Ok(Some(CaptureEvent::Audio { level, .. })) => {
                    if level.rms >= SPEECH_RMS {
                        last_speech = Some(Instant::now());
                    } else if last_speech.is_some_and(|at| at.elapsed() >= QUIET_AFTER_SPEECH) {
                        break;
                    }
                }
                Ok(Some(_)) | Ok(None) | Err(_) => break,
            }
        }
        let recorder = Arc::clone(&self.recorder);
        let recording = tokio::task::spawn_blocking(move || recorder.stop()).await??;
        let player = Arc::clone(&self.player);
        self.runtime
            .spawn(async move { play_and_wait(&player, Earcon::RecordingStopped).await });

        let catalog = self.catalog();
        let heard = if last_speech.is_some() {
            let prompt = aira_protocol::InterviewAction::ALL
                .iter()
                .map(|action| catalog.get(&format!("voice_command.{}", action.as_str())))
                .collect::<Vec<_>>()
                .join(", ")
                .replace('|', ", ");
            let options = TranscriptionOptions {
                prompt: Some(prompt),
                cancel: None,
                waiting: true,
            };
            self.whisper
                .transcribe(recording.samples, options)
                .await
                .map(|transcript| transcript.text)
                .unwrap_or_default()
        } else {
            String::new()
        };
        let action = aira_core::voice_commands::recognise(&heard, catalog);
        tracing::info!(heard = %heard, ?action, "voice command");
        Ok(VoiceCommandOutput { heard, action })
    }
}
