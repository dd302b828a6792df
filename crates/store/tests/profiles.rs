//! Two people on one computer: each profile sees, exports and deletes only its own history.

use aira_protocol::{AnswerSource, PracticeQuestion};
use aira_store::{ExportFormat, NewTurn, SessionFilter, Store, StoreError};

type TestResult = Result<(), Box<dyn std::error::Error>>;

async fn typed_turn(store: &Store, session: &str, at: &str) -> Result<i64, StoreError> {
    store
        .insert_recorded_turn(NewTurn {
            created_at: at,
            session_id: session,
            question: &PracticeQuestion {
                id: "q".into(),
                text: format!("Question of {session}"),
                role: "backend".into(),
                kind: "technical".into(),
                level: "fresher".into(),
                key_points: vec![],
            },
            source: AnswerSource::Typed,
            audio_path: "",
            typed_text: Some("An answer."),
        })
        .await
}

#[tokio::test]
async fn each_profile_has_a_history_of_its_own() -> TestResult {
    let store = Store::open_in_memory().await?;
    typed_turn(&store, "asha-1", "2026-11-20T10:00:00Z").await?;
    let ravi = store.add_profile("  Ravi ", "2026-11-21T09:00:00Z").await?;
    assert_eq!(ravi.name, "Ravi");
    assert!(matches!(
        store.add_profile("ravi", "2026-11-21T09:00:00Z").await,
        Err(StoreError::ProfileRefused(_))
    ));
    assert!(matches!(
        store
            .add_profile(&"x".repeat(41), "2026-11-21T09:00:00Z")
            .await,
        Err(StoreError::ProfileRefused(_))
    ));
    assert!(matches!(
        store.use_profile("nobody").await,
        Err(StoreError::UnknownProfile(_))
    ));

    let other = store.clone();
    store.use_profile("RAVI").await?;
    assert_eq!(
        other.profile(),
        ravi.id,
        "every clone follows the profile in use"
    );
    assert!(
        store
            .sessions(&SessionFilter::default(), 0, 10)
            .await?
            .is_empty()
    );
    assert!(
        store.session("asha-1").await?.is_none(),
        "another person's session"
    );
    typed_turn(&store, "ravi-1", "2026-11-21T10:00:00Z").await?;
    let mut out = Vec::new();
    let moved = store
        .export(ExportFormat::Json, &mut out, "2026-11-22T00:00:00Z", None)
        .await?;
    assert_eq!(moved.sessions, 1, "only Ravi's sessions are exported");

    let deleted = store.delete_everything().await?;
    assert_eq!((deleted.sessions, deleted.turns), (1, 1));
    store.use_profile("default").await?;
    let kept = store.sessions(&SessionFilter::default(), 0, 10).await?;
    assert_eq!(kept.len(), 1, "deleting Ravi's data left the other history");
    assert_eq!(kept[0].id, "asha-1");
    let names: Vec<String> = store
        .profiles()
        .await?
        .into_iter()
        .map(|profile| profile.name)
        .collect();
    assert_eq!(names, ["default", "Ravi"]);
    Ok(())
}
