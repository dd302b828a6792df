//! "Are there credentials?", answered quickly and remembered: auto mode asks before every
//! piece of work, and resolving credentials can mean running a process or asking a
//! metadata service.

use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use aira_core::ports::CloudFailure;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};

use crate::failure::{CloudError, credentials_failure};

/// Auto mode does not wait longer than this before doing the work locally.
const CREDENTIALS_TIMEOUT: Duration = Duration::from_secs(3);
/// How long a good check is trusted: long enough that live pieces do not repeat it.
const READY_FOR: Duration = Duration::from_secs(300);
/// A failed check is retried sooner: the user may be fixing their setup right now.
const NOT_READY_FOR: Duration = Duration::from_secs(30);

#[derive(Default)]
pub struct CredentialsCheck {
    last: Mutex<Option<(Instant, Result<(), CloudError>)>>,
}

impl CredentialsCheck {
    /// Resolves credentials from `provider`, or answers with the remembered outcome.
    /// `service` names the service in messages ("Amazon Bedrock").
    pub async fn check(
        &self,
        service: &str,
        provider: Option<&SharedCredentialsProvider>,
    ) -> Result<(), CloudError> {
        if let Some((checked, outcome)) = self.lock().as_ref() {
            let trusted_for = if outcome.is_ok() {
                READY_FOR
            } else {
                NOT_READY_FOR
            };
            if checked.elapsed() < trusted_for {
                return outcome.clone();
            }
        }
        let outcome = resolve(service, provider).await;
        *self.lock() = Some((Instant::now(), outcome.clone()));
        outcome
    }

    /// Forgets the outcome: the account changed, so the next check asks again.
    pub fn forget(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(Instant, Result<(), CloudError>)>> {
        self.last.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

async fn resolve(
    service: &str,
    provider: Option<&SharedCredentialsProvider>,
) -> Result<(), CloudError> {
    let denied = |reason: String| CloudError::new(CloudFailure::AccessDenied, reason);
    let Some(provider) = provider else {
        return Err(denied(format!(
            "{service}: no AWS credentials are configured"
        )));
    };
    match tokio::time::timeout(CREDENTIALS_TIMEOUT, provider.provide_credentials()).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(error)) => Err(credentials_failure(service, &error)),
        Err(_) => Err(denied(format!(
            "{service}: no AWS credentials were found within {} s",
            CREDENTIALS_TIMEOUT.as_secs()
        ))),
    }
}
