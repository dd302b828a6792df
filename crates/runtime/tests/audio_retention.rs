//! Recordings of coached answers older than the retention (30 days by default) are removed
//! when the engine opens; their transcripts and feedback stay, and answers not yet
//! coached keep their audio for a retry.

use aira_core::{Transcript, Word};
use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion, PreferencesPatch};
use aira_runtime::{Engine, SessionFilter, Settings};
use aira_store::{CompletedTurn, NewTurn, Store};

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn days_ago(days: i64) -> String {
    (time::OffsetDateTime::now_utc() - time::Duration::days(days))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

async fn turn(
    store: &Store,
    audio: &std::path::Path,
    at: &str,
    coached: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::write(audio, b"RIFF")?;
    let question = PracticeQuestion {
        id: "q".into(),
        text: "Tell me about yourself.".into(),
        role: "general".into(),
        kind: "hr".into(),
        level: "fresher".into(),
        key_points: vec![],
    };
    let id = store
        .insert_recorded_turn(NewTurn {
            created_at: at,
            session_id: "old-run",
            question: &question,
            source: AnswerSource::Microphone,
            audio_path: audio.to_str().unwrap_or_default(),
            typed_text: None,
        })
        .await?;
    if coached {
        let transcript = Transcript::from_words(vec![Word::new("Hello", 0, 300)], 1_000);
        store
            .complete_turn(
                id,
                CompletedTurn {
                    transcript: &transcript,
                    metrics: &Metrics::default(),
                    feedback: &Feedback {
                        score: 6,
                        ..Feedback::default()
                    },
                    transcription_engine: "whisper",
                },
            )
            .await?;
    }
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_recordings_go_and_everything_else_stays() -> TestResult {
    let work = tempfile::tempdir()?;
    let data = work.path().join("data");
    let audio = data.join("audio");
    std::fs::create_dir_all(&audio)?;
    let store = Store::open(&data.join("aira.sqlite3")).await?;
    let old = audio.join("old.wav");
    let recent = audio.join("recent.wav");
    let uncoached = audio.join("uncoached.wav");
    turn(&store, &old, &days_ago(40), true).await?;
    turn(&store, &recent, &days_ago(3), true).await?;
    turn(&store, &uncoached, &days_ago(60), false).await?;
    store.close().await;

    let mut settings = Settings::resolve(Some(data.clone()), None, None);
    settings.whisper_threads = Some(1);
    let engine = Engine::open(settings).await?;
    assert!(!old.exists(), "40 days old: past the default 30");
    assert!(recent.exists());
    assert!(
        uncoached.exists(),
        "an answer not yet coached keeps its audio for a retry"
    );
    let session = engine.sessions(&SessionFilter::default(), 0, 1).await?;
    assert_eq!(session[0].turns, 3, "the answers themselves stay");

    // A shorter retention takes the recent one too, at once.
    engine.update_preferences(PreferencesPatch {
        audio_retention_days: Some(Some(1)),
        ..PreferencesPatch::default()
    })?;
    assert_eq!(engine.clean_expired_audio().await?, 1);
    assert!(!recent.exists());
    // Keeping for ever removes nothing more.
    engine.update_preferences(PreferencesPatch {
        audio_retention_days: Some(None),
        ..PreferencesPatch::default()
    })?;
    assert_eq!(engine.clean_expired_audio().await?, 0);
    assert!(uncoached.exists());
    engine.close().await;
    Ok(())
}
