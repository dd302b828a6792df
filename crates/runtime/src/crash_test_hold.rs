//! Crash tests kill Aira at each step of a turn. To kill it *at* a step, not near it, a
//! test sets `AIRA_TEST_HOLD_AT` to the step's name (`transcribing`, `coaching`, `saving`):
//! the engine says so on standard error (and, with `AIRA_TEST_HOLD_SIGNAL`, creates that
//! file) and waits there for ever; the test then sends SIGKILL. Unset, it costs one
//! comparison per step.

use std::sync::OnceLock;

pub(crate) async fn hold_here_if_asked(step: &str) {
    static HOLD_AT: OnceLock<Option<String>> = OnceLock::new();
    let asked = HOLD_AT.get_or_init(|| std::env::var("AIRA_TEST_HOLD_AT").ok());
    if asked.as_deref() != Some(step) {
        return;
    }
    eprintln!("aira: holding at {step} (AIRA_TEST_HOLD_AT)");
    if let Some(signal) = std::env::var_os("AIRA_TEST_HOLD_SIGNAL")
        && let Err(error) = std::fs::write(&signal, step)
    {
        eprintln!(
            "aira: could not write {}: {error}",
            signal.to_string_lossy()
        );
    }
    std::future::pending::<()>().await;
}
