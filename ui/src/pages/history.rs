mod history_item;

use aira_protocol::TurnSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::PageHeading;
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;
use history_item::HistoryItem;

const HISTORY_LIMIT: u32 = 50;

#[component]
pub fn HistoryPage(state: AppState) -> impl IntoView {
    // `None` while loading: an empty list must not flash "no answers yet".
    let turns = RwSignal::new(None::<Vec<TurnSummary>>);

    state.announce(t("ui.status.history_loading"));
    spawn_local(async move {
        match ipc::history(HISTORY_LIMIT).await {
            Ok(history) => {
                let count = history.turns.len().to_string();
                state.announce(t_with("ui.status.history_loaded", &[("count", &count)]));
                turns.set(Some(history.turns));
            }
            Err(error) => state.fail(error),
        }
    });

    let list = move || {
        turns.get().map(|turns| {
            let is_empty = turns.is_empty();
            view! {
                <Show when=move || is_empty>
                    <p id="history-empty">{t("ui.history.empty")}</p>
                </Show>
                // Kept in the document even when empty so its id is always there to find;
                // `hidden` keeps an empty list out of the accessibility tree.
                <ul id="history-list" class="history-list" hidden=is_empty>
                    {turns.into_iter().map(|turn| view! { <HistoryItem turn /> }).collect_view()}
                </ul>
            }
        })
    };

    view! {
        <PageHeading state text=t("ui.history.title") />
        {list}
    }
}
