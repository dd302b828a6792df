//! Building the SDK client: on first use, from the standard AWS configuration, so opening
//! Aira needs neither network nor credentials.

use std::time::Duration;

use aira_core::ports::{CloudFailure, TranscribeError};
use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_sdk_transcribestreaming::Client;
use aws_smithy_http_client::tls::rustls_provider::CryptoMode;
use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore};

use super::AmazonSettings;

/// Mumbai: most of Aira's users are in India, and it offers en-IN, hi-IN, ta-IN and te-IN.
pub const DEFAULT_REGION: &str = "ap-south-1";
/// A connection that cannot be made in this time counts as offline: auto mode then answers
/// locally instead of keeping the user waiting.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(4);

/// The standard configuration: credentials from the default chain (environment, profile,
/// credential_process, web identity, container and instance roles); region from
/// `AWS_REGION` or the profile, else [`DEFAULT_REGION`]; endpoint overrides such as
/// `AWS_ENDPOINT_URL_TRANSCRIBE_STREAMING`. Reads files, contacts nothing.
pub async fn load_standard_config() -> SdkConfig {
    // Not the default region chain: it ends by asking the EC2 instance metadata service,
    // which on a laptop only costs time before the default below is taken anyway.
    let region = RegionProviderChain::first_try(EnvironmentVariableRegionProvider::new())
        .or_else(ProfileFileRegionProvider::new())
        .or_else(Region::from_static(DEFAULT_REGION));
    aws_config::defaults(BehaviorVersion::latest())
        .region(region)
        .load()
        .await
}

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
        builder = builder.http_client(https_client_trusting(pem)?);
    }
    Ok(Client::from_conf(builder.build()))
}

/// The SDK's own HTTPS client (rustls, HTTP/2 by ALPN), trusting the platform's
/// certificates and `pem` as well: a company proxy's authority, or a test server's.
fn https_client_trusting(
    pem: &[u8],
) -> Result<aws_sdk_transcribestreaming::config::SharedHttpClient, TranscribeError> {
    let trust = TrustStore::empty()
        .with_native_roots(true)
        .with_pem_certificate(pem.to_vec());
    let context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .map_err(|error| {
            TranscribeError::cloud(
                CloudFailure::Service,
                format!("the extra certificate authority cannot be used: {error}"),
            )
        })?;
    Ok(aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
        .tls_context(context)
        .build_https())
}
