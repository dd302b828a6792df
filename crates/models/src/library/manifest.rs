//! What Aira knows of each model file it put in the folder: where it came from and its SHA-1.
//! A file the user copied in by hand has no record; losing the record (a crash between the
//! rename and the save, two writers at once) only loses that knowledge, never a model.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{LibraryError, ModelOrigin};

const FILE_NAME: &str = "models.json";

#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Manifest {
    /// By file name in the models folder.
    models: BTreeMap<String, Record>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Record {
    pub(super) origin: ModelOrigin,
    /// SHA-1 of the file when it was installed, lowercase hex.
    pub(super) sha1: String,
}

impl Manifest {
    /// The folder's manifest; empty when there is none or it cannot be read.
    pub(super) fn load(folder: &Path) -> Self {
        let path = folder.join(FILE_NAME);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Self::default(),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "could not read the models manifest");
                return Self::default();
            }
        };
        serde_json::from_str(&text).unwrap_or_else(|error| {
            tracing::warn!(path = %path.display(), %error, "ignoring a damaged models manifest");
            Self::default()
        })
    }

    pub(super) fn get(&self, file_name: &str) -> Option<&Record> {
        self.models.get(file_name)
    }

    /// Adds (or replaces) a record and saves the manifest.
    pub(super) fn record(
        folder: &Path,
        file_name: &str,
        record: Record,
    ) -> Result<(), LibraryError> {
        let mut manifest = Self::load(folder);
        manifest.models.insert(file_name.to_owned(), record);
        manifest.save(folder)
    }

    /// Drops a record, if there is one, and saves the manifest.
    pub(super) fn forget(folder: &Path, file_name: &str) -> Result<(), LibraryError> {
        let mut manifest = Self::load(folder);
        if manifest.models.remove(file_name).is_some() {
            manifest.save(folder)?;
        }
        Ok(())
    }

    /// Written to a temporary file and renamed over the old one: never half a manifest.
    fn save(&self, folder: &Path) -> Result<(), LibraryError> {
        let path = folder.join(FILE_NAME);
        let io_error = |source| LibraryError::Io {
            path: PathBuf::from(&path),
            source,
        };
        let text = serde_json::to_string_pretty(self).map_err(|error| io_error(error.into()))?;
        let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(io_error)?;
        temporary.write_all(text.as_bytes()).map_err(io_error)?;
        temporary
            .persist(&path)
            .map_err(|error| io_error(error.error))?;
        Ok(())
    }
}
