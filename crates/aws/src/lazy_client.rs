//! A service client made on first use, so opening Aira needs neither network nor
//! credentials: the configuration (the standard chain for the chosen account, or one given
//! by a test or caller) is read then, and the credentials check is remembered. When the
//! user chooses another profile or region the client is made again on its next use.

use aws_config::SdkConfig;
use aws_credential_types::provider::SharedCredentialsProvider;

use crate::account::{AwsAccount, SharedAccount};
use crate::config::load_standard_config;
use crate::credentials::CredentialsCheck;
use crate::failure::CloudError;

/// Where the AWS configuration comes from.
pub enum ConfigSource {
    /// The standard chain for the account chosen now ([`load_standard_config`]).
    Standard(SharedAccount),
    /// Given by the caller: fixed keys, a test server.
    Given(Box<SdkConfig>),
}

pub struct LazyClient<C> {
    /// Names the service in messages ("Amazon Bedrock").
    service: &'static str,
    source: ConfigSource,
    made: tokio::sync::Mutex<Option<Made<C>>>,
    credentials: CredentialsCheck,
}

/// A client, the credentials it signs with, and the account it was made for.
struct Made<C> {
    client: C,
    provider: Option<SharedCredentialsProvider>,
    account: AwsAccount,
}

impl<C: Clone> LazyClient<C> {
    pub fn new(service: &'static str, source: ConfigSource) -> Self {
        Self {
            service,
            source,
            made: tokio::sync::Mutex::new(None),
            credentials: CredentialsCheck::default(),
        }
    }

    /// The client, made by `make` from the configuration the first time and again after
    /// the account changed. (SDK clients are handles: a clone is cheap.)
    pub async fn client<E>(&self, make: impl FnOnce(&SdkConfig) -> Result<C, E>) -> Result<C, E> {
        self.made_client(make).await.map(|(client, _)| client)
    }

    /// The client once credentials are known to be there (checked quickly, and
    /// remembered for a while); an error that names the fix otherwise.
    pub async fn ready_client<E: From<CloudError>>(
        &self,
        make: impl FnOnce(&SdkConfig) -> Result<C, E>,
    ) -> Result<C, E> {
        let (client, provider) = self.made_client(make).await?;
        self.credentials
            .check(self.service, provider.as_ref())
            .await?;
        Ok(client)
    }

    async fn made_client<E>(
        &self,
        make: impl FnOnce(&SdkConfig) -> Result<C, E>,
    ) -> Result<(C, Option<SharedCredentialsProvider>), E> {
        let account = match &self.source {
            ConfigSource::Standard(shared) => shared.get(),
            ConfigSource::Given(_) => AwsAccount::default(),
        };
        let mut made = self.made.lock().await;
        if let Some(made) = made.as_ref().filter(|made| made.account == account) {
            return Ok((made.client.clone(), made.provider.clone()));
        }
        let loaded;
        let config = match &self.source {
            ConfigSource::Given(config) => config.as_ref(),
            ConfigSource::Standard(_) => {
                loaded = load_standard_config(&account).await;
                &loaded
            }
        };
        tracing::debug!(service = self.service, profile = ?account.profile, region = ?config.region(), "AWS client created");
        let client = make(config)?;
        let provider = config.credentials_provider();
        if made.is_some() {
            // Another account: its credentials are another matter.
            self.credentials.forget();
        }
        *made = Some(Made {
            client: client.clone(),
            provider: provider.clone(),
            account,
        });
        Ok((client, provider))
    }
}
