use aira_protocol::{CommandError, Preferences, PreferencesPatch};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn preferences(state: State<'_, AppState>) -> Result<Preferences, CommandError> {
    Ok(state.engine()?.preferences())
}

/// Changes only the fields the patch names, saves, and returns the preferences as they
/// now stand.
#[tauri::command]
pub fn update_preferences(
    state: State<'_, AppState>,
    patch: PreferencesPatch,
) -> Result<Preferences, CommandError> {
    Ok(state.engine()?.update_preferences(patch)?)
}
