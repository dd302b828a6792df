//! Flows started from more than one screen.

use leptos::prelude::*;

use crate::i18n::t;
use crate::ipc;
use crate::state::{AppState, Screen};

/// Gets a new question and shows it on the practice screen. Returns whether it worked,
/// so the caller can re-enable its button after a failure.
pub async fn begin_practice(state: AppState) -> bool {
    state.clear_error();
    state.announce(t("ui.status.choosing_question"));
    match ipc::start_practice().await {
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
