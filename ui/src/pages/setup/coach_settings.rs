//! Who coaches answers: the offline coach, Amazon Bedrock, or Bedrock when it works (the
//! AWS account and Bedrock model are in Settings); and whether answers coached offline may be sent to Bedrock later. Each
//! change is saved at once and announced.

use aira_protocol::{EnginePolicy, PreferencesPatch};
use leptos::prelude::*;

use super::coaching_queue::CoachingQueue;
use crate::i18n::t;
use crate::preferences::remembered_preferences;
use crate::state::{AppState, Screen};

#[component]
pub fn CoachSettings(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let current = move || preferences.get().unwrap_or_default();

    view! {
        <section class="settings" aria-labelledby="coach-settings-heading">
            <h2 id="coach-settings-heading">{t("ui.coach_settings.heading")}</h2>
            <fieldset class="field">
                <legend>{t("ui.coach_settings.engine")}</legend>
                {EnginePolicy::ALL
                    .into_iter()
                    .map(|policy| {
                        let id = format!("coach-engine-{}", policy.as_str());
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="coach-engine"
                                    id=id.clone()
                                    value=policy.as_str()
                                    prop:checked=move || current().coach_engine == policy
                                    on:change=move |_| {
                                        save(PreferencesPatch {
                                            coach_engine: Some(policy),
                                            ..PreferencesPatch::default()
                                        })
                                    }
                                />
                                <label for=id>
                                    {t(&format!("ui.coach_settings.engine.{}", policy.as_str()))}
                                </label>
                            </div>
                        }
                    })
                    .collect::<Vec<_>>()}
            </fieldset>
            <p class="note" id="coach-privacy-note">{t("ui.coach_settings.privacy")}</p>
            <p class="note" id="coach-account-note">
                <button type="button" id="open-aws-settings" on:click=move |_| state.show(Screen::Settings)>
                    {t("ui.coach_settings.account")}
                </button>
            </p>
            <div class="field choice">
                <input
                    type="checkbox"
                    id="recoach-when-online"
                    prop:checked=move || current().recoach_when_online
                    on:change=move |event| {
                        save(PreferencesPatch {
                            recoach_when_online: Some(event_target_checked(&event)),
                            ..PreferencesPatch::default()
                        });
                    }
                />
                <label for="recoach-when-online">{t("ui.coach_settings.recoach")}</label>
            </div>
            <CoachingQueue state />
        </section>
    }
}
