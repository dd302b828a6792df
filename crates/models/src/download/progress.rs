use std::time::{Duration, Instant};

use serde::Serialize;

/// Where a download stands, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DownloadProgress {
    pub stage: DownloadStage,
    /// Bytes on disk so far, a resumed prefix included.
    pub downloaded_bytes: u64,
    pub total_bytes: u64,
    /// Average speed of the current connection; 0 until it can be measured.
    pub bytes_per_second: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DownloadStage {
    /// Bytes are arriving. Reported at most every `progress_interval`.
    Downloading,
    /// The connection failed; attempt `attempt` of `attempts` starts after `delay_ms`,
    /// resuming from what is on disk.
    Retrying {
        attempt: u32,
        attempts: u32,
        delay_ms: u64,
    },
    /// Everything arrived; the checksum is being compared.
    Verifying,
}

impl DownloadProgress {
    /// Fraction done, 0.0 to 1.0.
    pub fn fraction(&self) -> f64 {
        if self.total_bytes == 0 {
            return 0.0;
        }
        (self.downloaded_bytes as f64 / self.total_bytes as f64).min(1.0)
    }
}

/// Calls the caller's progress function, no more often than asked (a UI redrawing on every
/// 16 KB packet would spend more time drawing than downloading).
pub(super) struct Reporter<P> {
    callback: P,
    total_bytes: u64,
    interval: Duration,
    last_report: Option<Instant>,
    connection_started: Instant,
    bytes_at_connection_start: u64,
    bytes_per_second: u64,
}

/// Speed is only shown once this much time has passed on a connection: earlier figures jump.
const SPEED_WARM_UP: Duration = Duration::from_millis(250);

impl<P: FnMut(DownloadProgress)> Reporter<P> {
    pub(super) fn new(callback: P, total_bytes: u64, interval: Duration) -> Self {
        Self {
            callback,
            total_bytes,
            interval,
            last_report: None,
            connection_started: Instant::now(),
            bytes_at_connection_start: 0,
            bytes_per_second: 0,
        }
    }

    /// A new connection starts with `downloaded_bytes` already on disk.
    pub(super) fn connection_started(&mut self, downloaded_bytes: u64) {
        self.connection_started = Instant::now();
        self.bytes_at_connection_start = downloaded_bytes;
        self.bytes_per_second = 0;
    }

    pub(super) fn downloading(&mut self, downloaded_bytes: u64) {
        let due = self
            .last_report
            .is_none_or(|last| last.elapsed() >= self.interval);
        if due || downloaded_bytes == self.total_bytes {
            self.update_speed(downloaded_bytes);
            self.report(DownloadStage::Downloading, downloaded_bytes);
        }
    }

    /// Stage changes are always reported.
    pub(super) fn stage(&mut self, stage: DownloadStage, downloaded_bytes: u64) {
        self.report(stage, downloaded_bytes);
    }

    fn update_speed(&mut self, downloaded_bytes: u64) {
        let elapsed = self.connection_started.elapsed();
        if elapsed >= SPEED_WARM_UP {
            let received = downloaded_bytes.saturating_sub(self.bytes_at_connection_start);
            self.bytes_per_second = (received as f64 / elapsed.as_secs_f64()) as u64;
        }
    }

    fn report(&mut self, stage: DownloadStage, downloaded_bytes: u64) {
        self.last_report = Some(Instant::now());
        (self.callback)(DownloadProgress {
            stage,
            downloaded_bytes,
            total_bytes: self.total_bytes,
            bytes_per_second: self.bytes_per_second,
        });
    }
}
