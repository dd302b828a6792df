//! The recording choices Aira remembers: microphone, how recording stops, the pause that
//! ends an answer, whisper's threads, and how long recordings are kept. Each change is saved at once and announced.

use aira_protocol::{InputDevicesOutput, PreferencesPatch, RecordingMode};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, t_with};
use crate::ipc;
use crate::preferences::remembered_preferences;
use crate::state::AppState;

const MODES: [(RecordingMode, &str, &str); 3] = [
    (
        RecordingMode::AutoStop,
        "auto_stop",
        "ui.settings.mode.auto_stop",
    ),
    (RecordingMode::Toggle, "toggle", "ui.settings.mode.toggle"),
    (
        RecordingMode::PushToTalk,
        "push_to_talk",
        "ui.settings.mode.push_to_talk",
    ),
];

#[component]
pub fn RecordingSettings(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let devices = RwSignal::new(None::<InputDevicesOutput>);
    spawn_local(async move {
        match ipc::list_input_devices().await {
            Ok(listed) => devices.set(Some(listed)),
            Err(error) => state.fail(error),
        }
    });

    let device_options = move || {
        let listed = devices.get()?;
        let chosen = listed.chosen.clone().unwrap_or_default();
        let options = listed
            .devices
            .into_iter()
            .map(|device| {
                let label = if device.is_default {
                    t_with("ui.settings.default_device", &[("name", &device.name)])
                } else {
                    device.name.clone()
                };
                let selected = device.id == chosen;
                view! { <option value=device.id selected=selected>{label}</option> }
            })
            .collect::<Vec<_>>();
        Some(options)
    };
    let no_devices =
        move || devices.with(|listed| listed.as_ref().is_some_and(|l| l.devices.is_empty()));
    let current = move || preferences.get().unwrap_or_default();

    view! {
        <section class="settings" aria-labelledby="recording-settings-heading">
            <h2 id="recording-settings-heading">{t("ui.settings.heading")}</h2>
            <div class="field">
                <label for="input-device">{t("ui.settings.microphone")}</label>
                <select
                    id="input-device"
                    on:change=move |event| {
                        let id = event_target_value(&event);
                        save(PreferencesPatch {
                            input_device: Some(Some(id).filter(|id| !id.is_empty())),
                            ..PreferencesPatch::default()
                        });
                    }
                >
                    <option value="" selected=move || current().input_device.is_none()>
                        {t("ui.settings.system_default")}
                    </option>
                    {device_options}
                </select>
                <Show when=no_devices>
                    <p class="note">{t("ui.settings.no_devices")}</p>
                </Show>
            </div>
            <fieldset class="field">
                <legend>{t("ui.settings.mode")}</legend>
                {MODES
                    .iter()
                    .map(|&(mode, value, key)| {
                        let id = format!("recording-mode-{value}");
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="recording-mode"
                                    id=id.clone()
                                    value=value
                                    prop:checked=move || current().recording_mode == mode
                                    on:change=move |_| {
                                        save(PreferencesPatch {
                                            recording_mode: Some(mode),
                                            ..PreferencesPatch::default()
                                        })
                                    }
                                />
                                <label for=id>{t(key)}</label>
                            </div>
                        }
                    })
                    .collect::<Vec<_>>()}
            </fieldset>
            <div class="field">
                <label for="auto-stop-seconds">{t("ui.settings.silence")}</label>
                <input
                    type="number"
                    id="auto-stop-seconds"
                    min="1"
                    max="10"
                    step="0.5"
                    prop:value=move || current().auto_stop_silence_seconds.to_string()
                    on:change=move |event| {
                        if let Ok(seconds) = event_target_value(&event).parse::<f32>() {
                            save(PreferencesPatch {
                                auto_stop_silence_seconds: Some(seconds),
                                ..PreferencesPatch::default()
                            });
                        }
                    }
                />
            </div>
            <div class="field">
                <label for="whisper-threads">{t("ui.settings.threads")}</label>
                <select
                    id="whisper-threads"
                    on:change=move |event| {
                        let threads = event_target_value(&event).parse::<u32>().ok();
                        save(PreferencesPatch {
                            whisper_threads: Some(threads),
                            ..PreferencesPatch::default()
                        });
                    }
                >
                    <option value="" selected=move || current().whisper_threads.is_none()>
                        {t("ui.settings.threads_automatic")}
                    </option>
                    {[1_u32, 2, 4, 8]
                        .into_iter()
                        .map(|count| {
                            view! {
                                <option
                                    value=count.to_string()
                                    selected=move || current().whisper_threads == Some(count)
                                >
                                    {count.to_string()}
                                </option>
                            }
                        })
                        .collect::<Vec<_>>()}
                </select>
            </div>
            <div class="field">
                <label for="audio-retention">{t("ui.settings.retention")}</label>
                <select
                    id="audio-retention"
                    aria-describedby="audio-retention-note"
                    on:change=move |event| {
                        let days = event_target_value(&event).parse::<u32>().ok();
                        save(PreferencesPatch {
                            audio_retention_days: Some(days),
                            ..PreferencesPatch::default()
                        });
                    }
                >
                    {[7_u32, 30, 90, 365]
                        .into_iter()
                        .map(|days| {
                            view! {
                                <option
                                    value=days.to_string()
                                    selected=move || current().audio_retention_days == Some(days)
                                >
                                    {t_with("ui.settings.retention_days", &[("days", &days.to_string())])}
                                </option>
                            }
                        })
                        .collect::<Vec<_>>()}
                    <option value="" selected=move || current().audio_retention_days.is_none()>
                        {t("ui.settings.retention_forever")}
                    </option>
                </select>
                <p class="note" id="audio-retention-note">{t("ui.settings.retention_note")}</p>
            </div>
        </section>
    }
}
