//! The download progress shown on stderr (stdout stays for the result, and for `--json`).
//! On a terminal: one line redrawn in place. Otherwise (a log, a pipe): a line per tenth of
//! the file, so a log stays short.

use std::io::Write;

use aira_models::download::{DownloadProgress, DownloadStage};

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

    pub fn show(&mut self, progress: &DownloadProgress) {
        match progress.stage {
            DownloadStage::Downloading if self.terminal => {
                // "\x1b[K" clears what a longer previous line left behind.
                eprint!("\r{}\x1b[K", self.describe(progress));
                flush();
                self.drawn = true;
            }
            DownloadStage::Downloading => {
                let tenth = (progress.fraction() * 10.0).floor() as u64;
                if self.last_tenth != Some(tenth) {
                    self.last_tenth = Some(tenth);
                    eprintln!("{}", self.describe(progress));
                }
            }
            DownloadStage::Retrying {
                attempt,
                attempts,
                delay_ms,
            } => {
                self.finish();
                eprintln!(
                    "Connection lost at {} of {}; trying again in {} s (attempt {attempt} of {attempts})",
                    megabytes(progress.downloaded_bytes),
                    megabytes(progress.total_bytes),
                    delay_ms.div_ceil(1000)
                );
            }
            DownloadStage::Verifying => {
                self.finish();
                eprintln!("Checking the checksum of {}", self.name);
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

    fn describe(&self, progress: &DownloadProgress) -> String {
        let speed = if progress.bytes_per_second > 0 {
            format!(", {}/s", megabytes(progress.bytes_per_second))
        } else {
            String::new()
        };
        format!(
            "Downloading {}: {:.0}%, {} of {}{speed}",
            self.name,
            progress.fraction() * 100.0,
            megabytes(progress.downloaded_bytes),
            megabytes(progress.total_bytes),
        )
    }
}

fn flush() {
    if let Err(error) = std::io::stderr().flush() {
        tracing::debug!(%error, "could not flush stderr");
    }
}
