#[derive(Debug, thiserror::Error)]
pub enum AudioError {
    /// No input device, or it could not be opened. cpal on ALSA reports a default device
    /// even when there is none; the failure arrives when the stream is configured or built.
    #[error("no microphone could be opened: {0}")]
    NoMicrophone(String),
    #[error("no speaker or headphones could be opened: {0}")]
    NoOutput(String),
    #[error("a recording is already running")]
    AlreadyRecording,
    #[error("no recording is running")]
    NotRecording,
    #[error("the audio file cannot be read: {0}")]
    InvalidAudio(String),
    #[error("the audio holds no samples")]
    EmptyAudio,
    #[error("unsupported audio: {0}")]
    UnsupportedFormat(String),
    #[error("the audio is {seconds} s long; answers up to {limit} s are accepted")]
    TooLong { seconds: u64, limit: u32 },
    #[error("audio file error: {0}")]
    Io(#[from] std::io::Error),
    #[error("the audio thread has stopped")]
    ThreadGone,
}
