//! Answers coached offline that wait for Amazon Bedrock, a button to coach them now, and
//! what the cloud coach has used (this session and in all).

use aira_protocol::{CoachingQueueOutput, TokenUsage};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;

#[component]
pub fn CoachingQueue(state: AppState) -> impl IntoView {
    let queue = RwSignal::new(None::<CoachingQueueOutput>);
    let refresh = move || {
        spawn_local(async move {
            match ipc::coaching_queue().await {
                Ok(loaded) => queue.set(Some(loaded)),
                Err(error) => state.fail(error),
            }
        });
    };
    refresh();
    let working = RwSignal::new(false);
    let recoach = move |_| {
        if working.get_untracked() {
            return;
        }
        working.set(true);
        state.clear_error();
        state.announce(t("ui.coach_queue.working"));
        spawn_local(async move {
            match ipc::recoach_queued().await {
                Ok(outcome) => state.announce(t_with(
                    "ui.coach_queue.done",
                    &[
                        ("coached", &outcome.coached.to_string()),
                        ("remaining", &outcome.remaining.to_string()),
                    ],
                )),
                Err(error) => state.fail(error),
            }
            working.set(false);
            refresh();
        });
    };
    move || {
        queue.get().map(|queue| {
            let waiting = (queue.waiting > 0).then(|| {
                view! {
                    <p id="coach-queue-waiting">
                        {t_with("ui.coach_queue.waiting", &[("count", &queue.waiting.to_string())])}
                    </p>
                    <button
                        type="button"
                        id="recoach-now"
                        aria-disabled=move || working.get().then_some("true")
                        on:click=recoach
                    >
                        {t("ui.coach_queue.recoach")}
                    </button>
                }
            });
            view! {
                {waiting}
                <p id="coach-usage-totals" class="note">
                    {t_with(
                        "ui.coach_queue.usage",
                        &[
                            ("session", &usage(&queue.session_usage)),
                            ("total", &usage(&queue.total_usage)),
                        ],
                    )}
                </p>
            }
        })
    }
}

fn usage(usage: &TokenUsage) -> String {
    t_with(
        "feedback.usage",
        &[
            ("input", &usage.input_tokens.to_string()),
            ("output", &usage.output_tokens.to_string()),
            ("cost", &format!("{:.4}", usage.estimated_cost_usd)),
        ],
    )
}
