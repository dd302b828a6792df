//! The Piper voice end to end: the real network through the real ONNX Runtime, heard back
//! by Whisper. Needs `scripts/fetch-test-models.sh` (voice and runtime) and the Whisper
//! test model.

use std::path::Path;
use std::sync::OnceLock;
use std::time::Instant;

use aira_core::ports::{SpeakError, Transcriber, TranscriptionOptions};
use aira_speech::{WhisperSettings, WhisperTranscriber};
use aira_test_support::{onnxruntime_library, piper_voice, whisper_model, word_error_rate};
use aira_voice::PiperVoice;

/// What an interviewer and a candidate say: about 15 seconds together.
const INTERVIEW: &str = "Tell me about a project that made you proud. \
    In my last internship, I built a small web service that stored orders in a database. \
    When two teammates disagreed about the design, I set up a short meeting. \
    We listened to both ideas and agreed on a plan.";

/// One voice for every test: loading the network takes a moment on a busy machine.
fn voice() -> &'static PiperVoice {
    static VOICE: OnceLock<PiperVoice> = OnceLock::new();
    VOICE.get_or_init(|| {
        PiperVoice::load(&piper_voice(), &onnxruntime_library())
            .unwrap_or_else(|error| panic!("{error}"))
    })
}

fn seconds(samples: &[f32], sample_rate: u32) -> f64 {
    samples.len() as f64 / f64::from(sample_rate)
}

#[tokio::test]
async fn whisper_understands_what_the_piper_voice_says() {
    let voice = voice();
    let started = Instant::now();
    let speech = voice
        .synthesize(INTERVIEW, 1.0)
        .unwrap_or_else(|error| panic!("{error}"));
    let synthesis_seconds = started.elapsed().as_secs_f64();
    let audio_seconds = seconds(&speech, voice.sample_rate());
    assert!(
        (8.0..30.0).contains(&audio_seconds),
        "{audio_seconds:.1} s of speech"
    );
    assert!(aira_audio::Level::of(&speech).rms > 0.02, "audible");

    let whisper = WhisperTranscriber::spawn(WhisperSettings {
        model_path: whisper_model(),
        threads: 1,
        language: "en".into(),
        fit_audio_context: true,
        beam_size: aira_speech::DEFAULT_BEAM_SIZE,
    })
    .unwrap_or_else(|error| panic!("worker thread: {error}"));
    let transcript = whisper
        .transcribe(
            aira_audio::resample(&speech, voice.sample_rate(), 16_000),
            TranscriptionOptions::default(),
        )
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let error_rate = word_error_rate(INTERVIEW, &transcript.text);
    println!("heard: {}", transcript.text);
    println!(
        "Piper ({} Hz, espeak-ng {}): word error rate {:.1} %, {audio_seconds:.1} s of speech \
         in {synthesis_seconds:.2} s, real-time factor {:.3}",
        voice.sample_rate(),
        voice.espeak_voice(),
        error_rate * 100.0,
        synthesis_seconds / audio_seconds
    );
    assert!(error_rate <= 0.10, "word error rate {error_rate:.3} > 0.10");
}

#[test]
fn a_faster_rate_speaks_in_less_time_and_a_slower_in_more() {
    let sentence = "Could you walk me through how you would design a parking lot system?";
    let length = |rate: f32| {
        voice()
            .synthesize(sentence, rate)
            .unwrap_or_else(|error| panic!("{error}"))
            .len() as f64
    };
    let normal = length(1.0);
    let (faster, slower) = (length(1.5) / normal, length(0.75) / normal);
    println!("length at rate 1.5: {faster:.2} of normal; at 0.75: {slower:.2}");
    // Less than in proportion (0.67 and 1.33): VITS rounds each scaled phoneme duration up
    // to whole frames, so the shortest ones barely change. Measured: 0.77-0.80 and 1.14-1.23.
    assert!(faster < 0.88, "rate 1.5 took {faster:.2} of normal");
    assert!(slower > 1.08, "rate 0.75 took {slower:.2} of normal");
}

#[test]
fn text_without_words_gives_no_audio_or_at_least_no_failure() {
    let voice = voice();
    for empty in ["", "   ", " \n\t\n "] {
        let samples = voice
            .synthesize(empty, 1.0)
            .unwrap_or_else(|error| panic!("{empty:?}: {error}"));
        assert!(
            samples.is_empty(),
            "{empty:?} gave {} samples",
            samples.len()
        );
    }
    for odd in [
        "?!... ,;:",
        "🙂🎉",
        "— ¿¡ «»",
        "!!! 🤖 ???",
        "nul\0 and\u{7} bell",
    ] {
        if let Err(error) = voice.synthesize(odd, 1.0) {
            panic!("{odd:?}: {error}");
        }
    }
}

#[test]
fn a_missing_voice_or_runtime_is_unavailable_and_says_where_it_looked() {
    let runtime = onnxruntime_library();
    let missing_voice = Path::new("/nonexistent/en_US-nobody-medium.onnx");
    assert_unavailable_naming(PiperVoice::load(missing_voice, &runtime), missing_voice);

    let missing_runtime = Path::new("/nonexistent/libonnxruntime.so.1.31.1");
    assert_unavailable_naming(
        PiperVoice::load(&piper_voice(), missing_runtime),
        missing_runtime,
    );
    // A file that is there but is no runtime at all: the voice's own config.
    let not_a_library = piper_voice().with_extension("onnx.json");
    assert_unavailable_naming(
        PiperVoice::load(&piper_voice(), &not_a_library),
        &not_a_library,
    );
}

fn assert_unavailable_naming(result: Result<PiperVoice, SpeakError>, path: &Path) {
    match result {
        Err(SpeakError::Unavailable(message)) => assert!(
            message.contains(&path.display().to_string()),
            "{message:?} does not name {}",
            path.display()
        ),
        Err(other) => panic!(
            "expected Unavailable naming {}, got {other}",
            path.display()
        ),
        Ok(_) => panic!("{} loaded", path.display()),
    }
}
