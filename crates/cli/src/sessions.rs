//! `aira sessions`, `aira session show` and `aira delete`: the history by session, and the
//! user's data removed on request.

use std::process::ExitCode;

use aira_runtime::{Deleted, Engine, RuntimeError, SessionDetail, SessionFilter, SessionSummary};

use crate::output::Output;

pub async fn list(
    engine: &Engine,
    filter: &SessionFilter,
    offset: u32,
    limit: u32,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    let sessions = engine.sessions(filter, offset, limit).await?;
    if output.is_json() {
        Output::print_json(&sessions);
    } else if sessions.is_empty() {
        println!("No sessions.");
    } else {
        for session in &sessions {
            println!("{}", describe(session));
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn show(engine: &Engine, id: &str, output: &Output) -> Result<ExitCode, RuntimeError> {
    let detail: SessionDetail = engine.session(id).await?;
    if output.is_json() {
        Output::print_json(&detail);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", describe(&detail.session));
    for turn in &detail.turns {
        let score = turn.score.map_or_else(
            || "no score".to_owned(),
            |score| format!("score {score} of 10"),
        );
        println!(
            "- {} ({}, {score})",
            turn.question_text,
            turn.status.as_str()
        );
        if let Some(transcript) = &turn.transcript {
            println!("  Answer: {transcript}");
        }
        if let Some(error) = &turn.error {
            println!("  Not coached: {error}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn delete(
    engine: &Engine,
    session: Option<&str>,
    all: bool,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    let deleted: Deleted = match session {
        Some(id) if !all => engine.delete_session(id).await?,
        _ => engine.delete_all_data().await?,
    };
    if output.is_json() {
        Output::print_json(&deleted);
    } else {
        println!(
            "Deleted {} session{}, {} answer{} and {} recording{}.",
            deleted.sessions,
            plural(deleted.sessions),
            deleted.turns,
            plural(deleted.turns),
            deleted.audio_paths.len(),
            plural(deleted.audio_paths.len() as u64)
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn export(
    engine: &Engine,
    format: crate::arguments::ExportFormatArgument,
    out: &std::path::Path,
    only: Option<&str>,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    let moved = match format.streamed() {
        Some(format) => engine.export_history(format, out, only).await?,
        None => engine.export_report(out, only).await?,
    };
    if output.is_json() {
        Output::print_json(&moved);
    } else {
        println!(
            "Wrote {} session{} and {} answer{} to {}.",
            moved.sessions,
            plural(moved.sessions),
            moved.turns,
            plural(moved.turns),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn import(
    engine: &Engine,
    file: &std::path::Path,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    let moved = engine.import_history(file).await?;
    if output.is_json() {
        Output::print_json(&moved);
    } else {
        println!(
            "Added {} session{} and {} answer{}; {} already here left as they were.",
            moved.sessions,
            plural(moved.sessions),
            moved.turns,
            plural(moved.turns),
            moved.skipped_sessions
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn describe(session: &SessionSummary) -> String {
    let average = session.average_score.map_or_else(String::new, |average| {
        format!(", average score {average:.1}")
    });
    let roles = if session.roles.is_empty() {
        String::new()
    } else {
        format!(", {}", session.roles.join(" and "))
    };
    format!(
        "{}: started {}, {}, {} answer{}{average}{roles}",
        session.id,
        session.started_at,
        session.status,
        session.turns,
        plural(u64::from(session.turns))
    )
}

fn plural(count: u64) -> &'static str {
    if count == 1 { "" } else { "s" }
}
