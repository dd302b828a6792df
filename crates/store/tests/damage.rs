//! A damaged database file: reported clearly, copied aside before anything else, and
//! replaced by an empty one only when asked — never silently overwritten.

use aira_protocol::{AnswerSource, PracticeQuestion};
use aira_store::{NewTurn, SessionFilter, Store, StoreError};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn question(number: usize) -> PracticeQuestion {
    PracticeQuestion {
        id: format!("q{number}"),
        text: format!(
            "Question {number}: {}",
            "tell me about your project. ".repeat(20)
        ),
        role: "software".into(),
        kind: "technical".into(),
        level: "fresher".into(),
        key_points: vec![],
    }
}

/// A real database of `turns` typed answers, closed (its WAL checkpointed into the file).
async fn database_with_turns(path: &std::path::Path, turns: usize) -> TestResult {
    let store = Store::open(path).await?;
    let text = "I built a REST service in Rust with a SQLite cache. ".repeat(30);
    for number in 0..turns {
        store
            .insert_recorded_turn(NewTurn {
                created_at: &format!("2026-11-20T10:{:02}:{:02}Z", number / 60, number % 60),
                session_id: &format!("session-{}", number / 10),
                question: &question(number),
                source: AnswerSource::Typed,
                audio_path: "",
                typed_text: Some(&text),
            })
            .await?;
    }
    store.close().await;
    Ok(())
}

fn damaged(result: Result<Store, StoreError>) -> (std::path::PathBuf, String) {
    match result {
        Err(StoreError::Damaged { backup, reason, .. }) => (backup, reason),
        Err(other) => panic!("expected a damaged database, got {other}"),
        Ok(_) => panic!("a damaged database opened as if it were fine"),
    }
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_copied_aside_and_left_alone() -> TestResult {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("aira.sqlite3");
    let garbage = b"this was overwritten by something else entirely ".repeat(200);
    std::fs::write(&path, &garbage)?;

    let (backup, reason) = damaged(Store::open(&path).await);

    assert!(reason.contains("not a database"), "{reason}");
    assert_eq!(
        std::fs::read(&backup)?,
        garbage,
        "the copy is the damaged file"
    );
    assert_eq!(
        std::fs::read(&path)?,
        garbage,
        "the damaged file is not touched"
    );
    assert!(
        backup
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with("aira.sqlite3.damaged-")),
        "{}",
        backup.display()
    );
    Ok(())
}

#[tokio::test]
async fn a_damaged_page_inside_a_real_database_is_found_at_open() -> TestResult {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("aira.sqlite3");
    database_with_turns(&path, 120).await?;
    let mut bytes = std::fs::read(&path)?;
    assert!(
        bytes.len() > 40 * 4096,
        "{} bytes: too small to damage a middle page",
        bytes.len()
    );
    // Scribble over pages in the middle of the turns table, as a disk fault would.
    for byte in &mut bytes[20 * 4096..22 * 4096] {
        *byte = 0xA5;
    }
    std::fs::write(&path, &bytes)?;

    let (backup, reason) = damaged(Store::open(&path).await);

    assert!(!reason.is_empty());
    assert_eq!(std::fs::read(&backup)?, bytes);
    assert_eq!(std::fs::read(&path)?, bytes, "never silently overwritten");
    Ok(())
}

#[tokio::test]
async fn starting_afresh_replaces_only_a_damaged_file() -> TestResult {
    let folder = tempfile::tempdir()?;
    let healthy = folder.path().join("healthy.sqlite3");
    database_with_turns(&healthy, 12).await?;

    let (store, backup) = Store::start_afresh(&healthy).await?;
    assert_eq!(backup, None, "a readable history is kept");
    let sessions = store.sessions(&SessionFilter::default(), 0, 10).await?;
    assert_eq!(sessions.len(), 2);
    store.close().await;

    let damaged_path = folder.path().join("damaged.sqlite3");
    std::fs::write(
        &damaged_path,
        b"garbage garbage garbage garbage".repeat(100),
    )?;
    let (store, backup) = Store::start_afresh(&damaged_path).await?;
    let backup = backup.ok_or("the damaged file was not copied")?;
    assert!(backup.exists());
    assert!(
        store
            .sessions(&SessionFilter::default(), 0, 10)
            .await?
            .is_empty()
    );
    Ok(())
}
