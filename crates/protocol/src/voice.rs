//! Voices: which engines and voices there are, what was said, and the word being spoken.

use serde::{Deserialize, Serialize};

/// What synthesizes speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VoiceEngine {
    /// Amazon Polly, in the cloud: neural voices where the voice has them.
    Polly,
    /// Piper, a neural voice on this computer (English).
    Piper,
    /// espeak-ng on this computer: robotic, but every language Aira offers.
    Espeak,
}

impl VoiceEngine {
    pub fn as_str(self) -> &'static str {
        match self {
            VoiceEngine::Polly => "polly",
            VoiceEngine::Piper => "piper",
            VoiceEngine::Espeak => "espeak",
        }
    }

    pub fn is_local(self) -> bool {
        self != VoiceEngine::Polly
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VoiceGender {
    Female,
    Male,
    Unknown,
}

/// One voice a user can choose.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoiceInfo {
    /// What `--voice` takes: `polly:Kajal`, `piper:en_US-joe-medium`, `espeak:hi`.
    pub id: String,
    pub engine: VoiceEngine,
    /// As people call it: "Kajal".
    pub name: String,
    /// BCP 47, e.g. `en-IN`, `hi-IN`; further languages the voice also speaks.
    pub language: String,
    pub other_languages: Vec<String>,
    /// "Indian English", "Hindi".
    pub language_name: String,
    pub gender: VoiceGender,
    /// Polly's engine for this voice: `neural` where it has one, else `standard`.
    pub polly_engine: Option<String>,
}

/// `aira voices`: every voice Aira could use now, and why some engine has none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoicesOutput {
    pub voices: Vec<VoiceInfo>,
    /// Engines that listed nothing, with the reason ("Amazon Polly: no AWS credentials…").
    pub unavailable: Vec<String>,
}

/// A word being spoken, by characters of the text shown (not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordMark {
    /// From the start of the phrase.
    pub time_ms: u32,
    /// Character offsets into the text, end exclusive.
    pub start: u32,
    pub end: u32,
}

/// Characters sent to the cloud voice and their estimated price.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct SpeechUsage {
    pub characters: u64,
    pub estimated_cost_usd: f64,
}

/// `aira say`: what was said, by which voice, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SayOutput {
    pub voice: String,
    pub engine: VoiceEngine,
    pub out: Option<String>,
    pub seconds: f32,
    pub sample_rate: u32,
    /// Pieces of text synthesized separately (long text is cut at sentence ends).
    pub chunks: u32,
    /// Pieces served from the speech cache.
    pub cached_chunks: u32,
    pub usage: SpeechUsage,
    /// Why the voice asked for was not used ("Amazon Polly failed: …; a local voice spoke").
    pub fallback: Option<String>,
    pub marks: Vec<WordMark>,
}

/// The word being heard now, sent to the UI as it starts (`watch_spoken_words`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpokenWord {
    /// [`phrase_id`] of the text being spoken: the UI highlights only in the text it shows
    /// that has the same id.
    pub phrase: u32,
    /// Character offsets into that text, end exclusive.
    pub start: u32,
    pub end: u32,
}

/// A short id of a spoken text (FNV-1a, 32 bits), the same in the backend and the webview.
pub fn phrase_id(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn phrase_ids_are_stable_and_differ() {
        assert_eq!(super::phrase_id(""), 0x811c_9dc5);
        assert_eq!(super::phrase_id("a"), 0xe40c_292c);
        assert_ne!(super::phrase_id("Tell me"), super::phrase_id("Tell me."));
    }
}
