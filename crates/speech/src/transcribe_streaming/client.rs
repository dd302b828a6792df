//! Building the SDK client: on first use, from the standard AWS configuration
//! ([`aira_aws::load_standard_config`]), so opening Aira needs neither network nor
//! credentials.

use std::time::Duration;

use aira_core::ports::{CloudFailure, TranscribeError};
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_transcribestreaming::Client;

use super::AmazonSettings;

/// A connection that cannot be made in this time counts as offline: auto mode then answers
/// locally instead of keeping the user waiting.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);

/// The Transcribe Streaming client for `config`, with Aira's settings applied: standard
/// retries, a connect timeout, the endpoint and extra certificate authority if set.
pub fn build_client(
    config: &SdkConfig,
    settings: &AmazonSettings,
) -> Result<Client, TranscribeError> {
    let mut builder = aws_sdk_transcribestreaming::config::Builder::from(config)
        .retry_config(RetryConfig::standard())
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .build(),
        );
    if let Some(endpoint) = &settings.endpoint_url {
        builder = builder.endpoint_url(endpoint);
    }
    if let Some(pem) = &settings.extra_ca_pem {
        let client = aira_aws::https_client_trusting(pem)
            .map_err(|reason| TranscribeError::cloud(CloudFailure::Service, reason))?;
        builder = builder.http_client(client);
    }
    Ok(Client::from_conf(builder.build()))
}
