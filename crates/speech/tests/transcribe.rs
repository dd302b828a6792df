//! The real model on real (synthesized) speech.

use aira_core::ports::{TranscribeError, Transcriber, TranscriptionOptions};
use aira_speech::{WhisperSettings, WhisperTranscriber};
use aira_test_support::{silence_to_wav, speak_to_wav, whisper_model, word_error_rate};

fn transcriber(model_path: std::path::PathBuf) -> WhisperTranscriber {
    let settings = WhisperSettings {
        model_path,
        threads: 1,
        language: "en".into(),
        fit_audio_context: true,
        beam_size: aira_speech::DEFAULT_BEAM_SIZE,
    };
    WhisperTranscriber::spawn(settings).unwrap_or_else(|error| panic!("worker thread: {error}"))
}

/// Interview-style answers; the word error rate is taken over all of them together, so one
/// mis-heard word does not decide the test.
const ANSWERS: [&str; 5] = [
    "In my last internship I built a small web service in Python. \
     It stored orders in a database and answered requests in under a second.",
    "My greatest strength is that I stay calm under pressure. \
     During our final year project I planned the work and we finished on time.",
    "A process has its own memory, while threads share the memory of the process they belong to.",
    "When two teammates disagreed about the design, I set up a short meeting. \
     We listened to both ideas and agreed on a plan that the whole team could support.",
    "I want to join your company because I enjoy building products for students, \
     and I would like to learn from experienced engineers.",
];

#[tokio::test]
async fn espeak_speech_is_transcribed_with_low_word_error_rate_and_word_times() {
    check_answers(whisper_model()).await;
}

#[tokio::test]
async fn a_q8_0_copy_of_the_model_transcribes_as_well() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let quantized = folder.path().join("ggml-q8_0.bin");
    let info = aira_models::ggml::quantize_q8_0(&whisper_model(), &quantized)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(info.weight_format(), "q8_0");
    let original =
        aira_models::ggml::inspect(&whisper_model()).unwrap_or_else(|error| panic!("{error}"));
    println!(
        "{} bytes -> {} bytes ({}, {})",
        original.file_bytes,
        info.file_bytes,
        info.size_name(),
        info.weight_format()
    );
    assert!(info.file_bytes * 10 < original.file_bytes * 6);
    check_answers(quantized).await;
}

/// Transcribes the answers with `model_path`, checking word times and the word error rate.
async fn check_answers(model_path: std::path::PathBuf) {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let whisper = transcriber(model_path);
    let (mut edits, mut reference_words, mut audio_seconds, mut seconds_spent) =
        (0.0, 0.0, 0.0, 0.0);
    for (index, reference) in ANSWERS.iter().enumerate() {
        let path = folder.path().join(format!("answer-{index}.wav"));
        speak_to_wav(reference, &path);
        let samples = aira_audio::decode_file(&path).unwrap_or_else(|error| panic!("{error}"));
        let clip_seconds = samples.len() as f64 / 16_000.0;

        let started = std::time::Instant::now();
        let transcript = whisper
            .transcribe(samples, TranscriptionOptions::default())
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        seconds_spent += started.elapsed().as_secs_f64();
        audio_seconds += clip_seconds;

        let words = reference.split_whitespace().count() as f64;
        let error_rate = word_error_rate(reference, &transcript.text);
        println!("{:>5.1} % {}", error_rate * 100.0, transcript.text);
        edits += error_rate * words;
        reference_words += words;

        // Word timings are ordered, inside the clip, and span most of it.
        let timed = &transcript.words;
        assert!(
            timed
                .windows(2)
                .all(|pair| pair[0].start_ms <= pair[1].start_ms),
            "{timed:?}"
        );
        assert!(
            timed.iter().all(
                |word| word.start_ms <= word.end_ms && word.end_ms <= transcript.audio_ms + 500
            )
        );
        let spoken_ms = timed.last().map_or(0, |word| word.end_ms)
            - timed.first().map_or(0, |word| word.start_ms);
        assert!(
            spoken_ms as f64 > clip_seconds * 1000.0 * 0.6,
            "words span {spoken_ms} ms of {clip_seconds} s"
        );
    }
    let error_rate = edits / reference_words;
    println!(
        "word error rate {:.1} % over {reference_words} words; real-time factor {:.2} ({audio_seconds:.1} s of audio, first call includes model load)",
        error_rate * 100.0,
        seconds_spent / audio_seconds
    );
    assert!(error_rate <= 0.15, "word error rate {error_rate:.3} > 0.15");
}

#[tokio::test]
async fn silence_and_empty_audio_are_reported_not_invented() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder.path().join("silence.wav");
    silence_to_wav(3.0, &path);
    let samples = aira_audio::decode_file(&path).unwrap_or_else(|error| panic!("{error}"));
    let whisper = transcriber(whisper_model());
    assert_eq!(
        whisper
            .transcribe(samples, TranscriptionOptions::default())
            .await,
        Err(TranscribeError::NoSpeech)
    );
    assert_eq!(
        whisper
            .transcribe(Vec::new(), TranscriptionOptions::default())
            .await,
        Err(TranscribeError::EmptyAudio)
    );
}

#[tokio::test]
async fn a_missing_or_corrupt_model_is_a_clear_error() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let speech = vec![0.2_f32; 16_000];
    let missing = transcriber(folder.path().join("no-model.bin"));
    assert!(matches!(
        missing
            .transcribe(speech.clone(), TranscriptionOptions::default())
            .await,
        Err(TranscribeError::ModelMissing { .. })
    ));

    // The real model cut short: right signature, truncated tensors.
    let truncated = folder.path().join("truncated.bin");
    let bytes = std::fs::read(whisper_model()).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap_or_else(|error| panic!("{error}"));
    let corrupt = transcriber(truncated);
    assert!(matches!(
        corrupt
            .transcribe(speech, TranscriptionOptions::default())
            .await,
        Err(TranscribeError::ModelInvalid { .. })
    ));
}

#[tokio::test]
async fn a_cancelled_job_stops_mid_way() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let whisper = transcriber(whisper_model());
    let path = folder.path().join("long.wav");
    speak_to_wav(&ANSWERS.join(" "), &path);
    let samples = aira_audio::decode_file(&path).unwrap_or_else(|error| panic!("{error}"));
    // Load the model first, so the cancellation lands inside inference.
    let warm_up = whisper
        .transcribe(samples[..16_000].to_vec(), TranscriptionOptions::default())
        .await;
    assert!(warm_up.is_ok() || warm_up == Err(TranscribeError::NoSpeech));

    let cancel = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let options = TranscriptionOptions {
        prompt: None,
        cancel: Some(std::sync::Arc::clone(&cancel)),
        ..TranscriptionOptions::default()
    };
    let started = std::time::Instant::now();
    let job = whisper.transcribe(samples, options);
    let trigger = async {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    };
    let (result, ()) = tokio::join!(job, trigger);
    println!("cancelled after {:?}", started.elapsed());
    assert_eq!(result, Err(TranscribeError::Cancelled));
}

#[tokio::test]
async fn a_new_model_path_takes_effect_at_the_next_job() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let answer = folder.path().join("answer.wav");
    speak_to_wav("The meeting starts at nine in the morning.", &answer);
    let samples = aira_audio::decode_file(&answer).unwrap_or_else(|error| panic!("{error}"));
    let whisper = transcriber(folder.path().join("ggml-not-yet.bin"));
    assert!(matches!(
        whisper
            .transcribe(samples.clone(), TranscriptionOptions::default())
            .await,
        Err(TranscribeError::ModelMissing { .. })
    ));

    whisper.set_model_path(&whisper_model());
    assert_eq!(whisper.model_path(), whisper_model());
    assert_eq!(whisper.engine_name(), "whisper (ggml-tiny.en.bin)");
    let transcript = whisper
        .transcribe(samples.clone(), TranscriptionOptions::default())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        transcript.text.to_lowercase().contains("meeting"),
        "{}",
        transcript.text
    );

    // Back to a missing file: the loaded model is dropped, not silently kept.
    whisper.set_model_path(&folder.path().join("ggml-gone.bin"));
    assert!(matches!(
        whisper
            .transcribe(samples, TranscriptionOptions::default())
            .await,
        Err(TranscribeError::ModelMissing { .. })
    ));
}
