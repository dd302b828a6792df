use aira_protocol::{CommandError, InputLevel, StopRecordingInput, TurnResult};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

/// Opens the microphone; input levels stream over `levels` about 20 times a second.
#[tauri::command]
pub async fn start_recording(
    state: State<'_, AppState>,
    levels: Channel<InputLevel>,
) -> Result<(), CommandError> {
    let engine = state.engine()?;
    engine
        .start_recording(move |level| {
            if let Err(error) = levels.send(level) {
                tracing::debug!(%error, "a level reading was not delivered");
            }
        })
        .await?;
    Ok(())
}

/// Stops the microphone, then transcribes, analyses, coaches and saves the answer; the
/// feedback is read aloud as it is shown.
#[tauri::command]
pub async fn stop_recording(
    state: State<'_, AppState>,
    input: StopRecordingInput,
) -> Result<TurnResult, CommandError> {
    let engine = state.engine()?;
    let question = engine.question(&input.question_id)?;
    let turn = engine.stop_recording(&question).await?;
    engine.speak_in_background(engine.feedback_speech(&turn.feedback));
    Ok(turn)
}

#[tauri::command]
pub fn cancel_recording(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.engine()?.cancel_recording();
    Ok(())
}
