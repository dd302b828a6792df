//! People who share a computer each practise under their own profile: their sessions,
//! progress, exports and deletion are theirs alone.

use serde::{Deserialize, Serialize};

/// The profile every history starts with, and the one used until another is chosen.
pub const DEFAULT_PROFILE_NAME: &str = "default";
/// Longer names are refused: a name is shown in a select and read by screen readers.
pub const MOST_PROFILE_NAME_CHARACTERS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileInfo {
    pub id: i64,
    pub name: String,
    /// RFC 3339, UTC.
    pub created_at: String,
}

/// `profiles`: every profile, oldest first, and the one in use.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfilesOutput {
    pub profiles: Vec<ProfileInfo>,
    pub current: String,
}

/// `add_profile` and `use_profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileNameInput {
    pub name: String,
}
