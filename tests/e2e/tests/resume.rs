//! Practising on your own résumé in the real app: paste it, read back what would be sent
//! (personal details removed on this computer), have Bedrock write questions about it (the
//! real SDK client against a local wire-protocol server), and practise one.

use std::time::Duration;

use aira_e2e::page::{click, element, navigate, text_of, wait_for_text};
use aira_e2e::{TauriDriver, cloud_environment};
use aira_test_support::bedrock_server::{BedrockServer, ConverseRequest, Reply};
use serde_json::json;

const RESUME: &str = "Priya Sharma\nEmail: priya.sharma@example.com | Phone: +91 98765 43210\n\
    Projects: Canteen Ordering App (Flutter, Firebase), used by 600 students.\n\
    Internship: backend intern, built REST APIs in Spring Boot.";

#[tokio::test(flavor = "multi_thread")]
async fn a_pasted_resume_is_redacted_shown_and_turned_into_questions() {
    let server = BedrockServer::start(vec![Reply::ToolInput(json!({"questions": [
        {"text": "How did your Canteen Ordering App cope with 600 students at lunch?", "type": "technical",
         "refers_to": "Canteen Ordering App", "key_points": ["load", "caching", "what you measured"]},
        {"text": "Tell me about a hard bug in your internship.", "type": "behavioral",
         "refers_to": "backend intern", "key_points": ["situation", "action", "result"]},
    ]}))]);
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let environment = cloud_environment(&server.endpoint_url, &work.path().join("data"));
    let driver = TauriDriver::start(&environment);
    let client = driver.launch_app().await;

    navigate(&client, "#nav-resume").await;
    click(&client, "#paste-resume").await;
    element(&client, "#pasted-resume")
        .await
        .send_keys(RESUME)
        .await
        .unwrap_or_else(|error| panic!("typing the résumé: {error}"));
    click(&client, "#use-pasted-resume").await;
    let redacted = wait_for_text(
        &client,
        "#resume-removed",
        Duration::from_secs(10),
        |text| text.contains("priya.sharma@example.com"),
    )
    .await;
    let sent = element(&client, "#resume-redacted")
        .await
        .prop("value")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(redacted.contains("Phone number"), "{redacted}\n{sent}");
    assert!(
        sent.contains("[EMAIL]") && !sent.contains("priya.sharma"),
        "{sent}"
    );
    assert!(
        server.requests().is_empty(),
        "nothing is sent before the user asks"
    );

    click(&client, "#write-questions").await;
    let questions = wait_for_text(
        &client,
        "#written-questions",
        Duration::from_secs(30),
        |text| text.contains("Canteen Ordering App"),
    )
    .await;
    assert!(questions.contains("About: backend intern"), "{questions}");
    let request = server.requests()[0].user_text();
    assert!(request.contains("[EMAIL]") && !request.contains("priya.sharma@example.com"));

    click(&client, ".practise-written").await;
    let question = text_of(&client, "#question-text").await;
    assert!(question.contains("600 students at lunch"), "{question}");

    if let Err(error) = client.close().await {
        eprintln!("closing the session: {error}");
    }
}
