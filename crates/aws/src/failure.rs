//! The SDK's errors in the terms Aira acts on ([`CloudFailure`]): offline, access denied,
//! throttled, timed out, or a failure of the service itself. Every AWS SDK shares these
//! error types, so one classification serves every adapter.

use std::error::Error as StdError;

use aira_core::ports::CloudFailure;
use aws_credential_types::provider::error::CredentialsError;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

/// A cloud call that failed: what kind of failure, and a message for people that names
/// the service and, where there is one, the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudError {
    pub kind: CloudFailure,
    pub message: String,
}

impl CloudError {
    pub fn new(kind: CloudFailure, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for CloudError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for CloudError {}

impl From<CloudError> for aira_core::ports::TranscribeError {
    fn from(error: CloudError) -> Self {
        Self::cloud(error.kind, error.message)
    }
}

impl From<CloudError> for aira_core::ports::SpeakError {
    fn from(error: CloudError) -> Self {
        Self::Cloud {
            kind: error.kind,
            message: error.message,
        }
    }
}

impl From<CloudError> for aira_core::ports::CoachError {
    fn from(error: CloudError) -> Self {
        Self::cloud(error.kind, error.message)
    }
}

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
const THROTTLED_CODES: [&str; 4] = [
    "LimitExceededException",
    "ThrottlingException",
    "TooManyRequestsException",
    "ServiceQuotaExceededException",
];

/// Classifies an error of a call to `service` ("Amazon Bedrock") or of its result stream.
pub fn classify<E, R>(service: &str, error: &SdkError<E, R>) -> CloudError
where
    E: ProvideErrorMetadata + StdError + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    let chain = error as &(dyn StdError + 'static);
    let failure =
        |kind: CloudFailure, summary: &str| CloudError::new(kind, format!("{service}: {summary}"));
    if let Some(credentials) = find_source::<CredentialsError>(chain) {
        return credentials_failure(service, credentials);
    }
    match error {
        SdkError::ServiceError(context) => {
            let code = error_code(context.err());
            let message = context.err().message().unwrap_or_default();
            let summary = format!("{code}: {message}");
            if ACCESS_DENIED_CODES.contains(&code.as_str()) {
                failure(CloudFailure::AccessDenied, &summary)
            } else if THROTTLED_CODES.contains(&code.as_str()) {
                failure(CloudFailure::Throttled, &summary)
            } else {
                failure(CloudFailure::Service, &summary)
            }
        }
        SdkError::TimeoutError(_) => failure(CloudFailure::Timeout, "no answer in time"),
        SdkError::DispatchFailure(dispatch) if dispatch.is_timeout() => {
            failure(CloudFailure::Timeout, "no answer in time")
        }
        SdkError::DispatchFailure(_) | SdkError::ResponseError(_) => {
            let detail = describe_chain(chain);
            let is_io = matches!(error, SdkError::DispatchFailure(dispatch) if dispatch.is_io())
                || find_source::<std::io::Error>(chain).is_some();
            if mentions_lost_connection(&detail) {
                failure(
                    CloudFailure::Offline,
                    &format!("the connection was lost ({detail})"),
                )
            } else if is_io {
                failure(
                    CloudFailure::Offline,
                    &format!("the service could not be reached ({detail})"),
                )
            } else {
                failure(CloudFailure::Service, &detail)
            }
        }
        _ => failure(CloudFailure::Service, &describe_chain(chain)),
    }
}

/// No credentials, said so that the fix is clear; the provider's own words follow, shortened
/// (the default chain reports its last source, often the instance metadata service).
pub fn credentials_failure(service: &str, error: &CredentialsError) -> CloudError {
    let detail: String = describe_chain(error).chars().take(240).collect();
    let summary = match error {
        CredentialsError::CredentialsNotLoaded(_) => "no AWS credentials were found",
        _ => "the AWS credentials could not be loaded",
    };
    CloudError::new(
        CloudFailure::AccessDenied,
        format!(
            "{service}: {summary} (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, \
             or AWS_PROFILE; {detail})"
        ),
    )
}

/// The service's name for the error. Exceptions inside the event stream carry no code in
/// their metadata, but their text starts with it ("LimitExceededException: …").
fn error_code(error: &(impl ProvideErrorMetadata + StdError)) -> String {
    match error.code() {
        Some(code) => code.to_owned(),
        None => error
            .to_string()
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned(),
    }
}

/// The messages of `error` and its sources, outermost first, without repeats:
/// "dispatch failure: io error: … Connection refused (os error 111)".
pub fn describe_chain(error: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(error);
    while let Some(error) = current {
        let text = error.to_string();
        if !text.is_empty() && !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        current = error.source();
    }
    parts.join(": ")
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

/// hyper reports a reset or closed HTTP/2 stream as its own error, not always an I/O one.
fn mentions_lost_connection(detail: &str) -> bool {
    let detail = detail.to_ascii_lowercase();
    [
        "connection reset",
        "connection closed",
        "stream error",
        "broken pipe",
        "unexpected eof",
        "error reading a body",
    ]
    .iter()
    .any(|phrase| detail.contains(phrase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chain_is_told_outermost_first_without_repeats() {
        let inner = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
        let outer = std::io::Error::other(inner);
        assert_eq!(describe_chain(&outer), "refused");
        assert!(mentions_lost_connection(
            "io error: stream error received: reset"
        ));
        assert!(!mentions_lost_connection(
            "tcp connect error: Connection refused"
        ));
    }
}
