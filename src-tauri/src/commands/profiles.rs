use aira_protocol::{CommandError, ProfileInfo, ProfileNameInput, ProfilesOutput};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn profiles(state: State<'_, AppState>) -> Result<ProfilesOutput, CommandError> {
    Ok(state.engine()?.profiles().await?)
}

#[tauri::command]
pub async fn add_profile(
    state: State<'_, AppState>,
    input: ProfileNameInput,
) -> Result<ProfileInfo, CommandError> {
    Ok(state.engine()?.add_profile(&input.name).await?)
}

#[tauri::command]
pub async fn use_profile(
    state: State<'_, AppState>,
    input: ProfileNameInput,
) -> Result<ProfileInfo, CommandError> {
    Ok(state.engine()?.use_profile(&input.name).await?)
}
