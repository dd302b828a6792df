//! What every engine produces and takes: speech (samples, word marks, cloud usage) for a
//! request (text, voice, rate), and the [`Synthesizer`] trait the engines implement.

use aira_core::ports::{PortFuture, SpeakError};
use aira_protocol::{SpeechUsage, VoiceEngine, VoiceInfo, WordMark};

/// The slowest and fastest speech rates offered (1.0 is the voice's own pace).
pub const RATE_RANGE: std::ops::RangeInclusive<f32> = 0.5..=2.0;

/// Speech for one piece of text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Speech {
    /// Mono, at `sample_rate`.
    pub samples: Vec<f32>,
    pub sample_rate: u32,
    /// When each word starts, by characters of the text asked for.
    pub marks: Vec<WordMark>,
    /// Characters billed by a cloud voice, and their price; zero for local voices.
    pub usage: SpeechUsage,
}

impl Speech {
    pub fn seconds(&self) -> f32 {
        self.samples.len() as f32 / self.sample_rate.max(1) as f32
    }
}

#[derive(Debug, Clone, Copy)]
pub struct SpeechRequest<'a> {
    pub text: &'a str,
    pub voice: &'a VoiceInfo,
    /// Within [`RATE_RANGE`].
    pub rate: f32,
}

/// Clamps a rate asked for into [`RATE_RANGE`] (1.0 for nonsense).
pub fn clamp_rate(rate: f32) -> f32 {
    if rate.is_finite() {
        rate.clamp(*RATE_RANGE.start(), *RATE_RANGE.end())
    } else {
        1.0
    }
}

/// A voice engine: lists its voices and turns text into speech.
pub trait Synthesizer: Send + Sync {
    fn engine(&self) -> VoiceEngine;
    /// The voices it can speak with now (a cloud engine asks the service).
    fn voices(&self) -> PortFuture<'_, Vec<VoiceInfo>, SpeakError>;
    fn synthesize<'a>(&'a self, request: SpeechRequest<'a>) -> PortFuture<'a, Speech, SpeakError>;
}
