//! Everything that crosses the IPC boundary between Aira's backend and its UI.
//!
//! One input and one output type per command, the error every command returns, and the
//! values streamed over channels. No tauri, no tokio: this crate also compiles to wasm32.

mod app;
mod aws;
mod error;
mod feedback;
mod history;
mod models;
mod practice;
mod preferences;
mod profiles;
mod progress;
mod recording;
mod recovery;
mod resume;
mod session_view;
mod sessions;
mod shortcuts;
mod voice;

pub use app::{AppStatus, SpeakInput, VoiceCommandOutput};
pub use aws::{AwsProfilesOutput, SUGGESTED_AWS_REGIONS};
pub use error::{CommandError, ErrorCode};
pub use feedback::{
    AccuracyVerdict, CoachingQueueOutput, Feedback, FeedbackDelta, RecoachOutput, StarBreakdown,
    TechnicalAccuracy, TokenUsage,
};
pub use history::{HistoryInput, HistoryOutput, TurnStatus, TurnSummary};
pub use models::{
    AvailableModelInfo, ImportModelInput, ImportSource, InstalledModelInfo, ModelNameInput,
    ModelOrigin, ModelProgress, ModelStage, ModelsOutput,
};
pub use practice::{
    AnswerSource, FillerCount, InputLevel, Metrics, PracticeQuestion, StartPracticeInput,
    StopRecordingInput, SubmitAnswerFileInput, SubmitTypedAnswerInput, TurnResult,
};
pub use preferences::{
    DEFAULT_AUDIO_RETENTION_DAYS, DEFAULT_BEDROCK_MODEL, EnginePolicy, LEGACY_BEDROCK_MODEL,
    Preferences, PreferencesPatch, SUGGESTED_BEDROCK_MODELS, TEXT_SIZES, Theme,
};
pub use profiles::{
    DEFAULT_PROFILE_NAME, MOST_PROFILE_NAME_CHARACTERS, ProfileInfo, ProfileNameInput,
    ProfilesOutput,
};
pub use progress::{
    Direction, ProgressFilter, ProgressInput, ProgressOutput, ProgressSummary, SUMMARY_SESSIONS,
    SessionProgress, Trend,
};
pub use recording::{
    InputDeviceInfo, InputDevicesOutput, RecordingMode, RecordingUpdate, StartRecordingInput,
    StartRecordingOutput,
};
pub use recovery::{
    SessionIdInput, StartAfreshOutput, UnfinishedSession, UnfinishedSessionsOutput,
};
pub use resume::{
    DocumentKind, ImportDocumentInput, PasteDocumentInput, RedactedDocument, RemovedDetail,
    WriteQuestionsInput, WrittenQuestionInfo,
};
pub use session_view::{
    DeletedOutput, PlayRecordingInput, PlayRecordingOutput, QuestionCategoriesOutput, SessionInput,
    SessionOutput, SessionsInput, SessionsOutput, TurnDetail,
};
pub use sessions::{Deleted, SessionDetail, SessionFilter, SessionSummary};
pub use shortcuts::{Chord, InterviewAction, ShortcutRefusal, Shortcuts};
pub use voice::{
    SayOutput, SpeechUsage, SpokenWord, VoiceEngine, VoiceGender, VoiceInfo, VoicesOutput,
    WordMark, phrase_id,
};
