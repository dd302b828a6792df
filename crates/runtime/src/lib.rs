//! Wires Aira's adapters into one running engine, used by both the app and the CLI:
//! settings → question bank, recorder, transcriber (local, cloud, or either by policy),
//! coach, speaker, store.
//!
//! One practice turn: audio saved → turn row saved as `recorded` → transcribed → analysed →
//! coached → turn completed (or marked failed, its audio kept).

mod breaker;
pub mod coach_policy;
mod crash_test_hold;
mod engine;
mod error;
pub mod live;
mod logging;
mod models;
mod preferences;
mod recording_journal;
mod session_lock;
mod settings;
pub mod transcription_policy;
pub mod voice;

pub use coach_policy::PolicyCoach;
pub use engine::{
    Engine, ImportedDocument, RecoachOutcome, Recovery, ResumeQuestions, start_afresh,
};
pub use error::RuntimeError;
pub use logging::init_logging;
pub use models::{DownloadedModel, ModelManager};
pub use preferences::load_preferences;
pub use settings::{APP_IDENTIFIER, Settings, check_aws_names};
/// Stops a model download ([`ModelManager::download`]).
pub use tokio_util::sync::CancellationToken;
pub use transcription_policy::PolicyTranscriber;

pub use aira_aws::{AwsAccount, SharedAccount};
pub use aira_core::{Question, QuestionBank};
pub use aira_store::{Deleted, ExportFormat, Moved, SessionDetail, SessionFilter, SessionSummary};
