//! Who coaches answers: the offline coach, Amazon Bedrock, or Bedrock when it works; which
//! Bedrock model; and whether answers coached offline may be sent to Bedrock later. Each
//! change is saved at once and announced.

use aira_protocol::{EnginePolicy, PreferencesPatch, SUGGESTED_BEDROCK_MODELS};
use leptos::prelude::*;

use super::coaching_queue::CoachingQueue;
use crate::i18n::t;
use crate::preferences::remembered_preferences;
use crate::state::AppState;

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
            <div class="field">
                <label for="bedrock-model">{t("ui.coach_settings.model")}</label>
                <input
                    type="text"
                    id="bedrock-model"
                    list="bedrock-models"
                    aria-describedby="bedrock-model-hint"
                    prop:value=move || {
                        current()
                            .bedrock_model
                            .unwrap_or_else(|| SUGGESTED_BEDROCK_MODELS[0].to_owned())
                    }
                    on:change=move |event| {
                        let model = event_target_value(&event);
                        save(PreferencesPatch {
                            bedrock_model: Some(Some(model).filter(|model| !model.trim().is_empty())),
                            ..PreferencesPatch::default()
                        });
                    }
                />
                <datalist id="bedrock-models">
                    {SUGGESTED_BEDROCK_MODELS
                        .into_iter()
                        .map(|model| view! { <option value=model></option> })
                        .collect::<Vec<_>>()}
                </datalist>
                <p class="note" id="bedrock-model-hint">{t("ui.coach_settings.model_hint")}</p>
            </div>
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
