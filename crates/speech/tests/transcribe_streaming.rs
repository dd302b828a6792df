//! The Amazon Transcribe adapter through the real SDK client, against a local server that
//! speaks Transcribe Streaming: HTTP/2 over TLS, signed event-stream frames both ways.

use std::time::Duration;

use aira_core::Word;
use aira_core::ports::{CloudFailure, TranscribeError, Transcriber, TranscriptionOptions};
use aira_speech::transcribe_streaming::{SdkConfig, sdk_config_with_keys};
use aira_speech::{AmazonSettings, AmazonTranscriber};
use aira_test_support::transcribe_server::{Behaviour, TranscribeServer};

/// 1.05 s of a tone: eleven 100 ms events, the last one half full.
fn tone() -> Vec<f32> {
    (0..16_800)
        .map(|index| (index as f32 * 440.0 * std::f32::consts::TAU / 16_000.0).sin() * 0.3)
        .collect()
}

fn keys() -> SdkConfig {
    sdk_config_with_keys("ap-south-1", "AKIDAIRATEST", "aira-test-secret")
}

fn transcriber_for(
    server: &TranscribeServer,
    language: &str,
    config: SdkConfig,
) -> AmazonTranscriber {
    let mut settings = AmazonSettings::new(language);
    settings.endpoint_url = Some(server.endpoint_url.clone());
    settings.extra_ca_pem = Some(server.ca_pem.clone().into_bytes());
    settings.idle_timeout = Duration::from_secs(2);
    AmazonTranscriber::with_sdk_config(settings, config)
}

async fn transcribe(
    transcriber: &AmazonTranscriber,
) -> Result<aira_core::Transcript, TranscribeError> {
    transcriber
        .transcribe(tone(), TranscriptionOptions::default())
        .await
}

fn kind_of(result: &Result<aira_core::Transcript, TranscribeError>) -> Option<CloudFailure> {
    match result {
        Err(TranscribeError::Cloud { kind, .. }) => Some(*kind),
        _ => None,
    }
}

#[tokio::test]
async fn audio_goes_up_as_signed_100_ms_events_over_http2_and_final_items_become_words()
-> Result<(), TranscribeError> {
    let server = TranscribeServer::start(Behaviour::Transcribe {
        text: "Hello, world. Threads share memory.".into(),
    });
    let transcriber = transcriber_for(&server, "en-IN", keys());
    let transcript = transcribe(&transcriber).await?;

    let observed = server.observed();
    assert_eq!(observed.http_version, "HTTP/2.0");
    assert_eq!(observed.path, "/stream-transcription");
    let header = |name: &str| observed.headers.get(name).cloned().unwrap_or_default();
    assert_eq!(header("x-amzn-transcribe-language-code"), "en-IN");
    assert_eq!(header("x-amzn-transcribe-sample-rate"), "16000");
    assert_eq!(header("x-amzn-transcribe-media-encoding"), "pcm");
    assert!(
        header("authorization").starts_with("AWS4-HMAC-SHA256 Credential=AKIDAIRATEST/"),
        "{observed:?}"
    );
    assert_eq!(
        observed.audio_bytes,
        16_800 * 2,
        "every sample arrived as 16-bit PCM"
    );
    assert_eq!(observed.audio_events, 11);
    assert_eq!(observed.largest_event_bytes, 3_200, "100 ms per event");
    assert!(
        observed.all_frames_signed && observed.audio_ended,
        "{observed:?}"
    );

    assert_eq!(transcript.text, "Hello, world. Threads share memory.");
    assert_eq!(transcript.words[0], Word::new("Hello,", 0, 350));
    assert_eq!(transcript.words[4], Word::new("memory.", 1600, 1950));
    assert!(
        !transcript.text.contains("hollow"),
        "partial results are not kept"
    );
    assert_eq!(transcript.audio_ms, 1050);
    assert_eq!(transcript.engine, "Amazon Transcribe (en-IN)");
    assert_eq!(transcript.fallback, None);
    Ok(())
}

#[tokio::test]
async fn bare_language_codes_take_their_default_variant() -> Result<(), TranscribeError> {
    let server = TranscribeServer::start(Behaviour::Transcribe {
        text: "नमस्ते दुनिया".into(),
    });
    let transcriber = transcriber_for(&server, "hi", keys());
    let transcript = transcribe(&transcriber).await?;
    assert_eq!(transcript.text, "नमस्ते दुनिया");
    assert_eq!(
        server
            .observed()
            .headers
            .get("x-amzn-transcribe-language-code")
            .map(String::as_str),
        Some("hi-IN")
    );
    Ok(())
}

#[tokio::test]
async fn an_exception_mid_stream_is_a_service_failure() {
    let server = TranscribeServer::start(Behaviour::FailMidStream {
        after_bytes: 6_400,
        exception: "InternalFailureException".into(),
    });
    let outcome = transcribe(&transcriber_for(&server, "en", keys())).await;
    assert_eq!(
        kind_of(&outcome),
        Some(CloudFailure::Service),
        "{outcome:?}"
    );
    assert!(format!("{outcome:?}").contains("InternalFailureException"));
    assert!(
        server.observed().audio_bytes >= 6_400,
        "the stream had started"
    );
}

#[tokio::test]
async fn a_stream_reset_mid_answer_is_a_lost_connection() {
    let server = TranscribeServer::start(Behaviour::DropMidStream { after_bytes: 6_400 });
    let outcome = transcribe(&transcriber_for(&server, "en", keys())).await;
    assert_eq!(
        kind_of(&outcome),
        Some(CloudFailure::Offline),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn http_errors_map_to_access_denied_and_throttled() {
    for (status, error_type, expected) in [
        (403, "AccessDeniedException", CloudFailure::AccessDenied),
        (
            400,
            "UnrecognizedClientException",
            CloudFailure::AccessDenied,
        ),
        (429, "LimitExceededException", CloudFailure::Throttled),
        (503, "ServiceUnavailableException", CloudFailure::Service),
    ] {
        let server = TranscribeServer::start(Behaviour::Refuse {
            status,
            error_type: error_type.into(),
        });
        let outcome = transcribe(&transcriber_for(&server, "en", keys())).await;
        assert_eq!(
            kind_of(&outcome),
            Some(expected),
            "{error_type}: {outcome:?}"
        );
    }
}

#[tokio::test]
async fn a_service_that_goes_quiet_times_out() {
    let server = TranscribeServer::start(Behaviour::Silent);
    let started = std::time::Instant::now();
    let outcome = transcribe(&transcriber_for(&server, "en", keys())).await;
    assert_eq!(
        kind_of(&outcome),
        Some(CloudFailure::Timeout),
        "{outcome:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn an_unreachable_service_is_offline() {
    let mut settings = AmazonSettings::new("en");
    // Nothing listens on port 1.
    settings.endpoint_url = Some("https://127.0.0.1:1".into());
    let outcome = transcribe(&AmazonTranscriber::with_sdk_config(settings, keys())).await;
    assert_eq!(
        kind_of(&outcome),
        Some(CloudFailure::Offline),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn without_credentials_nothing_is_sent_and_access_is_denied() {
    let server = TranscribeServer::start(Behaviour::Transcribe {
        text: "unused".into(),
    });
    let no_keys = SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("ap-south-1"))
        .build();
    let transcriber = transcriber_for(&server, "en", no_keys);
    let ready = transcriber.check_ready().await;
    assert!(
        matches!(
            ready,
            Err(TranscribeError::Cloud {
                kind: CloudFailure::AccessDenied,
                ..
            })
        ),
        "{ready:?}"
    );
    let outcome = transcribe(&transcriber).await;
    assert_eq!(
        kind_of(&outcome),
        Some(CloudFailure::AccessDenied),
        "{outcome:?}"
    );
    assert_eq!(server.observed().requests, 0);
}

#[tokio::test]
async fn languages_transcribe_does_not_offer_are_refused_before_any_call() {
    let server = TranscribeServer::start(Behaviour::Transcribe {
        text: "unused".into(),
    });
    let transcriber = transcriber_for(&server, "auto", keys());
    let outcome = transcribe(&transcriber).await;
    assert!(
        matches!(outcome, Err(TranscribeError::UnsupportedLanguage { .. })),
        "{outcome:?}"
    );
    assert_eq!(server.observed().requests, 0);
}
