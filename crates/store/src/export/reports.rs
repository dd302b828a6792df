//! The human-readable exports: CSV of turns and a Markdown report.

use std::io::Write;

use serde_json::Value;

use super::ExportedSession;

/// One CSV line a turn (RFC 4180: fields quoted, quotes doubled).
pub(super) fn write_csv(out: &mut impl Write, session: &ExportedSession) -> std::io::Result<()> {
    for turn in &session.turns {
        let words_per_minute = turn
            .metrics
            .as_ref()
            .and_then(|metrics| metrics.get("words_per_minute"))
            .and_then(Value::as_f64)
            .map(|value| format!("{value:.1}"));
        let fields = [
            Some(session.id.clone()),
            Some(turn.created_at.clone()),
            Some(turn.question_id.clone()),
            turn.question
                .get("text")
                .and_then(Value::as_str)
                .map(str::to_owned),
            Some(turn.status.clone()),
            turn.score.map(|score| score.to_string()),
            words_per_minute,
            turn.transcript.clone(),
            turn.coach_engine.clone(),
            turn.transcription_engine.clone(),
        ];
        let line: Vec<String> = fields
            .into_iter()
            .map(|field| format!("\"{}\"", field.unwrap_or_default().replace('"', "\"\"")))
            .collect();
        writeln!(out, "{}", line.join(","))?;
    }
    Ok(())
}

pub(super) fn write_markdown(
    out: &mut impl Write,
    session: &ExportedSession,
) -> std::io::Result<()> {
    writeln!(
        out,
        "\n## Session of {} ({})\n",
        session.started_at, session.status
    )?;
    for turn in &session.turns {
        let question = turn
            .question
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("");
        writeln!(out, "### {}\n", question.trim())?;
        match turn.score {
            Some(score) => writeln!(out, "Score: {score} of 10\n")?,
            None => writeln!(out, "Not coached ({})\n", turn.status)?,
        }
        if let Some(transcript) = &turn.transcript {
            writeln!(out, "> {}\n", transcript.replace('\n', "\n> "))?;
        }
        let points = turn
            .feedback
            .as_ref()
            .and_then(|feedback| feedback.get("points"))
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for point in points.iter().filter_map(Value::as_str) {
            writeln!(out, "- {point}")?;
        }
        if !points.is_empty() {
            writeln!(out)?;
        }
    }
    Ok(())
}
