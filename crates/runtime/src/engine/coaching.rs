//! The engine's coaching: one answer (spoken or typed) through screening, analytics and the
//! coaching policy; the queue of answers coached offline that wait for the cloud; résumé
//! questions; usage.

use aira_core::analytics::{DeliveryConfig, analyze, analyze_delivery};
use aira_core::ports::{CoachRequest, FeedbackProgress};
use aira_core::prompt::screen_transcript;
use std::sync::Arc;

use aira_core::{Question, QuestionBank, Transcript, Word};
use aira_protocol::{AnswerSource, EnginePolicy, Metrics, TokenUsage, TurnResult};
use aira_store::{NewTurn, Store};

use super::{Engine, RecordedTurn, now_rfc3339};
use crate::coach_policy::{Coached, PolicyCoach};
use crate::error::RuntimeError;
use crate::preferences::PreferencesStore;

/// Queued turns coached again per pass: a long queue drains over several good calls
/// rather than one burst the user pays for all at once.
const RECOACH_BATCH: u32 = 10;
/// A typed answer longer than this is cut: about an hour of speech.
const MOST_TYPED_CHARACTERS: usize = 60_000;

/// What a pass over the queue did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RecoachOutcome {
    pub coached: u32,
    pub remaining: u32,
}

impl Engine {
    /// Screens out grader talk, analyses, and coaches by the policy.
    pub(super) async fn coach_transcript(
        &self,
        question: &Question,
        transcript: Transcript,
        progress: Option<FeedbackProgress<'_>>,
    ) -> Result<(Transcript, Metrics, Coached), RuntimeError> {
        let (screened, grader_talk) = screen_transcript(&transcript);
        let metrics = analyze(&screened, question);
        let delivery = analyze_delivery(&screened, question, &DeliveryConfig::default());
        let mut coached = self
            .coach
            .coach_answer(CoachRequest {
                question,
                transcript: &screened,
                metrics: &metrics,
                delivery: &delivery,
                catalog: self.catalog(),
                progress,
            })
            .await?;
        if let Some(sentence) = grader_talk.first() {
            // Said, so the user knows why those words earned nothing.
            let note = self
                .catalog()
                .format("feedback.grader_talk", &[("sentence", sentence.clone())]);
            coached.feedback.improvements.insert(0, note);
        }
        // The transcript kept is what was said, grader talk included.
        Ok((transcript, metrics, coached))
    }

    /// Queues a turn the cloud missed (when the user wants cloud feedback), or, after a
    /// cloud success, coaches queued turns again in the background.
    pub(super) async fn after_coaching(&self, turn_id: i64, coached: &Coached) {
        let preferences = self.preferences();
        let policy = self.settings.coach_engine(&preferences);
        let may_send_later = may_send_later(policy, &preferences);
        if let Some(reason) = &coached.cloud_missed {
            if may_send_later
                && let Err(error) = self
                    .store
                    .queue_for_cloud(turn_id, &now_rfc3339(), reason)
                    .await
            {
                tracing::error!(%error, turn_id, "could not queue the turn for the cloud coach");
            }
        } else if coached.feedback.engine == "bedrock"
            && may_send_later
            && self.store.queued_count().await.unwrap_or(0) > 0
        {
            // The cloud answers again: the queue drains behind the user's back, never in
            // the way of the feedback just given.
            let queue = self.queue.clone();
            self.runtime.spawn(async move {
                match queue.recoach().await {
                    Ok(outcome) => tracing::info!(?outcome, "queued answers coached by the cloud"),
                    Err(error) => tracing::warn!(%error, "queued answers stay queued"),
                }
            });
        }
    }

    /// Coaches queued answers with the cloud now (see [`CoachingQueue::recoach`]).
    pub async fn recoach_queued(&self) -> Result<RecoachOutcome, RuntimeError> {
        self.queue.recoach().await
    }

    /// Answers waiting for the cloud coach.
    pub async fn queued_for_cloud(&self) -> Result<u32, RuntimeError> {
        Ok(self.store.queued_count().await?)
    }

    /// A typed answer: coached and saved like a spoken one, with no audio and no timings
    /// (so no pace or pauses). For users without a microphone, and for scripts.
    pub async fn practice_typed(
        &self,
        question: &Question,
        text: &str,
        progress: Option<FeedbackProgress<'_>>,
    ) -> Result<TurnResult, RuntimeError> {
        let text: String = text.trim().chars().take(MOST_TYPED_CHARACTERS).collect();
        if text.split_whitespace().next().is_none() {
            return Err(RuntimeError::EmptyAnswer);
        }
        let created_at = now_rfc3339();
        let id = self
            .store
            .insert_recorded_turn(NewTurn {
                created_at: &created_at,
                session_id: &self.session_id(),
                question: &question.to_practice_question(),
                source: AnswerSource::Typed,
                audio_path: "",
                typed_text: Some(&text),
            })
            .await?;
        let turn = RecordedTurn {
            id,
            source: AnswerSource::Typed,
            audio_path: String::new(),
        };
        let transcript = typed_transcript(&text).answered_by("typed");
        self.complete_turn(question, turn, Ok(transcript), progress)
            .await
    }

    /// Who coaches under the current policy, for people.
    pub fn coach_engine(&self) -> String {
        use aira_core::ports::Coach;
        self.coach.engine_name()
    }

    /// The cloud coach's tokens and estimated cost: this session's, and all time.
    pub async fn coaching_usage(&self) -> Result<(TokenUsage, TokenUsage), RuntimeError> {
        Ok((
            self.store.usage(Some(&self.session_id())).await?,
            self.store.usage(None).await?,
        ))
    }
}

/// Answers coached offline while the cloud coach was wanted. Cheap to clone, so a drain can
/// run in the background.
#[derive(Clone)]
pub(super) struct CoachingQueue {
    store: Store,
    coach: Arc<PolicyCoach>,
    bank: QuestionBank,
    /// The language feedback is written in, as the user chose it when the queue drains.
    preferences: Arc<PreferencesStore>,
    /// Held while the queue drains, so two passes never coach a turn twice.
    draining: Arc<tokio::sync::Mutex<()>>,
}

/// While answers wait for the cloud and sending them is wanted, the queue is tried this
/// often: a failed try costs one quick call (a connect timeout or a refusal), and the
/// answers are coached soon after the network returns even if the user practises no more.
pub(super) const RECOACH_EVERY: std::time::Duration = std::time::Duration::from_secs(120);

impl CoachingQueue {
    /// Tries the queue every `interval` while `wanted()` says so (the policy wants the
    /// cloud and the user agreed), until `stop` is cancelled.
    pub(super) fn watch(
        self,
        interval: std::time::Duration,
        wanted: impl Fn() -> bool + Send + 'static,
        stop: tokio_util::sync::CancellationToken,
    ) {
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = stop.cancelled() => return,
                    () = tokio::time::sleep(interval) => {}
                }
                if !wanted() || self.store.queued_count().await.unwrap_or(0) == 0 {
                    continue;
                }
                match self.recoach().await {
                    Ok(outcome) if outcome.coached > 0 => {
                        tracing::info!(?outcome, "the cloud is back: queued answers coached");
                    }
                    Ok(_) => {}
                    Err(error) => tracing::debug!(%error, "queued answers stay queued"),
                }
            }
        });
    }

    pub(super) fn new(
        store: Store,
        coach: Arc<PolicyCoach>,
        bank: QuestionBank,
        preferences: Arc<PreferencesStore>,
    ) -> Self {
        Self {
            store,
            coach,
            bank,
            preferences,
            draining: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Coaches queued turns with the cloud coach, oldest first, and replaces their offline
    /// feedback; stops at the first failure (the rest stay queued).
    pub(super) async fn recoach(&self) -> Result<RecoachOutcome, RuntimeError> {
        let _draining = self.draining.lock().await;
        let mut outcome = RecoachOutcome::default();
        for queued in self.store.queued_turns(RECOACH_BATCH).await? {
            let question = self
                .bank
                .get(&queued.question.id)
                .cloned()
                .unwrap_or_else(|| Question::custom(&queued.question.text));
            let transcript = if queued.words.is_empty() {
                typed_transcript(&queued.transcript)
            } else {
                Transcript::from_words(queued.words, queued.audio_ms)
            };
            let (screened, _) = screen_transcript(&transcript);
            let metrics = analyze(&screened, &question);
            let delivery = analyze_delivery(&screened, &question, &DeliveryConfig::default());
            let request = CoachRequest {
                question: &question,
                transcript: &screened,
                metrics: &metrics,
                delivery: &delivery,
                catalog: super::language_catalog(&self.preferences.get()),
                progress: None,
            };
            match self.coach.coach_in_cloud(request).await {
                Ok(feedback) => {
                    self.store
                        .replace_feedback(queued.turn_id, &feedback)
                        .await?;
                    outcome.coached += 1;
                }
                Err(error) => {
                    self.store
                        .count_queue_attempt(queued.turn_id, &error.to_string())
                        .await?;
                    break;
                }
            }
        }
        outcome.remaining = self.store.queued_count().await?;
        Ok(outcome)
    }
}

/// Choosing the cloud coach is consent for its answers; in auto mode sending an answer
/// later needs the user's explicit yes.
pub(super) fn may_send_later(
    policy: EnginePolicy,
    preferences: &aira_protocol::Preferences,
) -> bool {
    policy == EnginePolicy::Cloud
        || (policy == EnginePolicy::Auto && preferences.recoach_when_online)
}

/// Typed words have no timings: all at zero, so pace and pauses read "not measured".
pub(super) fn typed_transcript(text: &str) -> Transcript {
    let words = text
        .split_whitespace()
        .map(|word| Word::new(word, 0, 0))
        .collect();
    Transcript::from_words(words, 0)
}

#[cfg(test)]
mod tests;
