//! The native file dialog, awaited. Files are chosen on this side and never named by the
//! webview, so a page can only reach files the user picked.

use std::path::PathBuf;

use aira_protocol::{CommandError, ErrorCode};
use tauri::Runtime;
use tauri_plugin_dialog::{FileDialogBuilder, FilePath};

pub enum Pick {
    File,
    Folder,
}

/// Opens `dialog` for a file or a folder; `None` when the user cancels.
pub async fn pick<R: Runtime>(
    dialog: FileDialogBuilder<R>,
    what: Pick,
) -> Result<Option<PathBuf>, CommandError> {
    let (chosen, picked) = tokio::sync::oneshot::channel();
    let deliver = move |path: Option<FilePath>| {
        if chosen.send(path).is_err() {
            tracing::warn!("the choice arrived after the request was dropped");
        }
    };
    match what {
        Pick::File => dialog.pick_file(deliver),
        Pick::Folder => dialog.pick_folder(deliver),
    }
    let Some(path) = picked.await.ok().flatten() else {
        return Ok(None);
    };
    path.into_path()
        .map(Some)
        .map_err(|error| CommandError::new(ErrorCode::FileNotFound, error.to_string()))
}
