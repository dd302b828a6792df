//! The voice in the real app: the question read by Amazon Polly (the real SDK client
//! against a local wire-protocol server) into a PulseAudio null sink, each word highlighted
//! as it is heard, paused (silence, the highlight holds), resumed and stopped from the
//! keyboard-reachable buttons; the voice settings labelled on Home.

use std::time::Duration;

use aira_e2e::page::{click, element, navigate, screenshot, text_of, wait_for_text};
use aira_e2e::{TauriDriver, VirtualMicrophone, cloud_environment};
use aira_test_support::polly_server::{PollyServer, Reply};

const MARK: &str = "#question-text mark.spoken-word";
const WAIT: Duration = Duration::from_secs(20);

fn rms(samples: &[f32]) -> f32 {
    (samples.iter().map(|sample| sample * sample).sum::<f32>() / samples.len().max(1) as f32).sqrt()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_question_is_read_aloud_highlighted_word_by_word_and_can_be_paused() {
    let sound = VirtualMicrophone::start();
    let polly = PollyServer::start(vec![Reply::SpeakLong]);
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    // Bedrock is not used here; nothing listens on port 9.
    let mut environment = cloud_environment("http://127.0.0.1:9", &work.path().join("data"));
    environment.push(("AWS_ENDPOINT_URL_POLLY", polly.endpoint_url.clone().into()));
    environment.push(("AIRA_VOICE_ENGINE", "cloud".into()));
    environment.extend(sound.environment());
    let driver = TauriDriver::start(&environment);
    let client = driver.launch_app().await;

    // Setup: the voice settings, each control labelled.
    navigate(&client, "#nav-setup").await;
    element(&client, "label[for='voice-engine-cloud']").await;
    let rate = element(&client, "#speech-rate").await;
    assert_eq!(
        rate.attr("aria-valuetext").await.ok().flatten().as_deref(),
        Some("1.0 times normal speed")
    );
    element(&client, "label[for='local-voice']").await;

    let playing = sound.listen();
    navigate(&client, "#nav-home").await;
    click(&client, "#start-practice").await;
    let first = wait_for_text(&client, MARK, WAIT, |word| !word.trim().is_empty()).await;
    let second = wait_for_text(&client, MARK, WAIT, |word| {
        !word.trim().is_empty() && word != first
    })
    .await;
    let question = text_of(&client, "#question-text").await;
    assert!(
        question.contains(&first) && question.contains(&second),
        "{first:?} then {second:?} in {question:?}"
    );
    let shot = screenshot(&client, "voice-highlight.png").await;

    click(&client, "#pause-speaking").await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Voice paused")
    })
    .await;
    let heard_playing = playing.stop();
    let pause_button = element(&client, "#pause-speaking").await;
    assert_eq!(
        pause_button
            .attr("aria-pressed")
            .await
            .ok()
            .flatten()
            .as_deref(),
        Some("true")
    );
    let at_pause = text_of(&client, MARK).await;
    let paused = sound.listen();
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    let heard_paused = paused.stop();
    assert_eq!(
        text_of(&client, MARK).await,
        at_pause,
        "the highlight holds while paused"
    );

    click(&client, "#pause-speaking").await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Voice goes on")
    })
    .await;
    wait_for_text(&client, MARK, WAIT, |word| word != at_pause).await;

    click(&client, "#stop-speaking").await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Voice stopped")
    })
    .await;

    let loud = |samples: &[f32]| {
        samples
            .chunks(1_600)
            .filter(|window| rms(window) > 0.02)
            .count()
    };
    // The paused window starts within a device buffer of the pause.
    let paused_tail = heard_paused.get(8_000..).unwrap_or_default();
    println!(
        "voice: highlighted {first:?} then {second:?}; heard {} loud tenths of a second while playing, {} in the last second of the pause; screenshot {}",
        loud(&heard_playing),
        loud(paused_tail),
        shot.display()
    );
    assert!(
        loud(&heard_playing) >= 3,
        "Polly's speech reached the speakers"
    );
    assert_eq!(loud(paused_tail), 0, "silence while paused");
    let requests = polly.speech_requests();
    assert!(
        requests
            .iter()
            .all(|request| request.body["VoiceId"] == "Kajal")
    );
    assert!(
        requests
            .iter()
            .all(|request| request.body["Engine"] == "neural")
    );
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("closing the session: {error}"));
}
