//! `aira transcribe` and `aira practice` with `--engine`, end to end: the binary reaches a
//! local Transcribe Streaming server (HTTP/2 over TLS) through the standard AWS settings
//! (`AWS_ENDPOINT_URL_TRANSCRIBE_STREAMING`, keys in the environment) and trusts its
//! authority through `AIRA_TRANSCRIBE_CA_FILE`.

mod common;

use std::path::Path;
use std::process::Output;

use aira_test_support::transcribe_server::{Behaviour, TranscribeServer};
use aira_test_support::{speak_to_wav, whisper_model};
use common::{aira_command, json_of as json, run, with_test_keys};

const FIRST: &str = "I enjoy solving problems with my team.";
const SECOND: &str = "Our team finished the project two weeks early.";

/// Runs `aira` against `server` with fixed keys and no AWS files of the user's.
fn aira(data_dir: &Path, server: &TranscribeServer, arguments: &[&str]) -> Output {
    let authority = data_dir.join("test-authority.pem");
    std::fs::write(&authority, &server.ca_pem).unwrap_or_else(|error| panic!("{error}"));
    let mut command = aira_command(data_dir);
    with_test_keys(&mut command)
        .args(arguments)
        .env("AIRA_WHISPER_MODEL", whisper_model())
        .env("AIRA_WHISPER_THREADS", "1")
        .env("AIRA_LOG", "aira_speech=info")
        .env("AIRA_TRANSCRIBE_CA_FILE", &authority)
        .env(
            "AWS_ENDPOINT_URL_TRANSCRIBE_STREAMING",
            &server.endpoint_url,
        );
    run(&mut command)
}

/// Two spoken answers in `folder`, as paths.
fn answers(folder: &Path) -> [String; 2] {
    [(FIRST, "first.wav"), (SECOND, "second.wav")].map(|(text, name)| {
        let path = folder.join(name);
        speak_to_wav(text, &path);
        path.display().to_string()
    })
}

fn folder() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn auto_falls_back_to_whisper_per_file_when_the_cloud_fails_mid_stream() {
    let data = folder();
    let [first, second] = answers(data.path());
    let server = TranscribeServer::start(Behaviour::FailMidStream {
        after_bytes: 32_000,
        exception: "InternalFailureException".into(),
    });
    let output = aira(
        data.path(),
        &server,
        &["--json", "transcribe", "--engine", "auto", &first, &second],
    );
    assert!(
        output.status.success(),
        "nothing is lost: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results = json(&output);
    for (index, expected) in [(0, "team"), (1, "project")] {
        let result = &results[index];
        assert_eq!(result["engine"], "whisper (ggml-tiny.en.bin)", "{result}");
        assert!(
            result["text"]
                .as_str()
                .is_some_and(|text| text.to_lowercase().contains(expected)),
            "{result}"
        );
        assert!(result["fallback"].is_string(), "{result}");
    }
    let first_reason = results[0]["fallback"].as_str().unwrap_or_default();
    assert!(
        first_reason.contains("InternalFailureException"),
        "{first_reason}"
    );
    let second_reason = results[1]["fallback"].as_str().unwrap_or_default();
    assert!(second_reason.contains("tries it again"), "{second_reason}");
    let observed = server.observed();
    assert_eq!(
        observed.requests, 1,
        "the second file went straight to whisper"
    );
    assert_eq!(observed.http_version, "HTTP/2.0");
    let log = String::from_utf8_lossy(&output.stderr);
    assert_eq!(log.matches("whisper model loaded").count(), 1, "{log}");
}

#[test]
fn cloud_mode_transcribes_in_the_cloud_and_reports_its_failures_with_exit_code_7() {
    let data = folder();
    let [first, _] = answers(data.path());
    let working = TranscribeServer::start(Behaviour::Transcribe { text: FIRST.into() });
    let output = aira(
        data.path(),
        &working,
        &[
            "--json",
            "transcribe",
            "--engine",
            "cloud",
            "--language",
            "en-IN",
            &first,
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results = json(&output);
    assert_eq!(
        results[0]["engine"], "Amazon Transcribe (en-IN)",
        "{results}"
    );
    assert_eq!(results[0]["text"], FIRST);
    assert!(results[0]["fallback"].is_null());
    let log = String::from_utf8_lossy(&output.stderr);
    assert_eq!(log.matches("whisper model loaded").count(), 0, "{log}");

    let refusing = TranscribeServer::start(Behaviour::Refuse {
        status: 403,
        error_type: "AccessDeniedException".into(),
    });
    let output = aira(
        data.path(),
        &refusing,
        &["--json", "transcribe", "--engine", "cloud", &first],
    );
    assert_eq!(output.status.code(), Some(7));
    let results = json(&output);
    assert_eq!(
        results[0]["error"]["code"], "cloud_access_denied",
        "{results}"
    );
}

#[test]
fn a_practice_turn_says_which_engine_answered_and_why_the_cloud_did_not() {
    let data = folder();
    let [first, _] = answers(data.path());
    let server = TranscribeServer::start(Behaviour::DropMidStream {
        after_bytes: 16_000,
    });
    let output = aira(
        data.path(),
        &server,
        &[
            "--json",
            "practice",
            "--engine",
            "auto",
            "--answer",
            &first,
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
    assert_eq!(
        turn["transcription_engine"], "whisper (ggml-tiny.en.bin)",
        "{turn}"
    );
    let note = turn["transcription_note"].as_str().unwrap_or_default();
    assert!(note.contains("connection was lost"), "{turn}");

    // In plain text the note is a sentence of its own.
    let output = aira(
        data.path(),
        &server,
        &[
            "practice",
            "--engine",
            "auto",
            "--answer",
            &first,
            "--question-id",
            "sw-oop",
        ],
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("Transcribed on this computer because the cloud failed:"),
        "{text}"
    );
}
