//! The store on a real database file, closed and opened again.

use aira_core::{Transcript, Word};
use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion, TurnStatus};
use aira_store::{CompletedTurn, NewTurn, Store};

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
            question: &question("one"),
            source: AnswerSource::Microphone,
            audio_path: "/data/audio/one.wav",
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
            question: &question("two"),
            source: AnswerSource::File,
            audio_path: "/data/audio/two.wav",
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
            question: &question("three"),
            source: AnswerSource::Microphone,
            audio_path: "three.wav",
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
