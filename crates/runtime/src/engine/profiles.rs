//! Who practises: several people share a computer, each with a profile of their own. The
//! engine reads and writes the chosen profile's history; switching starts a new session.

use aira_protocol::{DEFAULT_PROFILE_NAME, PreferencesPatch, ProfileInfo, ProfilesOutput};

use super::{Engine, now_rfc3339};
use crate::error::RuntimeError;
use crate::session_lock::SessionLock;

impl Engine {
    /// Every profile, and the one in use.
    pub async fn profiles(&self) -> Result<ProfilesOutput, RuntimeError> {
        let profiles = self.store.profiles().await?;
        let current = profiles
            .iter()
            .find(|profile| profile.id == self.store.profile())
            .map_or_else(
                || DEFAULT_PROFILE_NAME.to_owned(),
                |profile| profile.name.clone(),
            );
        Ok(ProfilesOutput { profiles, current })
    }

    /// Adds a profile (the name trimmed, 1 to 40 characters, not already taken).
    pub async fn add_profile(&self, name: &str) -> Result<ProfileInfo, RuntimeError> {
        Ok(self.store.add_profile(name, &now_rfc3339()).await?)
    }

    /// Practises as `name` from now on, remembered for the next start. The session so far
    /// ends: a session is one person's.
    pub async fn use_profile(&self, name: &str) -> Result<ProfileInfo, RuntimeError> {
        let previous_profile = self.store.profile();
        let profile = self.store.use_profile(name).await?;
        if profile.id != previous_profile {
            self.start_new_session().await?;
        }
        self.preferences.update(PreferencesPatch {
            profile: Some(Some(profile.name.clone())),
            ..PreferencesPatch::default()
        })?;
        Ok(profile)
    }

    /// At open: the profile named in the settings (it must exist), else the remembered
    /// one (the default if it was deleted or renamed meanwhile).
    pub(super) async fn choose_profile_at_open(&self) -> Result<(), RuntimeError> {
        if let Some(name) = &self.settings.profile {
            self.store.use_profile(name).await?;
        } else if let Some(name) = self.preferences().profile
            && let Err(error) = self.store.use_profile(&name).await
        {
            tracing::warn!(%error, "the remembered profile is gone; the default profile is used");
        }
        Ok(())
    }

    /// Ends this session (if it has answers) and starts a fresh one.
    async fn start_new_session(&self) -> Result<(), RuntimeError> {
        let fresh = uuid::Uuid::new_v4().to_string();
        let fresh_lock = SessionLock::take(&self.settings.data_dir, &fresh)
            .map_err(|error| tracing::warn!(%error, "the new session's lock could not be taken"))
            .ok();
        self.switch_session(fresh, fresh_lock).await
    }
}
