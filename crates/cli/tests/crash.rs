//! Crash tests: `aira` killed with SIGKILL at each step of a turn — while recording, while
//! transcribing, while coaching, while saving — then started again. No answer is lost:
//! `aira recover` saves and coaches what was left, and the session can be gone on with.
//! Also a damaged history file (copied aside, never overwritten, a fresh start on request)
//! and a full disk (a clear error, the earlier history intact).

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aira_test_support::sound_server::VirtualMicrophone;
use aira_test_support::{journalled_seconds, speak_to_wav, whisper_model};
use common::{aira_command, folder, json_of, run};
use serde_json::Value;

const ANSWER: &str = "Polymorphism means one interface with many implementations. \
    A shape class can have a draw method, and every subclass draws itself differently.";

fn aira(data: &Path) -> Command {
    let mut command = aira_command(data);
    command
        .env("AIRA_WHISPER_MODEL", whisper_model())
        .env("AIRA_WHISPER_THREADS", "1")
        .env_remove("AIRA_TEST_HOLD_AT");
    command
}

/// Starts `aira` told to hold at `step`, waits until it is there, and kills it.
fn kill_at(data: &Path, step: &str, arguments: &[&str]) {
    let signal = data.join(format!("held-at-{step}"));
    let child = aira(data)
        .env("AIRA_TEST_HOLD_AT", step)
        .env("AIRA_TEST_HOLD_SIGNAL", &signal)
        .args(arguments)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("could not start aira: {error}"));
    wait_for(
        &format!("aira to reach {step}"),
        Duration::from_secs(120),
        || signal.exists(),
    );
    kill(child);
}

/// SIGKILL: no destructor, no close, no flush runs.
fn kill(mut child: Child) {
    child
        .kill()
        .unwrap_or_else(|error| panic!("could not kill aira: {error}"));
    let status = child
        .wait()
        .unwrap_or_else(|error| panic!("could not wait for aira: {error}"));
    assert!(!status.success(), "aira ended by itself: {status}");
}

fn wait_for(what: &str, limit: Duration, mut done: impl FnMut() -> bool) {
    let started = Instant::now();
    while !done() {
        assert!(started.elapsed() < limit, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn json(data: &Path, arguments: &[&str]) -> Value {
    let output = run(aira(data).arg("--json").args(arguments));
    assert!(
        output.status.success(),
        "aira {arguments:?}: {}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    json_of(&output)
}

fn only_session(data: &Path) -> Value {
    let sessions = json(data, &["sessions"]);
    let sessions = sessions.as_array().cloned().unwrap_or_default();
    assert_eq!(sessions.len(), 1, "{sessions:?}");
    let id = sessions[0]["id"].as_str().unwrap_or_default().to_owned();
    json(data, &["session", "show", &id])
}

/// After a kill: the turn is there as `recorded`, its session still open; recovery coaches
/// it (once) and offers the session; returns the coached turn's session detail.
fn recovered(data: &Path, recordings_saved: u64) -> Value {
    let recovery = json(data, &["recover"]);
    assert_eq!(recovery["recordings_saved"], recordings_saved, "{recovery}");
    assert_eq!(recovery["answers_coached"], 1, "{recovery}");
    assert_eq!(recovery["answers_failed"], 0, "{recovery}");
    let open = recovery["unfinished_sessions"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        open.len(),
        1,
        "the session is offered to go on with: {recovery}"
    );

    let again = json(data, &["recover"]);
    assert_eq!(
        (&again["recordings_saved"], &again["answers_coached"]),
        (&Value::from(0), &Value::from(0)),
        "nothing is done twice: {again}"
    );
    let detail = only_session(data);
    assert_eq!(detail["session"]["status"], "active", "{detail}");
    let turns = detail["turns"].as_array().cloned().unwrap_or_default();
    assert_eq!(turns.len(), 1, "{detail}");
    assert_eq!(turns[0]["status"], "coached", "{detail}");
    assert!(
        (1..=10).contains(&turns[0]["score"].as_u64().unwrap_or(0)),
        "{detail}"
    );
    detail
}

fn transcript_of(detail: &Value) -> String {
    detail["turns"][0]["transcript"]
        .as_str()
        .unwrap_or_default()
        .to_lowercase()
}

fn audio_files(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("audio"))
        .map(|files| {
            files
                .filter_map(Result::ok)
                .map(|file| file.path())
                .filter(|path| path.extension().is_some_and(|extension| extension == "wav"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_spoken_answer_survives_a_kill_while_transcribing_coaching_or_saving() {
    let fixtures = folder();
    let answer = fixtures.path().join("answer.wav");
    speak_to_wav(ANSWER, &answer);
    for step in ["transcribing", "coaching", "saving"] {
        let data = folder();
        kill_at(
            data.path(),
            step,
            &[
                "practice",
                "--question-id",
                "sw-oop",
                "--answer",
                &answer.display().to_string(),
            ],
        );
        let before = only_session(data.path());
        assert_eq!(before["turns"][0]["status"], "recorded", "{step}: {before}");
        assert_eq!(
            audio_files(data.path()).len(),
            1,
            "{step}: the answer's audio is saved"
        );

        let detail = recovered(data.path(), 0);
        let transcript = transcript_of(&detail);
        println!("killed while {step}; recovered: {transcript}");
        assert!(transcript.contains("polymorphism"), "{step}: {transcript}");
        assert!(transcript.contains("interface"), "{step}: {transcript}");
    }
}

#[test]
fn a_typed_answer_survives_a_kill_while_coaching_and_its_session_goes_on() {
    let data = folder();
    let typed = "I would use a hash map keyed by user id, so each lookup is constant time.";
    kill_at(
        data.path(),
        "coaching",
        &[
            "practice",
            "--question-id",
            "sw-oop",
            "--answer-text",
            typed,
        ],
    );
    let detail = recovered(data.path(), 0);
    assert_eq!(
        detail["turns"][0]["transcript"].as_str(),
        Some(typed),
        "the typed text was saved before coaching"
    );

    let session = detail["session"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let next = json(
        data.path(),
        &[
            "practice",
            "--continue-session",
            &session,
            "--answer-text",
            "A second answer to the same session.",
        ],
    );
    assert!(next["turn_id"].as_i64().is_some(), "{next}");
    let detail = only_session(data.path());
    assert_eq!(
        detail["turns"].as_array().map(Vec::len),
        Some(2),
        "{detail}"
    );
    assert_eq!(detail["session"]["status"], "finished", "{detail}");
    let recovery = json(data.path(), &["recover"]);
    assert_eq!(
        recovery["unfinished_sessions"],
        Value::Array(vec![]),
        "{recovery}"
    );
}

#[test]
fn an_answer_cut_off_mid_recording_keeps_the_words_said_before_the_kill() {
    let sound = VirtualMicrophone::start();
    let fixtures = folder();
    let speech = fixtures.path().join("long-answer.wav");
    speak_to_wav(
        &format!(
            "{ANSWER} {}",
            "Inheritance lets a child class reuse the code of its parent class. ".repeat(4)
        ),
        &speech,
    );
    let data = folder();
    let messages = fixtures.path().join("aira-messages.txt");
    let mut child = aira(data.path())
        .envs(sound.environment())
        .args(["practice", "--question-id", "sw-oop", "--microphone"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&messages).unwrap_or_else(|error| panic!("{error}")))
        .spawn()
        .unwrap_or_else(|error| panic!("could not start aira: {error}"));
    let journal_seconds = || journalled_seconds(data.path());
    wait_for("the recording to start", Duration::from_secs(60), || {
        if let Ok(Some(status)) = child.try_wait() {
            panic!(
                "aira ended ({status}) before recording:\n{}",
                std::fs::read_to_string(&messages).unwrap_or_default()
            );
        }
        journal_seconds() > 0.0
    });
    let mut playback = sound.play(&speech);
    // Killed about 9 s into the answer, while the user is still speaking.
    wait_for("9 s of the answer on disk", Duration::from_secs(60), || {
        journal_seconds() > 9.0
    });
    assert!(
        playback.is_playing(),
        "the speech ended before the kill; make it longer"
    );
    kill(child);
    let kept = journal_seconds();
    println!("killed while recording, {kept:.1} s of the answer on disk");

    let detail = recovered(data.path(), 1);
    let transcript = transcript_of(&detail);
    println!("recovered: {transcript}");
    assert!(transcript.contains("polymorphism"), "{transcript}");
    assert!(transcript.contains("interface"), "{transcript}");
    assert_eq!(
        journal_seconds(),
        0.0,
        "the journal goes once its answer is saved"
    );
    assert_eq!(audio_files(data.path()).len(), 1);
}

#[test]
fn a_damaged_history_is_copied_aside_and_replaced_only_on_request() {
    let data = folder();
    json(
        data.path(),
        &[
            "practice",
            "--question-id",
            "sw-oop",
            "--answer-text",
            "An answer kept.",
        ],
    );
    let database = data.path().join("aira.sqlite3");
    let damaged = b"scribbled over by a disk fault ".repeat(300);
    std::fs::write(&database, &damaged).unwrap_or_else(|error| panic!("{error}"));

    let refused = run(aira(data.path()).args(["--json", "sessions"]));
    assert_eq!(refused.status.code(), Some(5));
    let error = json_of(&refused);
    assert_eq!(error["error"]["code"], "database_damaged", "{error}");
    let message = error["error"]["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("damaged") && message.contains(".damaged-"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(&database).unwrap_or_default(),
        damaged,
        "never silently overwritten"
    );

    let fresh = json(data.path(), &["fresh-start", "--yes"]);
    assert_eq!(fresh["replaced"], true, "{fresh}");
    let backup = PathBuf::from(fresh["backup"].as_str().unwrap_or_default());
    assert_eq!(std::fs::read(&backup).unwrap_or_default(), damaged);
    assert_eq!(json(data.path(), &["sessions"]), Value::Array(vec![]));

    let readable = json(data.path(), &["fresh-start", "--yes"]);
    assert_eq!(
        readable["replaced"], false,
        "a readable history is left alone: {readable}"
    );
    let unconfirmed = run(aira(data.path()).args(["fresh-start"]));
    assert_eq!(unconfirmed.status.code(), Some(2), "--yes is required");
}

/// A 3 MB disk of its own (tmpfs in a private mount namespace): one answer saved, the
/// disk filled, the next answer refused with `disk_full`; once space is freed the first
/// answer is there, whole, and the database passes its integrity check.
#[test]
fn a_full_disk_refuses_the_new_answer_and_keeps_the_history() {
    let data = folder();
    let mount = data.path().join("small-disk");
    std::fs::create_dir(&mount).unwrap_or_else(|error| panic!("{error}"));
    let results = data.path().join("results");
    std::fs::create_dir(&results).unwrap_or_else(|error| panic!("{error}"));
    let aira_binary = env!("CARGO_BIN_EXE_aira");
    let script = format!(
        r#"set -u
mount -t tmpfs -o size=3m tmpfs "{mount}" || exit 90
run() {{ "{aira_binary}" --data-dir "{mount}/data" --json "$@"; }}
run practice --question-id sw-oop --answer-text "The first answer, saved before the disk filled." > "{results}/first.json"
echo $? > "{results}/first.code"
head -c 10000000 /dev/zero > "{mount}/filler" 2>/dev/null
run practice --question-id sw-oop --answer-text "The second answer, with no room left to save it." > "{results}/second.json"
echo $? > "{results}/second.code"
rm "{mount}/filler"
run sessions > "{results}/after.json"
echo $? > "{results}/after.code"
"#,
        mount = mount.display(),
        results = results.display(),
    );
    let output = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c", &script])
        .envs(
            aira(data.path())
                .get_envs()
                .filter_map(|(key, value)| value.map(|value| (key.to_owned(), value.to_owned()))),
        )
        .output()
        .unwrap_or_else(|error| panic!("could not run unshare (util-linux): {error}"));
    assert_ne!(
        output.status.code(),
        Some(90),
        "tmpfs could not be mounted in a private namespace: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let read = |name: &str| std::fs::read_to_string(results.join(name)).unwrap_or_default();
    assert_eq!(read("first.code").trim(), "0", "{}", read("first.json"));
    assert_eq!(read("second.code").trim(), "5", "{}", read("second.json"));
    let second: Value = serde_json::from_str(&read("second.json")).unwrap_or(Value::Null);
    assert_eq!(second["error"]["code"], "disk_full", "{second}");
    assert_eq!(read("after.code").trim(), "0", "{}", read("after.json"));
    let after: Value = serde_json::from_str(&read("after.json")).unwrap_or(Value::Null);
    let sessions = after.as_array().cloned().unwrap_or_default();
    let turns: u64 = sessions
        .iter()
        .map(|session| session["turns"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(
        turns, 1,
        "the first answer is kept and nothing of the second: {after}"
    );
}
