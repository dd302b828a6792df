//! Audio in and out for Aira: microphone capture on its own thread, playback on another,
//! resampling to the 16 kHz mono that speech engines take, and WAV files.

mod capture;
mod decode;
mod error;
mod level;
mod playback;
mod resample;
mod wav;

pub use capture::{Recorder, Recording};
pub use decode::{MAX_ANSWER_SECONDS, decode_file};
pub use error::AudioError;
pub use level::Level;
pub use playback::Player;
pub use resample::{mix_to_mono, resample};
pub use wav::{read_wav, write_wav_mono_16k};

/// The sample rate everything is converted to before transcription.
pub const SPEECH_SAMPLE_RATE: u32 = 16_000;
