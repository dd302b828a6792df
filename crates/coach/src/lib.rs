//! Coaches behind the [`aira_core::ports::Coach`] port: the offline rubric coach, and the
//! Amazon Bedrock coach (Converse / ConverseStream with a tool whose JSON schema is the
//! feedback), which also writes résumé-aware questions.

pub mod bedrock;
mod local;

pub use bedrock::{BedrockCoach, BedrockSettings};
pub use local::LocalCoach;
