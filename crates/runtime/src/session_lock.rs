//! Which sessions are running now. Each running app or CLI holds an exclusive lock on a
//! file named after its session; the operating system drops the lock when the process
//! ends, however it ends. A session marked active whose file nobody holds was left behind
//! by a crash or a kill, and its unfinished answers may be taken over. The app and the CLI
//! can run side by side without taking each other's work.

use std::fs::File;
use std::path::{Path, PathBuf};

/// The lock of this process's session; released when dropped or when the process ends.
pub(crate) struct SessionLock {
    path: PathBuf,
    /// Holds the lock while open.
    _file: File,
}

impl SessionLock {
    pub(crate) fn take(data_dir: &Path, session_id: &str) -> std::io::Result<Self> {
        let folder = folder(data_dir);
        std::fs::create_dir_all(&folder)?;
        let path = folder.join(format!("{session_id}.lock"));
        let file = File::create(&path)?;
        file.try_lock().map_err(|error| match error {
            std::fs::TryLockError::Error(error) => error,
            std::fs::TryLockError::WouldBlock => std::io::Error::new(
                std::io::ErrorKind::ResourceBusy,
                format!("session {session_id} is running in another window or command"),
            ),
        })?;
        Ok(Self { path, _file: file })
    }

    /// Releases the lock and removes its file (a normal end).
    pub(crate) fn release(self) {
        let path = self.path.clone();
        drop(self);
        if let Err(error) = std::fs::remove_file(&path)
            && error.kind() != std::io::ErrorKind::NotFound
        {
            tracing::debug!(%error, path = %path.display(), "a session lock file stays behind");
        }
    }
}

/// Whether some process (this one included) holds `session_id`'s lock now.
pub(crate) fn is_running(data_dir: &Path, session_id: &str) -> bool {
    let path = folder(data_dir).join(format!("{session_id}.lock"));
    let Ok(file) = File::open(&path) else {
        return false;
    };
    matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock))
}

fn folder(data_dir: &Path) -> PathBuf {
    data_dir.join("running")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_session_is_running_and_a_released_one_is_not() -> std::io::Result<()> {
        let data = tempfile::tempdir()?;
        assert!(!is_running(data.path(), "never-started"));
        let lock = SessionLock::take(data.path(), "one")?;
        assert!(is_running(data.path(), "one"));
        assert!(
            SessionLock::take(data.path(), "one").is_err(),
            "one holder at a time"
        );
        lock.release();
        assert!(!is_running(data.path(), "one"));
        Ok(())
    }

    #[test]
    fn a_lock_left_by_a_dead_process_is_not_running() -> std::io::Result<()> {
        let data = tempfile::tempdir()?;
        let lock = SessionLock::take(data.path(), "crashed")?;
        // Dropping closes the file as a process's death would; the file stays behind.
        drop(lock);
        assert!(folder(data.path()).join("crashed.lock").exists());
        assert!(!is_running(data.path(), "crashed"));
        Ok(())
    }
}
