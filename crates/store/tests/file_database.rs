//! The store on a real database file, closed and opened again.

use aira_core::{Transcript, Word};
use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion, TurnStatus};
use aira_store::{CompletedTurn, NewTurn, Store, StoreError};

fn question(id: &str) -> PracticeQuestion {
    PracticeQuestion {
        id: id.into(),
        text: format!("Question {id}?"),
        role: "software".into(),
        kind: "technical".into(),
        level: "fresher".into(),
        key_points: vec!["a point".into()],
    }
}

#[tokio::test]
async fn turns_survive_closing_and_reopening_the_file() -> Result<(), Box<dyn std::error::Error>> {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("aira.sqlite3");

    let store = Store::open(&path).await?;
    let first = store
        .insert_recorded_turn(NewTurn {
            created_at: "2026-11-20T10:00:00Z",
            session_id: "session-1",
            question: &question("one"),
            source: AnswerSource::Microphone,
            audio_path: "/data/audio/one.wav",
            typed_text: None,
        })
        .await?;
    let transcript = Transcript::from_words(
        vec![Word::new("Hello", 0, 400), Word::new("there.", 500, 900)],
        1_000,
    );
    let metrics = Metrics {
        word_count: 2,
        words_per_minute: 133.3,
        ..Metrics::default()
    };
    let feedback = Feedback {
        score: 4,
        points: vec!["Say more.".into()],
        engine: "local".into(),
        ..Feedback::default()
    };
    store
        .complete_turn(
            first,
            CompletedTurn {
                transcript: &transcript,
                metrics: &metrics,
                feedback: &feedback,
                transcription_engine: "whisper (tiny)",
            },
        )
        .await?;
    let second = store
        .insert_recorded_turn(NewTurn {
            created_at: "2026-11-21T09:30:00Z",
            session_id: "session-1",
            question: &question("two"),
            source: AnswerSource::File,
            audio_path: "/data/audio/two.wav",
            typed_text: None,
        })
        .await?;
    store.fail_turn(second, "no speech was heard").await?;
    store.close().await;

    let reopened = Store::open(&path).await?;
    let history = reopened.history(10).await?;
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].id, second, "newest first");
    assert_eq!(history[0].status, TurnStatus::Failed);
    assert_eq!(history[0].error.as_deref(), Some("no speech was heard"));
    assert_eq!(history[0].score, None);
    assert_eq!(history[1].question_text, "Question one?");
    assert_eq!(history[1].status, TurnStatus::Coached);
    assert_eq!(history[1].score, Some(4));
    assert_eq!(history[1].words_per_minute, Some(133.3));
    assert_eq!(history[1].transcript.as_deref(), Some("Hello there."));
    assert_eq!(reopened.history(1).await?.len(), 1, "the limit is honoured");

    let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(reopened.pool())
        .await?;
    assert_eq!(journal_mode, "wal");
    Ok(())
}

#[tokio::test]
async fn a_recorded_turn_is_listed_before_it_is_coached() -> Result<(), Box<dyn std::error::Error>>
{
    let store = Store::open_in_memory().await?;
    store
        .insert_recorded_turn(NewTurn {
            created_at: "2026-11-22T08:00:00Z",
            session_id: "session-1",
            question: &question("three"),
            source: AnswerSource::Microphone,
            audio_path: "three.wav",
            typed_text: None,
        })
        .await?;
    let history = store.history(10).await?;
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].status, TurnStatus::Recorded);
    Ok(())
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_refused_and_left_untouched()
-> Result<(), Box<dyn std::error::Error>> {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("aira.sqlite3");
    let garbage = b"this is not an SQLite database, and it must not be overwritten".repeat(100);
    std::fs::write(&path, &garbage)?;
    assert!(Store::open(&path).await.is_err());
    assert_eq!(std::fs::read(&path)?, garbage);
    Ok(())
}

#[tokio::test]
async fn the_coaching_queue_survives_a_reopen_and_cloud_feedback_replaces_offline()
-> Result<(), StoreError> {
    let folder = tempfile::tempdir().map_err(|error| StoreError::Decode(error.to_string()))?;
    let path = folder.path().join("aira.sqlite3");
    let question = PracticeQuestion {
        id: "q1".into(),
        text: "What is a mutex?".into(),
        role: "software".into(),
        kind: "technical".into(),
        level: "fresher".into(),
        key_points: vec![],
    };
    let turn = {
        let store = Store::open(&path).await?;
        let turn = store
            .insert_recorded_turn(NewTurn {
                created_at: "2026-11-22T09:00:00Z",
                session_id: "session-2",
                question: &question,
                source: AnswerSource::Typed,
                audio_path: "",
                typed_text: None,
            })
            .await?;
        let transcript = Transcript::from_words(
            vec![Word::new("A", 0, 300), Word::new("lock.", 400, 700)],
            1_000,
        );
        let offline = Feedback {
            score: 3,
            points: vec!["Say more.".into()],
            engine: "local".into(),
            fallback: Some("Amazon Bedrock: the service could not be reached".into()),
            ..Feedback::default()
        };
        store
            .complete_turn(
                turn,
                CompletedTurn {
                    transcript: &transcript,
                    metrics: &Metrics::default(),
                    feedback: &offline,
                    transcription_engine: "typed",
                },
            )
            .await?;
        store
            .queue_for_cloud(turn, "2026-11-22T09:00:01Z", "offline")
            .await?;
        store.close().await;
        turn
    };
    let store = Store::open(&path).await?;
    let queued = store.queued_turns(10).await?;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].turn_id, turn);
    assert_eq!(queued[0].transcript, "A lock.");
    assert_eq!(queued[0].words.len(), 2);
    store.count_queue_attempt(turn, "still offline").await?;
    assert_eq!(store.queued_turns(10).await?[0].attempts, 1);

    let cloud = Feedback {
        score: 6,
        points: vec!["Define it and give an example.".into()],
        engine: "bedrock".into(),
        usage: Some(aira_protocol::TokenUsage {
            input_tokens: 1_000,
            output_tokens: 300,
            estimated_cost_usd: 0.0025,
        }),
        ..Feedback::default()
    };
    store.replace_feedback(turn, &cloud).await?;
    assert_eq!(store.queued_count().await?, 0);
    let history = store.history(10).await?;
    assert_eq!(history[0].score, Some(6));
    let usage = store.usage(Some("session-2")).await?;
    assert_eq!((usage.input_tokens, usage.output_tokens), (1_000, 300));
    assert_eq!(store.usage(Some("another")).await?.input_tokens, 0);
    assert!((store.usage(None).await?.estimated_cost_usd - 0.0025).abs() < 1e-9);
    Ok(())
}
