//! Sessions as the History list and the session view show them, and what a deletion
//! removed. The store fills them; they cross IPC to the UI unchanged.

use serde::{Deserialize, Serialize};

use crate::TurnSummary;

/// A session as the History list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub status: String,
    pub turns: u32,
    pub average_score: Option<f32>,
    /// The roles of the questions answered ("backend, general").
    pub roles: Vec<String>,
}

/// What the History list is narrowed to; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionFilter {
    /// A question role, as in the bank ("backend").
    pub role: Option<String>,
    /// RFC 3339 bounds on the start.
    pub since: Option<String>,
    pub until: Option<String>,
    /// Bounds on the average score.
    pub min_score: Option<f32>,
    pub max_score: Option<f32>,
    /// Words in a question or transcript.
    pub search: Option<String>,
}

/// A session and its turns, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionDetail {
    pub session: SessionSummary,
    pub turns: Vec<TurnSummary>,
}

/// What a deletion removed from the database; the caller removes the audio files.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Deleted {
    pub sessions: u64,
    pub turns: u64,
    pub audio_paths: Vec<String>,
}
