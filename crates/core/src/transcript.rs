use serde::{Deserialize, Serialize};

/// One recognised word with its position in the audio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    pub text: String,
    pub start_ms: u32,
    pub end_ms: u32,
}

impl Word {
    pub fn new(text: impl Into<String>, start_ms: u32, end_ms: u32) -> Self {
        Self {
            text: text.into(),
            start_ms,
            end_ms,
        }
    }
}

/// What a transcriber heard in one answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transcript {
    pub text: String,
    pub words: Vec<Word>,
    /// Length of the audio the transcript came from.
    pub audio_ms: u32,
    /// Which engine answered, for people: "Amazon Transcribe (en-IN)",
    /// "whisper (ggml-tiny.en.bin)". Set by every transcriber.
    #[serde(default)]
    pub engine: String,
    /// Why the cloud engine the user chose did not answer, when a local one did instead:
    /// the UI says so rather than quietly changing engines.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback: Option<String>,
}

impl Transcript {
    /// Builds a transcript from timed words, joining their text.
    pub fn from_words(words: Vec<Word>, audio_ms: u32) -> Self {
        let text = words
            .iter()
            .map(|word| word.text.trim())
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            text,
            words,
            audio_ms,
            engine: String::new(),
            fallback: None,
        }
    }

    /// Names the engine that produced this transcript.
    pub fn answered_by(mut self, engine: impl Into<String>) -> Self {
        self.engine = engine.into();
        self
    }
}
