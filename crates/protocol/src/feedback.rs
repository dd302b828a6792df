//! What a coach says about one answer: the same shape whether Bedrock or the offline coach
//! answered, so the UI, the CLI and the history show either without knowing which.

use serde::{Deserialize, Serialize};

/// What the coach says about one answer. Fields after `engine` were added with the Bedrock
/// coach; older saved feedback lacks them and reads with their defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Feedback {
    /// 1 to 10.
    pub score: u8,
    /// Two or three specific sentences, most important first: what is read aloud.
    pub points: Vec<String>,
    /// The engine that produced this feedback: "local", or "bedrock".
    pub engine: String,
    /// Whether the technical content was right, and why.
    #[serde(default)]
    pub technical_accuracy: Option<TechnicalAccuracy>,
    #[serde(default)]
    pub strengths: Vec<String>,
    #[serde(default)]
    pub improvements: Vec<String>,
    /// The answer said better, in the user's own situation.
    #[serde(default)]
    pub better_answer: Option<String>,
    /// Situation, task, action, result: for behavioral questions.
    #[serde(default)]
    pub star: Option<StarBreakdown>,
    /// What an interviewer would ask next.
    #[serde(default)]
    pub follow_up: Option<String>,
    /// The model that answered, e.g. "anthropic.claude-3-haiku-20240307-v1:0"; `None` offline.
    #[serde(default)]
    pub model: Option<String>,
    /// Tokens and estimated cost of a cloud coach; `None` offline.
    #[serde(default)]
    pub usage: Option<TokenUsage>,
    /// Why the offline coach answered although the cloud was chosen (no network, refused,
    /// slow…); `None` when the chosen coach answered.
    #[serde(default)]
    pub fallback: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccuracyVerdict {
    Correct,
    PartlyCorrect,
    Incorrect,
    /// A behavioral or HR question: there is no technical content to judge.
    NotApplicable,
}

impl AccuracyVerdict {
    pub const ALL: [AccuracyVerdict; 4] = [
        AccuracyVerdict::Correct,
        AccuracyVerdict::PartlyCorrect,
        AccuracyVerdict::Incorrect,
        AccuracyVerdict::NotApplicable,
    ];

    /// The name in JSON and in locale keys (`feedback.accuracy.partly_correct`).
    pub fn as_str(self) -> &'static str {
        match self {
            AccuracyVerdict::Correct => "correct",
            AccuracyVerdict::PartlyCorrect => "partly_correct",
            AccuracyVerdict::Incorrect => "incorrect",
            AccuracyVerdict::NotApplicable => "not_applicable",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnicalAccuracy {
    pub verdict: AccuracyVerdict,
    pub reason: String,
}

/// Each part as the answer told it; `None` where the answer left it out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarBreakdown {
    pub situation: Option<String>,
    pub task: Option<String>,
    pub action: Option<String>,
    pub result: Option<String>,
}

/// What one cloud call used, and what it cost by the published on-demand prices.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct TokenUsage {
    pub input_tokens: u32,
    pub output_tokens: u32,
    /// US dollars; an estimate (prices change, and regions differ).
    pub estimated_cost_usd: f64,
}

impl TokenUsage {
    pub fn add(&mut self, other: TokenUsage) {
        self.input_tokens += other.input_tokens;
        self.output_tokens += other.output_tokens;
        self.estimated_cost_usd += other.estimated_cost_usd;
    }
}

/// `coaching_queue`: answers waiting for the cloud coach, and what the cloud coach used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct CoachingQueueOutput {
    pub waiting: u32,
    /// Since the app started.
    pub session_usage: TokenUsage,
    pub total_usage: TokenUsage,
}

/// `recoach_queued`: what one pass over the queue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoachOutput {
    pub coached: u32,
    pub remaining: u32,
}

/// A piece of cloud feedback as it is written, streamed to the UI before the whole arrives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedbackDelta {
    /// Which part is being written: "summary" or "better_answer".
    pub field: String,
    /// Text to append to that part.
    pub text: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_saved_before_the_cloud_coach_still_reads() -> Result<(), serde_json::Error> {
        let old: Feedback =
            serde_json::from_str(r#"{"score":6,"points":["Good pace."],"engine":"local"}"#)?;
        assert_eq!(old.score, 6);
        assert!(old.strengths.is_empty());
        assert_eq!(old.technical_accuracy, None);
        assert_eq!(old.usage, None);
        Ok(())
    }

    #[test]
    fn verdicts_are_named_as_in_json() -> Result<(), serde_json::Error> {
        for verdict in AccuracyVerdict::ALL {
            assert_eq!(
                serde_json::to_string(&verdict)?,
                format!("\"{}\"", verdict.as_str())
            );
        }
        Ok(())
    }
}
