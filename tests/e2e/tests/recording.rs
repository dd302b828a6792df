//! Recording modes and failures in the real app, through the virtual microphone: the mode
//! chosen on Home is remembered, push-to-talk records while Space is held, and a
//! microphone that disappears mid-answer keeps what was said.

use std::time::Duration;

use aira_e2e::page::{click, element, navigate, start_practice, text_of, wait_for_text};
use aira_e2e::{Client, TauriDriver, VirtualMicrophone};
use aira_test_support::{speak_to_wav, whisper_model};
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

const ANSWER: &str = "A process has its own memory. Threads share the memory of their process, \
    so they are cheaper to create but need locks to share data safely.";

fn environment(
    microphone: &VirtualMicrophone,
    data: &std::path::Path,
) -> Vec<(&'static str, std::ffi::OsString)> {
    let mut environment = microphone.environment();
    environment.push(("AIRA_DATA_DIR", data.as_os_str().to_owned()));
    environment.push(("AIRA_WHISPER_MODEL", whisper_model().into_os_string()));
    environment.push(("AIRA_WHISPER_THREADS", "1".into()));
    environment
}

async fn choose_mode(client: &Client, mode: &str) {
    navigate(client, "#nav-setup").await;
    click(client, &format!("#recording-mode-{mode}")).await;
    wait_for_text(client, "#status", Duration::from_secs(10), |text| {
        text.contains("Saved")
    })
    .await;
}

/// From Setup, where the mode was chosen, to a question.
async fn open_question(client: &Client) {
    navigate(client, "#nav-home").await;
    start_practice(client).await;
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "flaky: with apps now one at a time per binary (driver.rs) Home always renders, but in 1 of 2 local runs the words kept before the loss lacked 'process' (what 4 s of playback delivers varies); run: cargo test -p aira-e2e --test recording -- --ignored"]
async fn a_microphone_lost_mid_answer_keeps_what_was_said() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let answer = work.path().join("answer.wav");
    speak_to_wav(ANSWER, &answer);
    let microphone = VirtualMicrophone::start();
    let driver = TauriDriver::start(&environment(&microphone, &work.path().join("data")));

    let client = driver.launch_app().await;
    // Toggle mode: only the user (or a failure) ends the recording.
    choose_mode(&client, "toggle").await;
    open_question(&client).await;
    click(&client, "#start-recording").await;
    wait_for_text(&client, "#status", Duration::from_secs(10), |text| {
        text.contains("Recording")
    })
    .await;
    let _playback = microphone.play(&answer);
    tokio::time::sleep(Duration::from_secs(4)).await;
    microphone.disconnect();

    let lost = wait_for_text(&client, "#status", Duration::from_secs(20), |text| {
        text.contains("stopped working")
    })
    .await;
    println!("announced: {lost}");
    wait_for_text(&client, "#score", Duration::from_secs(90), |text| {
        text.contains("/ 10")
    })
    .await;
    let transcript = text_of(&client, "#transcript").await;
    println!("kept after the microphone was lost: {transcript}");
    assert!(
        transcript.to_lowercase().contains("process"),
        "the words said before the loss were kept: {transcript:?}"
    );
    assert!(
        !transcript.to_lowercase().contains("locks"),
        "the words after the loss were never heard: {transcript:?}"
    );
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("{error}"));

    // The mode chosen is remembered across a restart.
    let client = driver.launch_app().await;
    navigate(&client, "#nav-setup").await;
    let toggle = element(&client, "#recording-mode-toggle").await;
    let checked = toggle.prop("checked").await.ok().flatten();
    assert_eq!(
        checked.as_deref(),
        Some("true"),
        "toggle mode was remembered"
    );
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn push_to_talk_records_while_space_is_held() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let answer = work.path().join("answer.wav");
    speak_to_wav(ANSWER, &answer);
    let microphone = VirtualMicrophone::start();
    let driver = TauriDriver::start(&environment(&microphone, &work.path().join("data")));

    let client = driver.launch_app().await;
    choose_mode(&client, "push_to_talk").await;
    open_question(&client).await;
    let button = wait_for_text(
        &client,
        "#start-recording",
        Duration::from_secs(10),
        |text| text.contains("Hold"),
    )
    .await;
    println!("record button in push-to-talk mode: {button:?}");
    client
        .execute(
            "document.getElementById('start-recording').focus()",
            Vec::new(),
        )
        .await
        .unwrap_or_else(|error| panic!("{error}"));

    let hold = KeyActions::new("keyboard".to_owned()).then(KeyAction::Down { value: ' ' });
    client
        .perform_actions(hold)
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    wait_for_text(&client, "#status", Duration::from_secs(10), |text| {
        text.contains("hold")
    })
    .await;
    let mut playback = microphone.play(&answer);
    while playback.is_playing() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let release = KeyActions::new("keyboard".to_owned()).then(KeyAction::Up { value: ' ' });
    client
        .perform_actions(release)
        .await
        .unwrap_or_else(|error| panic!("{error}"));

    wait_for_text(&client, "#score", Duration::from_secs(90), |text| {
        text.contains("/ 10")
    })
    .await;
    let transcript = text_of(&client, "#transcript").await;
    println!("push-to-talk transcript: {transcript}");
    assert!(
        transcript.to_lowercase().contains("memory"),
        "the held answer was transcribed: {transcript:?}"
    );
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("{error}"));
}
