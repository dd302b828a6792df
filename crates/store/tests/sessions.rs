//! Sessions on a real database file: migrations from every earlier schema, the History
//! list with its filters, one session with its turns, and deletion.

use std::borrow::Cow;

use aira_core::{Transcript, Word};
use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion};
use aira_store::{CompletedTurn, NewTurn, SessionFilter, Store};
use sqlx::Row;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn question(id: &str, role: &str) -> PracticeQuestion {
    PracticeQuestion {
        id: id.into(),
        text: format!("Question {id} about caching?"),
        role: role.into(),
        kind: "technical".into(),
        level: "fresher".into(),
        key_points: vec!["a point".into()],
    }
}

async fn add_turn(
    store: &Store,
    session: &str,
    at: &str,
    role: &str,
    score: u8,
) -> Result<i64, Box<dyn std::error::Error>> {
    let id = store
        .insert_recorded_turn(NewTurn {
            created_at: at,
            session_id: session,
            question: &question(&format!("{session}-{at}"), role),
            source: AnswerSource::Microphone,
            audio_path: &format!("/data/audio/{session}-{at}.wav"),
            typed_text: None,
        })
        .await?;
    let transcript = Transcript::from_words(vec![Word::new("Redis", 0, 400)], 1_000);
    store
        .complete_turn(
            id,
            CompletedTurn {
                transcript: &transcript,
                metrics: &Metrics::default(),
                feedback: &Feedback {
                    score,
                    ..Feedback::default()
                },
                transcription_engine: "whisper",
            },
        )
        .await?;
    Ok(id)
}

/// A database file at the schema of its first `version` migrations only.
async fn database_at_version(
    path: &std::path::Path,
    version: usize,
) -> Result<sqlx::SqlitePool, Box<dyn std::error::Error>> {
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true),
        )
        .await?;
    let all = sqlx::migrate!("./migrations");
    let mut earlier = sqlx::migrate!("./migrations");
    earlier.migrations = Cow::Owned(all.migrations[..version].to_vec());
    earlier.run(&pool).await?;
    Ok(pool)
}

#[tokio::test]
async fn turns_from_schema_one_and_two_are_kept_in_sessions() -> TestResult {
    for version in [1, 2] {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("aira.sqlite3");
        let pool = database_at_version(&path, version).await?;
        let insert = if version == 1 {
            "INSERT INTO turns (created_at, question_id, question_json, source, audio_path, status, score)
             VALUES (?, 'q', ?, 'microphone', '/a.wav', 'coached', 6)"
        } else {
            "INSERT INTO turns (created_at, question_id, question_json, source, audio_path, status, score, session_id)
             VALUES (?, 'q', ?, 'microphone', '/a.wav', 'coached', 6, 'run-1')"
        };
        for at in ["2026-11-01T09:00:00Z", "2026-11-01T09:05:00Z"] {
            sqlx::query(insert)
                .bind(at)
                .bind(serde_json::to_string(&question("q", "backend"))?)
                .execute(&pool)
                .await?;
        }
        pool.close().await;

        let store = Store::open(&path).await?;
        let sessions = store.sessions(&SessionFilter::default(), 0, 10).await?;
        assert_eq!(sessions.len(), 1, "schema {version}");
        let session = &sessions[0];
        assert_eq!(
            session.id,
            if version == 1 {
                "before-sessions"
            } else {
                "run-1"
            }
        );
        assert_eq!(session.turns, 2);
        assert_eq!(session.status, "finished");
        assert_eq!(session.started_at, "2026-11-01T09:00:00Z");
        assert_eq!(session.ended_at.as_deref(), Some("2026-11-01T09:05:00Z"));
        assert_eq!(session.average_score, Some(6.0));
        assert_eq!(session.roles, ["backend"]);
        store.close().await;
    }
    Ok(())
}

#[tokio::test]
async fn a_new_turn_starts_its_session_and_closing_finishes_it() -> TestResult {
    let store = Store::open_in_memory().await?;
    add_turn(&store, "run-a", "2026-11-20T10:00:00Z", "backend", 7).await?;
    let detail = store.session("run-a").await?.ok_or("no session")?;
    assert_eq!(detail.session.status, "active");
    assert_eq!(detail.turns.len(), 1);
    store
        .finish_session("run-a", "2026-11-20T10:30:00Z")
        .await?;
    let detail = store.session("run-a").await?.ok_or("no session")?;
    assert_eq!(detail.session.status, "finished");
    assert_eq!(
        detail.session.ended_at.as_deref(),
        Some("2026-11-20T10:30:00Z")
    );
    assert!(store.session("no-such").await?.is_none());
    Ok(())
}

#[tokio::test]
async fn history_is_newest_first_paged_and_filtered() -> TestResult {
    let store = Store::open_in_memory().await?;
    add_turn(&store, "monday", "2026-11-16T10:00:00Z", "backend", 4).await?;
    add_turn(&store, "monday", "2026-11-16T10:10:00Z", "backend", 6).await?;
    add_turn(&store, "tuesday", "2026-11-17T10:00:00Z", "frontend", 8).await?;
    add_turn(&store, "friday", "2026-11-20T10:00:00Z", "general", 9).await?;
    let ids = |sessions: Vec<aira_store::SessionSummary>| {
        sessions
            .into_iter()
            .map(|session| session.id)
            .collect::<Vec<_>>()
    };

    assert_eq!(
        ids(store.sessions(&SessionFilter::default(), 0, 10).await?),
        ["friday", "tuesday", "monday"]
    );
    assert_eq!(
        ids(store.sessions(&SessionFilter::default(), 1, 1).await?),
        ["tuesday"]
    );
    let role = SessionFilter {
        role: Some("backend".into()),
        ..SessionFilter::default()
    };
    assert_eq!(ids(store.sessions(&role, 0, 10).await?), ["monday"]);
    let since = SessionFilter {
        since: Some("2026-11-17T00:00:00Z".into()),
        ..SessionFilter::default()
    };
    assert_eq!(
        ids(store.sessions(&since, 0, 10).await?),
        ["friday", "tuesday"]
    );
    let good = SessionFilter {
        min_score: Some(7.5),
        ..SessionFilter::default()
    };
    assert_eq!(
        ids(store.sessions(&good, 0, 10).await?),
        ["friday", "tuesday"]
    );
    let weak = SessionFilter {
        max_score: Some(5.0),
        ..SessionFilter::default()
    };
    let monday = store.sessions(&weak, 0, 10).await?;
    assert_eq!(monday.len(), 1);
    assert_eq!((monday[0].turns, monday[0].average_score), (2, Some(5.0)));
    let search = SessionFilter {
        search: Some("friday-".into()),
        ..SessionFilter::default()
    };
    assert_eq!(ids(store.sessions(&search, 0, 10).await?), ["friday"]);
    // Only what the user saw or said is searched: not the rubric's hidden key points.
    let key_point = SessionFilter {
        search: Some("a point".into()),
        ..SessionFilter::default()
    };
    assert!(store.sessions(&key_point, 0, 10).await?.is_empty());
    // LIKE's wildcards are searched for, not obeyed.
    let wildcard = SessionFilter {
        search: Some("%".into()),
        ..SessionFilter::default()
    };
    assert!(store.sessions(&wildcard, 0, 10).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn deleting_a_session_takes_its_turns_and_queue_places_and_names_the_audio() -> TestResult {
    let folder = tempfile::tempdir()?;
    let store = Store::open(&folder.path().join("aira.sqlite3")).await?;
    let kept = add_turn(&store, "keep", "2026-11-19T10:00:00Z", "backend", 7).await?;
    let gone = add_turn(&store, "drop", "2026-11-20T10:00:00Z", "backend", 5).await?;
    store
        .queue_for_cloud(gone, "2026-11-20T10:01:00Z", "offline")
        .await?;

    let deleted = store.delete_session("drop").await?;
    assert_eq!((deleted.sessions, deleted.turns), (1, 1));
    assert_eq!(
        deleted.audio_paths,
        ["/data/audio/drop-2026-11-20T10:00:00Z.wav"]
    );
    assert!(store.session("drop").await?.is_none());
    let queued: i64 = sqlx::query("SELECT COUNT(*) AS n FROM coaching_queue")
        .fetch_one(store.pool())
        .await?
        .try_get("n")?;
    assert_eq!(queued, 0, "the queue forgets a deleted turn");
    assert_eq!(
        store.session("keep").await?.ok_or("kept")?.turns[0].id,
        kept
    );

    let everything = store.delete_everything().await?;
    assert_eq!((everything.sessions, everything.turns), (1, 1));
    assert!(
        store
            .sessions(&SessionFilter::default(), 0, 10)
            .await?
            .is_empty()
    );
    Ok(())
}

#[tokio::test]
async fn statistics_kept_per_session_are_filled_from_schema_three_and_follow_changes() -> TestResult
{
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("aira.sqlite3");
    let pool = database_at_version(&path, 3).await?;
    sqlx::query(
        "INSERT INTO sessions (id, profile_id, started_at, status)
         VALUES ('run-3', 1, '2026-11-02T09:00:00Z', 'finished')",
    )
    .execute(&pool)
    .await?;
    for (at, score) in [("2026-11-02T09:00:00Z", 3), ("2026-11-02T09:05:00Z", 8)] {
        sqlx::query(
            "INSERT INTO turns (created_at, question_id, question_json, source, audio_path, status, score, session_id)
             VALUES (?, 'q', ?, 'microphone', '/a.wav', 'coached', ?, 'run-3')",
        )
        .bind(at)
        .bind(serde_json::to_string(&question("q", "backend"))?)
        .bind(score)
        .execute(&pool)
        .await?;
    }
    pool.close().await;

    let store = Store::open(&path).await?;
    let stored = || async {
        sqlx::query_as::<_, (i64, Option<f64>)>(
            "SELECT turn_count, average_score FROM sessions WHERE id = 'run-3'",
        )
        .fetch_one(store.pool())
        .await
    };
    assert_eq!(stored().await?, (2, Some(5.5)), "filled by the migration");
    let at_least_five = SessionFilter {
        min_score: Some(5.0),
        ..SessionFilter::default()
    };
    assert_eq!(store.sessions(&at_least_five, 0, 10).await?.len(), 1);

    // A new answer, not yet scored, then scored; then one deleted.
    let id = add_turn(&store, "run-3", "2026-11-02T09:10:00Z", "backend", 10).await?;
    assert_eq!(stored().await?, (3, Some(7.0)));
    sqlx::query("DELETE FROM turns WHERE id = ?")
        .bind(id)
        .execute(store.pool())
        .await?;
    assert_eq!(stored().await?, (2, Some(5.5)));
    let above_six = SessionFilter {
        min_score: Some(6.0),
        ..SessionFilter::default()
    };
    assert!(store.sessions(&above_six, 0, 10).await?.is_empty());
    Ok(())
}
