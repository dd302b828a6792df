//! Tauri commands, one file per domain. Each decodes its input, calls the engine and maps
//! the error to a `CommandError`; nothing else.

pub mod history;
pub mod practice;
pub mod recording;
pub mod status;
pub mod voice;
