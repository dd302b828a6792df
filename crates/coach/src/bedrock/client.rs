//! The Bedrock Runtime client: built on first use from the standard AWS configuration, with
//! the SDK's standard retries (throttling, model-not-ready and 5xx, with backoff) and a
//! connect timeout; Aira's own breaker and deadlines sit above it.

use aira_aws::{ClientOptions, CloudError};
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_sdk_bedrockruntime::Client;

use super::BedrockSettings;

pub fn build_client(config: &SdkConfig, settings: &BedrockSettings) -> Result<Client, CloudError> {
    let tuned = aira_aws::tuned_config(
        config,
        ClientOptions {
            retries: RetryConfig::standard()
                .with_max_attempts(settings.max_attempts.max(1))
                .with_initial_backoff(settings.initial_backoff),
            endpoint_url: settings.endpoint_url.as_deref(),
            extra_ca_pem: settings.extra_ca_pem.as_deref(),
        },
    )?;
    Ok(Client::new(&tuned))
}
