use aira_protocol::{CommandError, SpeakInput};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn speak(state: State<'_, AppState>, input: SpeakInput) -> Result<(), CommandError> {
    state.engine()?.speak_in_background(input.text);
    Ok(())
}

#[tauri::command]
pub fn stop_speaking(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.engine()?.stop_speaking();
    Ok(())
}
