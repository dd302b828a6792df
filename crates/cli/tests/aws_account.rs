//! The AWS profile and region the cloud engines sign in with: chosen in the app's Settings
//! (the preferences file it writes), or for one run with `--aws-profile` and `--aws-region`,
//! else the standard chain. The local Bedrock server sees the real SDK's SigV4 signature,
//! whose credential scope names the access key and the region.

mod common;

use std::path::Path;
use std::process::Output;

use aira_test_support::bedrock_server::{BedrockServer, Reply, TWO_PROFILES_AWS_CONFIG};
use common::{aira_command, folder, json_of, run};
use serde_json::json;

fn feedback() -> Reply {
    Reply::ToolInput(json!({
        "summary": "Clear and correct.",
        "score": 7,
        "technical_accuracy": {"verdict": "correct", "reason": "Right."},
        "strengths": ["Named the owner rule."],
        "improvements": ["Give an example."],
        "star": null,
        "follow_up_question": "When would you use a semaphore instead?",
        "better_answer": "A mutex lets one thread at a time…",
    }))
}

/// `aira --json practice` coached by Bedrock, with the AWS config above and no keys or
/// region in the environment; `arguments` go before the subcommand.
fn practise(data: &Path, server: &BedrockServer, arguments: &[&str]) -> Output {
    let config = data.join("aws-config");
    std::fs::write(&config, TWO_PROFILES_AWS_CONFIG).unwrap_or_else(|error| panic!("{error}"));
    let mut command = aira_command(data);
    command
        .env("AWS_CONFIG_FILE", &config)
        .env_remove("AWS_REGION")
        .env("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", &server.endpoint_url)
        .arg("--json")
        .args(arguments)
        .args([
            "practice",
            "--question",
            "What is a mutex?",
            "--answer-text",
            "A mutex is a lock that one thread owns at a time, so shared data is never written by two threads.",
            "--coach",
            "cloud",
        ]);
    run(&mut command)
}

fn assert_coached_by_bedrock(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let turn = json_of(output);
    assert_eq!(turn["feedback"]["score"], 7, "{turn}");
}

#[test]
fn requests_are_signed_for_the_profile_and_region_chosen() {
    let server = BedrockServer::start(vec![feedback()]);

    // Nothing chosen: the standard chain, that is the default profile and its region.
    let data = folder();
    assert_coached_by_bedrock(&practise(data.path(), &server, &[]));
    assert_eq!(server.last_signed_with(), "AKIDDEFAULT/us-west-2");

    // Chosen in the app's Settings: that profile, and its region unless one is chosen too.
    let preferences = data.path().join("preferences.json");
    std::fs::write(&preferences, r#"{"aws_profile": "interview-practice"}"#)
        .unwrap_or_else(|error| panic!("{error}"));
    assert_coached_by_bedrock(&practise(data.path(), &server, &[]));
    assert_eq!(server.last_signed_with(), "AKIDPRACTICE/eu-west-2");
    std::fs::write(
        &preferences,
        r#"{"aws_profile": "interview-practice", "aws_region": "ap-south-1"}"#,
    )
    .unwrap_or_else(|error| panic!("{error}"));
    assert_coached_by_bedrock(&practise(data.path(), &server, &[]));
    assert_eq!(server.last_signed_with(), "AKIDPRACTICE/ap-south-1");

    // For one run, the flags win over Settings.
    assert_coached_by_bedrock(&practise(
        data.path(),
        &server,
        &["--aws-profile", "default", "--aws-region", "ap-northeast-1"],
    ));
    assert_eq!(server.last_signed_with(), "AKIDDEFAULT/ap-northeast-1");
}

#[test]
fn a_region_or_profile_that_cannot_be_one_is_refused_before_anything_is_sent() {
    let server = BedrockServer::start(vec![feedback()]);
    let data = folder();
    for arguments in [["--aws-region", "mumbai"], ["--aws-profile", "my profile"]] {
        let output = practise(data.path(), &server, &arguments);
        assert_eq!(output.status.code(), Some(3), "bad input: {arguments:?}");
        let error = json_of(&output);
        assert_eq!(error["error"]["code"], "aws_setting_refused", "{error}");
    }
    assert!(server.requests().is_empty(), "nothing reached Bedrock");
}
