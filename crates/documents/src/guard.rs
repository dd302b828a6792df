//! Runs a parser where a hostile file cannot take Aira down with it: on a thread of its own,
//! with panics caught and a deadline. lopdf and zip are written for well-formed files; a
//! crafted one may panic in them or send them round a loop.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use crate::limits::{MAX_RUNAWAY_READINGS, READING_DEADLINE};
use crate::{DocumentError, DocumentFormat};

/// The reader thread's stack. lopdf parses nested objects recursively, up to a depth of 100;
/// in a debug build the nesting tests (tests/hostile.rs) overflow a 512 KB stack and pass
/// with 1 MB. A stack overflow aborts the whole process, panic handling or not, so this
/// leaves sixteen times that for paths the tests do not reach; only pages touched are
/// ever committed.
const READER_STACK_BYTES: usize = 16 * 1024 * 1024;

/// Readings past their deadline whose threads are still running.
static RUNAWAY_READINGS: AtomicUsize = AtomicUsize::new(0);

/// A reading's state, shared by its thread and the caller waiting for it, so that exactly
/// one of them settles the runaway count however their ends interleave.
const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const ABANDONED: u8 = 2;

/// Runs `work` for a file of `format` under the crate's limits.
pub(crate) fn run<T: Send + 'static>(
    format: DocumentFormat,
    work: impl FnOnce() -> Result<T, DocumentError> + Send + 'static,
) -> Result<T, DocumentError> {
    run_within(
        &RUNAWAY_READINGS,
        MAX_RUNAWAY_READINGS,
        READING_DEADLINE,
        format,
        work,
    )
}

/// [`run`] with its counter and limits given, so tests can use their own.
fn run_within<T: Send + 'static>(
    runaways: &'static AtomicUsize,
    max_runaways: usize,
    deadline: Duration,
    format: DocumentFormat,
    work: impl FnOnce() -> Result<T, DocumentError> + Send + 'static,
) -> Result<T, DocumentError> {
    if runaways.load(Ordering::Acquire) >= max_runaways {
        return Err(DocumentError::Busy);
    }
    let state = Arc::new(AtomicU8::new(RUNNING));
    let thread_state = Arc::clone(&state);
    let (sender, receiver) = mpsc::sync_channel(1);
    thread::Builder::new()
        .name("aira-document-reader".to_owned())
        .stack_size(READER_STACK_BYTES)
        .spawn(move || {
            let outcome = panic::catch_unwind(AssertUnwindSafe(work));
            if thread_state.swap(FINISHED, Ordering::AcqRel) == ABANDONED {
                runaways.fetch_sub(1, Ordering::AcqRel);
            }
            if sender.send(outcome).is_err() {
                // The caller stopped waiting at the deadline and has told the user so;
                // the late result has nobody to go to.
            }
        })
        // Spawning fails only when the system has no threads left to give.
        .map_err(DocumentError::Unreadable)?;
    let outcome = match receiver.recv_timeout(deadline) {
        Ok(outcome) => outcome,
        Err(RecvTimeoutError::Timeout) => {
            // Counted before it is marked, so the thread can never take away a count
            // that was not yet added.
            runaways.fetch_add(1, Ordering::AcqRel);
            if state
                .compare_exchange(RUNNING, ABANDONED, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                return Err(DocumentError::TooSlow(deadline));
            }
            // It finished just as the deadline passed: not a runaway, and its result is sent.
            runaways.fetch_sub(1, Ordering::AcqRel);
            receiver.recv().map_err(|_| stopped(format))?
        }
        Err(RecvTimeoutError::Disconnected) => return Err(stopped(format)),
    };
    outcome.unwrap_or_else(|panic| {
        Err(DocumentError::Damaged {
            format,
            reason: format!(
                "the {format} reader failed on it: {}",
                panic_message(&*panic)
            ),
        })
    })
}

/// The thread ended without a result. Unwinding is caught, so only an abort does that, and
/// an abort ends this process too; a result is still owed to the caller.
fn stopped(format: DocumentFormat) -> DocumentError {
    DocumentError::Damaged {
        format,
        reason: format!("the {format} reader stopped without a result"),
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    if let Some(message) = payload.downcast_ref::<&str>() {
        message
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message
    } else {
        "unknown panic"
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::Receiver;

    use super::*;

    const GENEROUS: Duration = Duration::from_secs(30);

    #[test]
    fn the_result_comes_back() {
        static RUNAWAYS: AtomicUsize = AtomicUsize::new(0);
        let result = run_within(&RUNAWAYS, 1, GENEROUS, DocumentFormat::Pdf, || Ok(42));
        assert_eq!(result.ok(), Some(42));
    }

    #[test]
    fn a_panic_becomes_a_damaged_file() {
        static RUNAWAYS: AtomicUsize = AtomicUsize::new(0);
        let result: Result<(), _> = run_within(&RUNAWAYS, 1, GENEROUS, DocumentFormat::Pdf, || {
            panic!("index out of bounds in a crafted xref")
        });
        match result {
            Err(DocumentError::Damaged { format, reason }) => {
                assert_eq!(format, DocumentFormat::Pdf);
                assert!(reason.contains("crafted xref"), "{reason}");
            }
            other => panic!("expected Damaged, got {other:?}"),
        }
    }

    /// Work that runs until told to stop, like a parser in a loop.
    fn stuck(release: Receiver<()>) -> impl FnOnce() -> Result<(), DocumentError> + Send {
        move || {
            // Any message, or the sender dropped, releases it.
            let _released = release.recv();
            Ok(())
        }
    }

    #[test]
    fn readings_within_their_deadline_run_side_by_side() {
        static RUNAWAYS: AtomicUsize = AtomicUsize::new(0);
        let (release, released) = mpsc::channel();
        let waiting = thread::spawn(move || {
            run_within(&RUNAWAYS, 1, GENEROUS, DocumentFormat::Pdf, stuck(released))
        });
        // Another reading goes ahead while the first is still running.
        let second = run_within(&RUNAWAYS, 1, GENEROUS, DocumentFormat::Docx, || Ok(()));
        assert!(second.is_ok());
        drop(release);
        let first = waiting
            .join()
            .unwrap_or_else(|_| panic!("the waiting thread panicked"));
        assert!(first.is_ok());
    }

    #[test]
    fn work_past_the_deadline_is_too_slow_and_counted_until_it_ends() {
        static RUNAWAYS: AtomicUsize = AtomicUsize::new(0);
        let (release, released) = mpsc::channel();
        let deadline = Duration::from_millis(20);
        let result = run_within(
            &RUNAWAYS,
            1,
            deadline,
            DocumentFormat::Docx,
            stuck(released),
        );
        assert!(matches!(result, Err(DocumentError::TooSlow(late)) if late == deadline));

        // The runaway reading still runs, and one is all this test allows.
        let refused = run_within(&RUNAWAYS, 1, GENEROUS, DocumentFormat::Pdf, || Ok(()));
        assert!(matches!(refused, Err(DocumentError::Busy)));

        drop(release);
        // Its thread takes itself off the count as it ends; wait for that without a timed
        // assertion.
        while RUNAWAYS.load(Ordering::Acquire) > 0 {
            thread::yield_now();
        }
        let accepted = run_within(&RUNAWAYS, 1, GENEROUS, DocumentFormat::Pdf, || Ok(()));
        assert!(accepted.is_ok());
    }
}
