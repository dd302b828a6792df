//! Whole interviews without the mouse and without the screen: one by keyboard alone (Tab,
//! Enter and the shortcuts, with a shortcut changed in Settings and clashes refused), one
//! by voice alone — speech played into the virtual microphone answers the question and gives
//! the commands, and Aira's voice says everything.

use std::time::Duration;

use aira_e2e::keyboard::{
    ALT, ENTER, ESCAPE, focused_id, press, tab_to, type_text, wait_for_focus,
};
use aira_e2e::page::{click, navigate, text_of, wait_for_text};
use aira_e2e::{Client, TauriDriver, VirtualMicrophone};
use aira_test_support::{speak_to_wav, whisper_model};

const ANSWER: &str = "In my last project I led a team of four students. We built a web \
    application to track library books, and we delivered it two weeks early.";
const WAIT: Duration = Duration::from_secs(30);
/// Long enough for the local voice to say a whole feedback.
const SAID: Duration = Duration::from_secs(180);

fn environment(data: &std::path::Path) -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("AIRA_DATA_DIR", data.as_os_str().to_owned()),
        ("AIRA_WHISPER_MODEL", whisper_model().into_os_string()),
        ("AIRA_WHISPER_THREADS", "1".into()),
    ]
}

async fn status_says(client: &Client, words: &str, timeout: Duration) -> String {
    wait_for_text(client, "#status", timeout, |text| text.contains(words)).await
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_interview_by_keyboard_alone() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let driver = TauriDriver::start(&environment(&work.path().join("data")));
    let client = driver.launch_app().await;
    wait_for_text(&client, "#start-practice", WAIT, |text| !text.is_empty()).await;

    // Home → a question: Tab to Start practice, Enter.
    tab_to(&client, "start-practice", 40).await;
    press(&client, &[ENTER]).await;
    let first_question =
        wait_for_text(&client, "#question-text", WAIT, |text| !text.is_empty()).await;
    // Focus moved to the new screen's heading, where reading starts.
    assert_eq!(
        client
            .execute("return document.activeElement.tagName;", vec![])
            .await
            .ok()
            .and_then(|value| value.as_str().map(str::to_owned))
            .as_deref(),
        Some("H1")
    );

    // Answer by typing: Tab to "Type your answer", Enter, type, Tab to submit, Enter.
    tab_to(&client, "type-answer", 30).await;
    press(&client, &[ENTER]).await;
    // Opening the field moves focus into it.
    wait_for_focus(&client, "typed-answer").await;
    type_text(&client, ANSWER).await;
    tab_to(&client, "submit-typed-answer", 5).await;
    press(&client, &[ENTER]).await;
    let score = wait_for_text(&client, "#score", Duration::from_secs(60), |text| {
        !text.is_empty()
    })
    .await;
    println!("score shown: {score}");

    // Shortcuts: Alt+M says the score, Alt+N goes to the next question.
    press(&client, &[ALT, 'm']).await;
    let said = status_says(&client, "of 10", WAIT).await;
    assert!(said.starts_with("Score"), "{said:?}");
    press(&client, &[ALT, 'n']).await;
    wait_for_text(&client, "#question-text", WAIT, |text| {
        !text.is_empty() && text != first_question
    })
    .await;

    // Settings by keyboard: Next question gets new keys; a clash and a single key are
    // refused with a message, and change nothing.
    tab_to(&client, "nav-settings", 60).await;
    press(&client, &[ENTER]).await;
    wait_for_text(&client, "h1", WAIT, |text| text == "Settings").await;
    tab_to(&client, "change-shortcut-next_question", 60).await;
    press(&client, &[ENTER]).await;
    status_says(&client, "Press the new keys", WAIT).await;
    press(&client, &[ALT, 'q']).await;
    let refused = wait_for_text(&client, "#shortcut-problem", WAIT, |text| !text.is_empty()).await;
    assert!(
        refused.contains("Alt+Q") && refused.contains("Repeat the question"),
        "{refused:?}"
    );
    press(&client, &['n']).await;
    wait_for_text(&client, "#shortcut-problem", WAIT, |text| {
        text.contains("single key")
    })
    .await;
    assert_eq!(
        text_of(&client, "#shortcut-keys-next_question").await,
        "Alt+N"
    );
    press(&client, &[ALT, 'x']).await;
    status_says(&client, "Next question is now Alt+X", WAIT).await;
    assert_eq!(
        text_of(&client, "#shortcut-keys-next_question").await,
        "Alt+X"
    );
    assert_eq!(focused_id(&client).await, "change-shortcut-next_question");
    // Escape while listening leaves the shortcut as it is.
    press(&client, &[ENTER]).await;
    press(&client, &[ESCAPE]).await;
    status_says(&client, "not changed", WAIT).await;

    // The new keys work in the interview: Home, a question, Alt+X.
    tab_to(&client, "nav-home", 60).await;
    press(&client, &[ENTER]).await;
    tab_to(&client, "start-practice", 40).await;
    press(&client, &[ENTER]).await;
    let third = wait_for_text(&client, "#question-text", WAIT, |text| !text.is_empty()).await;
    press(&client, &[ALT, 'x']).await;
    wait_for_text(&client, "#question-text", WAIT, |text| {
        !text.is_empty() && text != third
    })
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_whole_interview_by_voice_alone() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let clip = |name: &str, text: &str| {
        let path = work.path().join(format!("{name}.wav"));
        speak_to_wav(text, &path);
        path
    };
    let answer = clip("answer", ANSWER);
    let nonsense = clip("nonsense", "banana bread");
    let my_score = clip("my-score", "my score");
    let pause = clip("pause", "please pause");
    let next = clip("next", "next question");

    let microphone = VirtualMicrophone::start();
    let mut environment = environment(&work.path().join("data"));
    environment.extend(microphone.environment());
    let driver = TauriDriver::start(&environment);
    let client = driver.launch_app().await;

    // Voice-only mode is turned on once, in Settings.
    navigate(&client, "#nav-settings").await;
    click(&client, "#voice-only").await;
    status_says(&client, "Saved", WAIT).await;
    navigate(&client, "#nav-home").await;
    click(&client, "#start-practice").await;
    let question = wait_for_text(&client, "#question-text", WAIT, |text| !text.is_empty()).await;

    // Aira says the question, then listens: the answer is spoken, a pause ends it.
    status_says(&client, "Recording", SAID).await;
    let mut playback = microphone.play(&answer);
    while playback.is_playing() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let score = wait_for_text(&client, "#score", Duration::from_secs(90), |text| {
        !text.is_empty()
    })
    .await;
    println!("the answer was coached: {score}");

    // The feedback is said, then a command is listened for.
    let heard = command(&client, &microphone, &nonsense, "I did not catch that").await;
    assert_eq!(heard, "I did not catch that.");
    assert_eq!(
        text_of(&client, "#question-text").await,
        question,
        "nothing else happened"
    );
    let said = command(&client, &microphone, &my_score, "of 10").await;
    assert!(said.starts_with("Score"), "{said:?}");
    command(&client, &microphone, &pause, "Paused").await;
    // The pause shortcut goes on listening.
    tokio::time::sleep(Duration::from_secs(2)).await;
    press(&client, &[ALT, 'p']).await;

    command(&client, &microphone, &next, "").await;
    wait_for_text(&client, "#question-text", WAIT, |text| {
        !text.is_empty() && text != question
    })
    .await;
    // The next question is said, and its answer listened for.
    status_says(&client, "Recording", SAID).await;
}

/// Says the command in `wav` once Aira listens, and returns the status it leads to, which
/// must contain `expected` ("" for any). The microphone of this shared machine sometimes sends nothing
/// for a moment; then Aira says "I did not catch that" and listens again, and the command is
/// said again, as a person would, up to three times.
async fn command(
    client: &Client,
    microphone: &VirtualMicrophone,
    wav: &std::path::Path,
    expected: &str,
) -> String {
    const LISTENING: &str = "Listening for a command";
    for attempt in 1..=3 {
        status_says(client, LISTENING, SAID).await;
        let mut playback = microphone.play(wav);
        while playback.is_playing() {
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let status = wait_for_text(client, "#status", WAIT, |text| {
            !text.contains(LISTENING) && !text.is_empty()
        })
        .await;
        let missed = status.contains("did not catch");
        if !missed || expected.contains("did not catch") {
            assert!(status.contains(expected), "{}: {status:?}", wav.display());
            return status;
        }
        println!("try {attempt}: {} was not caught", wav.display());
    }
    panic!("{} never gave {expected:?}", wav.display());
}
