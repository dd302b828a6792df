//! Voice commands in voice-only mode: after the earcon, a few seconds of the microphone,
//! transcribed on this computer (whisper, whatever engine answers go to) and matched against
//! the phrases of the user's language.

use std::sync::Arc;
use std::time::{Duration, Instant};

use aira_audio::{CaptureEvent, Earcon, VoiceActivityDetector};
use aira_core::ports::{Transcriber, TranscriptionOptions};
use aira_protocol::VoiceCommandOutput;

use super::{Engine, play_and_wait};
use crate::error::RuntimeError;

/// The longest a command is listened for.
const LISTEN_AT_MOST: Duration = Duration::from_secs(5);
/// Quiet after speech that ends the command early.
const QUIET_AFTER_SPEECH: Duration = Duration::from_millis(900);

impl Engine {
    /// Listens for one spoken command and says what it was, or `action: None` with the
    /// words heard when it was none (the caller says "I did not catch that").
    /// `on_listening` is called once the microphone delivers sound, which on a busy machine
    /// can be a second after it is opened: only then is "listening" true.
    pub async fn listen_for_command(
        &self,
        on_listening: impl FnOnce() + Send + 'static,
    ) -> Result<VoiceCommandOutput, RuntimeError> {
        if super::lock(&self.live).is_some() {
            return Err(aira_audio::AudioError::AlreadyRecording.into());
        }
        self.stop_speaking();
        play_and_wait(&self.player, Earcon::RecordingStarted).await;
        let (sender, mut events) = tokio::sync::mpsc::unbounded_channel();
        let mut on_listening = Some(on_listening);
        let callback = Box::new(move |event: CaptureEvent| {
            if let Some(tell) = on_listening.take() {
                tell();
            }
            if sender.send(event).is_err() {
                // Listening has ended; later sound has nowhere to go.
            }
        });
        let recorder = Arc::clone(&self.recorder);
        let device = self.preferences().input_device;
        tokio::task::spawn_blocking(move || recorder.start(device, callback)).await??;

        // Counted from the first sound, not from the opening; a microphone that sends
        // nothing at all is given up on.
        let first = tokio::time::timeout(LISTEN_AT_MOST, events.recv())
            .await
            .ok()
            .flatten();
        let sound_arrived = first.is_some();
        let started = Instant::now();
        let mut last_speech: Option<Instant> = None;
        // The same detector that ends answers on a pause.
        let mut detector = VoiceActivityDetector::default();
        let mut loudest = 0.0_f32;
        let mut pending = first;
        while sound_arrived && started.elapsed() < LISTEN_AT_MOST {
            let left = LISTEN_AT_MOST.saturating_sub(started.elapsed());
            let next = match pending.take() {
                Some(event) => Ok(Some(event)),
                None => tokio::time::timeout(left, events.recv()).await,
            };
            match next {
                Ok(Some(CaptureEvent::Audio { samples, level, .. })) => {
                    loudest = loudest.max(level.rms);
                    if detector.push(&samples).into_iter().any(|speech| speech) {
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

        let seconds = recording.samples.len() as f32 / 16_000.0;
        let catalog = self.catalog();
        // Nothing said (by the detector's judgement) is nothing heard: whisper is not asked,
        // as on silence it can invent words.
        let heard = if last_speech.is_some() {
            // Said in the user's language: a multilingual model hears it as such (tiny.en,
            // the default, hears English, whose phrases always work).
            let language = aira_core::i18n::primary_language(
                self.preferences().language.as_deref().unwrap_or("en"),
            );
            let options = TranscriptionOptions {
                prompt: Some(aira_core::voice_commands::prompt(catalog)),
                cancel: None,
                waiting: true,
                language_hint: Some(language).filter(|language| language != "en"),
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
        tracing::info!(heard = %heard, ?action, loudest, seconds, "voice command");
        Ok(VoiceCommandOutput { heard, action })
    }
}
