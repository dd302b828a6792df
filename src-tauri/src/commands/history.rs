//! The History and Progress screens: turns and sessions listed and shown, recordings
//! played back, sessions or everything deleted, progress over time.

use aira_protocol::{
    CommandError, DeletedOutput, HistoryInput, HistoryOutput, PlayRecordingInput,
    PlayRecordingOutput, ProgressInput, ProgressOutput, QuestionCategoriesOutput, SessionInput,
    SessionOutput, SessionsInput, SessionsOutput,
};
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

#[tauri::command]
pub async fn sessions(
    state: State<'_, AppState>,
    input: SessionsInput,
) -> Result<SessionsOutput, CommandError> {
    Ok(state
        .engine()?
        .sessions_page(&input.filter, input.offset, input.limit)
        .await?)
}

#[tauri::command]
pub async fn session(
    state: State<'_, AppState>,
    input: SessionInput,
) -> Result<SessionOutput, CommandError> {
    Ok(state.engine()?.session_view(&input.id).await?)
}

#[tauri::command]
pub async fn delete_session(
    state: State<'_, AppState>,
    input: SessionInput,
) -> Result<DeletedOutput, CommandError> {
    let deleted = state.engine()?.delete_session(&input.id).await?;
    Ok(DeletedOutput::from(&deleted))
}

#[tauri::command]
pub async fn delete_all_data(state: State<'_, AppState>) -> Result<DeletedOutput, CommandError> {
    let deleted = state.engine()?.delete_all_data().await?;
    Ok(DeletedOutput::from(&deleted))
}

/// Stopped with `stop_speaking`: the recording plays through the voice's player.
#[tauri::command]
pub async fn play_recording(
    state: State<'_, AppState>,
    input: PlayRecordingInput,
) -> Result<PlayRecordingOutput, CommandError> {
    Ok(PlayRecordingOutput {
        seconds: state.engine()?.play_recording(input.turn_id).await?,
    })
}

#[tauri::command]
pub fn question_categories(
    state: State<'_, AppState>,
) -> Result<QuestionCategoriesOutput, CommandError> {
    Ok(state.engine()?.question_categories())
}

#[tauri::command]
pub async fn progress(
    state: State<'_, AppState>,
    input: ProgressInput,
) -> Result<ProgressOutput, CommandError> {
    Ok(ProgressOutput {
        sessions: state.engine()?.progress(&input.filter).await?,
    })
}
