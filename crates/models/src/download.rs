//! Fetching a model over a weak connection: streamed to disk, resumed after a drop, verified
//! before it is given its name.
//!
//! Bytes go to `<destination>.part`. A download that finds a `.part` continues from its end
//! with an HTTP range request (and starts over cleanly if the server ignores or refuses the
//! range). A dropped or silent connection is retried a few times, each retry resuming from
//! what is on disk. When the file is complete its length and SHA-1 (over the whole file,
//! resumed prefix included) are checked, then it is synced and renamed to `destination` in
//! one step, so `destination` never holds half a file.
//!
//! Cancelling keeps the `.part`: the next download of the same file resumes from it. A
//! `.part` whose content is known to be wrong (wrong checksum, wrong size) is deleted.

mod error;
mod fetch;
mod part;
mod progress;

use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

pub use error::DownloadError;
pub use progress::{DownloadProgress, DownloadStage};

use part::PartFile;
use progress::Reporter;

/// Space left free beyond the file itself, so a download never fills the disk to the last
/// byte (the database and recorded answers live on the same disk).
pub const SPACE_MARGIN_BYTES: u64 = 16 * 1024 * 1024;

/// What to download, where to, and what it must be.
#[derive(Debug, Clone)]
pub struct DownloadRequest {
    pub url: String,
    /// The final path; the download writes to [`part_path`] of it until verified.
    pub destination: PathBuf,
    /// Exact length of the file.
    pub size_bytes: u64,
    /// SHA-1 of the whole file, hex.
    pub sha1: String,
    pub options: DownloadOptions,
}

impl DownloadRequest {
    pub fn new(
        url: impl Into<String>,
        destination: impl Into<PathBuf>,
        size_bytes: u64,
        sha1: impl Into<String>,
    ) -> Self {
        Self {
            url: url.into(),
            destination: destination.into(),
            size_bytes,
            sha1: sha1.into(),
            options: DownloadOptions::default(),
        }
    }

    pub fn with_options(mut self, options: DownloadOptions) -> Self {
        self.options = options;
        self
    }
}

/// How patient a download is. The defaults suit a real connection; tests shorten them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadOptions {
    /// Connections tried in all, the first one included.
    pub attempts: u32,
    /// Wait before the first retry; each further retry waits twice as long (1, 2, 4, 8 s).
    pub first_retry_delay: Duration,
    /// A connection that delivers nothing for this long counts as dropped.
    pub read_timeout: Duration,
    /// Giving up on reaching the server takes this long.
    pub connect_timeout: Duration,
    /// Progress is reported at most this often.
    pub progress_interval: Duration,
}

impl Default for DownloadOptions {
    fn default() -> Self {
        Self {
            attempts: 5,
            first_retry_delay: Duration::from_secs(1),
            read_timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(15),
            progress_interval: Duration::from_millis(100),
        }
    }
}

/// Where the bytes of `destination` gather until they are verified.
pub fn part_path(destination: &Path) -> PathBuf {
    let mut name = destination.as_os_str().to_owned();
    name.push(".part");
    PathBuf::from(name)
}

/// Downloads `request.url` to `request.destination` (see the module notes). `progress` is
/// called with each stage and, while bytes arrive, about ten times a second. Returns the
/// destination path.
pub async fn download(
    request: DownloadRequest,
    progress: impl FnMut(DownloadProgress),
    cancel: &CancellationToken,
) -> Result<PathBuf, DownloadError> {
    let destination = &request.destination;
    let folder = destination
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    tokio::fs::create_dir_all(folder)
        .await
        .map_err(DownloadError::io(folder))?;
    let part_path = part_path(destination);
    // Checked before the part file is even created: a download that cannot fit writes nothing.
    let on_disk = match tokio::fs::metadata(&part_path).await {
        Ok(metadata) => metadata.len(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => 0,
        Err(error) => return Err(DownloadError::io(&part_path)(error)),
    };
    // A part longer than the file is started over (see below).
    let remaining = match request.size_bytes.checked_sub(on_disk) {
        Some(remaining) => remaining,
        None => request.size_bytes,
    };
    check_free_space(folder, remaining.max(1))?;

    let mut reporter = Reporter::new(
        progress,
        request.size_bytes,
        request.options.progress_interval,
    );
    let mut part = PartFile::open(&part_path, request.size_bytes, cancel).await?;
    if part.len() > request.size_bytes {
        part.restart().await?;
    }
    if let Err(error) = fetch_with_retries(&request, &mut part, &mut reporter, cancel).await {
        if error.spoils_part() {
            part.discard().await;
        } else {
            part.keep().await;
        }
        return Err(error);
    }
    reporter.stage(DownloadStage::Verifying, part.len());
    let actual = part.sha1();
    if !actual.eq_ignore_ascii_case(&request.sha1) {
        part.discard().await;
        return Err(DownloadError::ChecksumMismatch {
            expected: request.sha1.to_lowercase(),
            actual,
        });
    }
    part.install(destination).await?;
    tracing::info!(path = %destination.display(), "model downloaded and verified");
    Ok(destination.clone())
}

/// Connects until the part holds the whole file, waiting longer after each failure.
async fn fetch_with_retries(
    request: &DownloadRequest,
    part: &mut PartFile,
    reporter: &mut Reporter<impl FnMut(DownloadProgress)>,
    cancel: &CancellationToken,
) -> Result<(), DownloadError> {
    let options = &request.options;
    let client = reqwest::Client::builder()
        .connect_timeout(options.connect_timeout)
        .user_agent(concat!("aira/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|error| DownloadError::Request {
            url: request.url.clone(),
            reason: error.to_string(),
        })?;
    let attempts = options.attempts.max(1);
    let mut attempt = 1;
    while part.len() < request.size_bytes {
        match fetch::fetch_rest(&client, request, part, reporter, cancel).await {
            Ok(()) => {}
            Err(error) if error.is_retryable() && attempt < attempts => {
                let delay = options
                    .first_retry_delay
                    .saturating_mul(2_u32.saturating_pow(attempt - 1));
                attempt += 1;
                tracing::info!(%error, attempt, "download interrupted; retrying");
                part.flush().await?;
                reporter.stage(
                    DownloadStage::Retrying {
                        attempt,
                        attempts,
                        delay_ms: delay.as_millis().try_into().unwrap_or(u64::MAX),
                    },
                    part.len(),
                );
                tokio::select! {
                    () = cancel.cancelled() => return Err(DownloadError::Cancelled),
                    () = tokio::time::sleep(delay) => {}
                }
            }
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// Refuses to start a download the disk cannot hold (with [`SPACE_MARGIN_BYTES`] to spare).
fn check_free_space(folder: &Path, remaining: u64) -> Result<(), DownloadError> {
    let available = fs4::available_space(folder).map_err(DownloadError::io(folder))?;
    let needed = remaining.saturating_add(SPACE_MARGIN_BYTES);
    if available < needed {
        return Err(DownloadError::NotEnoughSpace { needed, available });
    }
    Ok(())
}
