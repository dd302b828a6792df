use std::path::PathBuf;

/// Why a download stopped. Each says in plain English what happened; the `.part` file is
/// kept unless its content is known to be wrong ([`DownloadError::ChecksumMismatch`],
/// [`DownloadError::SizeMismatch`]), so a later call resumes.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    /// The server could not be reached at all: no network, the name did not resolve, or the
    /// connection was refused.
    #[error("could not connect to {url}: {reason}")]
    Offline { url: String, reason: String },
    /// The connection broke, or went silent for longer than the read timeout, part way.
    #[error("the connection was lost after {received} of {expected} bytes: {reason}")]
    ConnectionLost {
        received: u64,
        expected: u64,
        reason: String,
    },
    /// The server answered, but not with the file.
    #[error("the server answered HTTP {0}")]
    HttpStatus(u16),
    /// The request could not be made: an address that is not a valid URL, or HTTPS that
    /// could not be set up.
    #[error("could not request {url}: {reason}")]
    Request { url: String, reason: String },
    /// Asked to stop. The `.part` file is kept and the next download of the same file
    /// resumes from it.
    #[error("the download was cancelled; what was downloaded is kept to resume later")]
    Cancelled,
    /// The whole file arrived but is not the expected one. The `.part` file is deleted.
    #[error("the downloaded file is corrupt: SHA-1 {actual} instead of {expected}")]
    ChecksumMismatch { expected: String, actual: String },
    /// The server sent, or announced, a file of another length (`actual` is what it
    /// announced, or what it had sent when it went past `expected`). The `.part` file is
    /// deleted.
    #[error("the server's file has the wrong size: {actual} bytes instead of {expected}")]
    SizeMismatch { expected: u64, actual: u64 },
    /// The models folder's disk cannot hold the rest of the file.
    #[error("not enough disk space: {needed} bytes needed, {available} available")]
    NotEnoughSpace { needed: u64, available: u64 },
    /// Another download of the same file is running, in this process or another (the app
    /// and the CLI share the models folder).
    #[error("{path} is already being downloaded")]
    InProgress { path: PathBuf },
    /// Reading or writing the models folder failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl DownloadError {
    /// Whether trying again later may succeed without anything else changing: network
    /// trouble and server-side errors (5xx, 408, 429). `download` already retries these a
    /// few times before giving up; a UI offers "Try again" for them.
    pub fn is_retryable(&self) -> bool {
        match self {
            DownloadError::Offline { .. } | DownloadError::ConnectionLost { .. } => true,
            DownloadError::HttpStatus(status) => *status >= 500 || *status == 408 || *status == 429,
            DownloadError::Request { .. }
            | DownloadError::Cancelled
            | DownloadError::ChecksumMismatch { .. }
            | DownloadError::SizeMismatch { .. }
            | DownloadError::NotEnoughSpace { .. }
            | DownloadError::InProgress { .. }
            | DownloadError::Io { .. } => false,
        }
    }

    /// Whether the `.part` file holds bytes that must not be resumed from.
    pub(super) fn spoils_part(&self) -> bool {
        matches!(
            self,
            DownloadError::ChecksumMismatch { .. } | DownloadError::SizeMismatch { .. }
        )
    }

    pub(super) fn io(path: &std::path::Path) -> impl FnOnce(std::io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| DownloadError::Io { path, source }
    }

    /// Sorts a failed request or body read into "never connected" and "lost on the way".
    pub(super) fn from_transfer(
        error: &reqwest::Error,
        url: &str,
        received: u64,
        expected: u64,
    ) -> Self {
        let reason = describe(error);
        if error.is_builder() {
            DownloadError::Request {
                url: url.to_owned(),
                reason,
            }
        } else if error.is_connect() {
            DownloadError::Offline {
                url: url.to_owned(),
                reason,
            }
        } else {
            DownloadError::ConnectionLost {
                received,
                expected,
                reason,
            }
        }
    }
}

/// reqwest's own message is "error sending request"; the cause (refused, DNS, reset) is in
/// the source chain.
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
