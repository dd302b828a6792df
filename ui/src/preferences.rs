//! The user's preferences as every settings section shares them: read once for the app
//! (see `main.rs`), saved and announced on every change. Saving updates the one shared copy,
//! so the language, theme and text size follow at once.

use aira_protocol::{Preferences, PreferencesPatch};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::t;
use crate::ipc;
use crate::state::AppState;

/// The preferences (`None` until read) and a saver that applies a patch, keeps what the
/// backend saved, and announces it.
pub fn remembered_preferences(
    state: AppState,
) -> (
    RwSignal<Option<Preferences>>,
    impl Fn(PreferencesPatch) + Copy + 'static,
) {
    let preferences = state.preferences;
    if preferences.get_untracked().is_none() {
        spawn_local(async move {
            match ipc::preferences().await {
                Ok(loaded) => preferences.set(Some(loaded)),
                Err(error) => state.fail(error),
            }
        });
    }
    let save =
        move |patch: PreferencesPatch| save_preferences(state, patch, t("ui.settings.saved"));
    (preferences, save)
}

/// Saves `patch`, then announces `done` (already in the language the patch may choose).
pub fn save_preferences(state: AppState, patch: PreferencesPatch, done: String) {
    spawn_local(async move {
        match ipc::update_preferences(patch).await {
            Ok(saved) => {
                state.preferences.set(Some(saved));
                state.announce(done);
            }
            Err(error) => state.fail(error),
        }
    });
}
