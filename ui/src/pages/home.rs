mod damaged_history;
mod profiles;
mod unfinished_sessions;

use aira_protocol::{AppStatus, ErrorCode};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::actions::start_practice_on_click;
use crate::components::PageHeading;
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::{AppState, Screen};
use damaged_history::DamagedHistory;
use profiles::ProfileChooser;
use unfinished_sessions::UnfinishedSessions;

#[component]
pub fn HomePage(state: AppState) -> impl IntoView {
    // Why the history cannot be read, when that is why the engine did not start.
    let damaged = RwSignal::new(None::<String>);
    let load_status = move || {
        spawn_local(async move {
            match ipc::app_status().await {
                Ok(status) => {
                    damaged.set(None);
                    state.app_status.set(Some(status));
                }
                Err(error) if error.code == ErrorCode::DatabaseDamaged => {
                    damaged.set(Some(error.message))
                }
                Err(error) => state.fail(error),
            }
        });
    };
    // Re-read on every visit: the user may have installed the model in the meantime.
    load_status();
    let on_fresh_start = Callback::new(move |()| load_status());

    let (start, starting) = start_practice_on_click(state);

    view! {
        <PageHeading state text=t("ui.home.title") />
        {move || {
            damaged
                .get()
                .map(|details| view! { <DamagedHistory state details on_fresh_start /> })
        }}
        <p class="intro">{t("ui.home.intro")}</p>
        {move || damaged.get().is_none().then(|| view! { <UnfinishedSessions state /> })}
        <section class="setup" aria-labelledby="setup-heading">
            <h2 id="setup-heading">{t("ui.home.setup_heading")}</h2>
            {move || match state.app_status.get() {
                Some(status) => setup_report(state, status).into_any(),
                None => view! { <p>{t("ui.home.checking")}</p> }.into_any(),
            }}
        </section>
        <button
            type="button"
            id="start-practice"
            class="primary"
            aria-disabled=move || starting.get().then_some("true")
            on:click=start
        >
            {t("ui.home.start")}
        </button>
        // Profiles and setup read and write the engine's preferences: not until the history opens.
        {move || {
            damaged
                .get()
                .is_none()
                .then(|| {
                    view! {
                        <ProfileChooser state />
                        <p class="intro">{t("ui.home.setup_hint")}</p>
                        <button type="button" id="open-setup" on:click=move |_| state.show(Screen::Setup)>
                            {t("ui.home.open_setup")}
                        </button>
                    }
                })
        }}
    }
}

fn setup_report(state: AppState, status: AppStatus) -> impl IntoView {
    let model = if status.model_present {
        view! { <p class="ready">{t("ui.home.model_ready")}</p> }.into_any()
    } else {
        view! {
            <div class="warning">
                <p>
                    <strong>{t("ui.home.model_missing")}</strong>
                </p>
                <p>{t_with("ui.home.model_missing_fix", &[("path", &status.model_path)])}</p>
                <button type="button" id="get-model" on:click=move |_| state.show(Screen::Models)>
                    {t("ui.home.get_model")}
                </button>
            </div>
        }
        .into_any()
    };
    let voice = if !status.voice_available {
        Some(view! { <p class="note">{t("ui.home.voice_missing")}</p> })
    } else if !status.audio_output_available {
        Some(view! { <p class="note">{t("ui.home.audio_output_missing")}</p> })
    } else {
        None
    };
    let count = status.question_count.to_string();
    view! {
        {model}
        {voice}
        <p>{t_with("ui.home.question_count", &[("count", &count)])}</p>
    }
}
