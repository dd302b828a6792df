//! The optional time limit for an answer (Settings; off by default, so there is no time
//! limit unless the user asks for one). While recording it shows the time left, warns once
//! 20 seconds before the end, can be given another minute or turned off, and stops the
//! recording when the time is up.

use aira_protocol::InputLevel;
use leptos::prelude::*;

use crate::i18n::{t, t_with};
use crate::state::AppState;

/// Seconds left when the warning is announced.
const WARN_AT: f32 = 20.0;

#[component]
pub fn AnswerTimer(
    state: AppState,
    /// Seconds recorded so far come with each level update.
    level: RwSignal<InputLevel>,
    recording: Signal<bool>,
    on_time_up: Callback<()>,
) -> impl IntoView {
    let limit = RwSignal::new(
        state
            .current_preferences()
            .answer_timer_seconds
            .map(|s| s as f32),
    );
    let warned = StoredValue::new(false);
    let left = move || {
        limit
            .get()
            .map(|limit| (limit - level.get().seconds).max(0.0))
    };
    Effect::new(move || {
        let Some(left) = left() else { return };
        if !recording.get() {
            return;
        }
        if left <= 0.0 {
            state.announce(t("ui.timer.time_up"));
            on_time_up.run(());
        } else if left <= WARN_AT && !warned.get_value() {
            warned.set_value(true);
            state.announce(t_with(
                "ui.timer.warning",
                &[("seconds", &format!("{left:.0}"))],
            ));
        }
    });
    let shown = move || recording.get() && limit.get().is_some();
    view! {
        <Show when=shown>
            <div class="timer-panel">
                <p class="timer" id="answer-time-left">
                    {move || {
                        let seconds = left().unwrap_or(0.0) as u32;
                        t_with(
                            "ui.timer.left",
                            &[("time", &format!("{}:{:02}", seconds / 60, seconds % 60))],
                        )
                    }}
                </p>
                <div class="button-row">
                    <button
                        type="button"
                        id="timer-add-minute"
                        on:click=move |_| {
                            limit.update(|limit| *limit = limit.map(|limit| limit + 60.0));
                            warned.set_value(false);
                            state.announce(t("ui.timer.added"));
                        }
                    >
                        {t("ui.timer.add_minute")}
                    </button>
                    <button
                        type="button"
                        id="timer-off"
                        on:click=move |_| {
                            limit.set(None);
                            state.announce(t("ui.timer.turned_off"));
                        }
                    >
                        {t("ui.timer.turn_off")}
                    </button>
                </div>
            </div>
        </Show>
    }
}
