use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use aira_audio::{Player, read_wav};
use aira_core::ports::{PortFuture, SpeakError, Speaker};
use tokio::process::Command;

/// espeak-ng synthesizes to a WAV file (its `--stdout` header declares no length, which
/// strict readers refuse); Aira plays it through its own playback thread,
/// so it can stop the voice the moment the user starts answering.
pub struct EspeakSpeaker {
    program: String,
    voice: String,
    words_per_minute: u32,
    player: Arc<Player>,
    available: bool,
    turns: SpeechTurns,
}

/// Which phrase may still start playing. Synthesis takes a moment; a phrase whose turn has
/// passed by the time it is ready (a newer phrase began, or speech was stopped because the
/// user started answering) is dropped instead of talking over the answer.
#[derive(Debug, Default)]
struct SpeechTurns {
    current: AtomicU64,
}

impl SpeechTurns {
    /// Starts a new phrase, passing the turn of any phrase still being prepared.
    fn begin(&self) -> u64 {
        self.current.fetch_add(1, Ordering::AcqRel) + 1
    }

    fn cancel_all(&self) {
        self.current.fetch_add(1, Ordering::AcqRel);
    }

    fn is_current(&self, turn: u64) -> bool {
        self.current.load(Ordering::Acquire) == turn
    }
}

impl EspeakSpeaker {
    pub fn new(player: Arc<Player>) -> Self {
        let program = "espeak-ng".to_owned();
        let available = std::process::Command::new(&program)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success());
        if !available {
            tracing::warn!(
                "espeak-ng was not found; questions and feedback will be shown, not spoken"
            );
        }
        Self {
            program,
            voice: "en-us".into(),
            words_per_minute: 165,
            player,
            available,
            turns: SpeechTurns::default(),
        }
    }

    /// Synthesizes `text` to mono samples and their sample rate.
    pub async fn synthesize(&self, text: &str) -> Result<(Vec<f32>, u32), SpeakError> {
        if !self.available {
            return Err(SpeakError::Unavailable("espeak-ng is not installed".into()));
        }
        let file = tempfile::Builder::new()
            .prefix("aira-voice-")
            .suffix(".wav")
            .tempfile()
            .map_err(|error| {
                SpeakError::Failed(format!("no temporary file for speech: {error}"))
            })?;
        let output = Command::new(&self.program)
            .args([
                "-v",
                &self.voice,
                "-s",
                &self.words_per_minute.to_string(),
                "-w",
            ])
            .arg(file.path())
            .arg("--")
            .arg(text)
            .kill_on_drop(true)
            .output()
            .await
            .map_err(|error| SpeakError::Failed(format!("could not run espeak-ng: {error}")))?;
        if !output.status.success() {
            return Err(SpeakError::Failed(
                String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            ));
        }
        read_wav(file.path()).map_err(|error| SpeakError::Failed(error.to_string()))
    }
}

impl Speaker for EspeakSpeaker {
    fn is_available(&self) -> bool {
        self.available
    }

    fn speak(&self, text: String) -> PortFuture<'_, (), SpeakError> {
        Box::pin(async move {
            let turn = self.turns.begin();
            if text.trim().is_empty() {
                return Ok(());
            }
            let (samples, sample_rate) = self.synthesize(&text).await?;
            if !self.turns.is_current(turn) {
                return Ok(());
            }
            let player = Arc::clone(&self.player);
            tokio::task::spawn_blocking(move || {
                let finished = player
                    .play(samples, sample_rate)
                    .map_err(|error| SpeakError::Unavailable(error.to_string()))?;
                // Ends when the sound finishes or is replaced or stopped (the sender is dropped).
                finished.recv().ok();
                Ok(())
            })
            .await
            .map_err(|error| SpeakError::Failed(error.to_string()))?
        })
    }

    fn stop(&self) {
        self.turns.cancel_all();
        self.player.stop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_still_being_prepared_loses_its_turn_to_a_newer_one_or_a_stop() {
        let turns = SpeechTurns::default();
        let question = turns.begin();
        assert!(turns.is_current(question));
        let feedback = turns.begin();
        assert!(
            !turns.is_current(question),
            "an older phrase must not play after a newer one"
        );
        assert!(turns.is_current(feedback));
        turns.cancel_all();
        assert!(
            !turns.is_current(feedback),
            "nothing prepared before a stop may play after it"
        );
    }

    #[tokio::test]
    async fn espeak_synthesizes_audible_speech() {
        let player = Arc::new(Player::spawn().unwrap_or_else(|error| panic!("{error}")));
        let speaker = EspeakSpeaker::new(player);
        assert!(
            speaker.is_available(),
            "espeak-ng must be installed for the tests"
        );
        let (samples, rate) = speaker
            .synthesize("Tell me about yourself.")
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        let seconds = samples.len() as f32 / rate as f32;
        assert!((0.8..5.0).contains(&seconds), "{seconds} s of speech");
        assert!(aira_audio::Level::of(&samples).rms > 0.02);
    }
}
