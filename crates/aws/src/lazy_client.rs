//! A service client made on first use, so opening Aira needs neither network nor
//! credentials: the configuration (the standard chain, or one given by a test or caller) is
//! read then, and the credentials check is remembered.

use aws_config::SdkConfig;
use aws_credential_types::provider::SharedCredentialsProvider;

use crate::config::load_standard_config;
use crate::credentials::CredentialsCheck;
use crate::failure::CloudError;

/// Where the AWS configuration comes from.
pub enum ConfigSource {
    /// The standard chain, read on first use ([`load_standard_config`]).
    Standard,
    /// Given by the caller: fixed keys, a test server.
    Given(Box<SdkConfig>),
}

pub struct LazyClient<C> {
    /// Names the service in messages ("Amazon Bedrock").
    service: &'static str,
    source: ConfigSource,
    made: tokio::sync::OnceCell<(C, Option<SharedCredentialsProvider>)>,
    credentials: CredentialsCheck,
}

impl<C> LazyClient<C> {
    pub fn new(service: &'static str, source: ConfigSource) -> Self {
        Self {
            service,
            source,
            made: tokio::sync::OnceCell::new(),
            credentials: CredentialsCheck::default(),
        }
    }

    /// The client, made by `make` from the configuration the first time.
    pub async fn client<E>(&self, make: impl FnOnce(&SdkConfig) -> Result<C, E>) -> Result<&C, E> {
        let (client, _) = self
            .made
            .get_or_try_init(|| async {
                let loaded;
                let config = match &self.source {
                    ConfigSource::Given(config) => config.as_ref(),
                    ConfigSource::Standard => {
                        loaded = load_standard_config().await;
                        &loaded
                    }
                };
                tracing::debug!(service = self.service, region = ?config.region(), "AWS client created");
                Ok((make(config)?, config.credentials_provider()))
            })
            .await?;
        Ok(client)
    }

    /// The client once credentials are known to be there (checked quickly, and
    /// remembered for a while); an error that names the fix otherwise.
    pub async fn ready_client<E: From<CloudError>>(
        &self,
        make: impl FnOnce(&SdkConfig) -> Result<C, E>,
    ) -> Result<&C, E> {
        let client = self.client(make).await?;
        let provider = self.made.get().and_then(|(_, provider)| provider.as_ref());
        self.credentials.check(self.service, provider).await?;
        Ok(client)
    }
}
