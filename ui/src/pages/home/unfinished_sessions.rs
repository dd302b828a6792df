//! Sessions an earlier run left open (the app was closed by a crash, a kill or a power
//! cut): their answers are saved and coached in the background at start; the user goes on
//! with one, or sets it aside (it stays in History).

use aira_protocol::UnfinishedSession;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;

#[component]
pub fn UnfinishedSessions(state: AppState) -> impl IntoView {
    let sessions = RwSignal::new(Vec::<UnfinishedSession>::new());
    spawn_local(async move {
        match ipc::unfinished_sessions().await {
            Ok(found) => {
                if !found.sessions.is_empty() {
                    state.announce(t_with(
                        "ui.unfinished.found",
                        &[("count", &found.sessions.len().to_string())],
                    ));
                }
                sessions.set(found.sessions);
            }
            Err(error) => state.fail(error),
        }
    });
    let settle = move |id: String, go_on: bool| {
        state.clear_error();
        spawn_local(async move {
            let done = if go_on {
                ipc::continue_session(id.clone()).await
            } else {
                ipc::set_aside_session(id.clone()).await
            };
            match done {
                Ok(()) => {
                    sessions.update(|sessions| sessions.retain(|session| session.id != id));
                    state.announce(t(if go_on {
                        "ui.unfinished.continued"
                    } else {
                        "ui.unfinished.set_aside"
                    }));
                    // The panel may be gone: focus goes to the start button, the next step.
                    if let Some(start) = document().get_element_by_id("start-practice")
                        && let Ok(start) =
                            wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(start)
                        && let Err(error) = start.focus()
                    {
                        leptos::logging::warn!("focus not moved: {error:?}");
                    }
                }
                Err(error) => state.fail(error),
            }
        });
    };
    move || {
        let list = sessions.get();
        (!list.is_empty()).then(|| {
            view! {
                <section id="unfinished-sessions" class="warning" aria-labelledby="unfinished-heading">
                    <h2 id="unfinished-heading">{t("ui.unfinished.heading")}</h2>
                    <p>{t("ui.unfinished.explanation")}</p>
                    <ul>
                        {list
                            .into_iter()
                            .map(|session| {
                                let started: String = session.started_at.replace('T', " ").chars().take(16).collect();
                                let describe = t_with(
                                    "ui.unfinished.session",
                                    &[("started", &started), ("count", &session.answers.to_string())],
                                );
                                let label_id = format!("unfinished-{}", session.id);
                                let continue_id = session.id.clone();
                                let aside_id = session.id.clone();
                                view! {
                                    <li>
                                        <span id=label_id.clone()>{describe}</span>
                                        " "
                                        <button
                                            type="button"
                                            class="continue-session"
                                            aria-describedby=label_id.clone()
                                            on:click=move |_| settle(continue_id.clone(), true)
                                        >
                                            {t("ui.unfinished.continue")}
                                        </button>
                                        " "
                                        <button
                                            type="button"
                                            class="set-aside-session"
                                            aria-describedby=label_id
                                            on:click=move |_| settle(aside_id.clone(), false)
                                        >
                                            {t("ui.unfinished.set_aside_button")}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}
