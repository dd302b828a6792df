use aira_protocol::{
    CommandError, SessionIdInput, StartAfreshOutput, UnfinishedSession, UnfinishedSessionsOutput,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn unfinished_sessions(
    state: State<'_, AppState>,
) -> Result<UnfinishedSessionsOutput, CommandError> {
    let sessions = state.engine()?.unfinished_sessions().await?;
    Ok(UnfinishedSessionsOutput {
        sessions: sessions
            .into_iter()
            .map(|session| UnfinishedSession {
                id: session.id,
                started_at: session.started_at,
                answers: session.turns,
            })
            .collect(),
    })
}

#[tauri::command]
pub async fn continue_session(
    state: State<'_, AppState>,
    input: SessionIdInput,
) -> Result<(), CommandError> {
    Ok(state.engine()?.continue_session(&input.id).await?)
}

#[tauri::command]
pub async fn set_aside_session(
    state: State<'_, AppState>,
    input: SessionIdInput,
) -> Result<(), CommandError> {
    Ok(state.engine()?.set_aside_session(&input.id).await?)
}

#[tauri::command]
pub async fn start_afresh(state: State<'_, AppState>) -> Result<StartAfreshOutput, CommandError> {
    Ok(StartAfreshOutput {
        backup: state.start_afresh().await?,
    })
}
