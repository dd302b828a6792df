//! The user's preferences as the settings sections on Home share them: loaded once per
//! section, and saved (then announced) on every change.

use aira_protocol::{Preferences, PreferencesPatch};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::t;
use crate::ipc;
use crate::state::AppState;

/// The preferences (`None` until loaded) and a saver that applies a patch, keeps what the
/// backend saved, and announces it.
pub fn remembered_preferences(
    state: AppState,
) -> (
    RwSignal<Option<Preferences>>,
    impl Fn(PreferencesPatch) + Copy + 'static,
) {
    let preferences = RwSignal::new(None::<Preferences>);
    spawn_local(async move {
        match ipc::preferences().await {
            Ok(loaded) => preferences.set(Some(loaded)),
            Err(error) => state.fail(error),
        }
    });
    let save = move |patch: PreferencesPatch| {
        spawn_local(async move {
            match ipc::update_preferences(patch).await {
                Ok(saved) => {
                    preferences.set(Some(saved));
                    state.announce(t("ui.settings.saved"));
                }
                Err(error) => state.fail(error),
            }
        });
    };
    (preferences, save)
}
