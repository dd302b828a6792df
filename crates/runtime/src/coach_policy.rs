//! Who coaches an answer: the user's policy (local, cloud or auto) over the offline coach
//! and Amazon Bedrock, behind the same [`Coach`] port.
//!
//! Every answer ends with feedback. When the cloud was wanted and did not answer, the
//! offline coach answers at once, the feedback says why ([`Feedback::fallback`]), and the
//! caller learns that the cloud was missed so it can queue the turn for the cloud later.
//! A circuit breaker keeps auto mode from making the user wait on a cloud that keeps
//! failing.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use aira_core::ports::{CloudFailure, Coach, CoachError, CoachRequest, PortFuture};
use aira_protocol::{EnginePolicy, Feedback};

use crate::breaker::Breaker;

/// Failures in a row that open the breaker.
const FAILURES_TO_OPEN: u32 = 2;
/// How long an open breaker keeps auto mode offline before one try is let through.
pub const DEFAULT_COOL_DOWN: Duration = Duration::from_secs(120);

/// Feedback, and whether the cloud coach was wanted but missed (and why).
#[derive(Debug, Clone, PartialEq)]
pub struct Coached {
    pub feedback: Feedback,
    pub cloud_missed: Option<String>,
}

pub struct PolicyCoach {
    local: Arc<dyn Coach>,
    cloud: Option<Arc<dyn Coach>>,
    policy: Mutex<EnginePolicy>,
    breaker: Breaker,
}

impl PolicyCoach {
    pub fn new(local: Arc<dyn Coach>, cloud: Option<Arc<dyn Coach>>, policy: EnginePolicy) -> Self {
        Self {
            local,
            cloud,
            policy: Mutex::new(policy),
            breaker: Breaker::new(FAILURES_TO_OPEN, DEFAULT_COOL_DOWN),
        }
    }

    pub fn with_cool_down(mut self, cool_down: Duration) -> Self {
        self.breaker = Breaker::new(FAILURES_TO_OPEN, cool_down);
        self
    }

    pub fn policy(&self) -> EnginePolicy {
        *lock(&self.policy)
    }

    pub fn set_policy(&self, policy: EnginePolicy) {
        *lock(&self.policy) = policy;
    }

    /// Coaches `request` by the policy; an error only if the offline coach fails too.
    pub async fn coach_answer(&self, request: CoachRequest<'_>) -> Result<Coached, CoachError> {
        let policy = self.policy();
        // Nothing said: the offline coach says so at no cost, whatever the policy.
        if policy == EnginePolicy::Local || request.delivery.word_count == 0 {
            return self.offline(request, None).await;
        }
        let Some(cloud) = &self.cloud else {
            return self
                .offline(
                    request,
                    Some("no cloud coach is available in this build".into()),
                )
                .await;
        };
        if policy == EnginePolicy::Auto {
            if let Some(reason) = self.breaker.open_reason() {
                let reason = format!("the cloud coach is resting: {reason}");
                return self.offline(request, Some(reason)).await;
            }
            if let Err(error) = cloud.check_ready().await {
                return self.offline(request, Some(error.to_string())).await;
            }
        }
        match cloud.coach(request).await {
            Ok(feedback) => {
                self.breaker.record_success();
                Ok(Coached {
                    feedback,
                    cloud_missed: None,
                })
            }
            Err(error) => {
                tracing::info!(%error, "the cloud coach failed; coaching offline");
                self.breaker
                    .record_failure(error.to_string(), denies_access(&error));
                self.offline(request, Some(error.to_string())).await
            }
        }
    }

    /// Coaches with the cloud only, for turns queued earlier; the breaker learns from it.
    pub async fn coach_in_cloud(&self, request: CoachRequest<'_>) -> Result<Feedback, CoachError> {
        let cloud = self.cloud.as_ref().ok_or_else(|| {
            CoachError::cloud(
                CloudFailure::Service,
                "no cloud coach is available in this build",
            )
        })?;
        let outcome = cloud.coach(request).await;
        match &outcome {
            Ok(_) => self.breaker.record_success(),
            Err(error) => self
                .breaker
                .record_failure(error.to_string(), denies_access(error)),
        }
        outcome
    }

    async fn offline(
        &self,
        request: CoachRequest<'_>,
        cloud_missed: Option<String>,
    ) -> Result<Coached, CoachError> {
        let mut feedback = self.local.coach(request).await?;
        feedback.fallback.clone_from(&cloud_missed);
        Ok(Coached {
            feedback,
            cloud_missed,
        })
    }
}

impl Coach for PolicyCoach {
    fn engine_name(&self) -> String {
        let cloud_name = || {
            self.cloud
                .as_ref()
                .map_or_else(|| "no cloud coach".to_owned(), |cloud| cloud.engine_name())
        };
        match self.policy() {
            EnginePolicy::Local => self.local.engine_name(),
            EnginePolicy::Cloud => cloud_name(),
            EnginePolicy::Auto => format!(
                "{} when available, else the {}",
                cloud_name(),
                self.local.engine_name()
            ),
        }
    }

    fn coach<'a>(&'a self, request: CoachRequest<'a>) -> PortFuture<'a, Feedback, CoachError> {
        Box::pin(async move { Ok(self.coach_answer(request).await?.feedback) })
    }
}

/// Access denied needs the user to fix their setup: the breaker opens at once.
fn denies_access(error: &CoachError) -> bool {
    matches!(
        error,
        CoachError::Cloud {
            kind: CloudFailure::AccessDenied,
            ..
        }
    )
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests;
