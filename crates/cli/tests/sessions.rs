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

/// `aira export --format pdf`: the printable report of one session, rendered to an image
/// with Poppler (pages that are not blank) and read back as text (the question, the
/// answer, the score, the page footer); an unknown session is refused.
#[test]
fn a_session_prints_as_a_pdf_report_that_renders() {
    let data = folder();
    let mut sessions = Vec::new();
    for answer in [
        "I designed a REST API for our canteen app — orders, menus and payments in ₹.",
        "A mutex lets one thread at a time into a critical section.",
    ] {
        let practised = json_of(&aira(
            data.path(),
            &[
                "--json",
                "practice",
                "--question-id",
                "sw-rest-api",
                "--answer-text",
                answer,
            ],
        ));
        assert!(practised["turn_id"].as_i64().is_some(), "{practised}");
        let listed = json_of(&aira(data.path(), &["--json", "sessions", "--limit", "1"]));
        sessions.push(listed[0]["id"].as_str().unwrap_or_default().to_owned());
    }
    let pdf = data
        .path()
        .join("reports — हिंदी")
        .join("canteen session.pdf");
    std::fs::create_dir_all(pdf.parent().unwrap_or(data.path()))
        .unwrap_or_else(|error| panic!("{error}"));
    let exported = json_of(&aira(
        data.path(),
        &[
            "--json",
            "export",
            "--format",
            "pdf",
            "--session",
            &sessions[0],
            "--out",
            pdf.to_str().unwrap_or_default(),
        ],
    ));
    assert_eq!(
        (exported["sessions"].as_u64(), exported["turns"].as_u64()),
        (Some(1), Some(1)),
        "{exported}"
    );

    let poppler = |program: &str, arguments: &[&str]| {
        let output = std::process::Command::new(program)
            .args(arguments)
            .output()
            .unwrap_or_else(|error| {
                panic!("{program} is missing ({error}): apt-get install poppler-utils")
            });
        assert!(
            output.status.success(),
            "{program}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        output.stdout
    };
    let path = pdf.to_str().unwrap_or_default();
    let text = String::from_utf8(poppler("pdftotext", &["-layout", path, "-"])).unwrap_or_default();
    println!("{text}");
    assert!(text.contains("Interview practice report"), "{text}");
    assert!(
        text.contains("canteen app — orders, menus and payments in ₹"),
        "the answer: {text}"
    );
    assert!(text.contains("/ 10"), "the score: {text}");
    assert!(text.contains("Page 1 of"), "{text}");
    assert!(
        !text.contains("A mutex"),
        "only the session asked for: {text}"
    );

    let image_prefix = data.path().join("page");
    poppler(
        "pdftoppm",
        &[
            "-r",
            "40",
            "-gray",
            path,
            image_prefix.to_str().unwrap_or_default(),
        ],
    );
    let pages: Vec<_> = std::fs::read_dir(data.path())
        .map(|files| {
            files
                .filter_map(Result::ok)
                .map(|file| file.path())
                .filter(|file| file.extension().is_some_and(|extension| extension == "pgm"))
                .collect()
        })
        .unwrap_or_default();
    assert!(!pages.is_empty(), "no page was rendered");
    for page in &pages {
        let bytes = std::fs::read(page).unwrap_or_default();
        // Binary PGM: a header of three lines, then one byte per pixel.
        let pixels = bytes
            .splitn(4, |byte| *byte == b'\n')
            .nth(3)
            .unwrap_or_default();
        let dark = pixels.iter().filter(|pixel| **pixel < 128).count();
        let share = dark as f64 / pixels.len().max(1) as f64;
        assert!(
            share > 0.002,
            "page {} looks blank ({share:.4} dark)",
            page.display()
        );
    }

    let unknown = aira(
        data.path(),
        &[
            "--json",
            "export",
            "--format",
            "pdf",
            "--session",
            "no-such-session",
            "--out",
            path,
        ],
    );
    assert_eq!(unknown.status.code(), Some(3));
}

/// Two people on one computer: `--profile` keeps their sessions, deletion and exports apart.
#[test]
fn each_profile_keeps_its_own_sessions() {
    let data = folder();
    let typed = |profile: Option<&str>, answer: &str| {
        let mut arguments = vec!["--json"];
        if let Some(profile) = profile {
            arguments.extend(["--profile", profile]);
        }
        arguments.extend([
            "practice",
            "--question-id",
            "sw-rest-api",
            "--answer-text",
            answer,
        ]);
        let output = aira(data.path(), &arguments);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
    };
    typed(None, "Resources, verbs and status codes.");
    let added = json_of(&aira(data.path(), &["--json", "profiles", "add", "Ravi"]));
    assert_eq!(added["name"], "Ravi");
    let taken = aira(data.path(), &["--json", "profiles", "add", "ravi"]);
    assert_eq!(taken.status.code(), Some(3));
    assert_eq!(json_of(&taken)["error"]["code"], "profile_refused");
    typed(Some("Ravi"), "I built a REST API for a canteen app.");

    let sessions_of = |profile: &str| {
        json_of(&aira(
            data.path(),
            &["--json", "--profile", profile, "sessions"],
        ))
        .as_array()
        .cloned()
        .unwrap_or_default()
    };
    let ravi = sessions_of("Ravi");
    let default = sessions_of("default");
    assert_eq!((ravi.len(), default.len()), (1, 1));
    assert_ne!(ravi[0]["id"], default[0]["id"]);
    let unknown = aira(data.path(), &["--json", "--profile", "Nobody", "sessions"]);
    assert_eq!(unknown.status.code(), Some(3));
    assert_eq!(json_of(&unknown)["error"]["code"], "unknown_profile");

    let deleted = json_of(&aira(
        data.path(),
        &["--json", "--profile", "Ravi", "delete", "--all", "--yes"],
    ));
    assert_eq!(deleted["sessions"], 1, "{deleted}");
    assert!(sessions_of("Ravi").is_empty());
    assert_eq!(
        sessions_of("default").len(),
        1,
        "the other person's history stays"
    );
    let listed = json_of(&aira(data.path(), &["--json", "profiles"]));
    assert_eq!(listed["current"], "default");
    let names: Vec<&str> = listed["profiles"]
        .as_array()
        .map(|profiles| {
            profiles
                .iter()
                .filter_map(|profile| profile["name"].as_str())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(names, ["default", "Ravi"]);
}
