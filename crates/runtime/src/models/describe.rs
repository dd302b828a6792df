//! Turning the models folder's own types into the protocol's, for the app and `--json`.

use std::path::Path;

use aira_models::catalog::{Catalog, CatalogEntry};
use aira_models::download::{DownloadProgress, DownloadStage};
use aira_models::ggml;
use aira_models::library::{ImportFormat, ImportProgress, InstalledModel, ModelLibrary};
use aira_protocol::{
    AvailableModelInfo, InstalledModelInfo, ModelOrigin, ModelProgress, ModelStage,
};

/// An installed model, its languages and weights read from its header. `in_use` is the
/// model file transcription uses.
pub(super) fn installed(model: InstalledModel, in_use: &Path) -> InstalledModelInfo {
    let header = ggml::inspect(&model.path).ok();
    InstalledModelInfo {
        in_use: same_file(&model.path, in_use),
        multilingual: header.as_ref().map(ggml::GgmlModelInfo::is_multilingual),
        quantization: header
            .as_ref()
            .map(ggml::GgmlModelInfo::weight_format)
            .filter(|format| *format != "unknown")
            .map(str::to_owned),
        name: model.name,
        file_name: model.file_name,
        path: model.path.display().to_string(),
        size_bytes: model.size_bytes,
        catalog_name: model.catalog_name,
        origin: match model.origin {
            aira_models::library::ModelOrigin::Downloaded => ModelOrigin::Downloaded,
            aira_models::library::ModelOrigin::Imported => ModelOrigin::Imported,
            aira_models::library::ModelOrigin::Unknown => ModelOrigin::Unknown,
        },
        verified: model.verified,
    }
}

/// A catalog entry, with whether it is installed or partly downloaded.
pub(super) fn available(entry: &CatalogEntry, library: &ModelLibrary) -> AvailableModelInfo {
    AvailableModelInfo {
        name: entry.name.clone(),
        file_name: entry.file_name.clone(),
        size_bytes: entry.size_bytes,
        sha1: entry.sha1.clone(),
        multilingual: entry.multilingual,
        quantization: entry.quantization.label().to_owned(),
        description: entry.description.clone(),
        installed: library.is_installed(entry),
        partial_bytes: library.partial_bytes(&entry.name),
    }
}

/// The installed model at `path`, as the folder lists it.
pub(super) fn installed_at(
    library: &ModelLibrary,
    catalog: &Catalog,
    path: &Path,
    in_use: &Path,
) -> Option<InstalledModelInfo> {
    let model = library
        .list(catalog)
        .ok()?
        .into_iter()
        .find(|model| same_file(&model.path, path))?;
    Some(installed(model, in_use))
}

pub(super) fn download_progress(progress: DownloadProgress) -> ModelProgress {
    ModelProgress {
        stage: match progress.stage {
            DownloadStage::Downloading => ModelStage::Downloading,
            DownloadStage::Retrying {
                attempt,
                attempts,
                delay_ms,
            } => ModelStage::Retrying {
                attempt,
                attempts,
                delay_ms,
            },
            DownloadStage::Verifying => ModelStage::Verifying,
        },
        done_bytes: progress.downloaded_bytes,
        total_bytes: progress.total_bytes,
        bytes_per_second: progress.bytes_per_second,
    }
}

pub(super) fn import_progress(progress: ImportProgress) -> ModelProgress {
    ModelProgress {
        stage: match progress.format {
            ImportFormat::Ggml => ModelStage::Copying,
            ImportFormat::Ctranslate2 => ModelStage::Converting,
        },
        done_bytes: progress.done_bytes,
        total_bytes: progress.total_bytes,
        bytes_per_second: 0,
    }
}

/// Whether two paths name one file, however they are spelled.
pub(super) fn same_file(first: &Path, second: &Path) -> bool {
    let canonical = |path: &Path| std::fs::canonicalize(path).unwrap_or_else(|_| path.into());
    canonical(first) == canonical(second)
}
