//! The ports: traits every engine implements, so the runtime can swap a local engine for a
//! cloud one (and fall back) without the rest of Aira knowing which answered.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use aira_protocol::{Feedback, FeedbackDelta, Metrics};

use crate::analytics::DeliveryReport;
use crate::prompt::WrittenQuestion;

use crate::question_bank::Question;
use crate::transcript::Transcript;

/// Boxed so the ports stay object-safe (`Arc<dyn Transcriber>`).
pub type PortFuture<'a, T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send + 'a>>;

/// Audio handed to a transcriber: mono, at [`SAMPLE_RATE`].
pub const SAMPLE_RATE: u32 = 16_000;

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum TranscribeError {
    #[error("no speech model at {path}")]
    ModelMissing { path: String },
    #[error("the speech model at {path} cannot be loaded: {reason}")]
    ModelInvalid { path: String, reason: String },
    #[error("the audio is empty")]
    EmptyAudio,
    #[error("cannot transcribe language {language:?}: {reason}")]
    UnsupportedLanguage { language: String, reason: String },
    #[error("no speech was heard")]
    NoSpeech,
    #[error("transcription failed: {0}")]
    Engine(String),
    #[error("the transcription was cancelled")]
    Cancelled,
    /// A cloud engine could not answer; `kind` says whether trying again later, fixing the
    /// account or going local is the remedy.
    #[error("{message}")]
    Cloud { kind: CloudFailure, message: String },
}

impl TranscribeError {
    pub fn cloud(kind: CloudFailure, message: impl Into<String>) -> Self {
        TranscribeError::Cloud {
            kind,
            message: message.into(),
        }
    }
}

/// Why a cloud transcriber failed, in the terms that decide what the user can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloudFailure {
    /// The service could not be reached: no network, name not resolved, connection lost.
    Offline,
    /// No credentials were found, or the account may not use the service.
    AccessDenied,
    /// The service refused because of too many requests or streams at once.
    Throttled,
    /// The service stopped answering for longer than Aira waits.
    Timeout,
    /// The service answered with an error of its own.
    Service,
}

/// How to transcribe one piece of audio.
#[derive(Debug, Clone, Default)]
pub struct TranscriptionOptions {
    /// Words the speaker is likely to say (the question's technical terms): engines that
    /// take a prompt or a vocabulary spell them right.
    pub prompt: Option<String>,
    /// Set to give up on the job; an engine checks it before starting and where it can.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Someone is waiting on this result right now (the answer has just ended, or the text
    /// is shown as it is spoken): an engine that can trade a little accuracy for speed does
    /// (whisper decodes greedily instead of with several beams).
    pub waiting: bool,
    /// The speech is probably in this language (`hi`), not the engine's own: a voice
    /// command in the user's language. A multilingual whisper model transcribes it as
    /// that; an English-only model, and the cloud, ignore the hint.
    pub language_hint: Option<String>,
}

impl TranscriptionOptions {
    pub fn is_cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|cancel| cancel.load(Ordering::Relaxed))
    }
}

pub trait Transcriber: Send + Sync {
    /// A name for people: which engine and model answered.
    fn engine_name(&self) -> String;
    /// Whether the engine can take work now, checked without transcribing: a cloud engine
    /// resolves its credentials (quickly, and remembering the answer for a while). Local
    /// engines are always ready; a missing model is reported by `transcribe`.
    fn check_ready(&self) -> PortFuture<'_, (), TranscribeError> {
        Box::pin(async { Ok(()) })
    }
    fn transcribe(
        &self,
        samples: Vec<f32>,
        options: TranscriptionOptions,
    ) -> PortFuture<'_, Transcript, TranscribeError>;
}

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum CoachError {
    /// A cloud coach could not answer; `kind` says whether trying again later, fixing the
    /// account or coaching offline is the remedy.
    #[error("{message}")]
    Cloud { kind: CloudFailure, message: String },
    /// The coach answered, but not with feedback Aira can use (no tool call, broken JSON).
    #[error("the coach's answer could not be read: {0}")]
    Malformed(String),
    #[error("coaching failed: {0}")]
    Engine(String),
}

impl CoachError {
    pub fn cloud(kind: CloudFailure, message: impl Into<String>) -> Self {
        CoachError::Cloud {
            kind,
            message: message.into(),
        }
    }
}

/// Receives feedback text as a streaming coach writes it.
pub type FeedbackProgress<'a> = &'a (dyn Fn(FeedbackDelta) + Send + Sync);

/// Everything a coach sees of one answer. Only references: copied freely, so a policy can
/// hand the same answer to a second coach.
#[derive(Clone, Copy)]
pub struct CoachRequest<'a> {
    pub question: &'a Question,
    pub transcript: &'a Transcript,
    pub metrics: &'a Metrics,
    /// The fuller delivery analysis: hedging, tone, repetition, vocabulary, STAR.
    pub delivery: &'a DeliveryReport,
    /// The user's language: the offline coach writes in it, and a cloud coach is asked to.
    pub catalog: &'a crate::i18n::Catalog,
    /// Where streamed text goes while the feedback is written; `None` when nobody watches.
    pub progress: Option<FeedbackProgress<'a>>,
}

pub trait Coach: Send + Sync {
    /// A name for people: "offline coach", "Amazon Bedrock (model id)".
    fn engine_name(&self) -> String;
    /// Whether the coach can take work now, checked without coaching (a cloud coach loads
    /// its credentials). Local coaches are always ready.
    fn check_ready(&self) -> PortFuture<'_, (), CoachError> {
        Box::pin(async { Ok(()) })
    }
    fn coach<'a>(&'a self, request: CoachRequest<'a>) -> PortFuture<'a, Feedback, CoachError>;
}

/// What question writing is given: the user's résumé and the job, both already redacted.
pub struct QuestionRequest<'a> {
    pub resume: &'a str,
    pub job_description: Option<&'a str>,
    pub role: &'a str,
    pub level: &'a str,
    pub count: usize,
}

/// Writes interview questions about the user's own résumé.
pub trait QuestionWriter: Send + Sync {
    fn write_questions<'a>(
        &'a self,
        request: QuestionRequest<'a>,
    ) -> PortFuture<'a, Vec<WrittenQuestion>, CoachError>;
}

#[derive(Debug, thiserror::Error)]
pub enum SpeakError {
    /// The engine cannot run here (not installed, no model, no credentials).
    #[error("no voice is available: {0}")]
    Unavailable(String),
    /// A cloud voice failed; the kind decides whether a local voice takes over.
    #[error("{message}")]
    Cloud { kind: CloudFailure, message: String },
    /// No voice by that id, or not one for that language.
    #[error("{0}")]
    UnknownVoice(String),
    /// Speech was made but there is nothing to play it on: the text stays on screen.
    #[error("no speaker or headphones could be opened: {0}")]
    NoOutput(String),
    #[error("speaking failed: {0}")]
    Failed(String),
}

pub trait Speaker: Send + Sync {
    fn is_available(&self) -> bool;
    /// Speaks `text`, replacing whatever is being said; resolves when speech has finished
    /// or was stopped.
    fn speak(&self, text: String) -> PortFuture<'_, (), SpeakError>;
    /// Stops speaking at once (the user is about to answer).
    fn stop(&self);
}
