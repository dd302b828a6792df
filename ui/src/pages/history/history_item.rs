use aira_protocol::{TurnStatus, TurnSummary};
use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::format::{excerpt, score_out_of, whole_number};
use crate::i18n::{t, t_with};

const EXCERPT_CHARS: usize = 160;

#[component]
pub fn HistoryItem(turn: TurnSummary) -> impl IntoView {
    let date = local_date(&turn.created_at);
    let outcome = outcome_text(&turn);
    let pace = turn.words_per_minute.map_or_else(
        || t("ui.history.not_measured"),
        |wpm| t_with("ui.history.pace_value", &[("wpm", &whole_number(wpm))]),
    );
    let transcript = turn
        .transcript
        .as_deref()
        .filter(|text| !text.trim().is_empty())
        .map_or_else(
            || t("ui.history.no_transcript"),
            |text| excerpt(text, EXCERPT_CHARS),
        );

    view! {
        <li class="history-item">
            <h2 class="history-question">{turn.question_text}</h2>
            <p class="history-date">
                <time datetime=turn.created_at>{date}</time>
            </p>
            <dl class="metrics">
                <div class="metric">
                    <dt>{t("ui.history.score")}</dt>
                    <dd class="history-score">{outcome}</dd>
                </div>
                <div class="metric">
                    <dt>{t("ui.history.pace")}</dt>
                    <dd>{pace}</dd>
                </div>
            </dl>
            <p class="history-transcript">{transcript}</p>
        </li>
    }
}

/// The score when the answer was coached; otherwise how far it got and why.
fn outcome_text(turn: &TurnSummary) -> String {
    match (turn.status, turn.score, turn.error.as_deref()) {
        (TurnStatus::Coached, Some(score), _) => score_out_of(score),
        (TurnStatus::Failed, _, Some(reason)) => {
            t_with("ui.history.status.failed_because", &[("reason", reason)])
        }
        (TurnStatus::Failed, _, None) => t("ui.history.status.failed"),
        _ => t("ui.history.status.recorded"),
    }
}

/// The stored UTC timestamp in the user's own time zone, or as stored when unparseable.
fn local_date(created_at: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(created_at));
    if date.get_time().is_nan() {
        return created_at.to_owned();
    }
    let options = js_sys::Object::new();
    let styled = [("dateStyle", "medium"), ("timeStyle", "short")]
        .iter()
        .all(|(name, value)| {
            js_sys::Reflect::set(
                &options,
                &JsValue::from_str(name),
                &JsValue::from_str(value),
            )
            .is_ok()
        });
    let options = if styled {
        options.into()
    } else {
        JsValue::UNDEFINED
    };
    String::from(date.to_locale_string(&t("ui.locale"), &options))
}
