use aira_protocol::{
    CommandError, FeedbackDelta, PracticeQuestion, StartPracticeInput, SubmitAnswerFileInput,
    SubmitTypedAnswerInput, TurnResult,
};
use tauri::State;
use tauri::ipc::Channel;
use tauri_plugin_dialog::DialogExt;

use super::dialog::{Pick, pick};
use crate::state::AppState;

/// Picks the question (the one asked for, or a new one) and starts saying it aloud.
#[tauri::command]
pub fn start_practice(
    state: State<'_, AppState>,
    input: StartPracticeInput,
) -> Result<PracticeQuestion, CommandError> {
    let engine = state.engine()?;
    let question = match input.question_id {
        Some(id) => engine.question(&id)?,
        None => engine.next_question(),
    };
    engine.speak_along(question.text.clone());
    Ok(question.to_practice_question())
}

/// Asks for an audio file with the native dialog and coaches it, reading the feedback
/// aloud; `None` when cancelled. A streaming coach's text goes over `feedback`.
/// The webview never sees a path: the file is chosen and read on this side.
#[tauri::command]
pub async fn submit_answer_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: SubmitAnswerFileInput,
    feedback: Channel<FeedbackDelta>,
) -> Result<Option<TurnResult>, CommandError> {
    let engine = state.engine()?;
    let question = engine.question(&input.question_id)?;
    let dialog = app.dialog().file().add_filter(
        "Audio",
        &[
            "wav", "mp3", "m4a", "aac", "mp4", "ogg", "oga", "flac", "WAV", "MP3", "M4A", "OGG",
            "FLAC",
        ],
    );
    let Some(path) = pick(dialog, Pick::File).await? else {
        return Ok(None);
    };
    let progress = super::forward_feedback(feedback);
    let turn = engine
        .practice_file(&question, &path, Some(&progress))
        .await?;
    engine.speak_along(engine.feedback_speech(&turn.feedback));
    Ok(Some(turn))
}

/// Coaches an answer typed instead of spoken, reading the feedback aloud; a streaming
/// coach's text goes over `feedback` as it is written.
#[tauri::command]
pub async fn submit_typed_answer(
    state: State<'_, AppState>,
    input: SubmitTypedAnswerInput,
    feedback: Channel<FeedbackDelta>,
) -> Result<TurnResult, CommandError> {
    let engine = state.engine()?;
    let question = engine.question(&input.question_id)?;
    let progress = super::forward_feedback(feedback);
    let turn = engine
        .practice_typed(&question, &input.text, Some(&progress))
        .await?;
    engine.speak_along(engine.feedback_speech(&turn.feedback));
    Ok(turn)
}
