//! Coaching in the real app: the user picks Amazon Bedrock in settings, types an answer,
//! and reads the cloud's feedback (accuracy, strengths, STAR, better answer, follow-up,
//! usage); then the cloud refuses and the offline coach answers, saying why. Bedrock is
//! the real SDK client against a local server that speaks its wire protocol.

use std::time::Duration;

use aira_e2e::page::{click, element, navigate, start_practice, text_of, wait_for_text};
use aira_e2e::{Locator, TauriDriver, cloud_environment};
use aira_test_support::bedrock_server::{BedrockServer, ConverseRequest, Reply};
use serde_json::json;

const ANSWER: &str = "In my final year project our team of four had to build a canteen ordering app. \
    I was responsible for the backend. I designed the order queue and wrote the payment service. \
    As a result, lunch queues fell from twenty minutes to five.";

#[tokio::test(flavor = "multi_thread")]
async fn a_typed_answer_is_coached_by_bedrock_then_offline_when_it_refuses() {
    let server = BedrockServer::start(vec![
        Reply::ToolInput(json!({
            "summary": "A clear story with a measured result.",
            "score": 8,
            "technical_accuracy": {"verdict": "not_applicable", "reason": "A behavioral question."},
            "strengths": ["\"lunch queues fell from twenty minutes to five\" is a strong result."],
            "improvements": ["Say why you chose a queue."],
            "star": {"situation": "final year project", "task": "build the backend",
                     "action": "designed the order queue", "result": "queues fell to five minutes"},
            "follow_up_question": "What would you change if you built it again?",
            "better_answer": "In my final year, our team of four built a canteen ordering app…",
        })),
        Reply::refuse(403, "AccessDeniedException"),
    ]);
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let environment = cloud_environment(&server.endpoint_url, &work.path().join("data"));
    let driver = TauriDriver::start(&environment);
    let client = driver.launch_app().await;

    // Setup: the cloud coach, chosen with the keyboard-reachable radio button.
    navigate(&client, "#nav-setup").await;
    click(&client, "#coach-engine-cloud").await;
    wait_for_text(&client, "#status", Duration::from_secs(10), |text| {
        text.contains("Saved")
    })
    .await;

    navigate(&client, "#nav-home").await;
    start_practice(&client).await;
    type_and_submit(&client, ANSWER).await;
    let score = wait_for_text(&client, "#score", Duration::from_secs(60), |text| {
        text.contains("/ 10")
    })
    .await;
    assert!(score.starts_with('8'), "the cloud's score: {score}");
    let engines = text_of(&client, "#engines").await;
    assert!(engines.contains("Amazon Bedrock"), "{engines}");
    assert!(
        text_of(&client, "#technical-accuracy")
            .await
            .contains("Not a technical question")
    );
    assert!(
        text_of(&client, "#strengths")
            .await
            .contains("twenty minutes to five")
    );
    assert!(
        text_of(&client, "#star")
            .await
            .contains("designed the order queue")
    );
    assert!(
        text_of(&client, "#better-answer")
            .await
            .contains("canteen ordering app")
    );
    assert!(
        text_of(&client, "#follow-up")
            .await
            .contains("built it again")
    );
    assert!(text_of(&client, "#coach-usage").await.contains("tokens"));
    let request = &server.requests()[0];
    assert!(request.path.ends_with("/converse-stream"));
    assert!(request.user_text().contains("canteen ordering app"));

    // The cloud now refuses: the offline coach answers at once and says why.
    click(&client, "#next-question").await;
    wait_for_text(&client, "#question-text", Duration::from_secs(20), |text| {
        !text.trim().is_empty()
    })
    .await;
    type_and_submit(&client, ANSWER).await;
    wait_for_text(&client, "#score", Duration::from_secs(60), |text| {
        text.contains("/ 10")
    })
    .await;
    let note = text_of(&client, "#coached-offline-note").await;
    assert!(note.contains("AccessDeniedException"), "{note}");
    assert!(text_of(&client, "#engines").await.contains("Offline coach"));
    assert!(
        client
            .find(Locator::Css("#technical-accuracy"))
            .await
            .is_err(),
        "the offline coach does not judge accuracy"
    );

    // Cloud mode queued that answer for Bedrock; Setup says so and offers to try now.
    navigate(&client, "#nav-setup").await;
    let waiting = text_of(&client, "#coach-queue-waiting").await;
    assert!(waiting.starts_with('1'), "{waiting}");
    let usage = text_of(&client, "#coach-usage-totals").await;
    assert!(
        usage.contains("1200 input"),
        "the first answer's tokens: {usage}"
    );
    click(&client, "#recoach-now").await;
    let status = wait_for_text(&client, "#status", Duration::from_secs(30), |text| {
        text.contains("still waiting")
    })
    .await;
    assert!(
        status.starts_with('0') && status.contains("1 still waiting"),
        "Bedrock still refuses: {status}"
    );

    if let Err(error) = client.close().await {
        eprintln!("closing the session: {error}");
    }
}

async fn type_and_submit(client: &aira_e2e::Client, answer: &str) {
    click(client, "#type-answer").await;
    let area = element(client, "#typed-answer").await;
    area.send_keys(answer)
        .await
        .unwrap_or_else(|error| panic!("typing the answer: {error}"));
    click(client, "#submit-typed-answer").await;
}
