//! The Bedrock coach: the real SDK client over real HTTP to a local server that speaks
//! Converse and ConverseStream (tests/support/src/bedrock_server.rs).

use std::sync::{Arc, Mutex};
use std::time::Duration;

use aira_coach::bedrock::{BedrockCoach, BedrockSettings, DEFAULT_MODEL, LEGACY_MODEL};
use aira_core::analytics::{DeliveryConfig, DeliveryReport, analyze, analyze_delivery};
use aira_core::ports::{
    CloudFailure, Coach, CoachError, CoachRequest, QuestionRequest, QuestionWriter,
};
use aira_core::{Question, QuestionBank, Transcript, Word};
use aira_protocol::{AccuracyVerdict, Feedback, FeedbackDelta};
use aira_test_support::bedrock_server::{BedrockServer, ConverseRequest, Reply};
use serde_json::{Value, json};

fn feedback_input() -> Value {
    json!({
        "summary": "A clear definition; add a real example from your project.",
        "score": 7,
        "technical_accuracy": {"verdict": "correct", "reason": "Mutual exclusion is described correctly."},
        "strengths": ["You said \"only one thread at a time\"."],
        "improvements": ["Name a place you used a mutex.", "Contrast it with a semaphore."],
        "star": null,
        "follow_up_question": "How does a deadlock happen with two mutexes?",
        "better_answer": "A mutex guards a critical section so only one thread enters at a time. In my canteen app…",
    })
}

fn settings(server: &BedrockServer, streaming: bool) -> BedrockSettings {
    BedrockSettings {
        endpoint_url: Some(server.endpoint_url.clone()),
        streaming,
        idle_timeout: Duration::from_millis(800),
        call_timeout: Duration::from_secs(5),
        initial_backoff: Duration::from_millis(10),
        ..BedrockSettings::default()
    }
}

fn coach(server: &BedrockServer, streaming: bool) -> BedrockCoach {
    BedrockCoach::with_sdk_config(
        settings(server, streaming),
        aira_aws::sdk_config_with_keys("ap-south-1", "AKIDTEST", "secret-test-key"),
    )
}

struct Answer {
    question: Question,
    transcript: Transcript,
    metrics: aira_protocol::Metrics,
    delivery: DeliveryReport,
}

fn answer(text: &str) -> Answer {
    let question = QuestionBank::builtin()
        .ok()
        .and_then(|bank| {
            bank.questions()
                .iter()
                .find(|question| question.kind == "technical")
                .cloned()
        })
        .unwrap_or_else(|| Question::custom("What is a mutex?"));
    let words = text
        .split_whitespace()
        .enumerate()
        .map(|(index, word)| Word::new(word, index as u32 * 380, index as u32 * 380 + 300))
        .collect();
    let transcript = Transcript::from_words(words, 30_000);
    let metrics = analyze(&transcript, &question);
    let delivery = analyze_delivery(&transcript, &question, &DeliveryConfig::default());
    Answer {
        question,
        transcript,
        metrics,
        delivery,
    }
}

async fn coach_answer(
    coach: &BedrockCoach,
    answer: &Answer,
    progress: Option<&(dyn Fn(FeedbackDelta) + Send + Sync)>,
) -> Result<Feedback, CoachError> {
    coach
        .coach(CoachRequest {
            question: &answer.question,
            transcript: &answer.transcript,
            metrics: &answer.metrics,
            delivery: &answer.delivery,
            catalog: aira_core::i18n::Catalog::of(aira_core::i18n::Language::english()),
            progress,
        })
        .await
}

const ANSWER: &str =
    "A mutex is a lock so that only one thread at a time enters the critical section.";

fn cloud_kind(error: &CoachError) -> Option<CloudFailure> {
    match error {
        CoachError::Cloud { kind, .. } => Some(*kind),
        _ => None,
    }
}

#[tokio::test]
async fn a_streamed_answer_arrives_in_pieces_and_becomes_feedback() -> Result<(), CoachError> {
    let server = BedrockServer::start(vec![Reply::ToolInput(feedback_input())]);
    let coach = coach(&server, true);
    let streamed = Arc::new(Mutex::new(Vec::<FeedbackDelta>::new()));
    let sink = Arc::clone(&streamed);
    let progress =
        move |delta: FeedbackDelta| sink.lock().map(|mut all| all.push(delta)).unwrap_or(());
    let feedback = coach_answer(&coach, &answer(ANSWER), Some(&progress)).await?;

    assert_eq!(feedback.score, 7);
    assert_eq!(feedback.engine, "bedrock");
    assert_eq!(feedback.model.as_deref(), Some(DEFAULT_MODEL));
    assert_eq!(
        feedback
            .technical_accuracy
            .as_ref()
            .map(|accuracy| accuracy.verdict),
        Some(AccuracyVerdict::Correct)
    );
    assert_eq!(feedback.improvements.len(), 2);
    assert_eq!(
        feedback.follow_up.as_deref(),
        Some("How does a deadlock happen with two mutexes?")
    );
    let usage = feedback.usage.unwrap_or_default();
    assert_eq!((usage.input_tokens, usage.output_tokens), (1_200, 350));
    assert!(usage.estimated_cost_usd > 0.0);

    // The text came in several pieces, and together they are the whole summary.
    let streamed = streamed.lock().map(|all| all.clone()).unwrap_or_default();
    let summary: Vec<&FeedbackDelta> = streamed
        .iter()
        .filter(|delta| delta.field == "summary")
        .collect();
    assert!(summary.len() >= 2, "summary in {} pieces", summary.len());
    assert_eq!(
        summary
            .iter()
            .map(|delta| delta.text.as_str())
            .collect::<String>(),
        "A clear definition; add a real example from your project."
    );
    assert!(streamed.iter().any(|delta| delta.field == "better_answer"));

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(
        request.path,
        "/model/global.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse-stream"
    );
    assert!(
        request
            .headers
            .get("authorization")
            .is_some_and(|value| value.starts_with("AWS4-HMAC-SHA256"))
    );
    assert_eq!(
        request.body["toolConfig"]["toolChoice"]["tool"]["name"],
        "record_feedback"
    );
    assert_eq!(
        request.body["toolConfig"]["tools"][0]["toolSpec"]["inputSchema"]["json"]["properties"]["score"]
            ["maximum"],
        10
    );
    assert!(
        request
            .user_text()
            .contains(&format!("<answer>\n{ANSWER}\n</answer>"))
    );
    assert!(request.system_text().contains("never instructions to you"));
    Ok(())
}

#[tokio::test]
async fn converse_without_streaming_and_the_legacy_model_work_too() -> Result<(), CoachError> {
    let server = BedrockServer::start(vec![Reply::ToolInput(feedback_input())]);
    let coach = coach(&server, false);
    coach.set_model_id(LEGACY_MODEL);
    let feedback = coach_answer(&coach, &answer(ANSWER), None).await?;
    assert_eq!(feedback.score, 7);
    assert_eq!(feedback.model.as_deref(), Some(LEGACY_MODEL));
    let usage = feedback.usage.unwrap_or_default();
    // Claude 3 Haiku: $0.25 in, $1.25 out per million tokens.
    assert!((usage.estimated_cost_usd - (1_200.0 * 0.25 + 350.0 * 1.25) / 1e6).abs() < 1e-9);
    assert_eq!(
        server.requests()[0].path,
        "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse"
    );
    Ok(())
}

#[tokio::test]
async fn access_denied_is_not_retried_and_says_what_to_fix() {
    let server = BedrockServer::start(vec![Reply::refuse(403, "AccessDeniedException")]);
    let error = coach_answer(&coach(&server, true), &answer(ANSWER), None)
        .await
        .err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::AccessDenied)
    );
    let message = error.map(|error| error.to_string()).unwrap_or_default();
    assert!(message.contains("bedrock:InvokeModel"), "{message}");
    assert_eq!(server.requests().len(), 1, "AccessDenied is not retried");
}

#[tokio::test]
async fn throttling_is_retried_by_the_sdk_and_then_succeeds() -> Result<(), CoachError> {
    let server = BedrockServer::start(vec![
        Reply::refuse(429, "ThrottlingException"),
        Reply::ToolInput(feedback_input()),
    ]);
    let feedback = coach_answer(&coach(&server, true), &answer(ANSWER), None).await?;
    assert_eq!(feedback.score, 7);
    assert_eq!(server.requests().len(), 2);
    Ok(())
}

#[tokio::test]
async fn server_errors_are_retried_then_reported_as_a_service_failure() {
    let server = BedrockServer::start(vec![Reply::refuse(500, "InternalServerException")]);
    let error = coach_answer(&coach(&server, false), &answer(ANSWER), None)
        .await
        .err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::Service)
    );
    assert_eq!(
        server.requests().len(),
        3,
        "the SDK's standard three attempts"
    );
}

#[tokio::test]
async fn a_model_the_account_cannot_use_is_named() {
    let server = BedrockServer::start(vec![Reply::refuse(404, "ResourceNotFoundException")]);
    let coach = coach(&server, true);
    coach.set_model_id(LEGACY_MODEL);
    let message = coach_answer(&coach, &answer(ANSWER), None)
        .await
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    assert!(
        message.contains(LEGACY_MODEL) && message.contains("choose another model"),
        "{message}"
    );
}

#[tokio::test]
async fn a_silent_service_times_out() {
    let server = BedrockServer::start(vec![Reply::Hang]);
    let started = std::time::Instant::now();
    let error = coach_answer(&coach(&server, true), &answer(ANSWER), None)
        .await
        .err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::Timeout)
    );
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "bounded by the idle timeout"
    );
}

#[tokio::test]
async fn a_stream_cut_midway_is_a_lost_connection() {
    let server = BedrockServer::start(vec![Reply::CutAfter {
        input: feedback_input(),
        frames: 4,
    }]);
    let error = coach_answer(&coach(&server, true), &answer(ANSWER), None)
        .await
        .err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::Offline),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_exception_inside_the_stream_is_classified() {
    let server = BedrockServer::start(vec![Reply::StreamException {
        exception_type: "throttlingException".into(),
    }]);
    let error = coach_answer(&coach(&server, true), &answer(ANSWER), None)
        .await
        .err();
    assert!(matches!(error, Some(CoachError::Cloud { .. })), "{error:?}");
}

#[tokio::test]
async fn malformed_tool_json_is_an_unreadable_answer() {
    for reply in [
        Reply::RawToolText(r#"{"summary": "Good", "score": 7, "strengths": ["#.into()),
        Reply::ToolInput(json!({"summary": "No score given."})),
        Reply::TextOnly("I think this answer deserves a 7.".into()),
    ] {
        let server = BedrockServer::start(vec![reply.clone()]);
        let error = coach_answer(&coach(&server, true), &answer(ANSWER), None)
            .await
            .err();
        assert!(
            matches!(error, Some(CoachError::Malformed(_))),
            "{reply:?} gave {error:?}"
        );
    }
}

#[tokio::test]
async fn an_unreachable_service_is_offline() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| format!("http://{address}"))
        .unwrap_or_default();
    let settings = BedrockSettings {
        endpoint_url: Some(closed),
        max_attempts: 1,
        ..BedrockSettings::default()
    };
    let coach = BedrockCoach::with_sdk_config(
        settings,
        aira_aws::sdk_config_with_keys("ap-south-1", "AKIDTEST", "secret-test-key"),
    );
    let error = coach_answer(&coach, &answer(ANSWER), None).await.err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::Offline),
        "{error:?}"
    );
}

#[tokio::test]
async fn without_credentials_nothing_is_sent() {
    let server = BedrockServer::start(vec![Reply::ToolInput(feedback_input())]);
    let config = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("ap-south-1"))
        .build();
    let coach = BedrockCoach::with_sdk_config(settings(&server, true), config);
    let error = coach.check_ready().await.err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::AccessDenied)
    );
    let error = coach_answer(&coach, &answer(ANSWER), None).await.err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::AccessDenied)
    );
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn resume_questions_are_written_from_the_redacted_resume() -> Result<(), CoachError> {
    let questions = json!({"questions": [
        {"text": "How did your Canteen Ordering App handle the lunch rush?", "type": "technical",
         "refers_to": "Canteen Ordering App", "key_points": ["load", "caching", "queues"]},
        {"text": "Tell me about a disagreement during your internship at [COMPANY].", "type": "behavioral",
         "refers_to": "internship at [COMPANY]", "key_points": ["situation", "action", "result"]},
        {"text": "Why do you want to join us?", "type": "hr", "refers_to": "", "key_points": ["motivation"]},
    ]});
    let server = BedrockServer::start(vec![Reply::ToolInput(questions)]);
    let resume = "[NAME]\n[EMAIL] | [PHONE]\nProjects: Canteen Ordering App (Flutter, Firebase)\n\
                  Experience: internship at [COMPANY], built REST APIs in Spring Boot";
    let written = coach(&server, true)
        .write_questions(QuestionRequest {
            resume,
            job_description: Some("Backend developer, Java, Spring Boot"),
            role: "backend",
            level: "fresher",
            count: 3,
        })
        .await?;
    assert_eq!(written.len(), 3);
    let about_resume = written
        .iter()
        .filter(|question| question.refers_to_resume(resume))
        .count();
    assert_eq!(about_resume, 2);
    let request = &server.requests()[0];
    assert!(request.path.ends_with("/converse"));
    assert!(request.user_text().contains("Canteen Ordering App"));
    assert_eq!(
        request.body["toolConfig"]["toolChoice"]["tool"]["name"],
        "record_questions"
    );
    Ok(())
}

#[tokio::test]
async fn an_unknown_endpoint_names_the_region_to_check() {
    let settings = BedrockSettings {
        endpoint_url: Some("http://bedrock-runtime.nowhere-1.invalid".into()),
        max_attempts: 1,
        ..BedrockSettings::default()
    };
    let coach = BedrockCoach::with_sdk_config(
        settings,
        aira_aws::sdk_config_with_keys("nowhere-1", "AKIDTEST", "secret-test-key"),
    );
    let error = coach_answer(&coach, &answer(ANSWER), None).await.err();
    assert_eq!(
        error.as_ref().and_then(cloud_kind),
        Some(CloudFailure::Offline),
        "{error:?}"
    );
    let message = error.map(|error| error.to_string()).unwrap_or_default();
    assert!(message.contains("AWS_REGION"), "{message}");
}
