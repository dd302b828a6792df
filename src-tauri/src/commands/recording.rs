use aira_protocol::{
    CommandError, FeedbackDelta, InputDevicesOutput, RecordingUpdate, StartRecordingInput,
    StartRecordingOutput, StopRecordingInput, TurnResult,
};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

/// The microphones present now, and the remembered choice.
#[tauri::command]
pub async fn list_input_devices(
    state: State<'_, AppState>,
) -> Result<InputDevicesOutput, CommandError> {
    Ok(state.engine()?.input_devices().await?)
}

/// Opens the microphone for an answer. Levels (about 20 a second), the words heard so far,
/// and the moments to stop (silence, length limit, lost device) stream over `updates`.
#[tauri::command]
pub async fn start_recording(
    state: State<'_, AppState>,
    input: StartRecordingInput,
    updates: Channel<RecordingUpdate>,
) -> Result<StartRecordingOutput, CommandError> {
    let engine = state.engine()?;
    let question = engine.question(&input.question_id)?;
    let opened = engine
        .start_recording(&question, move |update| {
            if let Err(error) = updates.send(update) {
                tracing::debug!(%error, "a recording update was not delivered");
            }
        })
        .await?;
    Ok(opened)
}

#[tauri::command]
pub async fn pause_recording(state: State<'_, AppState>) -> Result<(), CommandError> {
    Ok(state.engine()?.pause_recording().await?)
}

#[tauri::command]
pub async fn resume_recording(state: State<'_, AppState>) -> Result<(), CommandError> {
    Ok(state.engine()?.resume_recording().await?)
}

/// Stops the microphone, then finishes the transcript, analyses, coaches and saves the
/// answer; the feedback is read aloud as it is shown. A streaming coach's text goes over
/// `feedback` as it is written.
#[tauri::command]
pub async fn stop_recording(
    state: State<'_, AppState>,
    input: StopRecordingInput,
    feedback: Channel<FeedbackDelta>,
) -> Result<TurnResult, CommandError> {
    let engine = state.engine()?;
    let question = engine.question(&input.question_id)?;
    let progress = super::forward_feedback(feedback);
    let turn = engine.stop_recording(&question, Some(&progress)).await?;
    engine.speak_along(engine.feedback_speech(&turn.feedback));
    Ok(turn)
}

#[tauri::command]
pub fn cancel_recording(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.engine()?.cancel_recording();
    Ok(())
}
