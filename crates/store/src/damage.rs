//! A database file that SQLite cannot read (overwritten, truncated, a disk fault): it is
//! copied aside before anything else happens, so a fresh start never destroys the only
//! copy of someone's history.

use std::path::{Path, PathBuf};

use crate::StoreError;

/// SQLite's primary result codes for a damaged file: SQLITE_CORRUPT and SQLITE_NOTADB.
const SQLITE_CORRUPT: i64 = 11;
const SQLITE_NOTADB: i64 = 26;
/// SQLITE_FULL: the disk (or the file system's quota) is full.
const SQLITE_FULL: i64 = 13;
/// SQLITE_IOERR_SHMSIZE: the WAL index (`-shm`) could not be grown, which on Linux means
/// no space left (SQLite reports it as an I/O error, not as SQLITE_FULL).
const SQLITE_IOERR_SHMSIZE: i64 = 4874;

/// Whether `error` says the file itself is damaged (not locked, not missing).
pub(crate) fn is_damage(error: &sqlx::Error) -> bool {
    primary_code(error).is_some_and(|code| code == SQLITE_CORRUPT || code == SQLITE_NOTADB)
}

/// Whether `error` says there was no room to write.
pub(crate) fn is_disk_full(error: &sqlx::Error) -> bool {
    primary_code(error) == Some(SQLITE_FULL)
        || extended_code(error) == Some(SQLITE_IOERR_SHMSIZE)
        || matches!(error, sqlx::Error::Io(io) if io.kind() == std::io::ErrorKind::StorageFull)
}

fn primary_code(error: &sqlx::Error) -> Option<i64> {
    // Extended codes keep the primary code in their low byte.
    extended_code(error).map(|code| code & 0xff)
}

fn extended_code(error: &sqlx::Error) -> Option<i64> {
    let sqlx::Error::Database(database) = error else {
        return None;
    };
    database.code().and_then(|code| code.parse::<i64>().ok())
}

/// The sqlx error inside a migration failure, if any.
pub(crate) fn migration_cause(error: &sqlx::migrate::MigrateError) -> Option<&sqlx::Error> {
    match error {
        sqlx::migrate::MigrateError::Execute(error)
        | sqlx::migrate::MigrateError::ExecuteMigration(error, _) => Some(error),
        _ => None,
    }
}

/// Copies the database file and its WAL beside it as `<name>.damaged-<stamp>[-wal]`;
/// returns the copy of the main file. The damaged file itself is left where it is.
pub(crate) fn back_up(path: &Path, stamp: &str) -> Result<PathBuf, StoreError> {
    let backup = sibling(path, &format!(".damaged-{stamp}"));
    copy(path, &backup)?;
    for suffix in ["-wal", "-shm"] {
        let journal = sibling(path, suffix);
        if journal.exists() {
            copy(&journal, &sibling(&backup, suffix))?;
        }
    }
    Ok(backup)
}

/// Removes the damaged file and its journals so a new, empty database can take its place.
/// Only called after [`back_up`], when the user chose to start afresh.
pub(crate) fn remove_damaged(path: &Path) -> Result<(), StoreError> {
    for file in [
        path.to_owned(),
        sibling(path, "-wal"),
        sibling(path, "-shm"),
    ] {
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(StoreError::File {
                    path: file,
                    source: error,
                });
            }
        }
    }
    Ok(())
}

fn copy(from: &Path, to: &Path) -> Result<(), StoreError> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|source| StoreError::File {
            path: to.to_owned(),
            source,
        })
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
