use serde::{Deserialize, Serialize};

/// `history`: the most recent turns, newest first.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HistoryInput {
    pub limit: u32,
}

impl Default for HistoryInput {
    fn default() -> Self {
        Self { limit: 50 }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct HistoryOutput {
    pub turns: Vec<TurnSummary>,
}

/// Where a turn got to. A turn is saved as `recorded` the moment its audio is on disk,
/// so an answer survives a failure in any later step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TurnStatus {
    Recorded,
    Coached,
    Failed,
}

impl TurnStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TurnStatus::Recorded => "recorded",
            TurnStatus::Coached => "coached",
            TurnStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "recorded" => Some(TurnStatus::Recorded),
            "coached" => Some(TurnStatus::Coached),
            "failed" => Some(TurnStatus::Failed),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnSummary {
    pub id: i64,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub question_id: String,
    pub question_text: String,
    pub status: TurnStatus,
    pub score: Option<u8>,
    pub words_per_minute: Option<f32>,
    pub transcript: Option<String>,
    /// Why the turn failed, when it did.
    pub error: Option<String>,
}
