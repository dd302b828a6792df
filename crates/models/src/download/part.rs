//! The `<file>.part` a download writes into: what is on disk is always a prefix of the file,
//! so it can be resumed, and it only ever gets the final name once verified.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha1::{Digest, Sha1};
use tokio::io::{AsyncWriteExt, BufWriter};
use tokio_util::sync::CancellationToken;

use super::DownloadError;

/// Writes are gathered into blocks this big: fewer system calls, and at most this much is
/// lost if the process is killed.
const WRITE_BUFFER_BYTES: usize = 256 * 1024;
const HASH_BUFFER_BYTES: usize = 1024 * 1024;

pub(super) struct PartFile {
    path: PathBuf,
    writer: BufWriter<tokio::fs::File>,
    /// SHA-1 of everything in the file so far, resumed prefix included.
    hasher: Sha1,
    length: u64,
    /// The whole file's length, for reporting how much space a full disk lacks.
    expected_length: u64,
}

impl PartFile {
    /// Opens (or creates) the part file and hashes what it already holds, so the final
    /// checksum covers the whole file. Holds an exclusive lock on it until dropped: two
    /// downloads appending to one file would corrupt it.
    pub(super) async fn open(
        path: &Path,
        expected_length: u64,
        cancel: &CancellationToken,
    ) -> Result<Self, DownloadError> {
        let blocking_path = path.to_path_buf();
        let cancel = cancel.clone();
        let (file, hasher, length) =
            tokio::task::spawn_blocking(move || open_and_hash(&blocking_path, &cancel))
                .await
                .map_err(|error| DownloadError::Io {
                    path: path.to_path_buf(),
                    source: std::io::Error::other(error),
                })??;
        Ok(Self {
            path: path.to_path_buf(),
            writer: BufWriter::with_capacity(WRITE_BUFFER_BYTES, tokio::fs::File::from_std(file)),
            hasher,
            length,
            expected_length,
        })
    }

    pub(super) fn len(&self) -> u64 {
        self.length
    }

    pub(super) async fn append(&mut self, bytes: &[u8]) -> Result<(), DownloadError> {
        self.writer
            .write_all(bytes)
            .await
            .map_err(|error| self.write_error(error))?;
        self.hasher.update(bytes);
        self.length += bytes.len() as u64;
        Ok(())
    }

    /// Empties the file: the server is sending the file from its start.
    pub(super) async fn restart(&mut self) -> Result<(), DownloadError> {
        self.flush().await?;
        self.writer
            .get_mut()
            .set_len(0)
            .await
            .map_err(DownloadError::io(&self.path))?;
        self.hasher = Sha1::new();
        self.length = 0;
        Ok(())
    }

    pub(super) async fn flush(&mut self) -> Result<(), DownloadError> {
        self.writer
            .flush()
            .await
            .map_err(|error| self.write_error(error))
    }

    /// A write that failed because the disk filled up mid-download (another program took
    /// the space) is reported like a download that would not have fit.
    fn write_error(&self, error: std::io::Error) -> DownloadError {
        use std::io::ErrorKind;
        if !matches!(
            error.kind(),
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge
        ) {
            return DownloadError::Io {
                path: self.path.clone(),
                source: error,
            };
        }
        let available = self
            .path
            .parent()
            .and_then(|folder| fs4::available_space(folder).ok())
            .unwrap_or(0);
        DownloadError::NotEnoughSpace {
            needed: self
                .expected_length
                .saturating_sub(self.length)
                .saturating_add(super::SPACE_MARGIN_BYTES),
            available,
        }
    }

    /// Lowercase hex SHA-1 of the file as it stands.
    pub(super) fn sha1(&self) -> String {
        format!("{:x}", self.hasher.clone().finalize())
    }

    /// Makes the verified file durable, then gives it its final name in one step, so the
    /// final name never holds half a file, even after a power cut.
    pub(super) async fn install(mut self, destination: &Path) -> Result<(), DownloadError> {
        self.flush().await?;
        let file = self.writer.into_inner();
        file.sync_all()
            .await
            .map_err(DownloadError::io(&self.path))?;
        drop(file);
        tokio::fs::rename(&self.path, destination)
            .await
            .map_err(DownloadError::io(destination))?;
        if let Some(folder) = destination.parent() {
            sync_folder(folder).await;
        }
        Ok(())
    }

    /// Keeps what was downloaded for a later resume (an empty file is not worth keeping).
    pub(super) async fn keep(mut self) {
        if self.length == 0 {
            return self.discard().await;
        }
        if let Err(error) = self.flush().await {
            tracing::warn!(%error, "could not save the end of the partial download");
        }
    }

    /// Deletes the file: its content is known to be wrong.
    pub(super) async fn discard(self) {
        let path = self.path.clone();
        drop(self);
        if let Err(error) = tokio::fs::remove_file(&path).await {
            tracing::warn!(path = %path.display(), %error, "could not delete a corrupt download");
        }
    }
}

fn open_and_hash(
    path: &Path,
    cancel: &CancellationToken,
) -> Result<(std::fs::File, Sha1, u64), DownloadError> {
    let io_error = DownloadError::io(path);
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .read(true)
        .append(true)
        .open(path)
        .map_err(io_error)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            return Err(DownloadError::InProgress {
                path: path.to_path_buf(),
            });
        }
        Err(std::fs::TryLockError::Error(source)) => {
            return Err(DownloadError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    let mut hasher = Sha1::new();
    let mut length = 0_u64;
    let mut buffer = vec![0_u8; HASH_BUFFER_BYTES];
    loop {
        let read = file.read(&mut buffer).map_err(DownloadError::io(path))?;
        if read == 0 {
            break;
        }
        // Hashing a large part takes a while; an empty one is left for `keep` to tidy up.
        if cancel.is_cancelled() {
            return Err(DownloadError::Cancelled);
        }
        hasher.update(&buffer[..read]);
        length += read as u64;
    }
    Ok((file, hasher, length))
}

/// Records the rename itself on disk (a Unix file system may otherwise lose it in a crash).
/// Folders cannot be opened this way on Windows, where renames are durable anyway.
async fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    {
        let folder = folder.to_path_buf();
        let synced =
            tokio::task::spawn_blocking(move || std::fs::File::open(&folder)?.sync_all()).await;
        if let Ok(Err(error)) = synced {
            tracing::debug!(%error, "could not sync the models folder");
        }
    }
    #[cfg(not(unix))]
    {
        let _ = folder;
    }
}
