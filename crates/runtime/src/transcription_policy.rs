//! Which engine transcribes: the user's policy (local, cloud or auto) over a local and an
//! optional cloud transcriber, behind the same [`Transcriber`] port.
//!
//! In auto mode the cloud answers while it is set up and working. When it is not set up,
//! failed recently, or fails on this very piece, the same audio is transcribed locally and
//! the transcript says why ([`Transcript::fallback`]): nothing is lost, and nothing changes
//! engines silently.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aira_core::Transcript;
use aira_core::ports::{
    CloudFailure, PortFuture, TranscribeError, Transcriber, TranscriptionOptions,
};
use aira_protocol::EnginePolicy;

use crate::breaker::Breaker;

/// After a cloud failure, auto mode stays local this long before trying the cloud again:
/// a network that is down or an account that is refused rarely recovers within seconds,
/// and every failed try costs the user a wait.
pub const DEFAULT_COOL_DOWN: Duration = Duration::from_secs(5 * 60);

pub struct PolicyTranscriber {
    local: Arc<dyn Transcriber>,
    cloud: Option<Arc<dyn Transcriber>>,
    policy: Mutex<EnginePolicy>,
    health: CloudHealth,
}

impl PolicyTranscriber {
    pub fn new(
        local: Arc<dyn Transcriber>,
        cloud: Option<Arc<dyn Transcriber>>,
        policy: EnginePolicy,
    ) -> Self {
        Self {
            local,
            cloud,
            policy: Mutex::new(policy),
            health: CloudHealth::new(DEFAULT_COOL_DOWN),
        }
    }

    /// Changes how long auto mode avoids the cloud after a failure.
    pub fn with_cool_down(mut self, cool_down: Duration) -> Self {
        self.health = CloudHealth::new(cool_down);
        self
    }

    pub fn policy(&self) -> EnginePolicy {
        *lock(&self.policy)
    }

    /// Applies to transcriptions that start from now on.
    pub fn set_policy(&self, policy: EnginePolicy) {
        *lock(&self.policy) = policy;
    }

    fn cloud(&self) -> Result<&Arc<dyn Transcriber>, TranscribeError> {
        self.cloud.as_ref().ok_or_else(|| {
            TranscribeError::cloud(
                CloudFailure::Service,
                "no cloud transcription engine is available in this build",
            )
        })
    }

    async fn transcribe_in_cloud(
        &self,
        samples: Vec<f32>,
        options: TranscriptionOptions,
    ) -> Result<Transcript, TranscribeError> {
        let outcome = self.cloud()?.transcribe(samples, options).await;
        self.health.record(&outcome);
        outcome
    }

    async fn transcribe_auto(
        &self,
        samples: Vec<f32>,
        options: TranscriptionOptions,
    ) -> Result<Transcript, TranscribeError> {
        let reason = match self.cloud_if_usable().await {
            Ok(cloud) => match cloud.transcribe(samples.clone(), options.clone()).await {
                Err(error) if calls_for_local(&error) => {
                    tracing::info!(%error, "the cloud failed; transcribing on this computer");
                    self.health.record_failure(&error);
                    error.to_string()
                }
                outcome => {
                    self.health.record(&outcome);
                    return outcome;
                }
            },
            Err(reason) => reason,
        };
        let mut transcript = self.local.transcribe(samples, options).await?;
        transcript.fallback = Some(reason);
        Ok(transcript)
    }

    /// The cloud engine if auto mode should try it now, else why not.
    async fn cloud_if_usable(&self) -> Result<&Arc<dyn Transcriber>, String> {
        let cloud = self.cloud().map_err(|error| error.to_string())?;
        if let Some(reason) = self.health.cooling_down() {
            return Err(reason);
        }
        cloud
            .check_ready()
            .await
            .map_err(|error| error.to_string())?;
        Ok(cloud)
    }
}

impl Transcriber for PolicyTranscriber {
    fn engine_name(&self) -> String {
        let cloud_name = || {
            self.cloud
                .as_ref()
                .map_or_else(|| "no cloud engine".to_owned(), |cloud| cloud.engine_name())
        };
        match self.policy() {
            EnginePolicy::Local => self.local.engine_name(),
            EnginePolicy::Cloud => cloud_name(),
            EnginePolicy::Auto => format!(
                "{} when available, else {}",
                cloud_name(),
                self.local.engine_name()
            ),
        }
    }

    fn check_ready(&self) -> PortFuture<'_, (), TranscribeError> {
        Box::pin(async move {
            match self.policy() {
                EnginePolicy::Local | EnginePolicy::Auto => self.local.check_ready().await,
                EnginePolicy::Cloud => self.cloud()?.check_ready().await,
            }
        })
    }

    fn transcribe(
        &self,
        samples: Vec<f32>,
        options: TranscriptionOptions,
    ) -> PortFuture<'_, Transcript, TranscribeError> {
        Box::pin(async move {
            match self.policy() {
                EnginePolicy::Local => self.local.transcribe(samples, options).await,
                EnginePolicy::Cloud => self.transcribe_in_cloud(samples, options).await,
                EnginePolicy::Auto => self.transcribe_auto(samples, options).await,
            }
        })
    }
}

/// Whether a cloud error is one the local engine may do better on. Silence, empty audio
/// and a cancelled job would end the same way locally.
fn calls_for_local(error: &TranscribeError) -> bool {
    !matches!(
        error,
        TranscribeError::NoSpeech | TranscribeError::EmptyAudio | TranscribeError::Cancelled
    )
}

/// The cloud's recent record: one failure rests it for the cool-down (a stream that
/// failed once usually fails the next piece too), until a success clears it.
struct CloudHealth {
    breaker: Breaker,
}

impl CloudHealth {
    fn new(cool_down: Duration) -> Self {
        Self {
            breaker: Breaker::new(1, cool_down),
        }
    }

    fn record(&self, outcome: &Result<Transcript, TranscribeError>) {
        match outcome {
            Ok(_) => self.breaker.record_success(),
            Err(error) if calls_for_local(error) => self.record_failure(error),
            Err(_) => {}
        }
    }

    fn record_failure(&self, error: &TranscribeError) {
        self.breaker.record_failure(error.to_string(), true);
    }

    /// Why the cloud is being rested, while it is.
    fn cooling_down(&self) -> Option<String> {
        self.breaker.open_reason()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests;
