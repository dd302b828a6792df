//! Voices behind the [`Speaker`] port. Today espeak-ng, a local voice that needs no
//! download; Polly and a neural local voice join behind the same port.

mod espeak;
mod piper;

pub use espeak::EspeakSpeaker;
pub use piper::{PiperVoice, onnxruntime_library};
