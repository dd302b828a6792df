//! The engine's transcriber follows the model chosen through its model manager, without a
//! restart: import the real tiny.en model, use it, transcribe, remove it.

use aira_protocol::ModelStage;
use aira_runtime::{Engine, RuntimeError, Settings};
use aira_test_support::{speak_to_wav, whisper_model, word_error_rate};

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SPOKEN: &str = "Good morning, I am ready for the interview.";

/// Settings on a fresh data folder, with nothing naming the model but the user's choice.
fn settings(data_dir: &std::path::Path) -> Settings {
    let mut settings = Settings::resolve(Some(data_dir.to_path_buf()), None, None);
    settings.model_override = None;
    settings.model_catalog_file = None;
    settings.whisper_threads = Some(1);
    settings
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_imported_model_once_used_transcribes_without_a_restart() -> TestResult {
    let work = tempfile::tempdir()?;
    let answer = work.path().join("answer.wav");
    speak_to_wav(SPOKEN, &answer);
    let engine = Engine::open(settings(&work.path().join("data"))).await?;

    // Nothing installed: the default model is missing.
    assert!(!engine.status().model_present);
    let missing = engine.transcribe_file(&answer, None).await;
    assert!(
        matches!(missing, Err(RuntimeError::Transcribe(ref error)) if error.to_string().contains("ggml-tiny.en.bin")),
        "{missing:?}"
    );

    let stages = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let heard = std::sync::Arc::clone(&stages);
    let imported = engine
        .models()
        .import(whisper_model(), Some("interview".into()), move |progress| {
            heard
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .push((progress.stage, progress.percent()));
        })
        .await?;
    assert_eq!(imported.name, "interview");
    assert!(!imported.in_use, "imported, not chosen yet");
    let stages = stages
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    assert_eq!(
        stages.last(),
        Some(&(ModelStage::Copying, 100)),
        "{stages:?}"
    );

    let chosen = engine.models().use_model("interview")?;
    assert!(chosen.in_use);
    assert_eq!(engine.preferences().model.as_deref(), Some("interview"));
    assert!(engine.status().model_present);
    assert!(engine.status().model_path.ends_with("ggml-interview.bin"));
    assert_eq!(
        engine.transcription_engine(),
        "whisper (ggml-interview.bin)"
    );
    let transcript = engine.transcribe_file(&answer, None).await?;
    let error_rate = word_error_rate(SPOKEN, &transcript.text);
    assert!(error_rate <= 0.2, "{error_rate:.2}: {:?}", transcript.text);

    // Other preference changes leave the chosen model alone.
    engine.update_preferences(aira_protocol::PreferencesPatch {
        whisper_threads: Some(Some(1)),
        model: Some(None),
        ..aira_protocol::PreferencesPatch::default()
    })?;
    assert_eq!(engine.preferences().model.as_deref(), Some("interview"));

    // Removing it returns to the default (missing) model at once.
    engine.models().remove("interview")?;
    assert_eq!(engine.preferences().model, None);
    assert!(!engine.status().model_present);
    assert!(engine.transcribe_file(&answer, None).await.is_err());
    engine.close().await;
    Ok(())
}
