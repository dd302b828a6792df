//! The AWS configuration every adapter starts from.

use aws_config::environment::region::EnvironmentVariableRegionProvider;
use aws_config::meta::region::RegionProviderChain;
use aws_config::profile::ProfileFileRegionProvider;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_http_client::tls::rustls_provider::CryptoMode;
use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore};
use aws_smithy_runtime_api::client::http::SharedHttpClient;

use crate::account::AwsAccount;

/// Mumbai: most of Aira's users are in India; it offers Transcribe's en-IN, hi-IN, ta-IN and
/// te-IN, and Bedrock's Claude models.
pub const DEFAULT_REGION: &str = "ap-south-1";

/// The standard configuration for `account`: credentials from the default chain
/// (environment, profile, credential_process, web identity, container and instance roles)
/// of the chosen profile, else `AWS_PROFILE`'s; the chosen region, else `AWS_REGION`, else
/// the profile's, else [`DEFAULT_REGION`]; endpoint overrides such as
/// `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`. Reads files, contacts nothing.
pub async fn load_standard_config(account: &AwsAccount) -> SdkConfig {
    // Not the default region chain: it ends by asking the EC2 instance metadata service,
    // which on a laptop only costs time before the default below is taken anyway.
    let mut profile_region = ProfileFileRegionProvider::builder();
    if let Some(profile) = &account.profile {
        profile_region = profile_region.profile_name(profile);
    }
    let region = RegionProviderChain::first_try(account.region.clone().map(Region::new))
        .or_else(EnvironmentVariableRegionProvider::new())
        .or_else(profile_region.build())
        .or_else(Region::from_static(DEFAULT_REGION));
    let mut loader = aws_config::defaults(BehaviorVersion::latest()).region(region);
    if let Some(profile) = &account.profile {
        loader = loader.profile_name(profile);
    }
    loader.load().await
}

/// A configuration with fixed keys instead of the standard chain: for tests, and for keys
/// Aira gets some other way.
pub fn sdk_config_with_keys(
    region: &str,
    access_key_id: &str,
    secret_access_key: &str,
) -> SdkConfig {
    SdkConfig::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_owned()))
        .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
            access_key_id,
            secret_access_key,
            None,
            None,
            "aira-fixed-keys",
        )))
        .build()
}

/// The SDK's own HTTPS client (rustls, HTTP/2 by ALPN), trusting the platform's
/// certificates and `pem` as well: a company proxy's authority, or a test server's.
pub fn https_client_trusting(pem: &[u8]) -> Result<SharedHttpClient, String> {
    let trust = TrustStore::empty()
        .with_native_roots(true)
        .with_pem_certificate(pem.to_vec());
    let context = TlsContext::builder()
        .with_trust_store(trust)
        .build()
        .map_err(|error| format!("the extra certificate authority cannot be used: {error}"))?;
    Ok(aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
        .tls_context(context)
        .build_https())
}

/// A connection that cannot be made in this time counts as offline: auto mode then works
/// locally instead of keeping the user waiting.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(4);

/// What Aira sets on every service client besides the standard configuration.
pub struct ClientOptions<'a> {
    /// The SDK's standard retries (throttling, model-not-ready, 5xx), tuned per service.
    pub retries: aws_config::retry::RetryConfig,
    /// Another endpoint than the region's (a VPC endpoint, a test server); the standard
    /// `AWS_ENDPOINT_URL_<SERVICE>` variables work without it.
    pub endpoint_url: Option<&'a str>,
    /// A certificate authority (PEM) to trust besides the platform's.
    pub extra_ca_pem: Option<&'a [u8]>,
}

/// `config` with Aira's options applied: retries, [`CONNECT_TIMEOUT`], the endpoint and the
/// extra certificate authority. Every service's client builder takes it as it is.
pub fn tuned_config(
    config: &SdkConfig,
    options: ClientOptions<'_>,
) -> Result<SdkConfig, crate::CloudError> {
    let mut builder = config
        .to_builder()
        .retry_config(options.retries)
        .timeout_config(
            aws_config::timeout::TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .build(),
        );
    if let Some(endpoint) = options.endpoint_url {
        builder = builder.endpoint_url(endpoint);
    }
    if let Some(pem) = options.extra_ca_pem {
        let client = https_client_trusting(pem).map_err(|reason| {
            crate::CloudError::new(aira_core::ports::CloudFailure::Service, reason)
        })?;
        builder = builder.http_client(client);
    }
    Ok(builder.build())
}
