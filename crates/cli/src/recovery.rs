//! `aira recover` and `aira fresh-start`: what a crash left behind, and a damaged history.

use std::process::ExitCode;

use aira_runtime::{Engine, RuntimeError, Settings};
use serde::Serialize;

use crate::output::Output;

pub async fn recover(engine: &Engine, output: &Output) -> Result<ExitCode, RuntimeError> {
    let recovery = engine.recover().await?;
    if output.is_json() {
        Output::print_json(&recovery);
        return Ok(ExitCode::SUCCESS);
    }
    let nothing = recovery.recordings_saved == 0
        && recovery.answers_coached == 0
        && recovery.answers_failed == 0;
    if nothing {
        println!("Nothing was left unfinished.");
    }
    if recovery.recordings_saved > 0 {
        println!(
            "Saved {} answer(s) cut off while recording.",
            recovery.recordings_saved
        );
    }
    if recovery.answers_coached > 0 {
        println!(
            "Coached {} answer(s) left uncoached; see them with aira session show ID.",
            recovery.answers_coached
        );
    }
    if recovery.answers_failed > 0 {
        println!(
            "{} answer(s) could not be coached now; they are kept with the reason.",
            recovery.answers_failed
        );
    }
    for session in &recovery.unfinished_sessions {
        println!(
            "Session {} (started {}, {} answer(s)) was left open; go on with it: aira practice --continue-session {}",
            session.id, session.started_at, session.turns, session.id
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Serialize)]
struct FreshStart {
    /// Whether the history was damaged and has been replaced.
    replaced: bool,
    /// Where the damaged file was copied.
    backup: Option<String>,
}

/// `--yes` is required by the argument parser, so reaching here is the user's confirmation.
pub async fn fresh_start(settings: &Settings, output: &Output) -> Result<ExitCode, RuntimeError> {
    let backup = aira_runtime::start_afresh(settings).await?;
    let result = FreshStart {
        replaced: backup.is_some(),
        backup: backup.map(|path| path.display().to_string()),
    };
    if output.is_json() {
        Output::print_json(&result);
    } else if let Some(backup) = &result.backup {
        println!("Started afresh with an empty history. The damaged file was copied to {backup}.");
    } else {
        println!(
            "Your history can be read, so it was left as it is. To delete it, use aira delete --all --yes."
        );
    }
    Ok(ExitCode::SUCCESS)
}
