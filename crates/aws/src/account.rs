//! The AWS profile and region the user chose in Settings, shared by every AWS client: a
//! change is taken up by each client on its next call, without restarting Aira.

use std::borrow::Cow;
use std::sync::{Arc, PoisonError, RwLock};

use aws_runtime::env_config::file::EnvConfigFiles;
use aws_types::os_shim_internal::{Env, Fs};

/// A profile of the AWS config and credentials files, and a region. `None` leaves each to
/// the standard chain: `AWS_PROFILE` (else `default`); `AWS_REGION`, else the profile's
/// region, else [`crate::DEFAULT_REGION`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AwsAccount {
    pub profile: Option<String>,
    pub region: Option<String>,
}

/// One [`AwsAccount`] for every client, changed in one place.
#[derive(Debug, Clone, Default)]
pub struct SharedAccount(Arc<RwLock<AwsAccount>>);

impl SharedAccount {
    pub fn new(account: AwsAccount) -> Self {
        Self(Arc::new(RwLock::new(account)))
    }

    pub fn get(&self) -> AwsAccount {
        self.0
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn set(&self, account: AwsAccount) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = account;
    }
}

/// Whether `region` is written as AWS writes regions (`ap-south-1`, `us-gov-west-1`).
/// Whether the region exists, and has the services, only AWS can say.
pub fn is_region_name(region: &str) -> bool {
    let parts: Vec<&str> = region.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|part| !part.is_empty())
        && parts[..parts.len() - 1]
            .iter()
            .all(|part| part.bytes().all(|byte| byte.is_ascii_lowercase()))
        && parts[parts.len() - 1]
            .bytes()
            .all(|byte| byte.is_ascii_digit())
}

/// Whether `profile` can name a profile: a section name in the AWS files has no spaces or
/// brackets.
pub fn is_profile_name(profile: &str) -> bool {
    !profile.is_empty()
        && profile.len() <= 128
        && profile
            .chars()
            .all(|character| character.is_alphanumeric() || "-_.+@/".contains(character))
}

/// The profile names in the AWS config and credentials files (`AWS_CONFIG_FILE`,
/// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/`), sorted; none when there are no files.
/// A file that cannot be read or parsed gives its error, to show beside the list.
pub async fn profile_names() -> Result<Vec<String>, String> {
    let profiles = aws_config::profile::load(
        &Fs::real(),
        &Env::real(),
        &EnvConfigFiles::default(),
        None::<Cow<'static, str>>,
    )
    .await
    .map_err(|error| error.to_string())?;
    let mut names: Vec<String> = profiles.profiles().map(str::to_owned).collect();
    names.sort();
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_are_checked_for_their_form() {
        for region in ["ap-south-1", "us-east-1", "us-gov-west-1", "eu-central-2"] {
            assert!(is_region_name(region), "{region}");
        }
        for region in [
            "",
            "mumbai",
            "ap-south",
            "AP-SOUTH-1",
            "ap--1",
            "ap-south-x",
            "ap south 1",
        ] {
            assert!(!is_region_name(region), "{region}");
        }
    }

    #[test]
    fn profile_names_are_single_words() {
        assert!(is_profile_name("default"));
        assert!(is_profile_name("work-sso_2"));
        assert!(!is_profile_name(""));
        assert!(!is_profile_name("my profile"));
        assert!(!is_profile_name("[default]"));
    }

    #[test]
    fn a_change_is_seen_by_every_holder() {
        let shared = SharedAccount::default();
        let holder = shared.clone();
        shared.set(AwsAccount {
            profile: Some("work".into()),
            region: None,
        });
        assert_eq!(holder.get().profile.as_deref(), Some("work"));
    }
}
