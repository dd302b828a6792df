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
    /// A Polly voice id (`polly:Kajal`); `None` uses [`DEFAULT_CLOUD_VOICE`]. Polly speaks
    /// only English and Hindi of Aira's languages; the others are always said locally.
    pub cloud_voice: Option<String>,
    /// A local voice id (`piper:…`, `espeak:hi`), used for text in its language; other
    /// text, or `None`, gets the default for the text's language: Piper when installed and
    /// it speaks it, else espeak-ng's voice for it.
    pub local_voice: Option<String>,
    /// 0.5 to 2.0; 1.0 is the voice's own pace.
    pub rate: f32,
    /// 0.0 to 1.0.
    pub volume: f32,
    /// The user's language (`hi`, `mr-IN`). Each piece of text is said in the language of
    /// its script ([`crate::spoken_language`]); this settles Hindi or Marathi for
    /// Devanagari, and text with no letters.
    pub language: String,
}

impl Default for VoiceOutSettings {
    fn default() -> Self {
        Self {
            policy: EnginePolicy::Local,
            cloud_voice: None,
            local_voice: None,
            rate: 1.0,
            volume: 1.0,
            language: "en".into(),
        }
    }
}
