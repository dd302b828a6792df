//! Progress and the session view on an in-memory database through the real SQL: figures
//! averaged per session from the saved metrics, typed answers left out of pace and
//! pauses, filters by role and kind, the most recent sessions oldest first; each turn's
//! feedback and whether its recording is kept.

use aira_core::{Transcript, Word};
use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion, ProgressFilter};
use aira_store::{CompletedTurn, NewTurn, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

struct Answer<'a> {
    session: &'a str,
    at: &'a str,
    role: &'a str,
    kind: &'a str,
    source: AnswerSource,
    score: u8,
    words_per_minute: f32,
    words: u32,
    fillers: u32,
    long_pauses: u32,
}

impl Default for Answer<'_> {
    fn default() -> Self {
        Self {
            session: "one",
            at: "2026-11-01T09:00:00Z",
            role: "backend",
            kind: "technical",
            source: AnswerSource::Microphone,
            score: 6,
            words_per_minute: 140.0,
            words: 100,
            fillers: 2,
            long_pauses: 1,
        }
    }
}

async fn add(store: &Store, answer: Answer<'_>) -> Result<i64, Box<dyn std::error::Error>> {
    let question = PracticeQuestion {
        id: format!("{}-{}", answer.session, answer.at),
        text: "Explain caching.".into(),
        role: answer.role.into(),
        kind: answer.kind.into(),
        level: "fresher".into(),
        key_points: Vec::new(),
    };
    let audio_path = match answer.source {
        AnswerSource::Typed => String::new(),
        _ => format!("/data/audio/{}.wav", question.id),
    };
    let id = store
        .insert_recorded_turn(NewTurn {
            created_at: answer.at,
            session_id: answer.session,
            question: &question,
            source: answer.source,
            audio_path: &audio_path,
            typed_text: None,
        })
        .await?;
    let metrics = Metrics {
        words_per_minute: answer.words_per_minute,
        word_count: answer.words,
        filler_count: answer.fillers,
        long_pauses: answer.long_pauses,
        ..Metrics::default()
    };
    let transcript = Transcript::from_words(vec![Word::new("Redis", 0, 400)], 1_000);
    store
        .complete_turn(
            id,
            CompletedTurn {
                transcript: &transcript,
                metrics: &metrics,
                feedback: &Feedback {
                    score: answer.score,
                    points: vec!["Name a trade-off.".into()],
                    engine: "local".into(),
                    ..Feedback::default()
                },
                transcription_engine: "whisper",
            },
        )
        .await?;
    Ok(id)
}

#[tokio::test]
async fn each_session_is_averaged_from_its_metrics() -> TestResult {
    let store = Store::open_in_memory().await?;
    add(&store, Answer::default()).await?;
    add(
        &store,
        Answer {
            at: "2026-11-01T09:05:00Z",
            score: 8,
            words_per_minute: 160.0,
            words: 300,
            fillers: 2,
            long_pauses: 3,
            ..Answer::default()
        },
    )
    .await?;
    // Typed: counts for the score and fillers, not for pace or pauses.
    add(
        &store,
        Answer {
            at: "2026-11-01T09:10:00Z",
            source: AnswerSource::Typed,
            score: 4,
            words_per_minute: 0.0,
            words: 100,
            fillers: 6,
            long_pauses: 0,
            ..Answer::default()
        },
    )
    .await?;
    // Failed: not coached, so it counts for nothing.
    let failed = store
        .insert_recorded_turn(NewTurn {
            created_at: "2026-11-01T09:15:00Z",
            session_id: "one",
            question: &PracticeQuestion {
                id: "q".into(),
                text: "q".into(),
                role: "backend".into(),
                kind: "technical".into(),
                level: "fresher".into(),
                key_points: Vec::new(),
            },
            source: AnswerSource::Microphone,
            audio_path: "/data/audio/failed.wav",
            typed_text: None,
        })
        .await?;
    store.fail_turn(failed, "no speech").await?;

    let progress = store.progress(&ProgressFilter::default(), 100).await?;
    assert_eq!(progress.len(), 1);
    let session = &progress[0];
    assert_eq!(session.session_id, "one");
    assert_eq!(session.started_at, "2026-11-01T09:00:00Z");
    assert_eq!(session.answers, 3);
    assert_eq!(session.average_score, Some(6.0));
    assert_eq!(session.words_per_minute, Some(150.0));
    assert_eq!(session.fillers_per_100_words, Some(2.0));
    assert_eq!(session.long_pauses, Some(2.0));
    Ok(())
}

#[tokio::test]
async fn the_most_recent_sessions_come_oldest_first_filtered_by_role_and_kind() -> TestResult {
    let store = Store::open_in_memory().await?;
    for (session, at, role, kind, score) in [
        ("a", "2026-11-01T09:00:00Z", "backend", "technical", 3),
        ("b", "2026-11-02T09:00:00Z", "general", "hr", 5),
        ("c", "2026-11-03T09:00:00Z", "backend", "behavioral", 7),
        ("d", "2026-11-04T09:00:00Z", "backend", "technical", 9),
    ] {
        add(
            &store,
            Answer {
                session,
                at,
                role,
                kind,
                score,
                ..Answer::default()
            },
        )
        .await?;
    }
    // A session mixing kinds keeps only the answers the filter asks for.
    add(
        &store,
        Answer {
            session: "d",
            at: "2026-11-04T09:05:00Z",
            kind: "hr",
            score: 1,
            ..Answer::default()
        },
    )
    .await?;
    let sessions = |filter: ProgressFilter, limit: u32| {
        let store = store.clone();
        async move {
            let progress = store.progress(&filter, limit).await?;
            Ok::<_, aira_store::StoreError>(
                progress
                    .into_iter()
                    .map(|session| (session.session_id, session.average_score))
                    .collect::<Vec<_>>(),
            )
        }
    };
    assert_eq!(
        sessions(ProgressFilter::default(), 2).await?,
        vec![("c".to_owned(), Some(7.0)), ("d".to_owned(), Some(5.0))]
    );
    let backend_technical = ProgressFilter {
        role: Some("backend".into()),
        kind: Some("technical".into()),
    };
    assert_eq!(
        sessions(backend_technical, 100).await?,
        vec![("a".to_owned(), Some(3.0)), ("d".to_owned(), Some(9.0))]
    );
    let hr = ProgressFilter {
        kind: Some("hr".into()),
        ..ProgressFilter::default()
    };
    assert_eq!(
        sessions(hr, 100).await?,
        vec![("b".to_owned(), Some(5.0)), ("d".to_owned(), Some(1.0))]
    );
    let nobody = ProgressFilter {
        role: Some("product".into()),
        ..ProgressFilter::default()
    };
    assert!(sessions(nobody, 100).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn the_session_view_has_feedback_and_knows_which_recordings_are_kept() -> TestResult {
    let store = Store::open_in_memory().await?;
    let spoken = add(&store, Answer::default()).await?;
    let typed = add(
        &store,
        Answer {
            at: "2026-11-01T09:05:00Z",
            source: AnswerSource::Typed,
            ..Answer::default()
        },
    )
    .await?;
    let turns = store.session_turns("one").await?;
    assert_eq!(turns.len(), 2);
    assert_eq!(turns[0].summary.id, spoken);
    assert!(turns[0].has_recording);
    assert_eq!(turns[0].source, AnswerSource::Microphone);
    assert_eq!(
        turns[0]
            .feedback
            .as_ref()
            .map(|feedback| feedback.points.clone()),
        Some(vec!["Name a trade-off.".to_owned()])
    );
    assert_eq!(
        turns[0].metrics.as_ref().map(|metrics| metrics.word_count),
        Some(100)
    );
    assert_eq!(turns[1].summary.id, typed);
    assert!(!turns[1].has_recording);
    assert_eq!(
        store.turn_recording(spoken).await?.as_deref(),
        Some("/data/audio/one-2026-11-01T09:00:00Z.wav")
    );
    assert_eq!(store.turn_recording(typed).await?, None);
    store.forget_audio(&[spoken]).await?;
    assert_eq!(store.turn_recording(spoken).await?, None);
    assert!(!store.session_turns("one").await?[0].has_recording);
    assert!(store.session_turns("nothing").await?.is_empty());
    Ok(())
}
