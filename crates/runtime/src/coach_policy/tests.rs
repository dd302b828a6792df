//! The policy's decisions, with scripted coaches standing in for Bedrock (the real client
//! against a wire-protocol server is tested in `tests/coach_fallback.rs`).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};

use aira_core::analytics::{DeliveryConfig, DeliveryReport, analyze, analyze_delivery};
use aira_core::{Question, Transcript, Word};

use super::*;

struct ScriptedCoach {
    name: &'static str,
    script: Mutex<VecDeque<Result<u8, CoachError>>>,
    calls: AtomicUsize,
    ready: Result<(), CoachError>,
}

impl ScriptedCoach {
    fn new(name: &'static str, script: Vec<Result<u8, CoachError>>) -> Arc<Self> {
        Arc::new(Self {
            name,
            script: Mutex::new(script.into()),
            calls: AtomicUsize::new(0),
            ready: Ok(()),
        })
    }

    fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }
}

impl Coach for ScriptedCoach {
    fn engine_name(&self) -> String {
        self.name.into()
    }

    fn check_ready(&self) -> PortFuture<'_, (), CoachError> {
        Box::pin(async move { self.ready.clone() })
    }

    fn coach<'a>(&'a self, _request: CoachRequest<'a>) -> PortFuture<'a, Feedback, CoachError> {
        Box::pin(async move {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let next = lock(&self.script).pop_front().unwrap_or(Ok(5));
            next.map(|score| Feedback {
                score,
                engine: self.name.into(),
                ..Feedback::default()
            })
        })
    }
}

struct Answer {
    question: Question,
    transcript: Transcript,
    metrics: aira_protocol::Metrics,
    delivery: DeliveryReport,
}

fn answer(text: &str) -> Answer {
    let question = Question::custom("Why do you want this job?");
    let words = text
        .split_whitespace()
        .enumerate()
        .map(|(index, word)| Word::new(word, index as u32 * 400, index as u32 * 400 + 300))
        .collect();
    let transcript = Transcript::from_words(words, 10_000);
    Answer {
        metrics: analyze(&transcript, &question),
        delivery: analyze_delivery(&transcript, &question, &DeliveryConfig::default()),
        question,
        transcript,
    }
}

impl Answer {
    fn request(&self) -> CoachRequest<'_> {
        CoachRequest {
            question: &self.question,
            transcript: &self.transcript,
            metrics: &self.metrics,
            delivery: &self.delivery,
            catalog: aira_core::i18n::Catalog::of(aira_core::i18n::Language::english()),
            progress: None,
        }
    }
}

fn offline_error() -> CoachError {
    CoachError::cloud(
        CloudFailure::Offline,
        "Amazon Bedrock: the service could not be reached",
    )
}

#[tokio::test]
async fn auto_falls_back_says_why_and_reports_the_miss() -> Result<(), CoachError> {
    let local = ScriptedCoach::new("local", vec![]);
    let cloud = ScriptedCoach::new("bedrock", vec![Err(offline_error()), Ok(8)]);
    let policy = PolicyCoach::new(local.clone(), Some(cloud.clone()), EnginePolicy::Auto);
    let answer = answer("I like building things that people use every day.");

    let first = policy.coach_answer(answer.request()).await?;
    assert_eq!(first.feedback.engine, "local");
    assert!(
        first
            .feedback
            .fallback
            .as_deref()
            .is_some_and(|reason| reason.contains("could not be reached"))
    );
    assert!(first.cloud_missed.is_some());

    let second = policy.coach_answer(answer.request()).await?;
    assert_eq!(
        (second.feedback.engine.as_str(), second.feedback.score),
        ("bedrock", 8)
    );
    assert_eq!(second.cloud_missed, None);
    assert_eq!(second.feedback.fallback, None);
    Ok(())
}

#[tokio::test]
async fn two_failures_open_the_breaker_and_auto_stops_waiting_on_the_cloud()
-> Result<(), CoachError> {
    let local = ScriptedCoach::new("local", vec![]);
    let cloud = ScriptedCoach::new(
        "bedrock",
        vec![Err(offline_error()), Err(offline_error()), Ok(9)],
    );
    let policy = PolicyCoach::new(local, Some(cloud.clone()), EnginePolicy::Auto)
        .with_cool_down(Duration::from_millis(300));
    let answer = answer("I like building things that people use every day.");
    policy.coach_answer(answer.request()).await?;
    policy.coach_answer(answer.request()).await?;
    let rested = policy.coach_answer(answer.request()).await?;
    assert_eq!(cloud.calls(), 2, "the open breaker spares the cloud");
    assert!(
        rested
            .feedback
            .fallback
            .as_deref()
            .is_some_and(|reason| reason.contains("tries it again"))
    );

    tokio::time::sleep(Duration::from_millis(350)).await;
    let recovered = policy.coach_answer(answer.request()).await?;
    assert_eq!(recovered.feedback.score, 9);
    assert_eq!(cloud.calls(), 3);
    Ok(())
}

#[tokio::test]
async fn cloud_mode_always_tries_the_cloud_and_still_ends_in_feedback() -> Result<(), CoachError> {
    let local = ScriptedCoach::new("local", vec![]);
    let cloud = ScriptedCoach::new(
        "bedrock",
        vec![
            Err(CoachError::cloud(CloudFailure::AccessDenied, "denied")),
            Err(CoachError::Malformed("no score".into())),
            Ok(6),
        ],
    );
    let policy = PolicyCoach::new(local, Some(cloud.clone()), EnginePolicy::Cloud);
    let answer = answer("I like building things that people use every day.");
    for _ in 0..2 {
        let coached = policy.coach_answer(answer.request()).await?;
        assert_eq!(coached.feedback.engine, "local");
        assert!(coached.cloud_missed.is_some());
    }
    assert_eq!(
        policy.coach_answer(answer.request()).await?.feedback.score,
        6
    );
    assert_eq!(
        cloud.calls(),
        3,
        "the breaker does not overrule an explicit choice"
    );
    Ok(())
}

#[tokio::test]
async fn local_mode_and_empty_answers_never_reach_the_cloud() -> Result<(), CoachError> {
    let local = ScriptedCoach::new("local", vec![]);
    let cloud = ScriptedCoach::new("bedrock", vec![]);
    let policy = PolicyCoach::new(local, Some(cloud.clone()), EnginePolicy::Local);
    let spoken = answer("I like building things.");
    assert_eq!(
        policy.coach_answer(spoken.request()).await?.feedback.engine,
        "local"
    );
    policy.set_policy(EnginePolicy::Auto);
    let silent = answer("");
    let coached = policy.coach_answer(silent.request()).await?;
    assert_eq!(
        (coached.feedback.engine.as_str(), coached.cloud_missed),
        ("local", None)
    );
    assert_eq!(cloud.calls(), 0);
    Ok(())
}

#[tokio::test]
async fn auto_without_credentials_answers_offline_without_calling() -> Result<(), CoachError> {
    let local = ScriptedCoach::new("local", vec![]);
    let cloud = Arc::new(ScriptedCoach {
        name: "bedrock",
        script: Mutex::new(VecDeque::new()),
        calls: AtomicUsize::new(0),
        ready: Err(CoachError::cloud(
            CloudFailure::AccessDenied,
            "no AWS credentials were found",
        )),
    });
    let policy = PolicyCoach::new(local, Some(cloud.clone()), EnginePolicy::Auto);
    let coached = policy
        .coach_answer(answer("I like building things.").request())
        .await?;
    assert!(
        coached
            .feedback
            .fallback
            .as_deref()
            .is_some_and(|reason| reason.contains("credentials"))
    );
    assert_eq!(cloud.calls(), 0);
    Ok(())
}
