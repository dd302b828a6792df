//! The AWS account the cloud engines use: a profile from the user's AWS files, a region,
//! and the Bedrock model. Aira keeps no keys of its own: the profile says where they are.
//! Each change is saved at once, announced, and used from the next cloud call on.

use aira_protocol::{
    AwsProfilesOutput, PreferencesPatch, SUGGESTED_AWS_REGIONS, SUGGESTED_BEDROCK_MODELS,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, t_with};
use crate::ipc;
use crate::preferences::remembered_preferences;
use crate::state::AppState;

#[component]
pub fn AwsAccount(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let current = move || preferences.get().unwrap_or_default();
    let found = RwSignal::new(None::<AwsProfilesOutput>);
    spawn_local(async move {
        match ipc::aws_profiles().await {
            Ok(listed) => found.set(Some(listed)),
            Err(error) => state.fail(error),
        }
    });
    // The chosen profile is offered even when the files no longer have it, marked so.
    let profile_choices = move || {
        let listed = found.get().map(|found| found.profiles).unwrap_or_default();
        let mut choices: Vec<(String, String)> = listed
            .iter()
            .map(|name| (name.clone(), name.clone()))
            .collect();
        if let Some(chosen) = current().aws_profile
            && !listed.contains(&chosen)
        {
            let label = t_with("ui.aws.profile.missing", &[("name", &chosen)]);
            choices.push((chosen, label));
        }
        choices
    };
    let region_choices = move || {
        let mut choices: Vec<(String, String)> = SUGGESTED_AWS_REGIONS
            .into_iter()
            .map(|region| (region.to_owned(), t(&format!("ui.aws.region.{region}"))))
            .collect();
        if let Some(chosen) = current().aws_region
            && !SUGGESTED_AWS_REGIONS.contains(&chosen.as_str())
        {
            choices.push((chosen.clone(), chosen));
        }
        choices
    };
    let chosen_name = |name: String| Some(Some(name).filter(|name| !name.is_empty()));

    view! {
        <section class="settings" aria-labelledby="aws-heading">
            <h2 id="aws-heading">{t("ui.aws.heading")}</h2>
            <p class="note" id="aws-keys-note">{t("ui.aws.keys")}</p>
            <div class="field">
                <label for="aws-profile">{t("ui.aws.profile")}</label>
                <select
                    id="aws-profile"
                    aria-describedby="aws-profile-hint"
                    on:change=move |event| {
                        save(PreferencesPatch {
                            aws_profile: chosen_name(event_target_value(&event)),
                            ..PreferencesPatch::default()
                        })
                    }
                >
                    <option value="" selected=move || current().aws_profile.is_none()>
                        {t("ui.aws.profile.standard")}
                    </option>
                    {move || {
                        profile_choices()
                            .into_iter()
                            .map(|(name, label)| {
                                let value = name.clone();
                                view! {
                                    <option
                                        value=value
                                        selected=move || current().aws_profile.as_deref() == Some(name.as_str())
                                    >
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <p class="note" id="aws-profile-hint">
                    {move || match found.get() {
                        Some(AwsProfilesOutput { unreadable: Some(reason), .. }) => {
                            t_with("ui.aws.profile.unreadable", &[("reason", &reason)])
                        }
                        Some(found) if found.profiles.is_empty() => t("ui.aws.profile.none"),
                        _ => t("ui.aws.profile.hint"),
                    }}
                </p>
            </div>
            <div class="field">
                <label for="aws-region">{t("ui.aws.region")}</label>
                <select
                    id="aws-region"
                    aria-describedby="aws-region-hint"
                    on:change=move |event| {
                        save(PreferencesPatch {
                            aws_region: chosen_name(event_target_value(&event)),
                            ..PreferencesPatch::default()
                        })
                    }
                >
                    <option value="" selected=move || current().aws_region.is_none()>
                        {t("ui.aws.region.standard")}
                    </option>
                    {move || {
                        region_choices()
                            .into_iter()
                            .map(|(region, label)| {
                                let value = region.clone();
                                view! {
                                    <option
                                        value=value
                                        selected=move || current().aws_region.as_deref() == Some(region.as_str())
                                    >
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
                <p class="note" id="aws-region-hint">{t("ui.aws.region.hint")}</p>
            </div>
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
                        save(PreferencesPatch {
                            bedrock_model: chosen_name(event_target_value(&event).trim().to_owned()),
                            ..PreferencesPatch::default()
                        });
                    }
                />
                <datalist id="bedrock-models">
                    {SUGGESTED_BEDROCK_MODELS
                        .into_iter()
                        .map(|model| view! { <option value=model></option> })
                        .collect_view()}
                </datalist>
                <p class="note" id="bedrock-model-hint">{t("ui.coach_settings.model_hint")}</p>
            </div>
        </section>
    }
}
