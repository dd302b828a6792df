//! The voice: say, stop, pause and resume; the voices there are; and the word being heard,
//! streamed to the webview for highlighting.

use std::sync::Arc;

use aira_protocol::{
    CommandError, SpeakInput, SpokenWord, VoiceCommandOutput, VoicesOutput, phrase_id,
};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

#[tauri::command]
pub fn speak(state: State<'_, AppState>, input: SpeakInput) -> Result<(), CommandError> {
    state.engine()?.speak_in_background(input.text);
    Ok(())
}

/// Says `text` and returns when it has been said (or cut off): the voice-only interview
/// listens only after it.
#[tauri::command]
pub async fn say(state: State<'_, AppState>, input: SpeakInput) -> Result<(), CommandError> {
    let engine = state.engine()?;
    Ok(engine.speak(input.text).await?)
}

/// Listens for one voice command (voice-only mode); `listening` gets one message when the
/// microphone delivers sound.
#[tauri::command]
pub async fn listen_for_command(
    state: State<'_, AppState>,
    listening: Channel<()>,
) -> Result<VoiceCommandOutput, CommandError> {
    let engine = state.engine()?;
    let heard = engine
        .listen_for_command(move || {
            if let Err(error) = listening.send(()) {
                tracing::debug!(%error, "the listening signal was not delivered");
            }
        })
        .await?;
    Ok(heard)
}

#[tauri::command]
pub fn stop_speaking(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.engine()?.stop_speaking();
    Ok(())
}

#[tauri::command]
pub fn pause_speaking(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.engine()?.pause_speaking();
    Ok(())
}

#[tauri::command]
pub fn resume_speaking(state: State<'_, AppState>) -> Result<(), CommandError> {
    state.engine()?.resume_speaking();
    Ok(())
}

#[tauri::command]
pub async fn voices(state: State<'_, AppState>) -> Result<VoicesOutput, CommandError> {
    Ok(state.engine()?.voice().voices().await)
}

/// From now on every word, as it starts to be heard, goes to `words` (the last channel
/// given wins: a reloaded webview takes over).
#[tauri::command]
pub fn watch_spoken_words(
    state: State<'_, AppState>,
    words: Channel<SpokenWord>,
) -> Result<(), CommandError> {
    let listener = Arc::new(move |text: &str, mark: aira_protocol::WordMark| {
        let word = SpokenWord {
            phrase: phrase_id(text),
            start: mark.start,
            end: mark.end,
        };
        if let Err(error) = words.send(word) {
            tracing::debug!(%error, "the webview no longer hears spoken words");
        }
    });
    state.engine()?.voice().set_word_listener(Some(listener));
    Ok(())
}
