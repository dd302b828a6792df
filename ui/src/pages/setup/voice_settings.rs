//! Which voice speaks questions and feedback: a local voice, Amazon Polly, or Polly when it
//! works; which voice of each; how fast and how loud. Each change is saved at once and
//! announced; the voices are those the backend finds (Polly's only with AWS credentials).

use aira_protocol::{EnginePolicy, PreferencesPatch, VoiceInfo, VoicesOutput};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, t_with};
use crate::ipc;
use crate::preferences::remembered_preferences;
use crate::state::AppState;

#[component]
pub fn VoiceSettings(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let current = move || preferences.get().unwrap_or_default();
    let voices = RwSignal::new(None::<VoicesOutput>);
    spawn_local(async move {
        match ipc::voices().await {
            Ok(listed) => voices.set(Some(listed)),
            Err(error) => state.fail(error),
        }
    });
    let listed = move |local: bool| -> Vec<VoiceInfo> {
        voices
            .get()
            .map(|output| output.voices)
            .unwrap_or_default()
            .into_iter()
            .filter(|voice| voice.engine.is_local() == local)
            .collect()
    };
    let options = move |local: bool, chosen: Option<String>| {
        let mut options = vec![view! {
            <option value=String::new() selected=chosen.is_none()>
                {t("ui.voice_settings.default_voice")}
            </option>
        }];
        options.extend(listed(local).into_iter().map(|voice| {
            let selected = chosen.as_deref() == Some(voice.id.as_str());
            let label = format!(
                "{} — {} ({})",
                voice.name, voice.language_name, voice.language
            );
            view! {
                <option value=voice.id selected=selected>
                    {label}
                </option>
            }
        }));
        options
    };
    let chosen_voice = |event: &leptos::ev::Event| {
        Some(Some(event_target_value(event)).filter(|id| !id.is_empty()))
    };

    view! {
        <section class="settings" aria-labelledby="voice-settings-heading">
            <h2 id="voice-settings-heading">{t("ui.voice_settings.heading")}</h2>
            <fieldset class="field">
                <legend>{t("ui.voice_settings.engine")}</legend>
                {EnginePolicy::ALL
                    .into_iter()
                    .map(|policy| {
                        let id = format!("voice-engine-{}", policy.as_str());
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="voice-engine"
                                    id=id.clone()
                                    value=policy.as_str()
                                    prop:checked=move || current().voice_engine == policy
                                    on:change=move |_| {
                                        save(PreferencesPatch {
                                            voice_engine: Some(policy),
                                            ..PreferencesPatch::default()
                                        })
                                    }
                                />
                                <label for=id>
                                    {t(&format!("ui.voice_settings.engine.{}", policy.as_str()))}
                                </label>
                            </div>
                        }
                    })
                    .collect::<Vec<_>>()}
            </fieldset>
            <div class="field">
                <label for="local-voice">{t("ui.voice_settings.local_voice")}</label>
                <select
                    id="local-voice"
                    on:change=move |event| {
                        save(PreferencesPatch {
                            local_voice: chosen_voice(&event),
                            ..PreferencesPatch::default()
                        })
                    }
                >
                    {move || options(true, current().local_voice)}
                </select>
            </div>
            <div class="field">
                <label for="cloud-voice">{t("ui.voice_settings.cloud_voice")}</label>
                <select
                    id="cloud-voice"
                    aria-describedby="cloud-voice-note"
                    on:change=move |event| {
                        save(PreferencesPatch {
                            cloud_voice: chosen_voice(&event),
                            ..PreferencesPatch::default()
                        })
                    }
                >
                    {move || options(false, current().cloud_voice)}
                </select>
                <p class="note" id="cloud-voice-note">
                    {move || {
                        let reasons = voices
                            .get()
                            .map(|output| output.unavailable.join(" "))
                            .unwrap_or_default();
                        if listed(false).is_empty() && !reasons.is_empty() {
                            t_with("ui.voice_settings.cloud_unavailable", &[("reason", &reasons)])
                        } else {
                            t("ui.voice_settings.cloud_note")
                        }
                    }}
                </p>
            </div>
            <div class="field">
                <label for="speech-rate">{t("ui.voice_settings.rate")}</label>
                <input
                    type="range"
                    id="speech-rate"
                    min="0.5"
                    max="2"
                    step="0.1"
                    prop:value=move || current().speech_rate.to_string()
                    aria-valuetext=move || {
                        t_with(
                            "ui.voice_settings.rate_value",
                            &[("rate", &format!("{:.1}", current().speech_rate))],
                        )
                    }
                    on:change=move |event| {
                        if let Ok(rate) = event_target_value(&event).parse::<f32>() {
                            save(PreferencesPatch {
                                speech_rate: Some(rate),
                                ..PreferencesPatch::default()
                            });
                        }
                    }
                />
            </div>
            <div class="field">
                <label for="speech-volume">{t("ui.voice_settings.volume")}</label>
                <input
                    type="range"
                    id="speech-volume"
                    min="0"
                    max="100"
                    step="5"
                    prop:value=move || ((current().speech_volume * 100.0).round() as u32).to_string()
                    aria-valuetext=move || {
                        t_with(
                            "ui.voice_settings.volume_value",
                            &[("percent", &format!("{:.0}", current().speech_volume * 100.0))],
                        )
                    }
                    on:change=move |event| {
                        if let Ok(percent) = event_target_value(&event).parse::<f32>() {
                            save(PreferencesPatch {
                                speech_volume: Some(percent / 100.0),
                                ..PreferencesPatch::default()
                            });
                        }
                    }
                />
            </div>
        </section>
    }
}
