//! Aira's SQLite database through sqlx: a file in the app data folder, WAL mode,
//! versioned migrations (`migrations/`), and the queries the app and CLI need.

mod coaching_queue;
mod damage;
mod export;
mod profiles;
mod progress;
mod recovery;
mod session_turns;
mod sessions;
mod turns;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use coaching_queue::QueuedTurn;
pub use export::{
    EXPORT_FORMAT, EXPORT_VERSION, ExportFormat, ExportedSession, ExportedTurn, ImportError, Moved,
};
pub use recovery::UnfinishedTurn;
pub use sessions::{DEFAULT_PROFILE, Deleted, SessionDetail, SessionFilter, SessionSummary};
pub use turns::{CompletedTurn, NewTurn};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("database migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("a saved value could not be read: {0}")]
    Decode(String),
    /// SQLite cannot read the file; a copy was made before anything else happened.
    #[error("the history file {path} is damaged ({reason}); a copy is kept at {backup}")]
    Damaged {
        path: PathBuf,
        backup: PathBuf,
        reason: String,
    },
    /// No room left on the disk; nothing was half written (SQLite rolls back).
    #[error("the disk is full: {0}")]
    DiskFull(String),
    /// A profile name that cannot be used (empty, too long, taken).
    #[error("{0}")]
    ProfileRefused(String),
    #[error("there is no profile named {0:?}")]
    UnknownProfile(String),
    #[error("{path}: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl From<sqlx::Error> for StoreError {
    /// Database errors that mean a full disk become [`StoreError::DiskFull`].
    fn from(error: sqlx::Error) -> Self {
        if damage::is_disk_full(&error) {
            StoreError::DiskFull(error.to_string())
        } else {
            StoreError::Database(error)
        }
    }
}

/// The database. Cheap to clone; every clone shares the pool and the profile in use.
#[derive(Clone)]
pub struct Store {
    pool: SqlitePool,
    /// Whose sessions are read and written: sessions, progress, exports and deletion are
    /// a profile's own.
    profile: std::sync::Arc<std::sync::atomic::AtomicI64>,
}

impl Store {
    /// Opens (creating if needed) the database file and brings its schema up to date.
    /// A damaged file is copied aside first and reported as [`StoreError::Damaged`]; it is
    /// never replaced here (see [`Store::start_afresh`]).
    pub async fn open(path: &Path) -> Result<Self, StoreError> {
        match Self::open_and_check(path).await {
            Err(StoreError::Database(error)) if damage::is_damage(&error) => {
                Err(Self::damaged(path, error.to_string()))
            }
            Err(StoreError::Migration(error))
                if damage::migration_cause(&error).is_some_and(damage::is_damage) =>
            {
                Err(Self::damaged(path, error.to_string()))
            }
            Err(StoreError::Damaged { reason, .. }) => Err(Self::damaged(path, reason)),
            other => other,
        }
    }

    /// Replaces a damaged database with a new, empty one, after copying it aside. Refuses
    /// (returning the open store) if the file is not damaged: this never deletes a
    /// readable history.
    pub async fn start_afresh(path: &Path) -> Result<(Self, Option<PathBuf>), StoreError> {
        match Self::open(path).await {
            Err(StoreError::Damaged { backup, .. }) => {
                damage::remove_damaged(path)?;
                Ok((Self::open(path).await?, Some(backup)))
            }
            Ok(store) => Ok((store, None)),
            Err(error) => Err(error),
        }
    }

    fn damaged(path: &Path, reason: String) -> StoreError {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_secs())
            .to_string();
        match damage::back_up(path, &stamp) {
            Ok(backup) => StoreError::Damaged {
                path: path.to_owned(),
                backup,
                reason,
            },
            // Without a copy nothing may touch the file: say why the copy failed.
            Err(error) => error,
        }
    }

    async fn open_and_check(path: &Path) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            // WAL: readers never block the writer, and a crash mid-write keeps earlier data.
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let store = Self::connect(options, 4).await?;
        // Damage in pages the migrations did not touch shows here, at open, rather than
        // as a failure in the middle of someone's practice.
        let problems: Vec<String> = sqlx::query_scalar("PRAGMA quick_check")
            .fetch_all(store.pool())
            .await?;
        if problems.first().map(String::as_str) != Some("ok") {
            store.close().await;
            let reason = problems.into_iter().take(3).collect::<Vec<_>>().join("; ");
            // `open` copies the file aside and fills in where the copy is.
            return Err(StoreError::Damaged {
                path: path.to_owned(),
                backup: PathBuf::new(),
                reason,
            });
        }
        Ok(store)
    }

    /// A private in-memory database, for tests.
    pub async fn open_in_memory() -> Result<Self, StoreError> {
        // One connection: every connection to ":memory:" would be a different database.
        Self::connect(SqliteConnectOptions::from_str("sqlite::memory:")?, 1).await
    }

    async fn connect(options: SqliteConnectOptions, connections: u32) -> Result<Self, StoreError> {
        let pool = SqlitePoolOptions::new()
            .max_connections(connections)
            .connect_with(options)
            .await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self {
            pool,
            profile: std::sync::Arc::new(std::sync::atomic::AtomicI64::new(DEFAULT_PROFILE)),
        })
    }

    /// Moves everything in the WAL into the database file, then closes every connection:
    /// the file alone then holds the whole history (a copy of it is complete).
    pub async fn close(&self) {
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
            .execute(&self.pool)
            .await
        {
            tracing::warn!(%error, "the WAL could not be checkpointed at close");
        }
        self.pool.close().await;
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    /// The profile in use (see [`Store::use_profile`]).
    pub fn profile(&self) -> i64 {
        self.profile.load(std::sync::atomic::Ordering::Relaxed)
    }
}
