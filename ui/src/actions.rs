//! Flows started from more than one screen.

use leptos::prelude::*;

use crate::i18n::t;
use crate::ipc;
use crate::state::{AppState, Screen};

/// Gets a new question and shows it on the practice screen. Returns whether it worked,
/// so the caller can re-enable its button after a failure.
pub async fn begin_practice(state: AppState) -> bool {
    begin_practice_with(state, None).await
}

/// As [`begin_practice`], with this question (a bank id, or one written about the résumé).
pub async fn begin_practice_with(state: AppState, question_id: Option<String>) -> bool {
    state.clear_error();
    state.announce(t("ui.status.choosing_question"));
    match ipc::start_practice(question_id).await {
        Ok(question) => {
            state.note_navigation();
            state.question.set(Some(question));
            state.show(Screen::Practice);
            state.announce(t("ui.status.question_ready"));
            true
        }
        Err(error) => {
            state.fail(error);
            false
        }
    }
}

/// A click handler that starts a practice, and whether one is starting. Clicks while it is
/// starting are ignored rather than the button disabled, so the button keeps keyboard focus.
pub fn start_practice_on_click(
    state: AppState,
) -> (
    impl Fn(leptos::ev::MouseEvent) + Copy + 'static,
    RwSignal<bool>,
) {
    let starting = RwSignal::new(false);
    let on_click = move |_| {
        if starting.get_untracked() {
            return;
        }
        starting.set(true);
        leptos::task::spawn_local(async move {
            if !begin_practice(state).await {
                starting.set(false);
            }
        });
    };
    (on_click, starting)
}
