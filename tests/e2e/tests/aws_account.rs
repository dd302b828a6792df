//! The AWS account in Settings, in the real app: the profiles of the user's AWS files are
//! offered, and the profile and region chosen sign the very next Bedrock request, without
//! a restart. Bedrock is the real SDK client against a local server that speaks its wire
//! protocol; the SigV4 credential scope it receives names the access key and the region.

use std::path::Path;
use std::time::{Duration, Instant};

use aira_e2e::page::{click, element, navigate, start_practice, text_of, wait_for_text};
use aira_e2e::{Client, TauriDriver};
use aira_test_support::bedrock_server::{BedrockServer, Reply, TWO_PROFILES_AWS_CONFIG};
use serde_json::json;

#[tokio::test(flavor = "multi_thread")]
async fn the_profile_and_region_chosen_in_settings_sign_the_next_request() {
    let server = BedrockServer::start(vec![Reply::ToolInput(json!({
        "summary": "Clear and correct.",
        "score": 7,
        "technical_accuracy": {"verdict": "not_applicable", "reason": "Not technical."},
        "strengths": ["A concrete example."],
        "improvements": ["Say what you learned."],
        "star": null,
        "follow_up_question": "What would you do differently?",
        "better_answer": "In my final year project…",
    }))]);
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let data = work.path().join("data");
    let config = work.path().join("aws-config");
    std::fs::write(&config, TWO_PROFILES_AWS_CONFIG).unwrap_or_else(|error| panic!("{error}"));
    let environment = vec![
        ("AIRA_DATA_DIR", data.clone().into_os_string()),
        (
            "AIRA_WHISPER_MODEL",
            aira_test_support::whisper_model().into_os_string(),
        ),
        (
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME",
            server.endpoint_url.clone().into(),
        ),
        ("AWS_CONFIG_FILE", config.into_os_string()),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            work.path().join("no-credentials").into_os_string(),
        ),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ];
    let driver = TauriDriver::start(&environment);
    let client = driver.launch_app().await;

    navigate(&client, "#nav-setup").await;
    click(&client, "#coach-engine-cloud").await;
    saved(&data, "\"coach_engine\": \"cloud\"").await;

    // Nothing chosen yet: the standard chain, the default profile in its region.
    answer(&client).await;
    assert_eq!(server.last_signed_with(), "AKIDDEFAULT/us-west-2");

    // Settings lists both profiles of the file; the chosen one signs from now on.
    navigate(&client, "#nav-settings").await;
    let profiles = text_of(&client, "#aws-profile").await;
    assert!(profiles.contains("interview-practice"), "{profiles}");
    click(&client, "#aws-profile option[value='interview-practice']").await;
    saved(&data, "\"aws_profile\": \"interview-practice\"").await;
    answer(&client).await;
    assert_eq!(server.last_signed_with(), "AKIDPRACTICE/eu-west-2");

    // A region chosen wins over the profile's.
    navigate(&client, "#nav-settings").await;
    click(&client, "#aws-region option[value='ap-south-1']").await;
    saved(&data, "\"aws_region\": \"ap-south-1\"").await;
    answer(&client).await;
    assert_eq!(server.last_signed_with(), "AKIDPRACTICE/ap-south-1");

    if let Err(error) = client.close().await {
        eprintln!("closing the session: {error}");
    }
}

/// Waits until the preferences file the app saves has `expected` in it.
async fn saved(data: &Path, expected: &str) {
    let file = data.join("preferences.json");
    let started = Instant::now();
    loop {
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        if text.contains(expected) {
            return;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{expected} never saved: {text}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Types an answer to a new question and waits for Bedrock's score.
async fn answer(client: &Client) {
    navigate(client, "#nav-home").await;
    start_practice(client).await;
    click(client, "#type-answer").await;
    element(client, "#typed-answer")
        .await
        .send_keys("In my final year project I built the backend of a canteen app.")
        .await
        .unwrap_or_else(|error| panic!("typing the answer: {error}"));
    click(client, "#submit-typed-answer").await;
    let score = wait_for_text(client, "#score", Duration::from_secs(60), |text| {
        text.contains("/ 10")
    })
    .await;
    assert!(score.starts_with('7'), "Bedrock's score: {score}");
}
