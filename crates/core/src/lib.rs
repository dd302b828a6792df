//! Aira's domain, free of I/O: the question bank, the transcript model, delivery analytics,
//! the offline scoring rubric, localized phrases, and the ports adapters implement.
//!
//! `cargo test -p aira-core` builds without webkit, whisper or the AWS SDK, and must stay so.

pub mod analytics;
pub mod i18n;
pub mod ports;
pub mod prompt;
pub mod question_bank;
pub mod redaction;
pub mod rubric;
pub mod text;
pub mod transcript;
pub mod voice_commands;

pub use question_bank::{KeyPoint, Question, QuestionBank};
pub use redaction::{Redacted, redact};
pub use transcript::{Transcript, Word};
