//! Voices behind the [`Speaker`](aira_core::ports::Speaker) port:
//! - engines behind [`Synthesizer`]: [`PollySynthesizer`] (Amazon Polly, cloud),
//!   [`EspeakSynthesizer`] (espeak-ng, every language Aira offers) and Piper (a neural
//!   local English voice);
//! - [`SpeechCache`]: speech kept on disk, least recently used evicted;
//! - [`VoiceOut`]: the user's policy over them, long text in pieces, playback with pause,
//!   volume and the word being spoken.

mod cache;
mod chunking;
mod espeak;
mod language;
mod piper;
mod polly;
mod speech;
mod timing;
mod voice_out;

pub use cache::{DEFAULT_CACHE_BYTES, SpeechCache};
pub use chunking::{CHUNK_CHARACTERS, chunk_text};
pub use espeak::EspeakSynthesizer;
pub use language::spoken_language;
pub use piper::{PiperSynthesizer, PiperVoice, onnxruntime_library};
pub use polly::{POLLY_LANGUAGES, PollySettings, PollySynthesizer};
pub use speech::{RATE_RANGE, Speech, SpeechRequest, Synthesizer, clamp_rate};
pub use timing::estimated_marks;
pub use voice_out::{
    CLOUD_REST, DEFAULT_CLOUD_VOICE, FALLBACK_LOCAL_VOICE, VoiceOut, VoiceOutSettings, WordListener,
};
