use serde::{Deserialize, Serialize};

use crate::Feedback;

/// `start_practice`: pick a question (this one, or a random one) and speak it aloud.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StartPracticeInput {
    pub question_id: Option<String>,
}

/// A question as the user sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PracticeQuestion {
    pub id: String,
    pub text: String,
    pub role: String,
    pub kind: String,
    pub level: String,
    /// What a good answer covers, in plain words; shown after feedback.
    pub key_points: Vec<String>,
}

/// `stop_recording`: stop the microphone and coach the answer to this question.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StopRecordingInput {
    pub question_id: String,
}

/// `submit_answer_file`: ask the user for an audio file and coach it as the answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubmitAnswerFileInput {
    pub question_id: String,
}

/// `submit_typed_answer`: coach an answer typed instead of spoken.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SubmitTypedAnswerInput {
    pub question_id: String,
    pub text: String,
}

/// One reading of the input level, streamed while recording (about 20 a second).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct InputLevel {
    /// Root-mean-square level of the last block, 0.0 to 1.0.
    pub rms: f32,
    /// Peak absolute sample of the last block, 0.0 to 1.0.
    pub peak: f32,
    /// Seconds recorded so far.
    pub seconds: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerSource {
    Microphone,
    File,
    /// Typed instead of spoken: for users without a microphone, and for scripts.
    Typed,
}

/// Delivery figures computed from the transcript and its word timings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Length of the recorded audio.
    pub duration_seconds: f32,
    /// From the first word's start to the last word's end.
    pub speaking_seconds: f32,
    pub word_count: u32,
    pub words_per_minute: f32,
    pub filler_count: u32,
    pub fillers: Vec<FillerCount>,
    /// Silences between words longer than the pause threshold (2 s).
    pub long_pauses: u32,
    pub longest_pause_seconds: f32,
    pub key_points_covered: Vec<String>,
    pub key_points_missed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FillerCount {
    pub filler: String,
    pub count: u32,
}

/// The outcome of one practice turn, as saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnResult {
    pub turn_id: i64,
    pub question: PracticeQuestion,
    pub source: AnswerSource,
    pub transcript: String,
    pub metrics: Metrics,
    pub feedback: Feedback,
    /// The engine that transcribed the answer, e.g. "whisper (ggml-tiny.en.bin)" or
    /// "Amazon Transcribe (en-IN)".
    pub transcription_engine: String,
    /// Why the answer was transcribed on this computer although the cloud was chosen
    /// (the cloud failed mid-answer, no credentials…); `None` when the chosen engine answered.
    #[serde(default)]
    pub transcription_note: Option<String>,
    /// Where the answer's audio is kept.
    pub audio_path: String,
}
