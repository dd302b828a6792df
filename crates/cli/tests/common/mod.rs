//! What the CLI test files share: the `aira` binary run against a private data folder with
//! the user's AWS setup shut out (no profile, no config or credentials files, no instance
//! metadata), so a developer's own account can never be reached or billed by a test.

#![allow(dead_code)] // each test file uses its own part of this

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// `aira --data-dir DATA_DIR` with no AWS credentials at all.
pub fn aira_command(data_dir: &Path) -> Command {
    let missing = data_dir.join("no-such-aws-file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_aira"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .env("AWS_REGION", "ap-south-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", &missing)
        .env("AWS_SHARED_CREDENTIALS_FILE", &missing)
        .env_remove("AWS_PROFILE")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY");
    for variable in [
        "AIRA_TRANSCRIPTION_ENGINE",
        "AIRA_COACH_ENGINE",
        "AIRA_VOICE_ENGINE",
        "AIRA_VOICE",
    ] {
        command.env_remove(variable);
    }
    command
}

/// Gives `command` fixed test keys, as a configured account would have.
pub fn with_test_keys(command: &mut Command) -> &mut Command {
    command
        .env("AWS_ACCESS_KEY_ID", "AKIDTEST")
        .env("AWS_SECRET_ACCESS_KEY", "secret-test-key")
}

pub fn run(command: &mut Command) -> Output {
    command
        .output()
        .unwrap_or_else(|error| panic!("could not run aira: {error}"))
}

pub fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|error| {
        panic!(
            "not JSON ({error}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

pub fn folder() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"))
}
