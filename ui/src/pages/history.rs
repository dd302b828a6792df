//! The History screen: sessions newest first, a page at a time, searched and filtered;
//! one session opened with everything its answers kept; deleting a session or all data.

mod delete_all;
mod filters;
mod local_date;
mod session_item;
mod session_view;
mod turn_view;

use aira_protocol::{SessionFilter, SessionSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::PageHeading;
use crate::focus::focus_id_after_render;
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;
use delete_all::DeleteAllData;
use filters::Filters;
use session_item::SessionItem;
use session_view::SessionView;

const PAGE_SIZE: u32 = 20;

/// The list as loaded so far; kept while a session is open, so going back costs nothing.
#[derive(Clone, Copy)]
pub struct SessionList {
    filter: RwSignal<SessionFilter>,
    /// `None` while the first page loads: an empty list must not flash "nothing yet".
    sessions: RwSignal<Option<Vec<SessionSummary>>>,
    has_more: RwSignal<bool>,
    loading: RwSignal<bool>,
}

impl SessionList {
    /// Loads the first page for `filter` (`append` false) or the next page.
    fn load(self, state: AppState, append: bool) {
        if self.loading.get_untracked() {
            return;
        }
        self.loading.set(true);
        state.clear_error();
        let offset = if append {
            self.sessions
                .with_untracked(|sessions| sessions.as_ref().map_or(0, Vec::len)) as u32
        } else {
            0
        };
        let first_new = offset as usize;
        spawn_local(async move {
            let page = ipc::sessions(self.filter.get_untracked(), offset, PAGE_SIZE).await;
            self.loading.set(false);
            match page {
                Ok(page) => {
                    let more = page.has_more;
                    self.sessions.update(|sessions| {
                        let list = sessions.get_or_insert_with(Vec::new);
                        if !append {
                            list.clear();
                        }
                        list.extend(page.sessions);
                    });
                    self.has_more.set(more);
                    let shown = self
                        .sessions
                        .with_untracked(|sessions| sessions.as_ref().map_or(0, Vec::len));
                    state.announce(count_text(shown, more));
                    // "Show more" moves the reader to the first session it added.
                    if append
                        && let Some(id) = self.sessions.with_untracked(|sessions| {
                            sessions
                                .as_ref()
                                .and_then(|list| list.get(first_new))
                                .map(|session| session.id.clone())
                        })
                    {
                        focus_id_after_render(session_item::open_button_id(&id));
                    }
                }
                Err(error) => state.fail(error),
            }
        });
    }

    /// Takes a deleted session out of the list without reloading it.
    fn forget(self, id: &str) {
        self.sessions.update(|sessions| {
            if let Some(list) = sessions {
                list.retain(|session| session.id != id);
            }
        });
    }
}

fn count_text(shown: usize, more: bool) -> String {
    let count = shown.to_string();
    if more {
        t_with("ui.history.count_more", &[("count", &count)])
    } else {
        t_with("ui.history.count", &[("count", &count)])
    }
}

#[component]
pub fn HistoryPage(state: AppState) -> impl IntoView {
    let list = SessionList {
        filter: RwSignal::new(SessionFilter::default()),
        sessions: RwSignal::new(None),
        has_more: RwSignal::new(false),
        loading: RwSignal::new(false),
    };
    // The session open, if any; the list shows otherwise.
    let opened = RwSignal::new(None::<String>);

    state.announce(t("ui.status.history_loading"));
    list.load(state, false);

    let on_search = Callback::new(move |filter: SessionFilter| {
        list.filter.set(filter);
        state.announce(t("ui.status.history_loading"));
        list.load(state, false);
    });
    let on_close = Callback::new(move |deleted: Option<String>| {
        let closed = opened.get_untracked();
        opened.set(None);
        match (deleted, closed) {
            // The session is gone: the reader continues at the list's heading.
            (Some(id), _) => {
                list.forget(&id);
                focus_id_after_render("sessions-heading".to_owned());
            }
            // Back where they were: on the session they had opened.
            (None, Some(id)) => focus_id_after_render(session_item::open_button_id(&id)),
            (None, None) => {}
        }
    });
    let on_open = Callback::new(move |id: String| opened.set(Some(id)));

    let list_view = move || {
        let sessions = list.sessions.get()?;
        let is_empty = sessions.is_empty();
        Some(view! {
            <Show when=move || is_empty>
                <p id="history-empty">{t("ui.history.empty")}</p>
            </Show>
            // Kept in the document even when empty so its id is always there to find;
            // `hidden` keeps an empty list out of the accessibility tree.
            <ul id="session-list" class="history-list" hidden=is_empty>
                {sessions
                    .into_iter()
                    .map(|session| view! { <SessionItem session on_open /> })
                    .collect_view()}
            </ul>
        })
    };

    view! {
        <PageHeading state text=t("ui.history.title") />
        // Hidden, not removed, while a session is open: the search keeps what was typed
        // and the list where it was, and focus can return to the session's button.
        <div class="session-browser" hidden=move || opened.with(Option::is_some)>
            <Filters state on_search />
            <section class="sessions" aria-labelledby="sessions-heading">
                <h2 id="sessions-heading" tabindex="-1">
                    {t("ui.history.sessions_heading")}
                </h2>
                {list_view}
                <Show when=move || list.has_more.get()>
                    <button
                        type="button"
                        id="show-more"
                        aria-disabled=move || list.loading.get().then_some("true")
                        on:click=move |_| list.load(state, true)
                    >
                        {t("ui.history.show_more")}
                    </button>
                </Show>
            </section>
            <DeleteAllData state list />
        </div>
        {move || opened.get().map(|id| view! { <SessionView state id on_close /> })}
    }
}
