use aira_audio::AudioError;
use aira_core::ports::{CloudFailure, CoachError, SpeakError, TranscribeError};
use aira_models::catalog::CatalogError;
use aira_models::ctranslate2::ImportError;
use aira_models::download::DownloadError;
use aira_models::ggml::GgmlError;
use aira_models::library::LibraryError;
use aira_protocol::{CommandError, ErrorCode};
use aira_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum RuntimeError {
    #[error(transparent)]
    Audio(#[from] AudioError),
    #[error(transparent)]
    Transcribe(#[from] TranscribeError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Models(#[from] LibraryError),
    #[error(transparent)]
    Catalog(#[from] CatalogError),
    #[error(transparent)]
    Coach(#[from] CoachError),
    #[error("the answer is empty")]
    EmptyAnswer,
    #[error(transparent)]
    Speak(#[from] SpeakError),
    #[error("there is no text to say")]
    EmptyText,
    #[error(transparent)]
    Document(#[from] aira_documents::DocumentError),
    #[error("no résumé has been imported yet")]
    NoResume,
    #[error("no question with id {0}")]
    UnknownQuestion(String),
    #[error("no session with id {0}")]
    UnknownSession(String),
    #[error(transparent)]
    Import(#[from] aira_store::ImportError),
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    /// A region or profile name that cannot be one.
    #[error("{0}")]
    AwsSettingRefused(String),
    #[error("{0}")]
    Internal(String),
}

impl RuntimeError {
    pub fn code(&self) -> ErrorCode {
        match self {
            RuntimeError::Audio(error) => match error {
                AudioError::NoMicrophone(_) => ErrorCode::NoMicrophone,
                AudioError::AlreadyRecording => ErrorCode::AlreadyRecording,
                AudioError::NotRecording => ErrorCode::NotRecording,
                AudioError::InvalidAudio(_) => ErrorCode::InvalidAudio,
                AudioError::EmptyAudio => ErrorCode::EmptyAudio,
                AudioError::UnsupportedFormat(_) => ErrorCode::UnsupportedAudio,
                AudioError::TooLong { .. } => ErrorCode::AudioTooLong,
                AudioError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    ErrorCode::FileNotFound
                }
                AudioError::Io(error) if error.kind() == std::io::ErrorKind::StorageFull => {
                    ErrorCode::DiskFull
                }
                AudioError::Io(_) => ErrorCode::InvalidAudio,
                AudioError::NoOutput(_) => ErrorCode::NoAudioOutput,
                AudioError::ThreadGone => ErrorCode::Internal,
            },
            RuntimeError::Transcribe(error) => match error {
                TranscribeError::ModelMissing { .. } => ErrorCode::ModelMissing,
                TranscribeError::ModelInvalid { .. } => ErrorCode::ModelInvalid,
                TranscribeError::EmptyAudio => ErrorCode::EmptyAudio,
                TranscribeError::NoSpeech => ErrorCode::NoSpeech,
                TranscribeError::UnsupportedLanguage { .. } => ErrorCode::UnsupportedLanguage,
                TranscribeError::Engine(_) | TranscribeError::Cancelled => ErrorCode::Internal,
                TranscribeError::Cloud { kind, .. } => cloud_code(*kind),
            },
            RuntimeError::Store(StoreError::DiskFull(_)) => ErrorCode::DiskFull,
            RuntimeError::Store(StoreError::UnknownProfile(_)) => ErrorCode::UnknownProfile,
            RuntimeError::Store(StoreError::ProfileRefused(_)) => ErrorCode::ProfileRefused,
            RuntimeError::Store(StoreError::Damaged { .. }) => ErrorCode::DatabaseDamaged,
            RuntimeError::Store(_) => ErrorCode::Storage,
            RuntimeError::File { source, .. }
                if source.kind() == std::io::ErrorKind::StorageFull =>
            {
                ErrorCode::DiskFull
            }
            RuntimeError::File { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
                ErrorCode::FileNotFound
            }
            RuntimeError::File { .. } => ErrorCode::Storage,
            RuntimeError::Models(error) => library_code(error),
            RuntimeError::Catalog(CatalogError::Read { source, .. })
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                ErrorCode::FileNotFound
            }
            RuntimeError::Catalog(_) => ErrorCode::Internal,
            RuntimeError::Coach(_) => ErrorCode::CoachFailed,
            RuntimeError::EmptyAnswer => ErrorCode::EmptyAnswer,
            RuntimeError::EmptyText => ErrorCode::EmptyText,
            RuntimeError::Speak(error) => match error {
                SpeakError::UnknownVoice(_) => ErrorCode::UnknownVoice,
                SpeakError::NoOutput(_) => ErrorCode::NoAudioOutput,
                SpeakError::Cloud { kind, .. } => cloud_code(*kind),
                SpeakError::Unavailable(_) | SpeakError::Failed(_) => ErrorCode::VoiceFailed,
            },
            RuntimeError::Document(aira_documents::DocumentError::Unreadable(source))
                if source.kind() == std::io::ErrorKind::NotFound =>
            {
                ErrorCode::FileNotFound
            }
            RuntimeError::Document(_) | RuntimeError::NoResume => ErrorCode::DocumentUnreadable,
            RuntimeError::UnknownQuestion(_) => ErrorCode::UnknownQuestion,
            RuntimeError::UnknownSession(_) => ErrorCode::UnknownSession,
            RuntimeError::Import(aira_store::ImportError::Store(StoreError::DiskFull(_))) => {
                ErrorCode::DiskFull
            }
            RuntimeError::Import(aira_store::ImportError::Store(_)) => ErrorCode::Storage,
            RuntimeError::Import(_) => ErrorCode::ImportRefused,
            RuntimeError::AwsSettingRefused(_) => ErrorCode::AwsSettingRefused,
            RuntimeError::Internal(_) => ErrorCode::Internal,
        }
    }
}

fn cloud_code(kind: CloudFailure) -> ErrorCode {
    match kind {
        CloudFailure::Offline => ErrorCode::CloudOffline,
        CloudFailure::AccessDenied => ErrorCode::CloudAccessDenied,
        CloudFailure::Throttled => ErrorCode::CloudThrottled,
        CloudFailure::Timeout | CloudFailure::Service => ErrorCode::CloudFailed,
    }
}

fn library_code(error: &LibraryError) -> ErrorCode {
    match error {
        LibraryError::InvalidName { .. }
        | LibraryError::NotInstalled { .. }
        | LibraryError::UnknownModel { .. } => ErrorCode::ModelNotFound,
        LibraryError::AlreadyInstalled { .. } => ErrorCode::ModelExists,
        LibraryError::NotAModel(GgmlError::NotFound { .. }) => ErrorCode::FileNotFound,
        LibraryError::NotAModel(GgmlError::Io { .. }) => ErrorCode::Storage,
        LibraryError::NotAModel(GgmlError::NotGgml { .. } | GgmlError::Truncated { .. }) => {
            ErrorCode::ModelInvalid
        }
        LibraryError::Conversion(ImportError::Io { source, .. })
            if source.kind() == std::io::ErrorKind::NotFound =>
        {
            ErrorCode::FileNotFound
        }
        LibraryError::Conversion(ImportError::Io { .. }) => ErrorCode::Storage,
        // The folder is a CTranslate2 model, but not one that converts: damaged, not
        // Whisper, or stored in a way the converter does not read.
        LibraryError::Conversion(_) => ErrorCode::ModelInvalid,
        LibraryError::ImportUnsupported { .. } => ErrorCode::ImportUnsupported,
        LibraryError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            ErrorCode::FileNotFound
        }
        LibraryError::Io { .. } => ErrorCode::Storage,
        LibraryError::Download(error) => download_code(error),
    }
}

fn download_code(error: &DownloadError) -> ErrorCode {
    match error {
        DownloadError::Offline { .. } => ErrorCode::Offline,
        DownloadError::ConnectionLost { .. }
        | DownloadError::HttpStatus(_)
        | DownloadError::Request { .. }
        | DownloadError::InProgress { .. } => ErrorCode::DownloadFailed,
        // Either way the file is not the one the catalog describes.
        DownloadError::ChecksumMismatch { .. } | DownloadError::SizeMismatch { .. } => {
            ErrorCode::ChecksumMismatch
        }
        DownloadError::NotEnoughSpace { .. } => ErrorCode::NotEnoughSpace,
        DownloadError::Cancelled => ErrorCode::Cancelled,
        DownloadError::Io { .. } => ErrorCode::Storage,
    }
}

impl From<RuntimeError> for CommandError {
    fn from(error: RuntimeError) -> Self {
        CommandError::new(error.code(), error.to_string())
    }
}

impl From<tokio::task::JoinError> for RuntimeError {
    fn from(error: tokio::task::JoinError) -> Self {
        RuntimeError::Internal(format!("a background task failed: {error}"))
    }
}
