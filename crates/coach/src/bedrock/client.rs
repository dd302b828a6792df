//! The Bedrock Runtime client: built on first use from the standard AWS configuration, with
//! the SDK's standard retries (throttling, model-not-ready and 5xx, with backoff) and a
//! connect timeout; Aira's own breaker and deadlines sit above it.

use std::time::Duration;

use aira_aws::CloudError;
use aira_core::ports::CloudFailure;
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_sdk_bedrockruntime::Client;

use super::BedrockSettings;

/// A connection that cannot be made in this time counts as offline.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);

pub fn build_client(config: &SdkConfig, settings: &BedrockSettings) -> Result<Client, CloudError> {
    let retries = RetryConfig::standard()
        .with_max_attempts(settings.max_attempts.max(1))
        .with_initial_backoff(settings.initial_backoff);
    let mut builder = aws_sdk_bedrockruntime::config::Builder::from(config)
        .retry_config(retries)
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
            .map_err(|reason| CloudError::new(CloudFailure::Service, reason))?;
        builder = builder.http_client(client);
    }
    Ok(Client::from_conf(builder.build()))
}
