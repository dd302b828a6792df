//! Audio in and out for Aira: microphone capture on its own thread, playback on another,
//! resampling to the 16 kHz mono that speech engines take, and WAV files.

mod capture;
mod command_thread;
mod decode;
#[cfg(feature = "denoise")]
mod denoise;
mod earcon;
mod error;
mod level;
mod playback;
mod resample;
mod voice_activity;
mod wav;

pub use capture::{CaptureCallback, CaptureEvent, InputDevice, Recorder, Recording};
pub use decode::{decode_bytes, decode_file};
#[cfg(feature = "denoise")]
pub use denoise::{NoiseSuppressor, denoise};
pub use earcon::{EARCON_SAMPLE_RATE, Earcon};
pub use error::AudioError;
pub use level::Level;
pub use playback::{Player, output_available};
pub use resample::{StreamResampler, mix_to_mono, resample};
pub use voice_activity::{FRAME_MS, FRAME_SAMPLES, VoiceActivityDetector, speech_regions};
pub use wav::{read_wav, write_wav_mono_16k};

/// The sample rate everything is converted to before transcription.
pub const SPEECH_SAMPLE_RATE: u32 = 16_000;

/// The longest answer Aira takes, recorded or imported. Longer files are refused before
/// they are decoded whole, and recording stops keeping audio at this length, so neither a
/// two-hour file nor a forgotten microphone can exhaust memory.
pub const MAX_ANSWER_SECONDS: u32 = 15 * 60;
