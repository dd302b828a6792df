//! The last five sessions in a few sentences, each against the five before.

use aira_protocol::{Direction, ProgressSummary, SessionProgress, Trend};
use leptos::prelude::*;

use crate::format::{one_decimal, whole_number};
use crate::i18n::{t, t_with};

#[component]
pub fn Summary(sessions: Vec<SessionProgress>) -> impl IntoView {
    let summary = ProgressSummary::of(&sessions);
    let count = summary.sessions.to_string();
    let lines = [
        (
            "ui.progress.summary.score",
            summary.score,
            one_decimal as fn(f32) -> String,
        ),
        (
            "ui.progress.summary.pace",
            summary.words_per_minute,
            whole_number,
        ),
        (
            "ui.progress.summary.fillers",
            summary.fillers_per_100_words,
            one_decimal,
        ),
        (
            "ui.progress.summary.pauses",
            summary.long_pauses,
            one_decimal,
        ),
    ];
    let sentences: Vec<String> = lines
        .into_iter()
        .filter_map(|(key, trend, format)| sentence(key, &count, trend, format))
        .collect();
    view! {
        <section class="progress-summary" aria-labelledby="progress-summary-heading">
            <h2 id="progress-summary-heading">{t("ui.progress.summary_heading")}</h2>
            <ul id="progress-summary">
                {sentences.into_iter().map(|text| view! { <li>{text}</li> }).collect_view()}
            </ul>
        </section>
    }
}

/// "Your average score over the last 5 sessions is 6.4, up from 5.8." — without the
/// comparison when there is nothing earlier; nothing when the figure was never measured.
fn sentence(key: &str, count: &str, trend: Trend, format: fn(f32) -> String) -> Option<String> {
    let value = format(trend.recent?);
    let change = match (trend.direction(), trend.earlier) {
        (Some(Direction::Up), Some(earlier)) => {
            t_with("ui.progress.change.up", &[("earlier", &format(earlier))])
        }
        (Some(Direction::Down), Some(earlier)) => {
            t_with("ui.progress.change.down", &[("earlier", &format(earlier))])
        }
        (Some(Direction::Steady), _) => t("ui.progress.change.steady"),
        _ => String::new(),
    };
    Some(t_with(
        key,
        &[("count", count), ("value", &value), ("change", &change)],
    ))
}
