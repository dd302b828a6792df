//! The SDK's errors in the terms Aira acts on ([`CloudFailure`]): offline, access denied,
//! throttled, timed out, or a failure of the service itself.

use std::error::Error as StdError;

use aira_core::ports::{CloudFailure, TranscribeError};
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_transcribestreaming::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

/// Error codes AWS uses when the credentials are missing, wrong or not allowed.
const ACCESS_DENIED_CODES: [&str; 8] = [
    "AccessDeniedException",
    "UnrecognizedClientException",
    "InvalidSignatureException",
    "IncompleteSignatureException",
    "MissingAuthenticationTokenException",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "NotAuthorized",
];
/// Error codes for too many requests or streams at once.
const THROTTLED_CODES: [&str; 3] = [
    "LimitExceededException",
    "ThrottlingException",
    "TooManyRequestsException",
];

/// Classifies an error of the call or of its result stream.
pub fn classify<E, R>(error: &SdkError<E, R>) -> TranscribeError
where
    E: ProvideErrorMetadata + StdError + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let detail = DisplayErrorContext(error).to_string();
    let failure = |kind: CloudFailure, summary: &str| {
        TranscribeError::cloud(kind, format!("Amazon Transcribe: {summary} ({detail})"))
    };
    if let Some(credentials) = find_source::<CredentialsError>(error as &(dyn StdError + 'static)) {
        return TranscribeError::cloud(
            CloudFailure::AccessDenied,
            format!(
                "Amazon Transcribe: no usable AWS credentials ({})",
                DisplayErrorContext(credentials)
            ),
        );
    }
    match error {
        SdkError::ServiceError(context) => {
            let code = context.err().code().unwrap_or_default();
            let message = context.err().message().unwrap_or(code);
            let summary = format!("{code}: {message}");
            if ACCESS_DENIED_CODES.contains(&code) {
                failure(CloudFailure::AccessDenied, &summary)
            } else if THROTTLED_CODES.contains(&code) {
                failure(CloudFailure::Throttled, &summary)
            } else {
                failure(CloudFailure::Service, &summary)
            }
        }
        SdkError::TimeoutError(_) => failure(CloudFailure::Timeout, "no answer in time"),
        SdkError::DispatchFailure(dispatch) if dispatch.is_timeout() => {
            failure(CloudFailure::Timeout, "no answer in time")
        }
        SdkError::DispatchFailure(dispatch) if dispatch.is_io() => {
            failure(CloudFailure::Offline, "the service could not be reached")
        }
        SdkError::DispatchFailure(_) | SdkError::ResponseError(_)
            if find_source::<std::io::Error>(error as &(dyn StdError + 'static)).is_some()
                || mentions_lost_connection(&detail) =>
        {
            failure(CloudFailure::Offline, "the connection was lost")
        }
        _ => failure(CloudFailure::Service, "the request failed"),
    }
}

/// The first error of type `T` in `error`'s chain of sources.
fn find_source<'a, T: StdError + 'static>(error: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current = Some(error);
    while let Some(error) = current {
        if let Some(found) = error.downcast_ref::<T>() {
            return Some(found);
        }
        current = error.source();
    }
    None
}

/// hyper reports a reset or closed HTTP/2 stream as its own error type, not an I/O error.
fn mentions_lost_connection(detail: &str) -> bool {
    let detail = detail.to_ascii_lowercase();
    [
        "connection reset",
        "connection closed",
        "stream error",
        "broken pipe",
        "unexpected eof",
        "connection error",
        "body error",
    ]
    .iter()
    .any(|phrase| detail.contains(phrase))
}
