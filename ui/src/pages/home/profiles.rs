//! Who is practising: a profile per person sharing this computer, chosen or added here;
//! History, Progress, exports and deletion then show only that person's answers.

use aira_protocol::{DEFAULT_PROFILE_NAME, MOST_PROFILE_NAME_CHARACTERS, ProfilesOutput};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;

#[component]
pub fn ProfileChooser(state: AppState) -> impl IntoView {
    let profiles = RwSignal::new(None::<ProfilesOutput>);
    let reload = move || {
        spawn_local(async move {
            match ipc::profiles().await {
                Ok(loaded) => profiles.set(Some(loaded)),
                Err(error) => state.fail(error),
            }
        });
    };
    reload();
    let choose = move |name: String| {
        state.clear_error();
        spawn_local(async move {
            match ipc::use_profile(name).await {
                Ok(profile) => state.announce(t_with(
                    "ui.profiles.in_use",
                    &[("name", &shown_name(&profile.name))],
                )),
                Err(error) => state.fail(error),
            }
            reload();
        });
    };
    let new_name = RwSignal::new(String::new());
    let add = move |_| {
        let name = new_name.get_untracked();
        state.clear_error();
        spawn_local(async move {
            let added = match ipc::add_profile(name).await {
                Ok(added) => added,
                Err(error) => return state.fail(error),
            };
            match ipc::use_profile(added.name.clone()).await {
                Ok(_) => {
                    new_name.set(String::new());
                    state.announce(t_with("ui.profiles.added", &[("name", &added.name)]));
                }
                Err(error) => state.fail(error),
            }
            reload();
        });
    };
    view! {
        <section class="settings" aria-labelledby="profiles-heading">
            <h2 id="profiles-heading">{t("ui.profiles.heading")}</h2>
            <p>{t("ui.profiles.explanation")}</p>
            <label for="profile-select">{t("ui.profiles.choose")}</label>
            <select id="profile-select" on:change=move |event| choose(event_target_value(&event))>
                {move || {
                    profiles
                        .get()
                        .map(|loaded| {
                            loaded
                                .profiles
                                .into_iter()
                                .map(|profile| {
                                    let selected = profile.name == loaded.current;
                                    let label = shown_name(&profile.name);
                                    view! {
                                        <option value=profile.name selected=selected>
                                            {label}
                                        </option>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </select>
            <label for="new-profile-name">{t("ui.profiles.new_name")}</label>
            <input
                id="new-profile-name"
                type="text"
                maxlength=MOST_PROFILE_NAME_CHARACTERS.to_string()
                autocomplete="off"
                prop:value=move || new_name.get()
                on:input=move |event| new_name.set(event_target_value(&event))
            />
            <button type="button" id="add-profile" on:click=add>
                {t("ui.profiles.add")}
            </button>
        </section>
    }
}

/// The built-in profile's name is shown in the user's language.
fn shown_name(name: &str) -> String {
    if name == DEFAULT_PROFILE_NAME {
        t("ui.profiles.default_name")
    } else {
        name.to_owned()
    }
}
