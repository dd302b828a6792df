//! The speech models, managed one way for the app and the CLI: listing, downloading
//! (cancellable), importing a GGML file or a faster-whisper folder, removing, and choosing
//! the model to transcribe with.

mod describe;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use aira_models::catalog::Catalog;
use aira_models::download::DownloadOptions;
use aira_models::library::{LibraryError, ModelLibrary};
use aira_protocol::{InstalledModelInfo, ModelProgress, ModelsOutput, PreferencesPatch};
use tokio_util::sync::CancellationToken;

use crate::error::RuntimeError;
use crate::preferences::PreferencesStore;
use crate::settings::Settings;

/// The models folder with the user's choice of model. The engine owns one, so a model
/// chosen or removed here switches its transcriber at once.
pub struct ModelManager {
    settings: Settings,
    preferences: Arc<PreferencesStore>,
    /// Downloads running in this process, by catalog name, so one can be cancelled.
    downloads: Mutex<HashMap<String, CancellationToken>>,
}

/// What [`ModelManager::download`] did.
#[derive(Debug, Clone)]
pub struct DownloadedModel {
    pub model: InstalledModelInfo,
    /// It was there already, so nothing was downloaded.
    pub already_installed: bool,
    /// SHA-1 it was verified against.
    pub sha1: String,
}

impl ModelManager {
    /// For front ends without an engine (the CLI): reads the preferences file itself.
    pub fn open(settings: Settings) -> Self {
        let preferences = Arc::new(PreferencesStore::open(&settings.data_dir));
        Self::new(settings, preferences)
    }

    pub(crate) fn new(settings: Settings, preferences: Arc<PreferencesStore>) -> Self {
        Self {
            settings,
            preferences,
            downloads: Mutex::new(HashMap::new()),
        }
    }

    /// The model file transcription uses now.
    pub fn in_use(&self) -> PathBuf {
        self.settings.model_path(&self.preferences.get())
    }

    /// The catalog, what is installed, and which model is in use.
    pub fn list(&self) -> Result<ModelsOutput, RuntimeError> {
        let library = self.library();
        let catalog = self.catalog()?;
        let preferences = self.preferences.get();
        let in_use = self.settings.model_path(&preferences);
        Ok(ModelsOutput {
            folder: library.folder().display().to_string(),
            in_use: in_use.display().to_string(),
            in_use_present: in_use.is_file(),
            chosen: preferences.model,
            overridden: self.settings.model_override.is_some(),
            installed: library
                .list(&catalog)?
                .into_iter()
                .map(|model| describe::installed(model, &in_use))
                .collect(),
            available: catalog
                .entries()
                .iter()
                .map(|entry| describe::available(entry, &library))
                .collect(),
        })
    }

    /// Downloads the catalog model `name`, verified, resuming an earlier attempt; a model
    /// already installed is not fetched again. `cancel` (or [`ModelManager::cancel_download`])
    /// stops it, keeping what arrived for next time.
    pub async fn download(
        &self,
        name: &str,
        mut on_progress: impl FnMut(ModelProgress),
        cancel: CancellationToken,
    ) -> Result<DownloadedModel, RuntimeError> {
        let library = self.library();
        let catalog = self.catalog()?;
        let entry = catalog
            .find(name)
            .ok_or_else(|| LibraryError::UnknownModel {
                name: name.to_owned(),
            })?
            .clone();
        let already_installed = library.is_installed(&entry);
        let path = if already_installed {
            library.folder().join(&entry.file_name)
        } else {
            let _running = self.track_download(&entry.name, &library, &cancel)?;
            library
                .download(
                    &catalog,
                    &entry.name,
                    &self.settings.model_base_url,
                    DownloadOptions::default(),
                    |progress| on_progress(describe::download_progress(progress)),
                    &cancel,
                )
                .await?
        };
        Ok(DownloadedModel {
            model: self.installed_at(&library, &catalog, &path)?,
            already_installed,
            sha1: entry.sha1,
        })
    }

    /// Stops the download of `name` running in this process; false if there is none.
    pub fn cancel_download(&self, name: &str) -> bool {
        // Downloads are tracked by catalog name; the file name is accepted too.
        let catalog_name = self
            .catalog()
            .ok()
            .and_then(|catalog| catalog.find(name).map(|entry| entry.name.clone()));
        let downloads = self
            .downloads
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match downloads.get(catalog_name.as_deref().unwrap_or(name)) {
            Some(cancel) => {
                cancel.cancel();
                true
            }
            None => false,
        }
    }

    /// Brings in the GGML file or faster-whisper folder at `source` as `name` (default: from
    /// the file or folder name). A folder is converted, which takes a while for a large
    /// model; `on_progress` hears how far it is. The work runs off the async threads.
    pub async fn import(
        &self,
        source: PathBuf,
        name: Option<String>,
        mut on_progress: impl FnMut(ModelProgress) + Send + 'static,
    ) -> Result<InstalledModelInfo, RuntimeError> {
        let library = self.library();
        let catalog = self.catalog()?;
        let worker_library = library.clone();
        let worker_catalog = catalog.clone();
        let imported = tokio::task::spawn_blocking(move || {
            worker_library.import(&source, name.as_deref(), &worker_catalog, &mut |progress| {
                on_progress(describe::import_progress(progress));
            })
        })
        .await??;
        tracing::info!(name = %imported.name, path = %imported.path.display(), "model imported");
        self.installed_at(&library, &catalog, &imported.path)
    }

    /// Deletes the model called `name` (and any unfinished download of it). If it was the
    /// chosen model, the choice returns to the default. Returns the deleted path.
    pub fn remove(&self, name: &str) -> Result<PathBuf, RuntimeError> {
        let library = self.library();
        let path = library.remove(name)?;
        let chosen = self.preferences.get().model;
        let was_chosen = chosen
            .as_deref()
            .and_then(|chosen| library.path_for(chosen).ok())
            .is_some_and(|chosen| chosen == path);
        if was_chosen {
            self.preferences.update(PreferencesPatch {
                model: Some(None),
                ..PreferencesPatch::default()
            })?;
        }
        Ok(path)
    }

    /// Makes the installed model `name` the one to transcribe with, remembered across runs,
    /// after checking it is a whole GGML model. Returns it as now listed (`in_use` stays
    /// false while `--model` or `AIRA_WHISPER_MODEL` names another).
    pub fn use_model(&self, name: &str) -> Result<InstalledModelInfo, RuntimeError> {
        let library = self.library();
        let catalog = self.catalog()?;
        let path = library.path_of(name)?;
        aira_models::ggml::inspect(&path).map_err(LibraryError::from)?;
        let chosen = self.installed_at(&library, &catalog, &path)?;
        self.preferences.update(PreferencesPatch {
            model: Some(Some(chosen.name.clone())),
            ..PreferencesPatch::default()
        })?;
        tracing::info!(name = %chosen.name, "model chosen");
        self.installed_at(&library, &catalog, &path)
    }

    fn library(&self) -> ModelLibrary {
        self.settings.model_library()
    }

    fn catalog(&self) -> Result<Catalog, RuntimeError> {
        Ok(self.settings.model_catalog()?)
    }

    fn installed_at(
        &self,
        library: &ModelLibrary,
        catalog: &Catalog,
        path: &Path,
    ) -> Result<InstalledModelInfo, RuntimeError> {
        describe::installed_at(library, catalog, path, &self.in_use()).ok_or_else(|| {
            RuntimeError::Internal(format!(
                "{} is not in the models folder after installing it",
                path.display()
            ))
        })
    }

    /// Registers a download so it can be cancelled by name, until the guard is dropped.
    fn track_download(
        &self,
        name: &str,
        library: &ModelLibrary,
        cancel: &CancellationToken,
    ) -> Result<RunningDownload<'_>, RuntimeError> {
        let mut downloads = self
            .downloads
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if downloads.contains_key(name) {
            let path = library.path_for(name)?;
            let running = aira_models::download::DownloadError::InProgress { path };
            return Err(LibraryError::from(running).into());
        }
        downloads.insert(name.to_owned(), cancel.clone());
        Ok(RunningDownload {
            downloads: &self.downloads,
            name: name.to_owned(),
        })
    }
}

/// Forgets a download's cancel token when it ends, however it ends.
struct RunningDownload<'a> {
    downloads: &'a Mutex<HashMap<String, CancellationToken>>,
    name: String,
}

impl Drop for RunningDownload<'_> {
    fn drop(&mut self) {
        self.downloads
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.name);
    }
}
