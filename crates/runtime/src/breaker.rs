//! A circuit breaker for a cloud service: after enough failures in a row it opens, and while
//! open, auto mode goes straight to the local engine instead of making the user wait on a
//! service that keeps failing. After the cool-down one try is let through (half open): a
//! success closes it, a failure opens it again. Shared by transcription and coaching.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

pub struct Breaker {
    failures_to_open: u32,
    cool_down: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    failures_in_a_row: u32,
    /// When it opened, and the failure that opened it.
    opened: Option<(Instant, String)>,
}

impl Breaker {
    pub fn new(failures_to_open: u32, cool_down: Duration) -> Self {
        Self {
            failures_to_open: failures_to_open.max(1),
            cool_down,
            state: Mutex::new(State::default()),
        }
    }

    pub fn record_success(&self) {
        *self.lock() = State::default();
    }

    /// Counts a failure; `open_now` opens the breaker whatever the count (access denied
    /// needs the user, not time).
    pub fn record_failure(&self, reason: String, open_now: bool) {
        let mut state = self.lock();
        state.failures_in_a_row += 1;
        if open_now || state.failures_in_a_row >= self.failures_to_open {
            state.opened = Some((Instant::now(), reason));
        }
    }

    /// Why the service is being rested, while it is; `None` when it may be tried.
    pub fn open_reason(&self) -> Option<String> {
        let mut state = self.lock();
        let (opened, reason) = state.opened.as_ref()?;
        let elapsed = opened.elapsed();
        if elapsed >= self.cool_down {
            // Half open: the next call is the one try; a failure opens it again at once.
            state.opened = None;
            state.failures_in_a_row = self.failures_to_open - 1;
            return None;
        }
        Some(format!(
            "it failed {} time(s) in a row, last {} s ago ({reason}); Aira tries it again in {} s",
            state.failures_in_a_row,
            elapsed.as_secs(),
            (self.cool_down - elapsed).as_secs().max(1)
        ))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_after_the_threshold_and_half_opens_after_the_cool_down() {
        let breaker = Breaker::new(2, Duration::from_millis(50));
        breaker.record_failure("offline".into(), false);
        assert_eq!(breaker.open_reason(), None, "one failure is not enough");
        breaker.record_failure("offline".into(), false);
        assert!(
            breaker
                .open_reason()
                .is_some_and(|reason| reason.contains("offline"))
        );
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(breaker.open_reason(), None, "half open: one try");
        breaker.record_failure("still offline".into(), false);
        assert!(
            breaker.open_reason().is_some(),
            "a failed try opens it again"
        );
        breaker.record_success();
        assert_eq!(breaker.open_reason(), None);
    }

    #[test]
    fn access_denied_opens_at_once() {
        let breaker = Breaker::new(3, Duration::from_secs(60));
        breaker.record_failure("AccessDeniedException".into(), true);
        assert!(breaker.open_reason().is_some());
    }
}
