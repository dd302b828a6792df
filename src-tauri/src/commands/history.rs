use aira_protocol::{CommandError, HistoryInput, HistoryOutput};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn history(
    state: State<'_, AppState>,
    input: HistoryInput,
) -> Result<HistoryOutput, CommandError> {
    Ok(HistoryOutput {
        turns: state.engine()?.history(input.limit).await?,
    })
}
