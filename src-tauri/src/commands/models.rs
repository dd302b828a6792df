//! The speech models screen: list, download with progress, cancel, import through the
//! native dialog, remove, and choose the model to transcribe with.

use aira_protocol::{
    CommandError, ImportModelInput, ImportSource, InstalledModelInfo, ModelNameInput,
    ModelProgress, ModelsOutput,
};
use aira_runtime::CancellationToken;
use tauri::State;
use tauri::ipc::Channel;
use tauri_plugin_dialog::DialogExt;

use super::dialog::{Pick, pick};
use crate::state::AppState;

#[tauri::command]
pub fn list_models(state: State<'_, AppState>) -> Result<ModelsOutput, CommandError> {
    Ok(state.engine()?.models().list()?)
}

/// Downloads a catalog model, verified; progress (about ten a second, and each stage)
/// streams over `progress`. Ends with `cancelled` after [`cancel_download`].
#[tauri::command]
pub async fn download_model(
    state: State<'_, AppState>,
    input: ModelNameInput,
    progress: Channel<ModelProgress>,
) -> Result<InstalledModelInfo, CommandError> {
    let engine = state.engine()?;
    let downloaded = engine
        .models()
        .download(
            &input.name,
            move |update| deliver(&progress, update),
            CancellationToken::new(),
        )
        .await?;
    Ok(downloaded.model)
}

/// Stops a running download; what arrived is kept, so downloading again resumes.
#[tauri::command]
pub fn cancel_download(
    state: State<'_, AppState>,
    input: ModelNameInput,
) -> Result<(), CommandError> {
    if !state.engine()?.models().cancel_download(&input.name) {
        tracing::debug!(name = %input.name, "no download to cancel");
    }
    Ok(())
}

/// Lets the user pick a GGML file or a faster-whisper folder with the native dialog and
/// brings it in (a folder is converted); `None` when the dialog was cancelled.
#[tauri::command]
pub async fn import_model(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: ImportModelInput,
    progress: Channel<ModelProgress>,
) -> Result<Option<InstalledModelInfo>, CommandError> {
    let engine = state.engine()?;
    let texts = engine.catalog();
    let dialog = app.dialog().file();
    let chosen = match input.source {
        ImportSource::GgmlFile => {
            let dialog = dialog
                .set_title(texts.get("dialog.import_model.file_title"))
                .add_filter(
                    texts.get("dialog.import_model.file_filter"),
                    &["bin", "BIN"],
                );
            pick(dialog, Pick::File).await?
        }
        ImportSource::FasterWhisperFolder => {
            let dialog = dialog.set_title(texts.get("dialog.import_model.folder_title"));
            pick(dialog, Pick::Folder).await?
        }
    };
    let Some(source) = chosen else {
        return Ok(None);
    };
    let imported = engine
        .models()
        .import(source, None, move |update| deliver(&progress, update))
        .await?;
    Ok(Some(imported))
}

/// Deletes an installed model; if it was the one in use, the default is used again.
#[tauri::command]
pub fn remove_model(state: State<'_, AppState>, input: ModelNameInput) -> Result<(), CommandError> {
    state.engine()?.models().remove(&input.name)?;
    Ok(())
}

/// Transcribes with this installed model from now on, without a restart.
#[tauri::command]
pub fn use_model(
    state: State<'_, AppState>,
    input: ModelNameInput,
) -> Result<InstalledModelInfo, CommandError> {
    Ok(state.engine()?.models().use_model(&input.name)?)
}

fn deliver(progress: &Channel<ModelProgress>, update: ModelProgress) {
    if let Err(error) = progress.send(update) {
        tracing::debug!(%error, "a model progress update was not delivered");
    }
}
