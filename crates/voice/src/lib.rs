//! Voices behind the [`Speaker`] port. Today espeak-ng, a local voice that needs no
//! download; Polly and a neural local voice join behind the same port.

mod espeak;

pub use espeak::EspeakSpeaker;
