//! Loading ONNX Runtime from a shared library the user points to. `ort` keeps one runtime
//! per process and never unloads it, so loading is done once, remembered here, and later
//! voices (or tests in the same process) reuse it.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use aira_core::ports::SpeakError;

/// The library ONNX Runtime was loaded from, once it has been.
static LOADED_FROM: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Loads ONNX Runtime from `library` unless it is already loaded from that same file.
pub fn ensure_loaded(library: &Path) -> Result<(), SpeakError> {
    // Held while loading, so two voices loading at once cannot both try.
    let mut loaded_from = LOADED_FROM.lock().unwrap_or_else(PoisonError::into_inner);
    if !library.is_file() {
        return Err(SpeakError::Unavailable(format!(
            "ONNX Runtime was not found at {}: {}",
            library.display(),
            WHERE_TO_GET_IT
        )));
    }
    let wanted = canonical(library);
    if let Some(loaded) = loaded_from.as_ref() {
        return if *loaded == wanted {
            Ok(())
        } else {
            Err(SpeakError::Unavailable(format!(
                "ONNX Runtime is already loaded from {} and cannot be replaced by {} \
                 while Aira runs: restart Aira to use the other one",
                loaded.display(),
                library.display()
            )))
        };
    }
    let environment = ort::init_from(&wanted).map_err(|error| {
        SpeakError::Unavailable(format!(
            "could not load ONNX Runtime from {}: {error}. {WHERE_TO_GET_IT}",
            library.display()
        ))
    })?;
    // False only if another part of the process configured ort first; its settings apply.
    if !environment.with_name("aira").commit() {
        tracing::debug!("ONNX Runtime's environment was already configured");
    }
    tracing::info!("ONNX Runtime loaded from {}", wanted.display());
    *loaded_from = Some(wanted);
    Ok(())
}

pub const WHERE_TO_GET_IT: &str = "get libonnxruntime from an ONNX Runtime release \
    (github.com/microsoft/onnxruntime/releases, lib/libonnxruntime.so.*) or the onnxruntime \
    Python wheel (onnxruntime/capi/libonnxruntime.so.*), version 1.17 or newer, and set \
    AIRA_ONNXRUNTIME_LIB to its path";

/// The same library reached through a link or a relative path counts as the same one.
fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
