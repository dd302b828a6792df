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
        }
    }
}
