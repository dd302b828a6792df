//! Search and filters of the History list: words, role, dates and average score. Applied
//! together with the Search button (or Enter), so the list does not move while typing.

use aira_protocol::SessionFilter;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::local_date::local_day_start;
use super::session_item::role_label;
use crate::i18n::t;
use crate::ipc;
use crate::state::AppState;

#[component]
pub fn Filters(state: AppState, on_search: Callback<SessionFilter>) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let role = RwSignal::new(String::new());
    let since = RwSignal::new(String::new());
    let until = RwSignal::new(String::new());
    let min_score = RwSignal::new(String::new());
    let max_score = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<String>::new());
    spawn_local(async move {
        match ipc::question_categories().await {
            Ok(categories) => roles.set(categories.roles),
            Err(error) => state.fail(error),
        }
    });

    let filter = move || {
        let text = |signal: RwSignal<String>| {
            Some(signal.get_untracked().trim().to_owned()).filter(|text| !text.is_empty())
        };
        let score = |signal: RwSignal<String>| text(signal)?.parse::<f32>().ok();
        SessionFilter {
            role: text(role),
            since: text(since).and_then(|day| local_day_start(&day, 0)),
            // The whole of the last day counts: up to the start of the next.
            until: text(until).and_then(|day| local_day_start(&day, 1)),
            min_score: score(min_score),
            max_score: score(max_score),
            search: text(search),
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        on_search.run(filter());
    };
    let clear = move |_| {
        for signal in [search, role, since, until, min_score, max_score] {
            signal.set(String::new());
        }
        on_search.run(SessionFilter::default());
    };
    let text_field =
        move |id: &'static str, label: String, kind: &'static str, value: RwSignal<String>| {
            view! {
                <div class="field">
                    <label for=id>{label}</label>
                    <input
                        type=kind
                        id=id
                        min=(kind == "number").then_some("1")
                        max=(kind == "number").then_some("10")
                        step=(kind == "number").then_some("0.5")
                        prop:value=move || value.get()
                        on:input=move |event| value.set(event_target_value(&event))
                    />
                </div>
            }
        };

    view! {
        <form
            id="history-filters"
            class="filters"
            role="search"
            aria-label=t("ui.history.filters_label")
            on:submit=submit
        >
            {text_field("history-search", t("ui.history.search"), "search", search)}
            <div class="field">
                <label for="history-role">{t("ui.history.role")}</label>
                <select
                    id="history-role"
                    prop:value=move || role.get()
                    on:change=move |event| role.set(event_target_value(&event))
                >
                    <option value="">{t("ui.history.any_role")}</option>
                    {move || {
                        roles
                            .get()
                            .into_iter()
                            .map(|name| {
                                let label = role_label(&name);
                                view! { <option value=name>{label}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            {text_field("history-since", t("ui.history.since"), "date", since)}
            {text_field("history-until", t("ui.history.until"), "date", until)}
            {text_field("history-min-score", t("ui.history.min_score"), "number", min_score)}
            {text_field("history-max-score", t("ui.history.max_score"), "number", max_score)}
            <div class="button-row">
                <button type="submit" id="history-search-button" class="primary">
                    {t("ui.history.search_button")}
                </button>
                <button type="button" id="history-clear" on:click=clear>
                    {t("ui.history.clear_filters")}
                </button>
            </div>
        </form>
    }
}
