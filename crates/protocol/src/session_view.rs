//! The History screen's commands: a page of sessions, one session with everything each
//! turn kept, deleting, and playing back a recorded answer.

use serde::{Deserialize, Serialize};

use crate::{
    AnswerSource, Feedback, Metrics, PracticeQuestion, SessionFilter, SessionSummary, TurnSummary,
};

/// `sessions`: one page of the History list, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionsInput {
    pub filter: SessionFilter,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionsOutput {
    pub sessions: Vec<SessionSummary>,
    /// Whether another page follows, so "Show more" is offered only when it shows more.
    pub has_more: bool,
}

/// `session`, `delete_session`: the session with this id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionInput {
    pub id: String,
}

/// `session`: a session and every turn in it, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionOutput {
    pub session: SessionSummary,
    pub turns: Vec<TurnDetail>,
}

/// A turn as the session view shows it: the summary plus what the coach said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnDetail {
    pub summary: TurnSummary,
    pub question: PracticeQuestion,
    pub source: AnswerSource,
    /// `None` until the answer was coached.
    pub metrics: Option<Metrics>,
    pub feedback: Option<Feedback>,
    /// Whether the answer's audio is still kept: typed answers never had any, and the
    /// retention period removes old recordings.
    pub has_recording: bool,
}

/// `delete_session`, `delete_all_data`: what went. The files' paths stay in the backend.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletedOutput {
    pub sessions: u64,
    pub turns: u64,
    pub recordings: u64,
}

impl From<&crate::Deleted> for DeletedOutput {
    fn from(deleted: &crate::Deleted) -> Self {
        Self {
            sessions: deleted.sessions,
            turns: deleted.turns,
            recordings: deleted.audio_paths.len() as u64,
        }
    }
}

/// `play_recording`: play this turn's recorded answer (`stop_speaking` stops it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlayRecordingInput {
    pub turn_id: i64,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct PlayRecordingOutput {
    /// How long the recording plays; `None` when the turn kept no recording.
    pub seconds: Option<f32>,
}

/// `question_categories`: the bank's roles and kinds of question, for the filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionCategoriesOutput {
    pub roles: Vec<String>,
    pub kinds: Vec<String>,
    pub levels: Vec<String>,
}
