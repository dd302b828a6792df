//! Recording: the microphones there are, how recording starts and stops, and what streams
//! to the UI while the user speaks.

use serde::{Deserialize, Serialize};

use crate::InputLevel;

/// How an answer is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordingMode {
    /// One action starts, another stops.
    Toggle,
    /// Recording runs while a key (or the button) is held down.
    PushToTalk,
    /// Started by the user, stopped by Aira after a stretch of silence once speech was heard.
    #[default]
    AutoStop,
}

/// An input device the user can choose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputDeviceInfo {
    /// Stable identifier, remembered in preferences.
    pub id: String,
    pub name: String,
    pub is_default: bool,
}

/// `list_input_devices`: the devices present now, and the one chosen (if any).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputDevicesOutput {
    pub devices: Vec<InputDeviceInfo>,
    pub chosen: Option<String>,
}

/// What streams over the recording channel while the user speaks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RecordingUpdate {
    /// About 20 a second.
    Level(InputLevel),
    /// The words heard so far; the end may still change as the answer goes on.
    Transcript { text: String },
    /// The user went silent long enough after speaking (auto-stop mode): the front end
    /// stops the recording as if the user had.
    SilenceDetected { seconds: f32 },
    /// The maximum answer length was reached: the front end stops the recording.
    LimitReached { minutes: u32 },
    /// The microphone failed or vanished: what was recorded is kept and the front end
    /// stops the recording.
    DeviceLost { reason: String },
}

/// `start_recording`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StartRecordingInput {
    /// The question being answered: its terms help the transcriber.
    pub question_id: String,
}

/// `start_recording` answers which device was opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartRecordingOutput {
    pub device: String,
    pub mode: RecordingMode,
}
