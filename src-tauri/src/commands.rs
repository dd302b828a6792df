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
pub mod recording;
pub mod resume;
pub mod status;
pub mod voice;
