//! A whole practice turn in the real app: start, answer by voice through the virtual
//! microphone, stop, read the feedback; restart and find the turn in History.

use std::time::Duration;

use aira_e2e::page::{click, navigate, start_practice, text_of, wait_for_text};
use aira_e2e::{Locator, TauriDriver, VirtualMicrophone, artifacts_dir};
use aira_test_support::{speak_to_wav, whisper_model, word_error_rate};

const ANSWER: &str = "In my last project I led a team of four students. We built a web application \
    to track library books, and we delivered it two weeks early.";

#[tokio::test(flavor = "multi_thread")]
async fn a_spoken_answer_gets_feedback_and_is_kept_in_history() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let answer = work.path().join("answer.wav");
    speak_to_wav(ANSWER, &answer);

    let microphone = VirtualMicrophone::start();
    let mut environment = microphone.environment();
    environment.push(("AIRA_DATA_DIR", work.path().join("data").into_os_string()));
    environment.push(("AIRA_WHISPER_MODEL", whisper_model().into_os_string()));
    environment.push(("AIRA_WHISPER_THREADS", "1".into()));
    let driver = TauriDriver::start(&environment);

    // First run: one practice turn by voice.
    let client = driver.launch_app().await;
    let question = start_practice(&client).await;
    click(&client, "#start-recording").await;
    wait_for_text(&client, "#status", Duration::from_secs(10), |text| {
        text.contains("Recording")
    })
    .await;
    let meter = client
        .find(Locator::Css("#level-meter"))
        .await
        .unwrap_or_else(|error| panic!("level meter: {error}"));
    // Watch the level meter and the words heard while the answer plays into the microphone.
    let mut playback = microphone.play(&answer);
    let mut loudest = 0.0_f64;
    let mut heard_while_speaking = String::new();
    while playback.is_playing() {
        let now = meter
            .attr("aria-valuenow")
            .await
            .ok()
            .flatten()
            .and_then(|value| value.parse().ok())
            .unwrap_or(0.0);
        loudest = loudest.max(now);
        if let Ok(heard) = client.find(Locator::Css("#live-transcript")).await
            && let Ok(text) = heard.text().await
            && text.len() > heard_while_speaking.len()
            && !text.ends_with('…')
        {
            heard_while_speaking = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Auto-stop is the default: the silence after the answer ends the recording, no click.
    let speech_ended = std::time::Instant::now();
    let mut stop_announced = String::new();
    while client.find(Locator::Css("#score")).await.is_err()
        && speech_ended.elapsed() < Duration::from_secs(60)
    {
        let status = text_of(&client, "#status").await;
        if status.contains("paused for") {
            stop_announced = status;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    println!(
        "end of speech → feedback on screen: {:.1} s (includes the 2.5 s auto-stop silence)",
        speech_ended.elapsed().as_secs_f32()
    );
    println!("heard while speaking: {heard_while_speaking:?}\nannounced: {stop_announced:?}");
    assert!(
        heard_while_speaking.split_whitespace().count() >= 5,
        "words appeared while the answer was spoken: {heard_while_speaking:?}"
    );
    // The announcement lasts only until the score is announced (a fraction of a second), so
    // it is printed, not required; the score arriving without a click is the proof.
    assert!(
        client.find(Locator::Css("#score")).await.is_ok(),
        "the recording stopped by itself after the answer and was coached"
    );

    let score = wait_for_text(&client, "#score", Duration::from_secs(90), |text| {
        text.contains("/ 10")
    })
    .await;
    let transcript = text_of(&client, "#transcript").await;
    let points = text_of(&client, "#feedback-points").await;
    let metrics = text_of(&client, "#metrics").await;
    let status = text_of(&client, "#status").await;
    client
        .execute(
            "document.getElementById('feedback').scrollIntoView()",
            Vec::new(),
        )
        .await
        .unwrap_or_else(|error| panic!("scrolling to the feedback: {error}"));
    let screenshot = client
        .screenshot()
        .await
        .unwrap_or_else(|error| panic!("screenshot: {error}"));
    let shot_path = artifacts_dir().join("feedback.png");
    std::fs::write(&shot_path, screenshot).unwrap_or_else(|error| panic!("{error}"));

    let error_rate = word_error_rate(ANSWER, &transcript);
    println!(
        "question: {question}\nscore: {score}\ntranscript: {transcript}\nword error rate through the microphone: {:.1} %",
        error_rate * 100.0
    );
    println!(
        "loudest level meter reading during speech: {loudest}\nscreenshot: {}",
        shot_path.display()
    );
    assert!(
        loudest > 10.0,
        "the level meter did not move while speech played: {loudest}"
    );
    assert!(
        error_rate <= 0.25,
        "word error rate {error_rate:.2} through the virtual microphone: {transcript:?}"
    );
    assert!(!points.trim().is_empty(), "no feedback points");
    assert!(
        metrics.contains("Words per minute") || metrics.to_lowercase().contains("words per minute"),
        "{metrics}"
    );
    assert!(
        status.contains("of 10"),
        "the score is announced in the status region: {status:?}"
    );
    let score_number = score
        .split('/')
        .next()
        .unwrap_or_default()
        .trim()
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>();
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("closing the first session: {error}"));

    // Second run: the turn survived the restart.
    let client = driver.launch_app().await;
    navigate(&client, "#nav-history").await;
    click(&client, "#session-list .open-session").await;
    let item = wait_for_text(&client, ".history-turn", Duration::from_secs(20), |text| {
        !text.is_empty()
    })
    .await;
    println!("history after restart: {item}");
    assert!(
        item.contains(question.trim()),
        "{item:?} lacks the question {question:?}"
    );
    assert!(
        item.contains(&format!("{score_number} / 10")),
        "{item:?} lacks the score {score_number}"
    );
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("closing the second session: {error}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_microphone_recording_says_what_to_do() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    // An ALSA configuration whose default device is a sound card that does not exist. cpal
    // still reports a default input device; opening it is what fails.
    let alsa_config = work.path().join("asound.conf");
    std::fs::write(
        &alsa_config,
        "pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n",
    )
    .unwrap_or_else(|error| panic!("{error}"));
    let environment = vec![
        ("ALSA_CONFIG_PATH", alsa_config.into_os_string()),
        ("XDG_RUNTIME_DIR", work.path().as_os_str().to_owned()),
        ("AIRA_DATA_DIR", work.path().join("data").into_os_string()),
        ("AIRA_WHISPER_MODEL", whisper_model().into_os_string()),
    ];
    let driver = TauriDriver::start(&environment);
    let client = driver.launch_app().await;
    // No speaker either: Home says everything is shown as text.
    let setup = wait_for_text(&client, ".setup", Duration::from_secs(20), |text| {
        text.contains("No speaker or headphones")
    })
    .await;
    assert!(setup.contains("text only"), "{setup}");
    start_practice(&client).await;
    let note = text_of(&client, ".question .note").await;
    assert!(note.contains("shown as text only"), "{note}");
    click(&client, "#start-recording").await;
    let error = wait_for_text(&client, "#error", Duration::from_secs(20), |text| {
        text.contains("microphone")
    })
    .await;
    println!("no microphone: {error}");
    assert!(
        error.contains("audio file"),
        "the message names a way forward: {error}"
    );
    let role = client.find(Locator::Css("#error")).await.ok();
    let role = match role {
        Some(element) => element.attr("role").await.ok().flatten(),
        None => None,
    };
    assert_eq!(role.as_deref(), Some("alert"), "errors are announced");
    let start = client
        .find(Locator::Css("#start-recording"))
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        start.is_enabled().await.unwrap_or(false),
        "the user can try again"
    );
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("closing the session: {error}"));
}
