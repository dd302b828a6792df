//! The real model on real (synthesized) speech.

use aira_core::ports::{TranscribeError, Transcriber};
use aira_speech::{WhisperSettings, WhisperTranscriber};
use aira_test_support::{silence_to_wav, speak_to_wav, whisper_model, word_error_rate};

fn transcriber(model_path: std::path::PathBuf) -> WhisperTranscriber {
    let settings = WhisperSettings {
        model_path,
        threads: 1,
        language: "en".into(),
    };
    WhisperTranscriber::spawn(settings).unwrap_or_else(|error| panic!("worker thread: {error}"))
}

#[tokio::test]
async fn espeak_speech_is_transcribed_with_low_word_error_rate_and_word_times() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let reference = "In my last internship I built a small web service in Python. \
        It stored orders in a database and answered requests in under a second.";
    let path = folder.path().join("answer.wav");
    speak_to_wav(reference, &path);
    let samples = aira_audio::read_wav_mono_16k(&path).unwrap_or_else(|error| panic!("{error}"));
    let audio_seconds = samples.len() as f32 / 16_000.0;

    let whisper = transcriber(whisper_model());
    let started = std::time::Instant::now();
    let transcript = whisper
        .transcribe(samples)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let real_time_factor = started.elapsed().as_secs_f32() / audio_seconds;

    let error_rate = word_error_rate(reference, &transcript.text);
    println!("transcript: {}", transcript.text);
    println!(
        "word error rate {:.1} %, real-time factor {real_time_factor:.2} (first call, includes model load), audio {audio_seconds:.1} s",
        error_rate * 100.0
    );
    assert!(
        error_rate <= 0.15,
        "word error rate {error_rate:.3} > 0.15: {:?}",
        transcript.text
    );

    // Word timings are ordered, inside the clip, and span most of it.
    let words = &transcript.words;
    assert!(
        words
            .windows(2)
            .all(|pair| pair[0].start_ms <= pair[1].start_ms),
        "{words:?}"
    );
    assert!(
        words
            .iter()
            .all(|word| word.start_ms <= word.end_ms && word.end_ms <= transcript.audio_ms + 500)
    );
    let spoken_ms =
        words.last().map_or(0, |word| word.end_ms) - words.first().map_or(0, |word| word.start_ms);
    assert!(
        spoken_ms as f32 > audio_seconds * 1000.0 * 0.6,
        "words span {spoken_ms} ms of {audio_seconds} s"
    );
}

#[tokio::test]
async fn silence_and_empty_audio_are_reported_not_invented() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = folder.path().join("silence.wav");
    silence_to_wav(3.0, &path);
    let samples = aira_audio::read_wav_mono_16k(&path).unwrap_or_else(|error| panic!("{error}"));
    let whisper = transcriber(whisper_model());
    assert_eq!(
        whisper.transcribe(samples).await,
        Err(TranscribeError::NoSpeech)
    );
    assert_eq!(
        whisper.transcribe(Vec::new()).await,
        Err(TranscribeError::EmptyAudio)
    );
}

#[tokio::test]
async fn a_missing_or_corrupt_model_is_a_clear_error() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let speech = vec![0.2_f32; 16_000];
    let missing = transcriber(folder.path().join("no-model.bin"));
    assert!(matches!(
        missing.transcribe(speech.clone()).await,
        Err(TranscribeError::ModelMissing { .. })
    ));

    // The real model cut short: right signature, truncated tensors.
    let truncated = folder.path().join("truncated.bin");
    let bytes = std::fs::read(whisper_model()).unwrap_or_else(|error| panic!("{error}"));
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap_or_else(|error| panic!("{error}"));
    let corrupt = transcriber(truncated);
    assert!(matches!(
        corrupt.transcribe(speech).await,
        Err(TranscribeError::ModelInvalid { .. })
    ));
}
