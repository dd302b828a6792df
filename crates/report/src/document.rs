//! What goes where: the report's title, then each session's heading and its turns.

use aira_protocol::{Feedback, Metrics};

use crate::canvas::{Canvas, TextStyle};
use crate::error::ReportError;
use crate::flow::{Flow, leading};
use crate::fonts::Weight;
use crate::labels::ReportLabels;
use crate::model::{ReportSession, ReportTurn};

const TITLE: TextStyle = TextStyle {
    weight: Weight::Bold,
    size: 20.0,
    gray: 0.0,
};
const SESSION_HEADING: TextStyle = TextStyle {
    weight: Weight::Bold,
    size: 15.0,
    gray: 0.0,
};
/// Dates, numbers of questions, roles: what a reader skims past.
const MUTED: TextStyle = TextStyle {
    weight: Weight::Regular,
    size: 9.5,
    gray: 0.35,
};
const QUESTION: TextStyle = TextStyle {
    weight: Weight::Bold,
    size: 12.0,
    gray: 0.0,
};
const SECTION: TextStyle = TextStyle {
    weight: Weight::Bold,
    size: 10.5,
    gray: 0.15,
};
/// 10.5 points: comfortable to read on paper at arm's length.
const BODY: TextStyle = TextStyle {
    weight: Weight::Regular,
    size: 10.5,
    gray: 0.0,
};
/// Bodies of sections sit under their heading, indented.
const INDENT: f32 = 10.0;

pub(crate) fn lay_out<C: Canvas>(
    flow: &mut Flow<'_, C>,
    sessions: &[ReportSession],
    labels: &ReportLabels,
) -> Result<(), ReportError> {
    flow.paragraphs(0.0, TITLE, &labels.report_title)?;
    flow.gap(8.0);
    if sessions.is_empty() {
        flow.paragraphs(0.0, BODY, &labels.nothing_to_show)?;
    }
    for session in sessions {
        lay_out_session(flow, session, labels)?;
    }
    Ok(())
}

fn lay_out_session<C: Canvas>(
    flow: &mut Flow<'_, C>,
    session: &ReportSession,
    labels: &ReportLabels,
) -> Result<(), ReportError> {
    flow.gap(14.0);
    // The heading, its line of details and the first question stay together.
    flow.keep(
        leading(SESSION_HEADING) + leading(MUTED) + 8.0 + leading(QUESTION) + 2.0 * leading(BODY),
    )?;
    flow.paragraphs(0.0, SESSION_HEADING, &session.title)?;
    let mut details = vec![format!(
        "{}: {}",
        labels.started,
        readable_time(&session.started_at)
    )];
    if let Some(average) = average_score(&session.turns) {
        details.push(format!(
            "{}: {}",
            labels.average_score,
            labels.score_out_of_ten(average, 1)
        ));
    }
    flow.paragraphs(0.0, MUTED, &details.join("   ·   "))?;
    flow.rule();
    for (index, turn) in session.turns.iter().enumerate() {
        lay_out_turn(flow, index + 1, turn, labels)?;
    }
    Ok(())
}

fn lay_out_turn<C: Canvas>(
    flow: &mut Flow<'_, C>,
    number: usize,
    turn: &ReportTurn,
    labels: &ReportLabels,
) -> Result<(), ReportError> {
    flow.gap(10.0);
    flow.keep(leading(MUTED) + leading(QUESTION) + 2.0 * leading(BODY))?;
    let mut heading = labels.question_number(number);
    if let Some(role) = turn.role.as_deref().filter(|role| !role.trim().is_empty()) {
        heading.push_str(&format!("   ·   {}: {role}", labels.role));
    }
    flow.paragraphs(0.0, MUTED, &heading)?;
    flow.paragraphs(0.0, QUESTION, &turn.question)?;
    let score = match turn.shown_score() {
        Some(score) => format!(
            "{}: {}",
            labels.score,
            labels.score_out_of_ten(f32::from(score), 0)
        ),
        None if turn.status.trim().is_empty() => labels.not_scored.clone(),
        None => format!("{} ({})", labels.not_scored, turn.status.trim()),
    };
    flow.paragraphs(0.0, SECTION, &score)?;

    section_heading(flow, &labels.your_answer)?;
    match turn
        .transcript
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        Some(transcript) => flow.paragraphs(INDENT, BODY, transcript)?,
        None => flow.paragraphs(INDENT, MUTED, &labels.no_answer)?,
    }
    if let Some(feedback) = &turn.feedback {
        lay_out_feedback(flow, feedback, labels)?;
    }
    if let Some(metrics) = &turn.metrics {
        lay_out_delivery(flow, metrics, labels)?;
    }
    Ok(())
}

fn lay_out_feedback<C: Canvas>(
    flow: &mut Flow<'_, C>,
    feedback: &Feedback,
    labels: &ReportLabels,
) -> Result<(), ReportError> {
    for (heading, items) in [
        (&labels.summary, &feedback.points),
        (&labels.strengths, &feedback.strengths),
        (&labels.improvements, &feedback.improvements),
    ] {
        let items: Vec<&String> = items
            .iter()
            .filter(|item| !item.trim().is_empty())
            .collect();
        if items.is_empty() {
            continue;
        }
        section_heading(flow, heading)?;
        for item in items {
            flow.bullet(INDENT, BODY, item)?;
        }
    }
    if let Some(better) = feedback
        .better_answer
        .as_deref()
        .filter(|text| !text.trim().is_empty())
    {
        section_heading(flow, &labels.better_answer)?;
        flow.paragraphs(INDENT, BODY, better)?;
    }
    Ok(())
}

fn lay_out_delivery<C: Canvas>(
    flow: &mut Flow<'_, C>,
    metrics: &Metrics,
    labels: &ReportLabels,
) -> Result<(), ReportError> {
    section_heading(flow, &labels.delivery)?;
    flow.paragraphs(
        INDENT,
        BODY,
        &format!(
            "{}: {:.0}",
            labels.words_per_minute, metrics.words_per_minute
        ),
    )?;
    if metrics.word_count > 0 {
        let per_hundred = metrics.filler_count as f32 * 100.0 / metrics.word_count as f32;
        flow.paragraphs(
            INDENT,
            BODY,
            &format!(
                "{}: {}",
                labels.fillers_per_100_words,
                labels.decimal(per_hundred)
            ),
        )?;
    }
    flow.paragraphs(
        INDENT,
        BODY,
        &format!("{}: {}", labels.pauses_over_2_seconds, metrics.long_pauses),
    )
}

/// A section's heading, kept with the first two lines under it.
fn section_heading<C: Canvas>(flow: &mut Flow<'_, C>, heading: &str) -> Result<(), ReportError> {
    flow.gap(4.0);
    flow.keep(leading(SECTION) + 2.0 * leading(BODY))?;
    flow.paragraphs(0.0, SECTION, heading)
}

/// The mean of the scored turns; `None` when none was scored.
pub(crate) fn average_score(turns: &[ReportTurn]) -> Option<f32> {
    let scores: Vec<f32> = turns
        .iter()
        .filter_map(ReportTurn::shown_score)
        .map(f32::from)
        .collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f32>() / scores.len() as f32)
}

/// "2026-11-22T14:05:09+05:30" as "2026-11-22 14:05": the date and time where the session
/// took place. Anything else is printed as given rather than guessed at.
pub(crate) fn readable_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(10..11), rfc3339.get(11..16)) {
        (Some(date), Some("T" | "t" | " "), Some(time)) => format!("{date} {time}"),
        _ => rfc3339.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_keep_their_own_date_and_clock() {
        assert_eq!(
            readable_time("2026-11-22T14:05:09+05:30"),
            "2026-11-22 14:05"
        );
        assert_eq!(readable_time("yesterday"), "yesterday");
        assert_eq!(readable_time("2026-11-22é"), "2026-11-22é");
    }

    #[test]
    fn the_average_counts_only_scored_turns() {
        let turn = |score| ReportTurn {
            score,
            ..ReportTurn::default()
        };
        assert_eq!(
            average_score(&[turn(Some(6)), turn(None), turn(Some(9))]),
            Some(7.5)
        );
        assert_eq!(average_score(&[turn(None)]), None);
    }
}
