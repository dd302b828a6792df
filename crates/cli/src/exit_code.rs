use std::process::ExitCode;

use aira_protocol::ErrorCode;

/// Exit codes are part of the CLI's contract (README, "Exit codes"); never renumber them.
/// 2 is clap's code for a usage error.
pub fn for_error(code: ErrorCode) -> ExitCode {
    ExitCode::from(match code {
        ErrorCode::Internal | ErrorCode::VoiceFailed => 1,
        ErrorCode::InvalidAudio
        | ErrorCode::EmptyAudio
        | ErrorCode::UnsupportedAudio
        | ErrorCode::AudioTooLong
        | ErrorCode::NoSpeech
        | ErrorCode::UnsupportedLanguage
        | ErrorCode::FileNotFound
        | ErrorCode::UnknownQuestion
        | ErrorCode::UnknownSession
        | ErrorCode::UnknownProfile
        | ErrorCode::ProfileRefused
        | ErrorCode::AwsSettingRefused
        | ErrorCode::ImportRefused
        | ErrorCode::EmptyAnswer
        | ErrorCode::EmptyText
        | ErrorCode::UnknownVoice
        | ErrorCode::DocumentUnreadable
        | ErrorCode::NotRecording
        | ErrorCode::AlreadyRecording => 3,
        ErrorCode::ModelMissing
        | ErrorCode::ModelInvalid
        | ErrorCode::ModelNotFound
        | ErrorCode::ModelExists
        | ErrorCode::ImportUnsupported => 4,
        ErrorCode::Storage
        | ErrorCode::DiskFull
        | ErrorCode::DatabaseDamaged
        | ErrorCode::NotEnoughSpace => 5,
        // A sound device is missing.
        ErrorCode::NoMicrophone | ErrorCode::NoAudioOutput => 6,
        // The network, or a service on it.
        ErrorCode::Offline
        | ErrorCode::DownloadFailed
        | ErrorCode::ChecksumMismatch
        | ErrorCode::CloudOffline
        | ErrorCode::CloudAccessDenied
        | ErrorCode::CloudThrottled
        | ErrorCode::CloudFailed
        | ErrorCode::CoachFailed => 7,
        // What shells report for a program stopped by Ctrl-C (128 + SIGINT).
        ErrorCode::Cancelled => 130,
    })
}
