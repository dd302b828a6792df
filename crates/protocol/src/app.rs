use serde::{Deserialize, Serialize};

/// `app_status`: what the home screen needs to say whether practice can start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppStatus {
    pub data_dir: String,
    pub model_path: String,
    pub model_present: bool,
    /// Whether a local voice (espeak-ng) was found; without one, text is shown only.
    pub voice_available: bool,
    /// Whether a speaker or headphones could be opened; without, text is shown only.
    pub audio_output_available: bool,
    pub question_count: u32,
}

/// `speak`: say this text with the current voice, replacing anything being said.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SpeakInput {
    pub text: String,
}

/// `listen_for_command`: what was heard in voice-only mode, and the action it asks for;
/// `None` when it was not a command (then nothing happens but "I did not catch that").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceCommandOutput {
    pub heard: String,
    pub action: Option<crate::InterviewAction>,
}
