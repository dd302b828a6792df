use aira_protocol::Metrics;
use leptos::prelude::*;

use crate::format::{list_or_none, one_decimal, whole_number};
use crate::i18n::{t, t_with};

/// Delivery figures as a description list: each label stays paired with its value for
/// screen readers, and the layout reflows at narrow widths.
#[component]
pub fn MetricsList(
    metrics: Metrics,
    /// Added to the list's id, where several answers' figures show on one page (History).
    #[prop(optional)]
    id_suffix: String,
) -> impl IntoView {
    let rows = [
        (
            t("ui.metrics.duration"),
            t_with(
                "ui.metrics.seconds",
                &[("seconds", &one_decimal(metrics.duration_seconds))],
            ),
        ),
        (t("ui.metrics.words"), metrics.word_count.to_string()),
        (
            t("ui.metrics.words_per_minute"),
            whole_number(metrics.words_per_minute),
        ),
        (t("ui.metrics.fillers"), fillers_text(&metrics)),
        (t("ui.metrics.long_pauses"), pauses_text(&metrics)),
        (
            t("ui.metrics.key_points_covered"),
            list_or_none(&metrics.key_points_covered),
        ),
        (
            t("ui.metrics.key_points_missed"),
            list_or_none(&metrics.key_points_missed),
        ),
    ];
    view! {
        <dl id=format!("metrics{id_suffix}") class="metrics">
            {rows
                .into_iter()
                .map(|(label, value)| {
                    view! {
                        <div class="metric">
                            <dt>{label}</dt>
                            <dd>{value}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

fn fillers_text(metrics: &Metrics) -> String {
    let count = metrics.filler_count.to_string();
    if metrics.fillers.is_empty() {
        return count;
    }
    let list = metrics
        .fillers
        .iter()
        .map(|filler| {
            t_with(
                "ui.metrics.filler_item",
                &[
                    ("filler", &filler.filler),
                    ("count", &filler.count.to_string()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    t_with(
        "ui.metrics.count_with_detail",
        &[("count", &count), ("detail", &list)],
    )
}

fn pauses_text(metrics: &Metrics) -> String {
    let count = metrics.long_pauses.to_string();
    if metrics.long_pauses == 0 {
        return count;
    }
    let longest = t_with(
        "ui.metrics.longest_pause",
        &[("seconds", &one_decimal(metrics.longest_pause_seconds))],
    );
    t_with(
        "ui.metrics.count_with_detail",
        &[("count", &count), ("detail", &longest)],
    )
}
