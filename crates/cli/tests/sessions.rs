//! `aira sessions`, `aira session show` and `aira delete` end to end: each run of the CLI
//! is a session; deleting one takes its turns and its recorded audio; deleting everything
//! needs --yes.

mod common;

use aira_test_support::{speak_to_wav, whisper_model};
use common::{aira_command, folder, json_of, run};

fn aira(data: &std::path::Path, arguments: &[&str]) -> std::process::Output {
    run(aira_command(data)
        .env("AIRA_WHISPER_MODEL", whisper_model())
        .env("AIRA_WHISPER_THREADS", "1")
        .args(arguments))
}

#[test]
fn sessions_are_listed_shown_and_deleted_with_their_audio() {
    let data = folder();
    let typed = aira(
        data.path(),
        &[
            "--json",
            "practice",
            "--question-id",
            "sw-rest-api",
            "--answer-text",
            "REST uses resources and verbs; I built one for our canteen app with caching.",
        ],
    );
    assert!(
        typed.status.success(),
        "{}",
        String::from_utf8_lossy(&typed.stderr)
    );
    let wav = data.path().join("answer.wav");
    speak_to_wav(
        "I would measure the slow queries first and then add an index.",
        &wav,
    );
    let spoken = aira(
        data.path(),
        &[
            "--json",
            "practice",
            "--question-id",
            "fe-let-const-var",
            "--answer",
            wav.to_str().unwrap_or_default(),
        ],
    );
    assert!(
        spoken.status.success(),
        "{}",
        String::from_utf8_lossy(&spoken.stderr)
    );

    let sessions = json_of(&aira(data.path(), &["--json", "sessions"]));
    let listed = sessions.as_array().cloned().unwrap_or_default();
    assert_eq!(listed.len(), 2, "one session per run: {sessions}");
    assert!(listed.iter().all(|session| session["status"] == "finished"));
    // Both runs may start within one second: find the spoken one by its question.
    let shown: Vec<serde_json::Value> = listed
        .iter()
        .map(|session| {
            json_of(&aira(
                data.path(),
                &[
                    "--json",
                    "session",
                    "show",
                    session["id"].as_str().unwrap_or_default(),
                ],
            ))
        })
        .collect();
    let spoken_session = shown
        .iter()
        .find(|detail| detail["turns"][0]["question_id"] == "fe-let-const-var")
        .unwrap_or_else(|| panic!("no session holds the spoken answer: {shown:?}"));
    assert_eq!(spoken_session["turns"].as_array().map(Vec::len), Some(1));
    let newest = spoken_session["session"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let audio: Vec<_> = std::fs::read_dir(data.path().join("audio"))
        .map(|entries| entries.flatten().collect())
        .unwrap_or_default();
    assert_eq!(audio.len(), 1, "the spoken answer's recording is kept");

    let deleted = json_of(&aira(
        data.path(),
        &["--json", "delete", "--session", &newest],
    ));
    assert_eq!(
        (deleted["sessions"].as_u64(), deleted["turns"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(!audio[0].path().exists(), "its recording is gone too");
    assert_eq!(
        json_of(&aira(data.path(), &["--json", "sessions"]))
            .as_array()
            .map(Vec::len),
        Some(1)
    );

    let unknown = aira(data.path(), &["--json", "session", "show", &newest]);
    assert_eq!(unknown.status.code(), Some(3));
    assert_eq!(json_of(&unknown)["error"]["code"], "unknown_session");

    let unconfirmed = aira(data.path(), &["delete", "--all"]);
    assert_eq!(unconfirmed.status.code(), Some(2), "--all needs --yes");
    let everything = json_of(&aira(data.path(), &["--json", "delete", "--all", "--yes"]));
    assert_eq!(everything["sessions"].as_u64(), Some(1));
    assert_eq!(
        json_of(&aira(data.path(), &["--json", "sessions"]))
            .as_array()
            .map(Vec::len),
        Some(0)
    );
}

#[test]
fn export_delete_all_import_gives_the_same_history_through_odd_paths() {
    let data = folder();
    for answer in [
        "REST uses resources and verbs; I built one for our canteen app.",
        "A mutex lets one thread at a time into a critical section.",
    ] {
        let practised = aira(
            data.path(),
            &["--json", "practice", "--answer-text", answer],
        );
        assert!(
            practised.status.success(),
            "{}",
            String::from_utf8_lossy(&practised.stderr)
        );
    }
    let sessions_before = json_of(&aira(data.path(), &["--json", "sessions"]));
    let folder_with_spaces = data.path().join("my exports — हिंदी");
    std::fs::create_dir_all(&folder_with_spaces).unwrap_or_else(|error| panic!("{error}"));
    let json_file = folder_with_spaces.join("history 'all' (1).json");
    let json_path = json_file.to_str().unwrap_or_default();
    let exported = json_of(&aira(
        data.path(),
        &["--json", "export", "--format", "json", "--out", json_path],
    ));
    assert_eq!(
        (exported["sessions"].as_u64(), exported["turns"].as_u64()),
        (Some(2), Some(2))
    );
    for (format, name, expected) in [
        ("csv", "turns.csv", "session_id,created_at"),
        ("md", "report.md", "# Aira practice history"),
    ] {
        let path = folder_with_spaces.join(name);
        let written = aira(
            data.path(),
            &[
                "export",
                "--format",
                format,
                "--out",
                path.to_str().unwrap_or_default(),
            ],
        );
        assert!(
            written.status.success(),
            "{}",
            String::from_utf8_lossy(&written.stderr)
        );
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(text.starts_with(expected), "{format}: {text}");
    }

    let deleted = aira(data.path(), &["--json", "delete", "--all", "--yes"]);
    assert!(deleted.status.success());
    let imported = json_of(&aira(data.path(), &["--json", "import", json_path]));
    assert_eq!(
        (imported["sessions"].as_u64(), imported["turns"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(
        json_of(&aira(data.path(), &["--json", "sessions"])),
        sessions_before,
        "the same history"
    );

    let damaged = data.path().join("damaged.json");
    std::fs::write(
        &damaged,
        "{\"format\":\"aira-history\",\"version\":99,\"sessions\":[]}",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let refused = aira(
        data.path(),
        &["--json", "import", damaged.to_str().unwrap_or_default()],
    );
    assert_eq!(refused.status.code(), Some(3));
    assert_eq!(json_of(&refused)["error"]["code"], "import_refused");
    assert_eq!(
        json_of(&aira(data.path(), &["--json", "sessions"])),
        sessions_before,
        "nothing changed"
    );
}
