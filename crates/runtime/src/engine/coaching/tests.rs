//! The coaching queue drains by itself once the cloud answers again: a real SQLite
//! database, and the real Bedrock client against the wire-protocol test server.

use std::sync::Arc;
use std::time::Duration;

use aira_coach::{BedrockCoach, BedrockSettings, LocalCoach};
use aira_core::ports::Coach;
use aira_core::{QuestionBank, Transcript, Word};
use aira_protocol::{AnswerSource, EnginePolicy, Feedback, Metrics};
use aira_store::{CompletedTurn, NewTurn, Store};
use aira_test_support::bedrock_server::{BedrockServer, Reply};
use serde_json::json;

use super::CoachingQueue;
use crate::coach_policy::PolicyCoach;

fn cloud_feedback() -> serde_json::Value {
    json!({
        "summary": "Clear and specific.", "score": 8,
        "technical_accuracy": {"verdict": "correct", "reason": "Right."},
        "strengths": ["Named the lock."], "improvements": ["Give an example."],
        "star": null, "follow_up_question": "And deadlocks?", "better_answer": "A mutex…",
    })
}

async fn queued_turn(store: &Store) -> i64 {
    let question = QuestionBank::builtin()
        .ok()
        .and_then(|bank| bank.questions().first().cloned())
        .unwrap_or_else(|| aira_core::Question::custom("What is a mutex?"));
    let turn = store
        .insert_recorded_turn(NewTurn {
            created_at: "2026-11-22T10:00:00Z",
            session_id: "session",
            question: &question.to_practice_question(),
            source: AnswerSource::Typed,
            audio_path: "",
            typed_text: None,
        })
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let words = "A mutex lets one thread at a time into the critical section."
        .split_whitespace()
        .map(|word| Word::new(word, 0, 0))
        .collect();
    let offline = Feedback {
        score: 4,
        engine: "local".into(),
        ..Feedback::default()
    };
    store
        .complete_turn(
            turn,
            CompletedTurn {
                transcript: &Transcript::from_words(words, 0),
                metrics: &Metrics::default(),
                feedback: &offline,
                transcription_engine: "typed",
            },
        )
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    store
        .queue_for_cloud(turn, "2026-11-22T10:00:01Z", "offline")
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    turn
}

/// A store with one queued turn, and its queue over the real Bedrock client pointed at
/// `server` and the offline coach.
async fn queue_against(server: &BedrockServer, policy: EnginePolicy) -> (Store, CoachingQueue) {
    let bedrock = BedrockCoach::with_sdk_config(
        BedrockSettings {
            endpoint_url: Some(server.endpoint_url.clone()),
            initial_backoff: Duration::from_millis(10),
            ..BedrockSettings::default()
        },
        aira_aws::sdk_config_with_keys("ap-south-1", "AKIDTEST", "secret-test-key"),
    );
    let store = Store::open_in_memory()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    queued_turn(&store).await;
    let coach = Arc::new(PolicyCoach::new(
        Arc::new(LocalCoach),
        Some(Arc::new(bedrock) as Arc<dyn Coach>),
        policy,
    ));
    let bank = QuestionBank::builtin().unwrap_or_else(|error| panic!("{error}"));
    // A folder that does not exist: the defaults, English.
    let preferences = Arc::new(crate::preferences::PreferencesStore::open(
        std::path::Path::new("/nonexistent/aira-test"),
    ));
    (
        store.clone(),
        CoachingQueue::new(store, coach, bank, preferences),
    )
}

#[tokio::test]
async fn the_queue_drains_by_itself_once_the_cloud_answers_again() {
    // The cloud refuses the first try (a server error, three attempts), then answers.
    let server = BedrockServer::start(vec![
        Reply::refuse(503, "ServiceUnavailableException"),
        Reply::refuse(503, "ServiceUnavailableException"),
        Reply::refuse(503, "ServiceUnavailableException"),
        Reply::ToolInput(cloud_feedback()),
    ]);
    let (store, queue) = queue_against(&server, EnginePolicy::Cloud).await;
    let stop = tokio_util::sync::CancellationToken::new();
    queue.watch(Duration::from_millis(100), || true, stop.clone());

    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while store.queued_count().await.unwrap_or(1) > 0 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.cancel();
    assert_eq!(
        store.queued_count().await.ok(),
        Some(0),
        "drained without anyone asking"
    );
    let history = store.history(5).await.unwrap_or_default();
    assert_eq!(
        history[0].score,
        Some(8),
        "the cloud's feedback replaced the offline one"
    );
    assert!(
        server.requests().len() >= 4,
        "one failed try (3 attempts), then success"
    );
}

#[tokio::test]
async fn nothing_is_sent_while_it_is_not_wanted() {
    let server = BedrockServer::start(vec![Reply::ToolInput(cloud_feedback())]);
    let (store, queue) = queue_against(&server, EnginePolicy::Auto).await;
    let stop = tokio_util::sync::CancellationToken::new();
    // Auto mode without the user's consent.
    queue.watch(Duration::from_millis(50), || false, stop.clone());
    tokio::time::sleep(Duration::from_millis(400)).await;
    stop.cancel();
    assert!(server.requests().is_empty());
    assert_eq!(store.queued_count().await.ok(), Some(1));
}
