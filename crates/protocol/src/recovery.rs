//! What a crash or a killed process left behind, and a damaged history.

use serde::{Deserialize, Serialize};

/// A session an earlier run left open; the user may go on with it or set it aside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnfinishedSession {
    pub id: String,
    /// RFC 3339, UTC.
    pub started_at: String,
    pub answers: u32,
}

/// `unfinished_sessions`: newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct UnfinishedSessionsOutput {
    pub sessions: Vec<UnfinishedSession>,
}

/// `continue_session` and `set_aside_session`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionIdInput {
    pub id: String,
}

/// `start_afresh`: where the damaged history was copied (`None`: it could be read, and
/// was left as it is).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StartAfreshOutput {
    pub backup: Option<String>,
}
