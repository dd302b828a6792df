use serde::{Deserialize, Serialize};

/// Stable machine-readable error codes. The UI maps each to localized text and a recovery
/// action (`error.<code>` in `locales/`); the CLI maps each to an exit code. Never rename one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// No usable input device, or it refused to open.
    NoMicrophone,
    /// The Whisper model file does not exist.
    ModelMissing,
    /// The Whisper model file exists but is not a model whisper.cpp can load.
    ModelInvalid,
    /// The answer audio could not be read: not a supported format, or corrupt.
    InvalidAudio,
    /// The answer audio holds no samples at all.
    EmptyAudio,
    /// The answer file is in a format or codec Aira cannot decode.
    UnsupportedAudio,
    /// The answer file is longer than Aira accepts.
    AudioTooLong,
    /// The language asked for is unknown, or the model cannot transcribe it.
    UnsupportedLanguage,
    /// The answer audio was read but no speech was heard in it.
    NoSpeech,
    /// No question with the given id exists in the bank.
    UnknownQuestion,
    /// A recording was asked to stop, but none is running.
    NotRecording,
    /// A recording was asked to start while one is already running.
    AlreadyRecording,
    /// The database or the data folder could not be read or written.
    Storage,
    /// The disk is full: what was being saved was not, and what was saved before is intact.
    DiskFull,
    /// The history file is damaged; a copy was kept, and a fresh start is offered.
    DatabaseDamaged,
    /// No profile has the name given.
    UnknownProfile,
    /// A profile name that is empty, too long, or already taken.
    ProfileRefused,
    /// A file the user named could not be opened.
    FileNotFound,
    /// No model has the name given: not in the catalog, or not installed.
    ModelNotFound,
    /// A model with that name is already installed.
    ModelExists,
    /// The model given for import is of a kind Aira cannot import (yet).
    ImportUnsupported,
    /// The download server could not be reached: no network, name not resolved, refused.
    Offline,
    /// A download stopped part way (connection lost, HTTP error) and retries did not help.
    DownloadFailed,
    /// A downloaded model is not the expected file; it was deleted.
    ChecksumMismatch,
    /// The disk cannot hold the model.
    NotEnoughSpace,
    /// The cloud transcription service could not be reached (no network, connection lost).
    CloudOffline,
    /// No cloud credentials were found, or the account may not use the service.
    CloudAccessDenied,
    /// The cloud service refused: too many requests or streams at once.
    CloudThrottled,
    /// The cloud service failed or stopped answering.
    CloudFailed,
    /// A typed answer with no words in it.
    EmptyAnswer,
    /// Amazon Bedrock could not do what only it can (write résumé questions); answers are
    /// still coached offline.
    CoachFailed,
    /// A résumé or job description could not be read: damaged, encrypted, too large, a
    /// scan without text, or not a PDF, DOCX or text file.
    DocumentUnreadable,
    /// No session with the given id in the history.
    UnknownSession,
    /// A history file to import is not one, is damaged, or is from a later Aira; nothing
    /// was changed.
    ImportRefused,
    /// No voice by the id given (`aira voices` lists them), or not for that language.
    UnknownVoice,
    /// Speech was made but no speaker or headphones could be opened: text only.
    NoAudioOutput,
    /// No voice could speak, not even the local one.
    VoiceFailed,
    /// There is no text to say.
    EmptyText,
    /// An AWS region or profile name that cannot be one; nothing was changed.
    AwsSettingRefused,
    /// The user stopped the operation.
    Cancelled,
    /// Anything else; the message says what.
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 41] = [
        ErrorCode::NoMicrophone,
        ErrorCode::ModelMissing,
        ErrorCode::ModelInvalid,
        ErrorCode::InvalidAudio,
        ErrorCode::EmptyAudio,
        ErrorCode::UnsupportedAudio,
        ErrorCode::AudioTooLong,
        ErrorCode::NoSpeech,
        ErrorCode::UnsupportedLanguage,
        ErrorCode::UnknownQuestion,
        ErrorCode::NotRecording,
        ErrorCode::AlreadyRecording,
        ErrorCode::Storage,
        ErrorCode::DiskFull,
        ErrorCode::DatabaseDamaged,
        ErrorCode::UnknownProfile,
        ErrorCode::ProfileRefused,
        ErrorCode::FileNotFound,
        ErrorCode::ModelNotFound,
        ErrorCode::ModelExists,
        ErrorCode::ImportUnsupported,
        ErrorCode::Offline,
        ErrorCode::DownloadFailed,
        ErrorCode::ChecksumMismatch,
        ErrorCode::NotEnoughSpace,
        ErrorCode::CloudOffline,
        ErrorCode::CloudAccessDenied,
        ErrorCode::CloudThrottled,
        ErrorCode::CloudFailed,
        ErrorCode::EmptyAnswer,
        ErrorCode::CoachFailed,
        ErrorCode::DocumentUnreadable,
        ErrorCode::UnknownSession,
        ErrorCode::ImportRefused,
        ErrorCode::UnknownVoice,
        ErrorCode::NoAudioOutput,
        ErrorCode::VoiceFailed,
        ErrorCode::EmptyText,
        ErrorCode::AwsSettingRefused,
        ErrorCode::Cancelled,
        ErrorCode::Internal,
    ];

    /// The code as it appears on the wire and in locale keys.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NoMicrophone => "no_microphone",
            ErrorCode::ModelMissing => "model_missing",
            ErrorCode::ModelInvalid => "model_invalid",
            ErrorCode::InvalidAudio => "invalid_audio",
            ErrorCode::EmptyAudio => "empty_audio",
            ErrorCode::UnsupportedAudio => "unsupported_audio",
            ErrorCode::AudioTooLong => "audio_too_long",
            ErrorCode::NoSpeech => "no_speech",
            ErrorCode::UnsupportedLanguage => "unsupported_language",
            ErrorCode::UnknownQuestion => "unknown_question",
            ErrorCode::NotRecording => "not_recording",
            ErrorCode::AlreadyRecording => "already_recording",
            ErrorCode::Storage => "storage",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::DatabaseDamaged => "database_damaged",
            ErrorCode::UnknownProfile => "unknown_profile",
            ErrorCode::ProfileRefused => "profile_refused",
            ErrorCode::FileNotFound => "file_not_found",
            ErrorCode::ModelNotFound => "model_not_found",
            ErrorCode::ModelExists => "model_exists",
            ErrorCode::ImportUnsupported => "import_unsupported",
            ErrorCode::Offline => "offline",
            ErrorCode::DownloadFailed => "download_failed",
            ErrorCode::ChecksumMismatch => "checksum_mismatch",
            ErrorCode::NotEnoughSpace => "not_enough_space",
            ErrorCode::CloudOffline => "cloud_offline",
            ErrorCode::CloudAccessDenied => "cloud_access_denied",
            ErrorCode::CloudThrottled => "cloud_throttled",
            ErrorCode::CloudFailed => "cloud_failed",
            ErrorCode::EmptyAnswer => "empty_answer",
            ErrorCode::CoachFailed => "coach_failed",
            ErrorCode::DocumentUnreadable => "document_unreadable",
            ErrorCode::UnknownSession => "unknown_session",
            ErrorCode::ImportRefused => "import_refused",
            ErrorCode::UnknownVoice => "unknown_voice",
            ErrorCode::NoAudioOutput => "no_audio_output",
            ErrorCode::VoiceFailed => "voice_failed",
            ErrorCode::EmptyText => "empty_text",
            ErrorCode::AwsSettingRefused => "aws_setting_refused",
            ErrorCode::Cancelled => "cancelled",
            ErrorCode::Internal => "internal",
        }
    }
}

/// The error every command returns: a stable code for the program, a message for people.
/// The message is English detail (a path, a device name); the UI leads with its own
/// localized text for the code and shows the message as detail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
}

impl CommandError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for CommandError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialize_as_their_stable_names() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
