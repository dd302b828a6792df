//! Profiles: several people practising on one computer, each with a history of their own.

use aira_protocol::{MOST_PROFILE_NAME_CHARACTERS, ProfileInfo};
use sqlx::Row;

use crate::{Store, StoreError};

impl Store {
    /// Every profile, oldest first (the default profile, id 1, always exists).
    pub async fn profiles(&self) -> Result<Vec<ProfileInfo>, StoreError> {
        let rows = sqlx::query("SELECT id, name, created_at FROM profiles ORDER BY id")
            .fetch_all(self.pool())
            .await?;
        rows.iter().map(profile_from_row).collect()
    }

    /// Adds a profile; names are trimmed, and compared without regard to case.
    pub async fn add_profile(
        &self,
        name: &str,
        created_at: &str,
    ) -> Result<ProfileInfo, StoreError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > MOST_PROFILE_NAME_CHARACTERS {
            return Err(StoreError::ProfileRefused(format!(
                "a profile name needs 1 to {MOST_PROFILE_NAME_CHARACTERS} characters"
            )));
        }
        if self.profile_named(name).await?.is_some() {
            return Err(StoreError::ProfileRefused(format!(
                "there is already a profile named {name:?}"
            )));
        }
        let id = sqlx::query("INSERT INTO profiles (name, created_at) VALUES (?, ?)")
            .bind(name)
            .bind(created_at)
            .execute(self.pool())
            .await?
            .last_insert_rowid();
        Ok(ProfileInfo {
            id,
            name: name.to_owned(),
            created_at: created_at.to_owned(),
        })
    }

    pub async fn profile_named(&self, name: &str) -> Result<Option<ProfileInfo>, StoreError> {
        let row =
            sqlx::query("SELECT id, name, created_at FROM profiles WHERE name = ? COLLATE NOCASE")
                .bind(name.trim())
                .fetch_optional(self.pool())
                .await?;
        row.as_ref().map(profile_from_row).transpose()
    }

    /// From now on this store (and every clone of it) reads and writes `name`'s history.
    pub async fn use_profile(&self, name: &str) -> Result<ProfileInfo, StoreError> {
        let profile = self
            .profile_named(name)
            .await?
            .ok_or_else(|| StoreError::UnknownProfile(name.trim().to_owned()))?;
        self.profile
            .store(profile.id, std::sync::atomic::Ordering::Relaxed);
        Ok(profile)
    }
}

fn profile_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<ProfileInfo, StoreError> {
    Ok(ProfileInfo {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
    })
}
