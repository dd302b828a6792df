//! One session opened: when it was, its figures, each answer in full, and deleting it.

use aira_protocol::SessionOutput;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::local_date::local_date;
use super::session_item::{average_text, role_label};
use super::turn_view::TurnView;
use crate::components::ConfirmDialog;
use crate::focus::focus_when_mounted;
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;

#[component]
pub fn SessionView(
    state: AppState,
    id: String,
    /// Called when the view closes: with the session's id when it was deleted.
    on_close: Callback<Option<String>>,
) -> impl IntoView {
    let detail = RwSignal::new(None::<SessionOutput>);
    let confirming = RwSignal::new(false);

    state.clear_error();
    state.announce(t("ui.status.session_loading"));
    let loading_id = id.clone();
    spawn_local(async move {
        match ipc::session(loading_id).await {
            Ok(session) => {
                let count = session.turns.len().to_string();
                state.announce(t_with("ui.status.session_loaded", &[("count", &count)]));
                detail.set(Some(session));
            }
            Err(error) => state.fail(error),
        }
    });

    let delete = Callback::new(move |()| {
        let id = id.clone();
        state.clear_error();
        spawn_local(async move {
            match ipc::delete_session(id.clone()).await {
                Ok(deleted) => {
                    state.announce(t_with(
                        "ui.status.session_deleted",
                        &[
                            ("answers", &deleted.turns.to_string()),
                            ("recordings", &deleted.recordings.to_string()),
                        ],
                    ));
                    on_close.run(Some(id));
                }
                Err(error) => state.fail(error),
            }
        });
    });

    let content = move || {
        detail.get().map(|detail| {
            let heading = NodeRef::<leptos::html::H2>::new();
            focus_when_mounted(heading);
            let date = local_date(&detail.session.started_at);
            let roles = detail
                .session
                .roles
                .iter()
                .map(|role| role_label(role))
                .collect::<Vec<_>>()
                .join(", ");
            let count = detail.turns.len();
            view! {
                <section class="session-view" aria-labelledby="session-heading">
                    <h2 id="session-heading" tabindex="-1" node_ref=heading>
                        {t_with("ui.history.session_heading", &[("date", &date)])}
                    </h2>
                    <dl class="metrics">
                        <div class="metric">
                            <dt>{t("ui.history.answers")}</dt>
                            <dd>{detail.session.turns.to_string()}</dd>
                        </div>
                        <div class="metric">
                            <dt>{t("ui.history.average_score")}</dt>
                            <dd id="session-average">{average_text(detail.session.average_score)}</dd>
                        </div>
                        <div class="metric">
                            <dt>{t("ui.history.roles")}</dt>
                            <dd>{roles}</dd>
                        </div>
                    </dl>
                    <div class="button-row">
                        <button
                            type="button"
                            id="delete-session"
                            class="danger"
                            aria-haspopup="dialog"
                            on:click=move |_| confirming.set(true)
                        >
                            {t("ui.history.delete_session")}
                        </button>
                    </div>
                </section>
                {detail
                    .turns
                    .into_iter()
                    .enumerate()
                    .map(|(index, turn)| view! { <TurnView state turn number={index + 1} count /> })
                    .collect_view()}
            }
        })
    };

    view! {
        <button
            type="button"
            id="back-to-sessions"
            on:click=move |_| {
                state.clear_error();
                on_close.run(None)
            }
        >
            {t("ui.history.back")}
        </button>
        {content}
        <ConfirmDialog
            id="delete-session-dialog"
            open=confirming
            return_focus_to="delete-session"
            heading=t("ui.history.delete_session_heading")
            body=t("ui.history.delete_session_body")
            confirm_text=t("ui.history.delete_session_confirm")
            on_confirm=delete
        />
    }
}
