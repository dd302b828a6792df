//! The progress of a download or an import, shown on stderr (stdout stays for the result,
//! and for `--json`). On a terminal: one line redrawn in place. Otherwise (a log, a pipe): a
//! line per tenth of the file, so a log stays short.

use std::io::Write;

use aira_protocol::{ModelProgress, ModelStage};

use crate::output::models::megabytes;

pub struct ProgressLine {
    name: String,
    terminal: bool,
    /// A line is drawn and not yet ended (terminal only).
    drawn: bool,
    /// The last tenth reported (not a terminal).
    last_tenth: Option<u64>,
}

impl ProgressLine {
    pub fn new(name: &str, terminal: bool) -> Self {
        Self {
            name: name.to_owned(),
            terminal,
            drawn: false,
            last_tenth: None,
        }
    }

    pub fn show(&mut self, progress: &ModelProgress) {
        match progress.stage {
            ModelStage::Downloading | ModelStage::Copying | ModelStage::Converting => {
                self.show_bytes(progress);
            }
            ModelStage::Retrying {
                attempt,
                attempts,
                delay_ms,
            } => {
                self.finish();
                eprintln!(
                    "Connection lost at {} of {}; trying again in {} s (attempt {attempt} of {attempts})",
                    megabytes(progress.done_bytes),
                    megabytes(progress.total_bytes),
                    delay_ms.div_ceil(1000)
                );
            }
            ModelStage::Verifying => {
                self.finish();
                eprintln!("Checking the checksum of {}", self.name);
            }
        }
    }

    fn show_bytes(&mut self, progress: &ModelProgress) {
        if self.terminal {
            // "\x1b[K" clears what a longer previous line left behind.
            eprint!("\r{}\x1b[K", self.describe(progress));
            flush();
            self.drawn = true;
        } else {
            let tenth = u64::from(progress.percent() / 10);
            if self.last_tenth != Some(tenth) {
                self.last_tenth = Some(tenth);
                eprintln!("{}", self.describe(progress));
            }
        }
    }

    /// Ends a line drawn in place, so what follows starts on its own line.
    pub fn finish(&mut self) {
        if self.drawn {
            eprintln!();
            self.drawn = false;
        }
    }

    fn describe(&self, progress: &ModelProgress) -> String {
        let speed = if progress.bytes_per_second > 0 {
            format!(", {}/s", megabytes(progress.bytes_per_second))
        } else {
            String::new()
        };
        let action = match progress.stage {
            ModelStage::Copying => "Copying",
            ModelStage::Converting => "Converting",
            _ => "Downloading",
        };
        format!(
            "{action} {}: {}%, {} of {}{speed}",
            self.name,
            progress.percent(),
            megabytes(progress.done_bytes),
            megabytes(progress.total_bytes),
        )
    }
}

/// A line left drawn in place is ended however the work ends, even inside a task.
impl Drop for ProgressLine {
    fn drop(&mut self) {
        self.finish();
    }
}

fn flush() {
    if let Err(error) = std::io::stderr().flush() {
        tracing::debug!(%error, "could not flush stderr");
    }
}
