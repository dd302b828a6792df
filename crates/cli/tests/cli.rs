//! The `aira` binary end to end on generated speech and on bad input.

use std::path::Path;
use std::process::{Command, Output};

use aira_test_support::{ffmpeg, silence_to_wav, speak_to_wav, whisper_model};
use serde_json::Value;

fn aira(data_dir: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aira"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(arguments)
        .env("AIRA_WHISPER_MODEL", whisper_model())
        .env("AIRA_WHISPER_THREADS", "1")
        .output()
        .unwrap_or_else(|error| panic!("could not run aira: {error}"))
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn a_spoken_answer_is_coached_saved_and_listed_in_history() {
    let data = folder();
    let answer = data.path().join("answer.wav");
    speak_to_wav(
        "Encapsulation hides the data inside a class. Inheritance lets a child class reuse its parent. \
         Polymorphism means one interface with many implementations, and abstraction shows only what matters.",
        &answer,
    );
    let output = aira(
        data.path(),
        &[
            "--json",
            "practice",
            "--answer",
            answer.to_str().unwrap_or_default(),
            "--question-id",
            "sw-oop",
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let turn = json(&output);
    let transcript = turn["transcript"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase();
    assert!(
        transcript.contains("polymorphism") && transcript.contains("class"),
        "{transcript}"
    );
    let score = turn["feedback"]["score"].as_u64().unwrap_or(0);
    assert!((1..=10).contains(&score));
    assert!(
        turn["feedback"]["points"]
            .as_array()
            .is_some_and(|points| (2..=3).contains(&points.len())),
        "{turn}"
    );
    assert!(
        turn["metrics"]["words_per_minute"].as_f64().unwrap_or(0.0) > 100.0,
        "{turn}"
    );
    assert!(
        turn["metrics"]["key_points_covered"]
            .as_array()
            .is_some_and(|covered| covered.len() >= 3),
        "{turn}"
    );
    assert!(
        Path::new(turn["audio_path"].as_str().unwrap_or_default()).is_file(),
        "the answer's audio is kept"
    );

    let history = aira(data.path(), &["history", "--json"]);
    assert!(history.status.success());
    let turns = json(&history);
    assert_eq!(turns.as_array().map(Vec::len), Some(1), "{turns}");
    assert_eq!(turns[0]["id"], turn["turn_id"]);
    assert_eq!(turns[0]["status"], "coached");
    assert_eq!(turns[0]["score"].as_u64(), Some(score));
    assert_eq!(turns[0]["question_id"], "sw-oop");

    let plain = aira(data.path(), &["history"]);
    assert!(String::from_utf8_lossy(&plain.stdout).contains(&format!("score {score}/10")));
}

fn assert_error(output: &Output, exit_code: i32, code: &str) {
    assert_eq!(
        output.status.code(),
        Some(exit_code),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let error = json(output);
    assert_eq!(error["error"]["code"], code, "{error}");
    assert!(
        !error["error"]["advice"]
            .as_str()
            .unwrap_or_default()
            .is_empty()
    );
}

/// `aira --json practice --answer ANSWER` with any further arguments.
fn practice_json(data_dir: &Path, answer: &Path, more: &[&str]) -> Output {
    let answer = answer.to_str().unwrap_or_default();
    let arguments: Vec<&str> = ["--json", "practice", "--answer", answer]
        .into_iter()
        .chain(more.iter().copied())
        .collect();
    aira(data_dir, &arguments)
}

#[test]
fn bad_input_gets_a_clear_error_and_an_exit_code() {
    let data = folder();
    assert_error(
        &practice_json(data.path(), &data.path().join("missing.wav"), &[]),
        3,
        "file_not_found",
    );

    let corrupt = data.path().join("corrupt.wav");
    std::fs::write(&corrupt, b"RIFF....WAVEfmt garbage").unwrap_or_else(|error| panic!("{error}"));
    assert_error(
        &practice_json(data.path(), &corrupt, &[]),
        3,
        "invalid_audio",
    );

    let silence = data.path().join("silence.wav");
    silence_to_wav(2.0, &silence);
    assert_error(&practice_json(data.path(), &silence, &[]), 3, "no_speech");
    assert_error(
        &practice_json(data.path(), &silence, &["--question-id", "no-such-id"]),
        3,
        "unknown_question",
    );

    // Silence is caught before the model is needed; speech reaches the missing model.
    let absent_model = data.path().join("absent-model.bin");
    let absent = ["--model", absent_model.to_str().unwrap_or_default()];
    assert_error(
        &practice_json(data.path(), &silence, &absent),
        3,
        "no_speech",
    );
    let speech = data.path().join("speech.wav");
    speak_to_wav("Hello there.", &speech);
    assert_error(
        &practice_json(data.path(), &speech, &absent),
        4,
        "model_missing",
    );

    // Nothing saved is lost: the failed answers are listed with their reasons, audio kept.
    let turns = json(&aira(data.path(), &["history", "--json"]));
    let statuses: Vec<&str> = turns
        .as_array()
        .map(|turns| {
            turns
                .iter()
                .filter_map(|turn| turn["status"].as_str())
                .collect()
        })
        .unwrap_or_default();
    // Two silent answers and one for the missing model; the unknown question saved nothing.
    assert_eq!(statuses, vec!["failed", "failed", "failed"], "{turns}");
    assert!(
        turns[0]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("no speech model"),
        "{turns}"
    );
    let kept = std::fs::read_dir(data.path().join("audio"))
        .map(Iterator::count)
        .unwrap_or(0);
    assert_eq!(kept, 3, "every answer's audio is kept for a retry");
}

#[test]
fn questions_are_listed() {
    let data = folder();
    let output = aira(data.path(), &["questions", "--json"]);
    assert!(output.status.success());
    assert!(
        json(&output)
            .as_array()
            .is_some_and(|questions| questions.len() >= 12)
    );
}

#[test]
fn several_files_are_transcribed_on_one_loaded_model_and_a_failure_is_reported_per_file() {
    let data = folder();
    let wav = data.path().join("first.wav");
    speak_to_wav("I enjoy solving problems with my team.", &wav);
    let mp3 = data.path().join("second.mp3");
    let source = data.path().join("second.wav");
    speak_to_wav("Our team finished the project two weeks early.", &source);
    let source_path = source.to_str().unwrap_or_default();
    ffmpeg(
        &["-i", source_path, "-c:a", "libmp3lame", "-b:a", "64k"],
        &mp3,
    );
    let silence = data.path().join("silence.wav");
    silence_to_wav(1.0, &silence);

    let files: Vec<&str> = [&wav, &silence, &mp3]
        .iter()
        .map(|path| path.to_str().unwrap_or_default())
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_aira"))
        .arg("--data-dir")
        .arg(data.path())
        .args(["--json", "transcribe", "--threads", "1"])
        .args(&files)
        .env("AIRA_WHISPER_MODEL", whisper_model())
        .env("AIRA_LOG", "aira_speech=info")
        .output()
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(
        output.status.code(),
        Some(3),
        "the silent file fails the run"
    );
    let results = json(&output);
    let text = |index: usize| {
        results[index]["text"]
            .as_str()
            .unwrap_or_default()
            .to_lowercase()
    };
    assert!(text(0).contains("team"), "{results}");
    assert!(
        text(2).contains("project") && text(2).contains("weeks"),
        "{results}"
    );
    assert_eq!(results[1]["error"]["code"], "no_speech", "{results}");
    assert!(
        results[2]["words"]
            .as_array()
            .is_some_and(|words| words.len() >= 5),
        "{results}"
    );
    assert!(results[2]["audio_seconds"].as_f64().unwrap_or(0.0) > 1.0);
    let log = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        log.matches("whisper model loaded").count(),
        1,
        "the model loads once: {log}"
    );
}

#[test]
fn a_language_the_model_cannot_transcribe_is_refused() {
    let data = folder();
    let speech = data.path().join("speech.wav");
    speak_to_wav("Hello there.", &speech);
    let path = speech.to_str().unwrap_or_default();
    for language in ["hi", "xx"] {
        let output = aira(
            data.path(),
            &["--json", "transcribe", "--language", language, path],
        );
        assert_eq!(output.status.code(), Some(3), "{language}");
        let results = json(&output);
        assert_eq!(
            results[0]["error"]["code"], "unsupported_language",
            "{language}: {results}"
        );
    }
}

/// The CLI speaks the language chosen in the app: errors and feedback in Hindi; `--json`
/// keeps its stable codes.
#[test]
fn errors_and_feedback_are_in_the_language_chosen_in_the_app() {
    let data = folder();
    std::fs::write(
        data.path().join("preferences.json"),
        r#"{"language": "hi"}"#,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let refused = aira(
        data.path(),
        &["practice", "--question-id", "sw-oop", "--answer-text", "  "],
    );
    assert_eq!(refused.status.code(), Some(3));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(message.contains("जवाब ख़ाली है"), "{message}");

    let json_refusal = json(&aira(
        data.path(),
        &[
            "--json",
            "practice",
            "--question-id",
            "sw-oop",
            "--answer-text",
            "  ",
        ],
    ));
    assert_eq!(
        json_refusal["error"]["code"], "empty_answer",
        "{json_refusal}"
    );

    let coached = aira(
        data.path(),
        &[
            "practice",
            "--question-id",
            "sw-oop",
            "--answer-text",
            "Encapsulation hides data inside a class, and inheritance lets a child class reuse its parent.",
        ],
    );
    assert!(
        coached.status.success(),
        "{}",
        String::from_utf8_lossy(&coached.stderr)
    );
    let printed = String::from_utf8_lossy(&coached.stdout);
    let devanagari = printed
        .chars()
        .filter(|letter| ('\u{0900}'..='\u{097F}').contains(letter))
        .count();
    assert!(devanagari > 50, "the feedback is in Hindi: {printed}");
}
