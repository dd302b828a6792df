//! The transcription policy with the real engines: Amazon Transcribe through the real SDK
//! client (against a local Transcribe Streaming server) and Whisper with the tiny.en model,
//! on espeak speech. A cloud that fails mid-stream in auto mode leaves the answer to Whisper.

use std::sync::Arc;
use std::time::Duration;

use aira_core::ports::{TranscribeError, Transcriber, TranscriptionOptions};
use aira_protocol::{EnginePolicy, ErrorCode};
use aira_runtime::{PolicyTranscriber, RuntimeError};
use aira_speech::transcribe_streaming::sdk_config_with_keys;
use aira_speech::{AmazonSettings, AmazonTranscriber, WhisperSettings, WhisperTranscriber};
use aira_test_support::transcribe_server::{Behaviour, TranscribeServer};
use aira_test_support::{speak_to_wav, whisper_model, word_error_rate};

const ANSWER: &str =
    "A process has its own memory, while threads share the memory of their process.";

fn spoken_answer() -> Vec<f32> {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder.path().join("answer.wav");
    speak_to_wav(ANSWER, &path);
    aira_audio::decode_file(&path).unwrap_or_else(|error| panic!("{error}"))
}

fn whisper() -> Arc<dyn Transcriber> {
    Arc::new(
        WhisperTranscriber::spawn(WhisperSettings {
            model_path: whisper_model(),
            threads: 2,
            language: "en".into(),
            fit_audio_context: true,
            beam_size: aira_speech::DEFAULT_BEAM_SIZE,
        })
        .unwrap_or_else(|error| panic!("{error}")),
    )
}

fn amazon(server: &TranscribeServer) -> Arc<dyn Transcriber> {
    let mut settings = AmazonSettings::new("en-IN");
    settings.endpoint_url = Some(server.endpoint_url.clone());
    settings.extra_ca_pem = Some(server.ca_pem.clone().into_bytes());
    settings.idle_timeout = Duration::from_secs(3);
    Arc::new(AmazonTranscriber::with_sdk_config(
        settings,
        sdk_config_with_keys("ap-south-1", "AKIDAIRATEST", "aira-test-secret"),
    ))
}

fn policy(server: &TranscribeServer, engine: EnginePolicy) -> PolicyTranscriber {
    PolicyTranscriber::new(whisper(), Some(amazon(server)), engine)
}

async fn transcribe(
    transcriber: &PolicyTranscriber,
    samples: Vec<f32>,
) -> Result<aira_core::Transcript, TranscribeError> {
    transcriber
        .transcribe(samples, TranscriptionOptions::default())
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cloud_failure_mid_stream_in_auto_mode_is_transcribed_locally_and_says_so() {
    let samples = spoken_answer();
    let half_of_the_audio = samples.len();
    let server = TranscribeServer::start(Behaviour::FailMidStream {
        after_bytes: half_of_the_audio,
        exception: "InternalFailureException".into(),
    });
    let transcriber = policy(&server, EnginePolicy::Auto);
    let transcript = transcribe(&transcriber, samples.clone())
        .await
        .unwrap_or_else(|error| panic!("auto mode must fall back, not fail: {error}"));

    let observed = server.observed();
    assert_eq!(observed.requests, 1);
    assert!(
        observed.audio_bytes >= half_of_the_audio && !observed.audio_ended,
        "the cloud failed mid-stream: {observed:?}"
    );
    assert_eq!(transcript.engine, "whisper (ggml-tiny.en.bin)");
    let reason = transcript.fallback.clone().unwrap_or_default();
    assert!(reason.contains("InternalFailureException"), "{reason}");
    let error_rate = word_error_rate(ANSWER, &transcript.text);
    assert!(error_rate < 0.3, "WER {error_rate:.2}: {}", transcript.text);

    // The next answer stays local during the cool-down, without another cloud call.
    let again = transcribe(&transcriber, samples)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(again.engine, "whisper (ggml-tiny.en.bin)");
    assert!(
        again
            .fallback
            .is_some_and(|reason| reason.contains("tries it again"))
    );
    assert_eq!(server.observed().requests, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_in_auto_mode_is_transcribed_locally() {
    let server = TranscribeServer::start(Behaviour::DropMidStream {
        after_bytes: 16_000,
    });
    let transcriber = policy(&server, EnginePolicy::Auto);
    let transcript = transcribe(&transcriber, spoken_answer())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(transcript.engine, "whisper (ggml-tiny.en.bin)");
    assert!(transcript.fallback.is_some());
    assert!(
        word_error_rate(ANSWER, &transcript.text) < 0.3,
        "{}",
        transcript.text
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn auto_mode_uses_a_working_cloud() {
    let server = TranscribeServer::start(Behaviour::Transcribe {
        text: ANSWER.into(),
    });
    let transcriber = policy(&server, EnginePolicy::Auto);
    let transcript = transcribe(&transcriber, spoken_answer())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(transcript.engine, "Amazon Transcribe (en-IN)");
    assert_eq!(transcript.fallback, None);
    assert_eq!(transcript.text, ANSWER);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cloud_mode_reports_the_failure_with_its_error_code() {
    let failing = TranscribeServer::start(Behaviour::FailMidStream {
        after_bytes: 16_000,
        exception: "InternalFailureException".into(),
    });
    let outcome = transcribe(&policy(&failing, EnginePolicy::Cloud), spoken_answer()).await;
    let code = outcome.map_err(|error| RuntimeError::from(error).code());
    assert_eq!(code.err(), Some(ErrorCode::CloudFailed));

    let refusing = TranscribeServer::start(Behaviour::Refuse {
        status: 403,
        error_type: "AccessDeniedException".into(),
    });
    let outcome = transcribe(&policy(&refusing, EnginePolicy::Cloud), spoken_answer()).await;
    let code = outcome.map_err(|error| RuntimeError::from(error).code());
    assert_eq!(code.err(), Some(ErrorCode::CloudAccessDenied));
}
