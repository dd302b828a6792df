use aira_protocol::{AppStatus, CommandError};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn app_status(state: State<'_, AppState>) -> Result<AppStatus, CommandError> {
    Ok(state.engine()?.status())
}
