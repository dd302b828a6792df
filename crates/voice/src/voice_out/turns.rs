//! Which phrase may still play, so a phrase made too late never talks over the user.

use std::sync::atomic::{AtomicU64, Ordering};

/// Which phrase may still start playing. Synthesis takes a moment; a phrase whose turn has
/// passed by the time it is ready (a newer phrase began, or speech was stopped because the
/// user started answering) is dropped instead of talking over the answer.
#[derive(Debug, Default)]
pub(super) struct SpeechTurns {
    current: AtomicU64,
}

impl SpeechTurns {
    /// Starts a new phrase, passing the turn of any phrase still being prepared.
    pub(super) fn begin(&self) -> u64 {
        self.current.fetch_add(1, Ordering::AcqRel) + 1
    }

    pub(super) fn cancel_all(&self) {
        self.current.fetch_add(1, Ordering::AcqRel);
    }

    pub(super) fn is_current(&self, turn: u64) -> bool {
        self.current.load(Ordering::Acquire) == turn
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
}
