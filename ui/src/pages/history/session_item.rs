use aira_protocol::SessionSummary;
use leptos::prelude::*;

use super::local_date::local_date;
use crate::format::one_decimal;
use crate::i18n::{lookup, t};

/// The id of a session's Open button, where focus returns from the session view.
pub fn open_button_id(session_id: &str) -> String {
    format!("open-session-{}", css_safe(session_id))
}

/// Session ids are UUID-like; anything else is replaced so the id stays a valid selector.
fn css_safe(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// A role from the bank in words ("Backend"), or as stored for one this UI predates.
pub fn role_label(role: &str) -> String {
    lookup(&format!("ui.resume.role.{role}"))
        .unwrap_or(role)
        .to_owned()
}

pub fn average_text(average: Option<f32>) -> String {
    average.map_or_else(|| t("ui.history.not_scored"), one_decimal)
}

#[component]
pub fn SessionItem(session: SessionSummary, on_open: Callback<String>) -> impl IntoView {
    let date = local_date(&session.started_at);
    let date_id = format!("session-date-{}", css_safe(&session.id));
    let roles = if session.roles.is_empty() {
        t("ui.metrics.none")
    } else {
        session
            .roles
            .iter()
            .map(|role| role_label(role))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let id = session.id.clone();
    let open_id = open_button_id(&session.id);
    let started_at = session.started_at.clone();
    view! {
        <li class="history-item session-item">
            <h3 class="history-question" id=date_id.clone()>
                <time datetime=started_at>{date}</time>
            </h3>
            <dl class="metrics">
                <div class="metric">
                    <dt>{t("ui.history.answers")}</dt>
                    <dd class="session-answers">{session.turns.to_string()}</dd>
                </div>
                <div class="metric">
                    <dt>{t("ui.history.average_score")}</dt>
                    <dd class="session-score">{average_text(session.average_score)}</dd>
                </div>
                <div class="metric">
                    <dt>{t("ui.history.roles")}</dt>
                    <dd class="session-roles">{roles}</dd>
                </div>
            </dl>
            // The visible text starts the name; the date it belongs to is its description.
            <button
                type="button"
                class="open-session"
                id=open_id
                aria-describedby=date_id
                on:click=move |_| on_open.run(id.clone())
            >
                {t("ui.history.open_session")}
            </button>
        </li>
    }
}
