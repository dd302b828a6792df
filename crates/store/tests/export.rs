//! Export and import on a real database file: JSON out, everything deleted, JSON back in
//! gives the same history; CSV and Markdown read right; bad files change nothing.

use aira_core::{Transcript, Word};
use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion};
use aira_store::{CompletedTurn, ExportFormat, ImportError, NewTurn, SessionFilter, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn history(store: &Store) -> Result<(), Box<dyn std::error::Error>> {
    for (session, at, text, score) in [
        (
            "run-1",
            "2026-11-18T09:00:00Z",
            "Caching with \"Redis\", then a CDN.",
            7,
        ),
        (
            "run-1",
            "2026-11-18T09:05:00Z",
            "मैंने एक API बनाई, and, yes, tested it.",
            5,
        ),
        ("run-2", "2026-11-19T18:00:00Z", "Line one.\nLine two.", 9),
    ] {
        let question = PracticeQuestion {
            id: format!("q-{at}"),
            text: format!("Tell me about {session}, \"quoted\"?"),
            role: "backend".into(),
            kind: "technical".into(),
            level: "fresher".into(),
            key_points: vec![],
        };
        let id = store
            .insert_recorded_turn(NewTurn {
                created_at: at,
                session_id: session,
                question: &question,
                source: AnswerSource::File,
                audio_path: &format!("/audio/{at}.wav"),
                typed_text: None,
            })
            .await?;
        let transcript = Transcript::from_words(
            text.split_whitespace()
                .enumerate()
                .map(|(index, word)| Word::new(word, index as u32 * 300, index as u32 * 300 + 250))
                .collect(),
            5_000,
        );
        let metrics = Metrics {
            word_count: 3,
            words_per_minute: 142.5,
            ..Metrics::default()
        };
        let feedback = Feedback {
            score,
            points: vec!["Name one number.".into()],
            ..Feedback::default()
        };
        store
            .complete_turn(
                id,
                CompletedTurn {
                    transcript: &transcript,
                    metrics: &metrics,
                    feedback: &feedback,
                    transcription_engine: "whisper",
                },
            )
            .await?;
    }
    store
        .finish_session("run-1", "2026-11-18T09:30:00Z")
        .await?;
    Ok(())
}

async fn export(store: &Store, format: ExportFormat) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    store
        .export(format, &mut out, "2026-11-22T10:00:00Z", None)
        .await?;
    Ok(String::from_utf8(out)?)
}

#[tokio::test]
async fn export_delete_everything_import_gives_the_same_history() -> TestResult {
    let folder = tempfile::tempdir()?;
    let store = Store::open(&folder.path().join("aira.sqlite3")).await?;
    history(&store).await?;
    let before = export(&store, ExportFormat::Json).await?;
    let parsed: serde_json::Value = serde_json::from_str(&before)?;
    assert_eq!(parsed["format"], "aira-history");
    assert_eq!(parsed["version"], 1);
    assert_eq!(parsed["sessions"].as_array().map(Vec::len), Some(2));
    assert_eq!(parsed["sessions"][0]["turns"][1]["words"][0]["text"], "मैंने");

    store.delete_everything().await?;
    assert!(
        store
            .sessions(&SessionFilter::default(), 0, 10)
            .await?
            .is_empty()
    );
    let moved = store.import(before.as_bytes()).await?;
    assert_eq!(
        (moved.sessions, moved.turns, moved.skipped_sessions),
        (2, 3, 0)
    );
    assert_eq!(
        export(&store, ExportFormat::Json).await?,
        before,
        "the same history, byte for byte"
    );

    // Importing again adds nothing: the sessions are there already.
    let again = store.import(before.as_bytes()).await?;
    assert_eq!((again.sessions, again.skipped_sessions), (0, 2));
    Ok(())
}

#[tokio::test]
async fn csv_and_markdown_read_right() -> TestResult {
    let store = Store::open_in_memory().await?;
    history(&store).await?;
    let csv = export(&store, ExportFormat::Csv).await?;
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("session_id,created_at,question_id,question,status,score"));
    assert!(
        csv.contains("\"Caching with \"\"Redis\"\", then a CDN.\""),
        "{csv}"
    );
    assert!(csv.contains("\"142.5\""));
    // Commas inside a field stay inside its quotes: every line has the header's 10 fields.
    assert!(csv.contains("\"मैंने एक API बनाई, and, yes, tested it.\""));
    assert_eq!(lines.len(), 4);
    let markdown = export(&store, ExportFormat::Markdown).await?;
    assert!(markdown.starts_with("# Aira practice history"));
    assert!(markdown.contains("Score: 9 of 10"));
    assert!(markdown.contains("> Line one. Line two."));
    assert!(markdown.contains("- Name one number."));
    Ok(())
}

#[tokio::test]
async fn bad_files_are_refused_and_change_nothing() -> TestResult {
    let store = Store::open_in_memory().await?;
    history(&store).await?;
    let good = export(&store, ExportFormat::Json).await?;
    let before = export(&store, ExportFormat::Json).await?;
    store.delete_session("run-2").await?;
    let after_delete = export(&store, ExportFormat::Json).await?;

    let future = good.replacen("\"version\":1", "\"version\":7", 1);
    let score_eleven = good.replacen(
        "\"score\":9,\"transcription_engine\"",
        "\"score\":11,\"transcription_engine\"",
        1,
    );
    let feedback_eleven = good.replacen("\"score\":9", "\"score\":11", 1);
    let bad_status = good.replacen("\"status\":\"coached\"", "\"status\":\"hacked\"", 1);
    let extra_field = good.replacen("\"mode\":", "\"evil\":1,\"mode\":", 1);
    let cases: Vec<(&str, String)> = vec![
        ("not JSON", "not json at all".into()),
        ("truncated", good[..good.len() / 2].to_owned()),
        (
            "another format",
            "{\"format\":\"other\",\"version\":1,\"sessions\":[]}".into(),
        ),
        ("a later version", future),
        ("a score of 11", score_eleven),
        ("feedback scored 11", feedback_eleven),
        ("an unknown status", bad_status),
        ("an unknown field", extra_field),
    ];
    for (what, file) in cases {
        let error = store
            .import(file.as_bytes())
            .await
            .err()
            .unwrap_or_else(|| panic!("{what} was accepted"));
        println!("{what}: {error}");
        if what == "a later version" {
            assert!(
                matches!(error, ImportError::FutureVersion { found: 7 }),
                "{error}"
            );
        }
        assert_eq!(
            export(&store, ExportFormat::Json).await?,
            after_delete,
            "{what} changed the history"
        );
    }
    assert_ne!(before, after_delete);
    Ok(())
}

#[tokio::test]
async fn one_session_can_be_exported_alone() -> TestResult {
    let store = Store::open_in_memory().await?;
    history(&store).await?;
    let all: serde_json::Value = serde_json::from_str(&export(&store, ExportFormat::Json).await?)?;
    let second = all["sessions"][1]["id"]
        .as_str()
        .ok_or("no second session")?
        .to_owned();
    let mut out = Vec::new();
    let moved = store
        .export(
            ExportFormat::Json,
            &mut out,
            "2026-11-22T10:00:00Z",
            Some(&second),
        )
        .await?;
    assert_eq!(moved.sessions, 1);
    let one: serde_json::Value = serde_json::from_slice(&out)?;
    assert_eq!(one["sessions"].as_array().map(Vec::len), Some(1));
    assert_eq!(one["sessions"][0], all["sessions"][1]);
    let with_turns = store.sessions_with_turns(Some(&second)).await?;
    assert_eq!(with_turns.len(), 1);
    assert_eq!(
        serde_json::to_value(&with_turns[0])?,
        all["sessions"][1],
        "the report sees what the export writes"
    );
    Ok(())
}
