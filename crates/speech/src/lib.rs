//! Local speech recognition: whisper.cpp (through whisper-rs) on a worker thread that owns
//! the loaded model and takes jobs over a channel, so inference never blocks async tasks.

mod model_file;
mod script;
mod whisper;
mod words;

pub use model_file::check_model_file;
pub use whisper::{DEFAULT_BEAM_SIZE, DecodingTweaks, WhisperSettings, WhisperTranscriber};
