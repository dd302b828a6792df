use aira_protocol::{AwsProfilesOutput, CommandError, Preferences, PreferencesPatch};
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

/// The profiles in the user's AWS files, for the AWS settings.
#[tauri::command]
pub async fn aws_profiles(state: State<'_, AppState>) -> Result<AwsProfilesOutput, CommandError> {
    Ok(state.engine()?.aws_profiles().await)
}
