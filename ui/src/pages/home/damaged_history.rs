//! The history file is damaged (`database_damaged`): Aira copied it aside the moment it
//! found the damage and will not write over it. The user may start afresh with an empty
//! history; nothing happens until they ask.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;

/// `details`: the backend's message (it names the file and where the copy is).
#[component]
pub fn DamagedHistory(
    state: AppState,
    details: String,
    on_fresh_start: Callback<()>,
) -> impl IntoView {
    let working = RwSignal::new(false);
    let start_afresh = move |_| {
        if working.get_untracked() {
            return;
        }
        working.set(true);
        state.clear_error();
        spawn_local(async move {
            match ipc::start_afresh().await {
                Ok(done) => {
                    let backup = done.backup.unwrap_or_default();
                    state.announce(t_with("ui.damaged.started_afresh", &[("backup", &backup)]));
                    on_fresh_start.run(());
                }
                Err(error) => state.fail(error),
            }
            working.set(false);
        });
    };
    view! {
        <section id="damaged-history" class="warning" aria-labelledby="damaged-heading">
            <h2 id="damaged-heading">{t("ui.damaged.heading")}</h2>
            <p>{t("error.database_damaged")}</p>
            <p class="note" id="damaged-details">{details}</p>
            <button
                type="button"
                id="start-afresh"
                aria-describedby="damaged-details"
                aria-disabled=move || working.get().then_some("true")
                on:click=start_afresh
            >
                {t("ui.damaged.start_afresh")}
            </button>
        </section>
    }
}
