//! The Progress screen: per session, over time, the average score, pace, filler words and
//! long pauses, filtered by role and kind of question; and the last five sessions summed
//! up against the five before.

mod chart;
mod geometry;
mod summary;

use aira_protocol::{ProgressFilter, SessionProgress};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsValue;

use crate::components::PageHeading;
use crate::format::{one_decimal, whole_number};
use crate::i18n::{lookup, t, t_with};
use crate::ipc;
use crate::state::AppState;
use chart::{Band, LineChart, Point};
use summary::Summary;

/// A clear pace for interviews, in words per minute (the offline coach's band too).
const PACE_LOW: f32 = 130.0;
const PACE_HIGH: f32 = 175.0;

#[component]
pub fn ProgressPage(state: AppState) -> impl IntoView {
    let role = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let categories = RwSignal::new((Vec::<String>::new(), Vec::<String>::new()));
    // `None` while loading, so "no sessions yet" does not flash.
    let sessions = RwSignal::new(None::<Vec<SessionProgress>>);

    spawn_local(async move {
        match ipc::question_categories().await {
            Ok(found) => categories.set((found.roles, found.kinds)),
            Err(error) => state.fail(error),
        }
    });
    let load = move || {
        let filter = ProgressFilter {
            role: Some(role.get_untracked()).filter(|role| !role.is_empty()),
            kind: Some(kind.get_untracked()).filter(|kind| !kind.is_empty()),
        };
        state.clear_error();
        state.announce(t("ui.status.progress_loading"));
        spawn_local(async move {
            match ipc::progress(filter).await {
                Ok(progress) => {
                    let count = progress.sessions.len().to_string();
                    state.announce(t_with("ui.status.progress_loaded", &[("count", &count)]));
                    sessions.set(Some(progress.sessions));
                }
                Err(error) => state.fail(error),
            }
        });
    };
    load();

    let select = move |id: &'static str,
                       label: String,
                       any: String,
                       value: RwSignal<String>,
                       kinds: bool| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select
                    id=id
                    prop:value=move || value.get()
                    on:change=move |event| {
                        value.set(event_target_value(&event));
                        load();
                    }
                >
                    <option value="">{any}</option>
                    {move || {
                        let (roles, kinds_found) = categories.get();
                        let names = if kinds { kinds_found } else { roles };
                        names
                            .into_iter()
                            .map(|name| {
                                let label = category_label(&name, kinds);
                                view! { <option value=name>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };

    let charts = move || {
        sessions.get().map(|sessions| {
            if sessions.is_empty() {
                return view! { <p id="progress-empty">{t("ui.progress.empty")}</p> }.into_any();
            }
            let points = |figure: fn(&SessionProgress) -> Option<f32>| -> Vec<Point> {
                sessions
                    .iter()
                    .map(|session| Point {
                        date: short_date(&session.started_at),
                        value: figure(session),
                    })
                    .collect()
            };
            let score = points(|session| session.average_score);
            let pace = points(|session| session.words_per_minute);
            let fillers = points(|session| session.fillers_per_100_words);
            let pauses = points(|session| session.long_pauses);
            let pace_band = Band {
                low: PACE_LOW,
                high: PACE_HIGH,
                label: t("ui.progress.pace_band"),
            };
            view! {
                <Summary sessions=sessions.clone() />
                <LineChart
                    id="chart-score"
                    title=t("ui.progress.score_title")
                    summary=trend_text(&t("ui.progress.score_title"), &score, one_decimal)
                    points=score
                    format=one_decimal
                    minimum_top=10.0
                />
                <LineChart
                    id="chart-pace"
                    title=t("ui.progress.pace_title")
                    summary=trend_text(&t("ui.progress.pace_title"), &pace, whole_number)
                    points=pace
                    format=whole_number
                    minimum_top=200.0
                    band=pace_band
                />
                <LineChart
                    id="chart-fillers"
                    title=t("ui.progress.fillers_title")
                    summary=trend_text(&t("ui.progress.fillers_title"), &fillers, one_decimal)
                    points=fillers
                    format=one_decimal
                    minimum_top=5.0
                />
                <LineChart
                    id="chart-pauses"
                    title=t("ui.progress.pauses_title")
                    summary=trend_text(&t("ui.progress.pauses_title"), &pauses, one_decimal)
                    points=pauses
                    format=one_decimal
                    minimum_top=3.0
                />
            }
            .into_any()
        })
    };

    view! {
        <PageHeading state text=t("ui.progress.title") />
        <p class="intro">{t("ui.progress.intro")}</p>
        <div class="filters" role="group" aria-label=t("ui.progress.filters_label")>
            {select("progress-role", t("ui.history.role"), t("ui.history.any_role"), role, false)}
            {select("progress-kind", t("ui.progress.kind"), t("ui.progress.any_kind"), kind, true)}
        </div>
        {charts}
    }
}

/// A role ("Backend") or kind ("Technical") in words, or as stored when this UI predates it.
fn category_label(name: &str, is_kind: bool) -> String {
    let key = if is_kind {
        format!("ui.progress.kind.{name}")
    } else {
        format!("ui.resume.role.{name}")
    };
    lookup(&key).unwrap_or(name).to_owned()
}

/// What the chart shows, in a sentence: first and latest value, which way, and the range.
fn trend_text(title: &str, points: &[Point], format: fn(f32) -> String) -> String {
    let values: Vec<f32> = points.iter().filter_map(|point| point.value).collect();
    let (Some(first), Some(last)) = (values.first(), values.last()) else {
        return t_with("ui.progress.trend_none", &[("title", title)]);
    };
    let direction = match format(*last)
        .parse::<f32>()
        .ok()
        .zip(format(*first).parse::<f32>().ok())
    {
        Some((last, first)) if last > first => t("ui.progress.direction.up"),
        Some((last, first)) if last < first => t("ui.progress.direction.down"),
        _ => t("ui.progress.direction.steady"),
    };
    let lowest = values.iter().copied().fold(f32::INFINITY, f32::min);
    let highest = values.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    t_with(
        "ui.progress.trend",
        &[
            ("title", title),
            ("count", &values.len().to_string()),
            ("first", &format(*first)),
            ("last", &format(*last)),
            ("direction", &direction),
            ("lowest", &format(lowest)),
            ("highest", &format(highest)),
        ],
    )
}

/// A session's day in the user's time zone ("3 Nov 2026"), or as stored when unparseable.
fn short_date(timestamp: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(timestamp));
    if date.get_time().is_nan() {
        return timestamp.to_owned();
    }
    let options = js_sys::Object::new();
    if js_sys::Reflect::set(
        &options,
        &JsValue::from_str("dateStyle"),
        &JsValue::from_str("medium"),
    )
    .is_err()
    {
        return timestamp.to_owned();
    }
    String::from(date.to_locale_date_string(&t("ui.locale"), &options))
}
