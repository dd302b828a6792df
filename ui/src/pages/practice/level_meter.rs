use aira_protocol::InputLevel;
use leptos::prelude::*;

use crate::format::level_percent;
use crate::i18n::{t, t_with};

/// Shows that the microphone hears something. `role="meter"` is not a live region, so
/// twenty updates a second reach the screen without flooding a screen reader.
#[component]
pub fn LevelMeter(level: RwSignal<InputLevel>) -> impl IntoView {
    let percent = move || level_percent(level.get().rms);
    let seconds = move || {
        let whole_seconds = level.get().seconds.max(0.0).floor().to_string();
        t_with(
            "ui.practice.seconds_recorded",
            &[("seconds", &whole_seconds)],
        )
    };
    view! {
        <div class="recording-panel">
            <div
                id="level-meter"
                class="level-meter"
                role="meter"
                aria-label=t("ui.practice.level_label")
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || percent().to_string()
            >
                <div class="level-fill" style:width=move || format!("{}%", percent())></div>
            </div>
            <p id="recording-seconds" class="recording-seconds">
                {seconds}
            </p>
        </div>
    }
}
