//! Live transcription on real speech and the real model: the answer arrives in 50 ms
//! pieces as from the microphone, with pauses between sentences.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use aira_audio::{CaptureEvent, Level};
use aira_core::ports::{TranscribeError, Transcriber};
use aira_protocol::RecordingUpdate;
use aira_runtime::live::{LiveOptions, LiveSession, UpdateSink};
use aira_speech::{WhisperSettings, WhisperTranscriber};
use aira_test_support::{silence_to_wav, speak_to_wav, whisper_model, word_error_rate};

const SENTENCES: [&str; 3] = [
    "A process has its own memory, while threads share the memory of the process they belong to.",
    "Threads are cheaper to create, but they need locks to share data safely.",
    "In my last project I used a thread pool to handle many requests at once.",
];

fn clip(folder: &std::path::Path) -> Vec<f32> {
    let mut samples = Vec::new();
    for (index, sentence) in SENTENCES.iter().enumerate() {
        let speech = folder.join(format!("sentence-{index}.wav"));
        speak_to_wav(sentence, &speech);
        let pause = folder.join(format!("pause-{index}.wav"));
        silence_to_wav(1.2, &pause);
        for part in [speech, pause] {
            samples
                .extend(aira_audio::decode_file(&part).unwrap_or_else(|error| panic!("{error}")));
        }
    }
    samples
}

/// The question these sentences answer, as the engine prompts with it.
const QUESTION: &str = "What is the difference between a process and a thread?";

fn session(
    prompt: Option<&str>,
    on_update: UpdateSink,
) -> (
    LiveSession,
    tokio::sync::mpsc::UnboundedSender<CaptureEvent>,
) {
    let whisper: Arc<dyn Transcriber> = Arc::new(
        WhisperTranscriber::spawn(WhisperSettings {
            model_path: whisper_model(),
            threads: 1,
            language: "en".into(),
            fit_audio_context: true,
            beam_size: aira_speech::DEFAULT_BEAM_SIZE,
        })
        .unwrap_or_else(|error| panic!("{error}")),
    );
    LiveSession::start(
        whisper,
        LiveOptions {
            prompt: prompt.map(str::to_owned),
            auto_stop_after_ms: Some(1000),
        },
        on_update,
    )
}

fn audio_event(chunk: &[f32], seconds: f32) -> CaptureEvent {
    CaptureEvent::Audio {
        samples: chunk.to_vec(),
        level: Level::of(chunk),
        seconds,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_is_transcribed_while_it_is_spoken() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let samples = clip(folder.path());
    let updates = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&updates);
    let (session, events) = session(
        Some(QUESTION),
        Box::new(move |update| {
            seen.lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(update)
        }),
    );

    // Real time: 50 ms of audio every 50 ms, as the capture thread delivers it.
    let piece = 800;
    let mut ticker = tokio::time::interval(Duration::from_millis(50));
    for (index, chunk) in samples.chunks(piece).enumerate() {
        ticker.tick().await;
        let sent = events.send(audio_event(chunk, (index * piece) as f32 / 16_000.0));
        assert!(sent.is_ok(), "the session stopped listening");
    }
    let stopped = Instant::now();
    let transcript = session
        .finish(samples.clone())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let end_to_final = stopped.elapsed();

    let reference = SENTENCES.join(" ");
    let error_rate = word_error_rate(&reference, &transcript.text);
    println!("{:.1} % {}", error_rate * 100.0, transcript.text);
    println!(
        "stop → final transcript: {end_to_final:?} for {:.1} s of audio",
        samples.len() as f32 / 16_000.0
    );
    assert!(error_rate <= 0.15, "word error rate {error_rate:.3}");

    // Word times are from the start of the answer, across pieces.
    let words = &transcript.words;
    assert!(
        words
            .windows(2)
            .all(|pair| pair[0].start_ms <= pair[1].start_ms),
        "{words:?}"
    );
    let last_sentence_start = words
        .iter()
        .find(|word| word.text.to_lowercase().starts_with("last"))
        .map(|word| word.start_ms);
    assert!(
        last_sentence_start.is_some_and(|start| start > 8_000),
        "the third sentence starts late in the answer: {last_sentence_start:?}"
    );

    let updates = updates.lock().unwrap_or_else(PoisonError::into_inner);
    let partials: Vec<&str> = updates
        .iter()
        .filter_map(|update| match update {
            RecordingUpdate::Transcript { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    println!("{} partial transcripts: {partials:?}", partials.len());
    assert!(
        partials.len() >= 3,
        "text appeared while speaking: {partials:?}"
    );
    assert!(
        partials
            .iter()
            .any(|text| text.to_lowercase().contains("memory")),
        "the first sentence was shown before the end: {partials:?}"
    );
    assert!(
        updates
            .iter()
            .any(|update| matches!(update, RecordingUpdate::SilenceDetected { .. })),
        "1.2 s pauses exceed the 1 s auto-stop silence"
    );
    let levels = updates
        .iter()
        .filter(|update| matches!(update, RecordingUpdate::Level(_)))
        .count();
    assert!(levels > 50, "{levels} level readings");
}

#[tokio::test]
async fn silence_alone_is_no_speech_and_never_stops_an_answer() {
    let silence_reported = Arc::new(Mutex::new(false));
    let seen = Arc::clone(&silence_reported);
    let (session, events) = session(
        None,
        Box::new(move |update| {
            if matches!(update, RecordingUpdate::SilenceDetected { .. }) {
                *seen.lock().unwrap_or_else(PoisonError::into_inner) = true;
            }
        }),
    );
    let quiet = vec![0.0_f32; 16_000 * 3];
    for chunk in quiet.chunks(800) {
        assert!(events.send(audio_event(chunk, 0.0)).is_ok());
    }
    assert_eq!(session.finish(quiet).await, Err(TranscribeError::NoSpeech));
    assert!(
        !*silence_reported
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    );
}

/// The engine stops the recorder (closing the event stream), saves the audio, and only then
/// asks for the transcript: the session must wait for that request rather than give up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_recorder_stopping_before_the_request_still_gives_the_transcript() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let speech = folder.path().join("sentence.wav");
    speak_to_wav(SENTENCES[0], &speech);
    let samples = aira_audio::decode_file(&speech).unwrap_or_else(|error| panic!("{error}"));
    let (session, events) = session(None, Box::new(|_| {}));
    for chunk in samples.chunks(800) {
        assert!(events.send(audio_event(chunk, 0.0)).is_ok());
    }
    drop(events);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let transcript = session
        .finish(samples)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        transcript.text.to_lowercase().contains("memory"),
        "{}",
        transcript.text
    );
}

/// Auto mode while the user speaks: the cloud fails on the first piece, mid-stream, and
/// every piece of the answer is still transcribed, on this computer, with the reason kept.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cloud_failing_mid_answer_leaves_every_piece_to_whisper() {
    use aira_protocol::EnginePolicy;
    use aira_runtime::PolicyTranscriber;
    use aira_speech::transcribe_streaming::sdk_config_with_keys;
    use aira_speech::{AmazonSettings, AmazonTranscriber};
    use aira_test_support::transcribe_server::{Behaviour, TranscribeServer};

    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let samples = clip(folder.path());
    let server = TranscribeServer::start(Behaviour::FailMidStream {
        after_bytes: 16_000,
        exception: "InternalFailureException".into(),
    });
    let mut settings = AmazonSettings::new("en-IN");
    settings.endpoint_url = Some(server.endpoint_url.clone());
    settings.extra_ca_pem = Some(server.ca_pem.clone().into_bytes());
    let cloud = AmazonTranscriber::with_sdk_config(
        settings,
        sdk_config_with_keys("ap-south-1", "AKIDAIRATEST", "aira-test-secret"),
    );
    let whisper = WhisperTranscriber::spawn(WhisperSettings {
        model_path: whisper_model(),
        threads: 1,
        language: "en".into(),
        fit_audio_context: true,
        beam_size: aira_speech::DEFAULT_BEAM_SIZE,
    })
    .unwrap_or_else(|error| panic!("{error}"));
    let policy =
        PolicyTranscriber::new(Arc::new(whisper), Some(Arc::new(cloud)), EnginePolicy::Auto);
    let (session, events) = LiveSession::start(
        Arc::new(policy),
        LiveOptions {
            prompt: Some(QUESTION.into()),
            auto_stop_after_ms: None,
        },
        Box::new(|_| {}),
    );
    for (index, chunk) in samples.chunks(800).enumerate() {
        assert!(events.send(audio_event(chunk, index as f32 * 0.05)).is_ok());
    }
    let transcript = session
        .finish(samples.clone())
        .await
        .unwrap_or_else(|error| panic!("nothing may be lost: {error}"));

    assert!(server.observed().requests >= 1, "the cloud was tried");
    assert_eq!(transcript.engine, "whisper (ggml-tiny.en.bin)");
    let reason = transcript.fallback.clone().unwrap_or_default();
    assert!(reason.contains("InternalFailureException"), "{reason}");
    let error_rate = word_error_rate(&SENTENCES.join(" "), &transcript.text);
    assert!(
        error_rate <= 0.2,
        "WER {error_rate:.3}: {}",
        transcript.text
    );
}
