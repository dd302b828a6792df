//! One piece of speech played to its end (or until stopped or replaced), telling the word
//! listener each word as it starts to be heard: the player's position, which stands still
//! while paused, decides.

use std::sync::Arc;
use std::time::Duration;

use aira_audio::{AudioError, Player};
use aira_core::ports::SpeakError;
use aira_protocol::WordMark;

use super::WordListener;
use super::turns::SpeechTurns;
use crate::speech::Speech;

/// How often the word being spoken is looked up while playing.
const MARK_POLL: Duration = Duration::from_millis(30);

/// Speech for part of a text: `start` places it (in characters) in the whole `text`.
pub(super) struct Piece<'a> {
    pub text: &'a str,
    pub speech: &'a Speech,
    pub start: usize,
}

pub(super) async fn play(
    player: &Arc<Player>,
    turns: &SpeechTurns,
    listener: Option<WordListener>,
    piece: Piece<'_>,
    turn: u64,
) -> Result<(), SpeakError> {
    let speech = piece.speech;
    if speech.samples.is_empty() {
        return Ok(());
    }
    let playing = Arc::clone(player);
    let samples = speech.samples.clone();
    let sample_rate = speech.sample_rate;
    let finished = tokio::task::spawn_blocking(move || playing.play(samples, sample_rate))
        .await
        .map_err(|error| SpeakError::Failed(error.to_string()))?
        .map_err(|error| match error {
            AudioError::NoOutput(message) => SpeakError::NoOutput(message),
            other => SpeakError::Failed(other.to_string()),
        })?;
    let offset = piece.start as u32;
    let mut next_mark = 0;
    loop {
        match finished.try_recv() {
            Ok(()) | Err(std::sync::mpsc::TryRecvError::Disconnected) => return Ok(()),
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
        if !turns.is_current(turn) {
            return Ok(());
        }
        if let Some(listener) = &listener {
            let position = player.position_ms();
            while let Some(mark) = speech.marks.get(next_mark)
                && u64::from(mark.time_ms) <= position
            {
                listener(
                    piece.text,
                    WordMark {
                        time_ms: mark.time_ms,
                        start: mark.start + offset,
                        end: mark.end + offset,
                    },
                );
                next_mark += 1;
            }
        }
        tokio::time::sleep(MARK_POLL).await;
    }
}
