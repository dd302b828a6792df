//! Voice-only mode (a whole interview by ear and voice), single-key shortcuts, and the
//! optional answer timer (off by default: no time limit).

use aira_protocol::PreferencesPatch;
use leptos::prelude::*;

use crate::i18n::{t, t_with};
use crate::preferences::remembered_preferences;
use crate::state::AppState;

/// Timer lengths offered, in seconds; 0 is off.
const TIMER_CHOICES: [u32; 5] = [0, 60, 120, 180, 300];

#[component]
pub fn EyesFree(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let current = move || preferences.get().unwrap_or_default();
    view! {
        <section class="settings" aria-labelledby="eyes-free-heading">
            <h2 id="eyes-free-heading">{t("ui.eyes_free.heading")}</h2>
            <div class="choice">
                <input
                    type="checkbox"
                    id="voice-only"
                    aria-describedby="voice-only-note"
                    prop:checked=move || current().voice_only
                    on:change=move |event| {
                        save(PreferencesPatch {
                            voice_only: Some(event_target_checked(&event)),
                            ..PreferencesPatch::default()
                        })
                    }
                />
                <label for="voice-only">{t("ui.eyes_free.voice_only")}</label>
            </div>
            <p class="note" id="voice-only-note">{t("ui.eyes_free.voice_only_note")}</p>
            <div class="choice">
                <input
                    type="checkbox"
                    id="single-key-shortcuts"
                    aria-describedby="single-key-note"
                    prop:checked=move || current().single_key_shortcuts
                    on:change=move |event| {
                        save(PreferencesPatch {
                            single_key_shortcuts: Some(event_target_checked(&event)),
                            ..PreferencesPatch::default()
                        })
                    }
                />
                <label for="single-key-shortcuts">{t("ui.eyes_free.single_keys")}</label>
            </div>
            <p class="note" id="single-key-note">{t("ui.eyes_free.single_keys_note")}</p>
            <div class="field">
                <label for="answer-timer">{t("ui.eyes_free.timer")}</label>
                <select
                    id="answer-timer"
                    on:change=move |event| {
                        let seconds = event_target_value(&event).parse::<u32>().unwrap_or(0);
                        save(PreferencesPatch {
                            answer_timer_seconds: Some(Some(seconds).filter(|seconds| *seconds > 0)),
                            ..PreferencesPatch::default()
                        })
                    }
                >
                    {TIMER_CHOICES
                        .into_iter()
                        .map(|seconds| {
                            let text = if seconds == 0 {
                                t("ui.eyes_free.timer_off")
                            } else {
                                t_with(
                                    "ui.eyes_free.timer_minutes",
                                    &[("minutes", &(seconds / 60).to_string())],
                                )
                            };
                            view! {
                                <option
                                    value=seconds.to_string()
                                    selected=move || {
                                        current().answer_timer_seconds.unwrap_or(0) == seconds
                                    }
                                >
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </section>
    }
}
