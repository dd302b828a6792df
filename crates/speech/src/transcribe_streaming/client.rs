//! Building the SDK client: on first use, from the standard AWS configuration
//! ([`aira_aws::load_standard_config`]), so opening Aira needs neither network nor
//! credentials.

use aira_aws::ClientOptions;
use aira_core::ports::TranscribeError;
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_sdk_transcribestreaming::Client;

use super::AmazonSettings;

/// The Transcribe Streaming client for `config`, with Aira's settings applied: standard
/// retries, a connect timeout, the endpoint and extra certificate authority if set.
pub fn build_client(
    config: &SdkConfig,
    settings: &AmazonSettings,
) -> Result<Client, TranscribeError> {
    let tuned = aira_aws::tuned_config(
        config,
        ClientOptions {
            retries: RetryConfig::standard(),
            endpoint_url: settings.endpoint_url.as_deref(),
            extra_ca_pem: settings.extra_ca_pem.as_deref(),
        },
    )?;
    Ok(Client::new(&tuned))
}
