//! The real app killed with SIGKILL while coaching an answer, then started again: the
//! answer is coached at start, Home offers the session left open, and going on with it
//! adds the next answer to it. And a damaged history: Home says so, the damaged file is
//! copied aside, and the app starts afresh only when asked.

use std::path::{Path, PathBuf};
use std::time::Duration;

use aira_e2e::page::{click, element, screenshot, wait_for_text};
use aira_e2e::{TauriDriver, app_binary};
use aira_protocol::TurnStatus;
use aira_store::{SessionFilter, Store};
use aira_test_support::whisper_model;

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
        click(&client, "#start-practice").await;
        wait_for_text(&client, "#question-text", Duration::from_secs(20), |text| {
            !text.trim().is_empty()
        })
        .await;
        type_and_submit(&client, ANSWER).await;
        wait_for_file(&signal, Duration::from_secs(60)).await;
        let pid = app_process(&signal);
        let killed = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .unwrap_or_else(|error| panic!("kill: {error}"));
        assert!(killed.success(), "could not kill the app ({pid})");
        println!("app {pid} killed while coaching");
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
        client
            .find(aira_e2e::Locator::Css("#unfinished-sessions"))
            .await
            .is_err(),
        "the panel goes once the session is taken up"
    );
    click(&client, "#start-practice").await;
    wait_for_text(&client, "#question-text", Duration::from_secs(20), |text| {
        !text.trim().is_empty()
    })
    .await;
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
        client
            .find(aira_e2e::Locator::Css("#damaged-history"))
            .await
            .is_err(),
        "Home is back to normal"
    );
    click(&client, "#start-practice").await;
    wait_for_text(&client, "#question-text", Duration::from_secs(20), |text| {
        !text.trim().is_empty()
    })
    .await;
}
