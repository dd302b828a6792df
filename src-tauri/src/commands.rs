//! Tauri commands, one file per domain. Each decodes its input, calls the engine and maps
//! the error to a `CommandError`; nothing else.

// `#[tauri::command]` expands async commands into code with a `let _ =` on a `Result`;
// the rule still holds for everything written by hand here.
#![allow(clippy::let_underscore_must_use)]

pub mod coaching;
mod dialog;
pub mod history;
pub mod models;
pub mod practice;
pub mod preferences;
pub mod profiles;
pub mod recording;
pub mod recovery;
pub mod resume;
pub mod status;
pub mod voice;

/// Sends a streaming coach's text to the webview as it is written; a piece that cannot be
/// delivered (the page moved on) is only logged.
pub(crate) fn forward_feedback(
    channel: tauri::ipc::Channel<aira_protocol::FeedbackDelta>,
) -> impl Fn(aira_protocol::FeedbackDelta) + Send + Sync {
    move |delta| {
        if let Err(error) = channel.send(delta) {
            tracing::debug!(%error, "a piece of feedback text was not delivered");
        }
    }
}
