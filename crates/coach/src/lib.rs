//! Coaches behind the [`aira_core::ports::Coach`] port: the offline rubric coach, and the
//! Amazon Bedrock coach (Converse / ConverseStream with a tool whose JSON schema is the
//! feedback).

mod local;

pub use local::LocalCoach;
