//! "Delete all my data": every session, answer and recording, and the speech kept for
//! reuse, after a confirmation that needs a box ticked first.

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::SessionList;
use crate::components::ConfirmDialog;
use crate::focus::focus_id_after_render;
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;

#[component]
pub fn DeleteAllData(state: AppState, list: SessionList) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let delete = Callback::new(move |()| {
        state.clear_error();
        state.announce(t("ui.status.deleting_everything"));
        spawn_local(async move {
            match ipc::delete_all_data().await {
                Ok(deleted) => {
                    list.sessions.set(Some(Vec::new()));
                    list.has_more.set(false);
                    state.announce(t_with(
                        "ui.status.everything_deleted",
                        &[
                            ("sessions", &deleted.sessions.to_string()),
                            ("answers", &deleted.turns.to_string()),
                            ("recordings", &deleted.recordings.to_string()),
                        ],
                    ));
                    focus_id_after_render("sessions-heading".to_owned());
                }
                Err(error) => {
                    state.fail(error);
                    focus_id_after_render("delete-all-data".to_owned());
                }
            }
        });
    });
    view! {
        <section class="danger-zone" aria-labelledby="your-data-heading">
            <h2 id="your-data-heading">{t("ui.history.your_data_heading")}</h2>
            <p>{t("ui.history.delete_all_explained")}</p>
            <button
                type="button"
                id="delete-all-data"
                class="danger"
                aria-haspopup="dialog"
                on:click=move |_| confirming.set(true)
            >
                {t("ui.history.delete_all")}
            </button>
        </section>
        <ConfirmDialog
            id="delete-all-dialog"
            open=confirming
            return_focus_to="delete-all-data"
            heading=t("ui.history.delete_all_heading")
            body=t("ui.history.delete_all_body")
            confirm_text=t("ui.history.delete_all_confirm")
            acknowledgement=t("ui.history.delete_all_acknowledge")
            on_confirm=delete
        />
    }
}
