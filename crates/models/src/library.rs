//! The models folder (`<data dir>/models/`): which models are installed, adding one (download
//! or import), removing one.
//!
//! A model called `NAME` lives in `ggml-NAME.bin`, the naming whisper.cpp uses, so official
//! models keep their upstream file names and a model can be named either way (`tiny.en` or
//! `ggml-tiny.en.bin`). Only `.bin` files count as models; `.part` files are downloads in
//! progress (see [`crate::download`]). Imports ([`ModelLibrary::import`]) take a GGML file
//! or a CTranslate2 (faster-whisper) model folder, which is converted on the way in.

mod import;
mod manifest;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;

use crate::catalog::{Catalog, CatalogEntry};
use crate::ctranslate2::ImportError;
use crate::download::{self, DownloadError, DownloadOptions, DownloadProgress, DownloadRequest};
use crate::ggml::GgmlError;
use manifest::{Manifest, Record};

pub use import::{ImportFormat, ImportProgress};

/// One model file in the folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstalledModel {
    /// `tiny.en` for `ggml-tiny.en.bin`.
    pub name: String,
    pub file_name: String,
    pub path: PathBuf,
    pub size_bytes: u64,
    /// The catalog entry with this file name, if any.
    pub catalog_name: Option<String>,
    pub origin: ModelOrigin,
    /// Its SHA-1, taken when Aira installed it, is the catalog's: an untouched official model.
    pub verified: bool,
}

impl InstalledModel {
    /// The model at `path`, as its manifest `record` (if any) and the catalog describe it.
    fn new(
        path: PathBuf,
        file_name: String,
        size_bytes: u64,
        record: Option<&Record>,
        catalog: &Catalog,
    ) -> Self {
        let official = catalog.find(&file_name);
        let verified = match (official, record) {
            (Some(official), Some(record)) => {
                record.sha1.eq_ignore_ascii_case(&official.sha1)
                    && size_bytes == official.size_bytes
            }
            _ => false,
        };
        Self {
            name: model_name(&file_name).to_owned(),
            path,
            size_bytes,
            catalog_name: official.map(|entry| entry.name.clone()),
            origin: record.map_or(ModelOrigin::Unknown, |record| record.origin),
            verified,
            file_name,
        }
    }
}

/// How a model came to be in the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelOrigin {
    /// Downloaded by Aira from the catalog, and verified.
    Downloaded,
    /// Copied in by Aira from a file the user chose.
    Imported,
    /// Put there some other way (by hand, by a script).
    Unknown,
}

#[derive(Debug, thiserror::Error)]
pub enum LibraryError {
    #[error("{name:?} is not a model name: use a name such as tiny.en, without folders")]
    InvalidName { name: String },
    #[error("no model called {name} is installed")]
    NotInstalled { name: String },
    #[error("there is no model called {name} to download")]
    UnknownModel { name: String },
    #[error("a model called {name} is already installed at {}", path.display())]
    AlreadyInstalled { name: String, path: PathBuf },
    /// A file given for import that is not a whole GGML model, with what is wrong with it.
    #[error(transparent)]
    NotAModel(#[from] GgmlError),
    /// A CTranslate2 folder given for import that could not be converted.
    #[error(transparent)]
    Conversion(#[from] ImportError),
    /// Something given for import that is neither a file nor a CTranslate2 model folder.
    #[error("{} cannot be imported: {reason}", path.display())]
    ImportUnsupported { path: PathBuf, reason: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Download(#[from] DownloadError),
}

#[derive(Debug, Clone)]
pub struct ModelLibrary {
    folder: PathBuf,
}

impl ModelLibrary {
    /// The library in `folder`, usually `<data dir>/models`. Nothing is created until a
    /// model is added.
    pub fn new(folder: impl Into<PathBuf>) -> Self {
        Self {
            folder: folder.into(),
        }
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// Every model file in the folder, by file name; none when the folder does not exist.
    pub fn list(&self, catalog: &Catalog) -> Result<Vec<InstalledModel>, LibraryError> {
        let entries = match std::fs::read_dir(&self.folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(source) => return Err(self.io_error(&self.folder, source)),
        };
        let manifest = Manifest::load(&self.folder);
        let mut models = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|source| self.io_error(&self.folder, source))?;
            let Some(file_name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let metadata = entry
                .metadata()
                .map_err(|source| self.io_error(&entry.path(), source))?;
            if !file_name.ends_with(".bin") || !metadata.is_file() {
                continue;
            }
            models.push(InstalledModel::new(
                entry.path(),
                file_name.clone(),
                metadata.len(),
                manifest.get(&file_name),
                catalog,
            ));
        }
        models.sort_by(|first, second| first.file_name.cmp(&second.file_name));
        Ok(models)
    }

    /// The installed model called `name` (`tiny.en` or `ggml-tiny.en.bin`).
    pub fn path_of(&self, name: &str) -> Result<PathBuf, LibraryError> {
        let path = self.folder.join(file_name(name)?);
        if path.is_file() {
            Ok(path)
        } else {
            Err(LibraryError::NotInstalled {
                name: name.to_owned(),
            })
        }
    }

    /// Whether the catalog model `entry` is in the folder at its full size.
    pub fn is_installed(&self, entry: &CatalogEntry) -> bool {
        std::fs::metadata(self.folder.join(&entry.file_name))
            .is_ok_and(|metadata| metadata.is_file() && metadata.len() == entry.size_bytes)
    }

    /// Bytes of an unfinished download of `name` waiting to be resumed; 0 if none.
    pub fn partial_bytes(&self, name: &str) -> u64 {
        file_name(name)
            .ok()
            .and_then(|file| std::fs::metadata(download::part_path(&self.folder.join(file))).ok())
            .map_or(0, |metadata| metadata.len())
    }

    /// Deletes the model called `name`, and any unfinished download of it. Returns the
    /// model's path.
    pub fn remove(&self, name: &str) -> Result<PathBuf, LibraryError> {
        let file = file_name(name)?;
        let path = self.folder.join(&file);
        let removed_model = remove_if_present(&path)?;
        let removed_part = remove_if_present(&download::part_path(&path))?;
        if !removed_model && !removed_part {
            return Err(LibraryError::NotInstalled {
                name: name.to_owned(),
            });
        }
        Manifest::forget(&self.folder, &file)?;
        Ok(path)
    }

    /// Brings the model at `source` into the folder as `name`: a whisper.cpp GGML file is
    /// checked with [`crate::ggml::inspect`] and copied; a CTranslate2 (faster-whisper)
    /// folder is converted to GGML. Without a name, the file's own name (`ggml-` and `.bin`
    /// left off) or the folder's name is used. The model appears under its final name only
    /// once complete, and an existing model is never overwritten. `progress` hears the bytes
    /// written. Blocking: it reads and writes the whole model.
    pub fn import(
        &self,
        source: &Path,
        name: Option<&str>,
        catalog: &Catalog,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<InstalledModel, LibraryError> {
        import::import(self, source, name, catalog, progress)
    }

    /// Where the model called `name` lives in the folder, installed or not: `ggml-<name>.bin`.
    pub fn path_for(&self, name: &str) -> Result<PathBuf, LibraryError> {
        Ok(self.folder.join(file_name(name)?))
    }

    /// Downloads the catalog model `name` from `base_url` (the official host, or a mirror)
    /// into the folder, verified; see [`download::download`] for resuming and cancelling.
    /// A model already installed at its full size is not downloaded again.
    pub async fn download(
        &self,
        catalog: &Catalog,
        name: &str,
        base_url: &str,
        options: DownloadOptions,
        progress: impl FnMut(DownloadProgress),
        cancel: &CancellationToken,
    ) -> Result<PathBuf, LibraryError> {
        let entry = catalog
            .find(name)
            .ok_or_else(|| LibraryError::UnknownModel {
                name: name.to_owned(),
            })?;
        let destination = self.folder.join(&entry.file_name);
        if self.is_installed(entry) {
            return Ok(destination);
        }
        let request = DownloadRequest::new(
            entry.url(base_url),
            destination,
            entry.size_bytes,
            &entry.sha1,
        )
        .with_options(options);
        let path = download::download(request, progress, cancel).await?;
        Manifest::record(
            &self.folder,
            &entry.file_name,
            Record {
                origin: ModelOrigin::Downloaded,
                sha1: entry.sha1.to_lowercase(),
            },
        )?;
        Ok(path)
    }

    fn io_error(&self, path: &Path, source: std::io::Error) -> LibraryError {
        LibraryError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// The file a model called `name` lives in; refuses anything that could leave the folder.
fn file_name(name: &str) -> Result<String, LibraryError> {
    let file = if name.ends_with(".bin") {
        name.to_owned()
    } else {
        format!("ggml-{name}.bin")
    };
    if is_plain_file_name(name) && is_plain_file_name(&file) {
        Ok(file)
    } else {
        Err(LibraryError::InvalidName {
            name: name.to_owned(),
        })
    }
}

/// `tiny.en` for `ggml-tiny.en.bin`.
fn model_name(file_name: &str) -> &str {
    let name = file_name.strip_suffix(".bin").unwrap_or(file_name);
    name.strip_prefix("ggml-").unwrap_or(name)
}

/// A name that stays inside the folder it is joined to and is not hidden.
pub(crate) fn is_plain_file_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':', '\0'])
}

/// Whether there was a file to delete.
fn remove_if_present(path: &Path) -> Result<bool, LibraryError> {
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(LibraryError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}
