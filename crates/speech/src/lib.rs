//! Speech recognition behind the `Transcriber` port: whisper.cpp (through whisper-rs) on a
//! worker thread that owns the loaded model and takes jobs over a channel, so inference
//! never blocks async tasks; and Amazon Transcribe Streaming in the cloud.

mod cancellation;
mod model_file;
mod script;
pub mod transcribe_streaming;
mod whisper;
mod words;

pub use model_file::check_model_file;
pub use transcribe_streaming::{AmazonSettings, AmazonTranscriber};
pub use whisper::{DEFAULT_BEAM_SIZE, DecodingTweaks, WhisperSettings, WhisperTranscriber};
