//! What the voice is told to do: policy, voices, rate and volume; and its defaults.

use std::time::Duration;

use aira_protocol::EnginePolicy;

/// How long Polly is left alone after a failure that will not pass in a moment.
pub const CLOUD_REST: Duration = Duration::from_secs(120);
/// The Polly voice used when none is chosen: Indian English, neural, also speaks Hindi.
pub const DEFAULT_CLOUD_VOICE: &str = "polly:Kajal";
/// The local voice of last resort: present wherever espeak-ng is.
pub const FALLBACK_LOCAL_VOICE: &str = "espeak:en-us";

#[derive(Debug, Clone, PartialEq)]
pub struct VoiceOutSettings {
    pub policy: EnginePolicy,
    /// A Polly voice id (`polly:Kajal`); `None` uses [`DEFAULT_CLOUD_VOICE`].
    pub cloud_voice: Option<String>,
    /// A local voice id (`piper:…`, `espeak:hi`); `None` uses Piper when installed, else
    /// espeak-ng's US English.
    pub local_voice: Option<String>,
    /// 0.5 to 2.0; 1.0 is the voice's own pace.
    pub rate: f32,
    /// 0.0 to 1.0.
    pub volume: f32,
}

impl Default for VoiceOutSettings {
    fn default() -> Self {
        Self {
            policy: EnginePolicy::Local,
            cloud_voice: None,
            local_voice: None,
            rate: 1.0,
            volume: 1.0,
        }
    }
}
