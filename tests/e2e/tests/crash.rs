//! The real app killed with SIGKILL at each step of a turn — recording, transcribing,
//! coaching, saving — then started again: the answer is saved and coached at start, Home
//! offers the session left open, and going on with it adds the next answer to it. And a
//! damaged history: Home says so, the damaged file is copied aside, and the app starts
//! afresh only when asked.

use std::path::{Path, PathBuf};
use std::time::Duration;

use aira_e2e::page::{absent, click, element, screenshot, start_practice, wait_for_text};
use aira_e2e::{TauriDriver, VirtualMicrophone, app_binary};
use aira_protocol::TurnStatus;
use aira_store::{SessionFilter, Store};
use aira_test_support::{journalled_seconds, speak_to_wav, whisper_model};

const ANSWER: &str = "I would put the orders in a queue, so that the payment service can be \
    restarted without losing any order, and I would measure how long each order waits.";

fn environment(data: &Path) -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("AIRA_DATA_DIR", data.as_os_str().to_owned()),
        ("AIRA_WHISPER_MODEL", whisper_model().into_os_string()),
        ("AIRA_WHISPER_THREADS", "1".into()),
        ("AIRA_COACH_ENGINE", "local".into()),
    ]
}

async fn type_and_submit(client: &aira_e2e::Client, answer: &str) {
    click(client, "#type-answer").await;
    element(client, "#typed-answer")
        .await
        .send_keys(answer)
        .await
        .unwrap_or_else(|error| panic!("typing the answer: {error}"));
    click(client, "#submit-typed-answer").await;
}

/// The app process started with this hold signal in its environment.
fn app_process(signal: &Path) -> u32 {
    let binary = std::fs::canonicalize(app_binary()).unwrap_or_else(|_| app_binary());
    let wanted = format!("AIRA_TEST_HOLD_SIGNAL={}", signal.display());
    let processes = std::fs::read_dir("/proc").unwrap_or_else(|error| panic!("/proc: {error}"));
    processes
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().to_str()?.parse::<u32>().ok())
        .find(|pid| {
            let exe: Option<PathBuf> = std::fs::read_link(format!("/proc/{pid}/exe")).ok();
            let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
            exe.as_deref() == Some(binary.as_path())
                && environ
                    .split(|byte| *byte == 0)
                    .any(|variable| variable == wanted.as_bytes())
        })
        .unwrap_or_else(|| panic!("no running {} holds {wanted}", binary.display()))
}

/// Kills the app started with this hold signal in its environment, as a crash would.
fn kill_app(signal: &Path) {
    let pid = app_process(signal);
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap_or_else(|error| panic!("kill: {error}"));
    assert!(killed.success(), "could not kill the app ({pid})");
}

/// Polls the killed app's database until its one answer is coached; returns the transcript.
async fn coached_transcript(data: &Path) -> String {
    let store = Store::open(&data.join("aira.sqlite3"))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let deadline = std::time::Instant::now() + Duration::from_secs(90);
    loop {
        let sessions = store
            .sessions(&SessionFilter::default(), 0, 10)
            .await
            .unwrap_or_else(|error| panic!("{error}"));
        if let Some(session) = sessions.first() {
            let detail = store
                .session(&session.id)
                .await
                .unwrap_or_else(|error| panic!("{error}"))
                .unwrap_or_else(|| panic!("the session is gone"));
            if let Some(turn) = detail.turns.first()
                && turn.status == TurnStatus::Coached
            {
                store.close().await;
                return turn.transcript.clone().unwrap_or_default().to_lowercase();
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the answer was never coached: {sessions:?}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn wait_for_file(path: &Path, limit: Duration) {
    let deadline = std::time::Instant::now() + limit;
    while !path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "{} never appeared",
            path.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_answer_cut_off_by_a_kill_is_coached_at_the_next_start_and_its_session_goes_on() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let data = work.path().join("data");
    let signal = work.path().join("held-at-coaching");
    {
        let mut held = environment(&data);
        held.push(("AIRA_TEST_HOLD_AT", "coaching".into()));
        held.push(("AIRA_TEST_HOLD_SIGNAL", signal.as_os_str().to_owned()));
        let driver = TauriDriver::start(&held);
        let client = driver.launch_app().await;
        start_practice(&client).await;
        type_and_submit(&client, ANSWER).await;
        wait_for_file(&signal, Duration::from_secs(60)).await;
        kill_app(&signal);
        println!("app killed while coaching");
        // The window is gone with its process; the WebDriver session with it.
        drop(client);
    }

    let driver = TauriDriver::start(&environment(&data));
    let client = driver.launch_app().await;
    let offered = wait_for_text(
        &client,
        "#unfinished-sessions",
        Duration::from_secs(20),
        |text| text.contains("answers kept: 1"),
    )
    .await;
    assert!(offered.contains("Sessions left unfinished"), "{offered}");
    screenshot(&client, "crash-home-offers-the-session.png").await;

    // The answer typed before the kill is coached by the app at its start.
    let store = Store::open(&data.join("aira.sqlite3"))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    let session_id = {
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        loop {
            let sessions = store
                .sessions(&SessionFilter::default(), 0, 10)
                .await
                .unwrap_or_else(|error| panic!("{error}"));
            assert_eq!(sessions.len(), 1, "{sessions:?}");
            let detail = store
                .session(&sessions[0].id)
                .await
                .unwrap_or_else(|error| panic!("{error}"))
                .unwrap_or_else(|| panic!("the session is gone"));
            if detail.turns[0].status == TurnStatus::Coached {
                assert_eq!(detail.turns[0].transcript.as_deref(), Some(ANSWER));
                assert!(detail.turns[0].score.is_some());
                break sessions[0].id.clone();
            }
            assert!(
                std::time::Instant::now() < deadline,
                "the answer was never coached: {detail:?}"
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    };

    click(&client, ".continue-session").await;
    wait_for_text(&client, "#status", Duration::from_secs(10), |text| {
        text.contains("Going on with that session")
    })
    .await;
    assert!(
        absent(&client, "#unfinished-sessions").await,
        "the panel goes once the session is taken up"
    );
    start_practice(&client).await;
    type_and_submit(&client, "A second answer, added to the same session.").await;
    wait_for_text(&client, "#score", Duration::from_secs(60), |text| {
        text.contains("/ 10")
    })
    .await;
    let detail = store
        .session(&session_id)
        .await
        .unwrap_or_else(|error| panic!("{error}"))
        .unwrap_or_else(|| panic!("the session is gone"));
    assert_eq!(detail.turns.len(), 2, "{detail:?}");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_history_is_reported_kept_and_replaced_only_when_asked() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let data = work.path().join("data");
    std::fs::create_dir_all(&data).unwrap_or_else(|error| panic!("{error}"));
    let database = data.join("aira.sqlite3");
    let damaged = b"overwritten by a disk fault ".repeat(500);
    std::fs::write(&database, &damaged).unwrap_or_else(|error| panic!("{error}"));

    let driver = TauriDriver::start(&environment(&data));
    let client = driver.launch_app().await;
    let panel = wait_for_text(
        &client,
        "#damaged-history",
        Duration::from_secs(20),
        |text| text.contains("Your history cannot be read"),
    )
    .await;
    assert!(panel.contains(".damaged-"), "the copy is named: {panel}");
    screenshot(&client, "crash-damaged-history.png").await;
    assert_eq!(
        std::fs::read(&database).unwrap_or_default(),
        damaged,
        "nothing is written over until the user asks"
    );
    let copies: Vec<_> = std::fs::read_dir(&data)
        .map(|files| {
            files
                .filter_map(Result::ok)
                .filter(|file| file.file_name().to_string_lossy().contains(".damaged-"))
                .collect()
        })
        .unwrap_or_default();
    assert!(!copies.is_empty(), "the damaged file was copied aside");

    // Keyboard: the button is reached and pressed without a mouse.
    let button = element(&client, "#start-afresh").await;
    button
        .send_keys("\u{E007}")
        .await
        .unwrap_or_else(|error| panic!("pressing Enter: {error}"));
    wait_for_text(&client, "#status", Duration::from_secs(20), |text| {
        text.contains("Started afresh")
    })
    .await;
    wait_for_text(&client, "#setup-heading", Duration::from_secs(10), |_| true).await;
    assert!(
        absent(&client, "#damaged-history").await,
        "Home is back to normal"
    );
    start_practice(&client).await;
}

/// A spoken answer, through the virtual microphone, with the app killed while recording
/// (9 s into the answer), while transcribing and while saving: at the next start the words
/// said before the kill are transcribed, coached and kept, and the session is offered.
#[tokio::test(flavor = "multi_thread")]
async fn a_spoken_answer_survives_the_app_killed_while_recording_transcribing_or_saving() {
    const SPOKEN: &str = "In my last project I led a team of four students. We built a web \
        application to track library books, and we delivered it two weeks early. Every \
        member owned one part, and we met each morning for ten minutes.";
    let fixtures = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let answer = fixtures.path().join("answer.wav");
    speak_to_wav(SPOKEN, &answer);
    let microphone = VirtualMicrophone::start();
    for step in ["recording", "transcribing", "saving"] {
        let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let data = work.path().join("data");
        let signal = work.path().join(format!("held-at-{step}"));
        let mut environment = microphone.environment();
        environment.extend(self::environment(&data));
        let mut held = environment.clone();
        held.push(("AIRA_TEST_HOLD_SIGNAL", signal.as_os_str().to_owned()));
        if step != "recording" {
            held.push(("AIRA_TEST_HOLD_AT", step.into()));
        }
        {
            let driver = TauriDriver::start(&held);
            let client = driver.launch_app().await;
            start_practice(&client).await;
            click(&client, "#start-recording").await;
            wait_for_text(&client, "#status", Duration::from_secs(10), |text| {
                text.contains("Recording")
            })
            .await;
            let mut playback = microphone.play(&answer);
            if step == "recording" {
                let deadline = std::time::Instant::now() + Duration::from_secs(60);
                while journalled_seconds(&data) < 9.0 {
                    assert!(std::time::Instant::now() < deadline, "nothing journalled");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                assert!(playback.is_playing(), "the answer ended before the kill");
            } else {
                // Auto-stop ends the recording after the answer; the engine then holds.
                wait_for_file(&signal, Duration::from_secs(90)).await;
            }
            kill_app(&signal);
            println!(
                "app killed while {step} ({:.1} s journalled)",
                journalled_seconds(&data)
            );
            drop(client);
        }
        let driver = TauriDriver::start(&environment);
        let client = driver.launch_app().await;
        wait_for_text(
            &client,
            "#unfinished-sessions",
            Duration::from_secs(30),
            |text| text.contains("answers kept: 1"),
        )
        .await;
        let transcript = coached_transcript(&data).await;
        println!("killed while {step}; recovered: {transcript}");
        assert!(
            transcript.contains("library") && transcript.contains("application"),
            "{step}: {transcript}"
        );
        assert_eq!(
            journalled_seconds(&data),
            0.0,
            "{step}: the journal is gone once saved"
        );
    }
}
