//! Bringing a model the user already has into the folder: a whisper.cpp GGML file, copied
//! after its header and length are checked, or a CTranslate2 (faster-whisper) folder,
//! converted to GGML.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha1::{Digest, Sha1};

use super::manifest::{Manifest, Record};
use super::{InstalledModel, LibraryError, ModelLibrary, ModelOrigin, file_name, model_name};
use crate::catalog::Catalog;
use crate::{ctranslate2, ggml};

/// What an import is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// Copying a GGML file as it is.
    Ggml,
    /// Converting a CTranslate2 (faster-whisper) folder to GGML.
    Ctranslate2,
}

/// How far an import is: bytes of the model file written so far, of its final size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    pub format: ImportFormat,
    pub done_bytes: u64,
    pub total_bytes: u64,
}

const COPY_BUFFER_BYTES: usize = 1024 * 1024;

/// See [`ModelLibrary::import`].
pub(super) fn import(
    library: &ModelLibrary,
    source: &Path,
    name: Option<&str>,
    catalog: &Catalog,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<InstalledModel, LibraryError> {
    let metadata = std::fs::metadata(source).map_err(at(source))?;
    let format = if metadata.is_file() {
        // Refuses a cut or foreign file with what exactly is wrong, before anything is copied.
        ggml::inspect(source)?;
        ImportFormat::Ggml
    } else if metadata.is_dir() && ctranslate2::is_ctranslate2_directory(source) {
        ImportFormat::Ctranslate2
    } else {
        return Err(LibraryError::ImportUnsupported {
            path: source.to_path_buf(),
            reason: if metadata.is_dir() {
                "the folder holds no CTranslate2 (faster-whisper) model: that is model.bin (or \
                 model.bin.part1, …) with vocabulary.txt, vocabulary.json or tokenizer.json"
                    .into()
            } else {
                "it is neither a file nor a folder".into()
            },
        });
    };
    let name = match name {
        Some(name) => name.to_owned(),
        None => default_name(source, format)?,
    };
    let file = file_name(&name)?;
    let folder = library.folder();
    let destination = folder.join(&file);
    if destination.exists() {
        return Err(already_installed(&name, &destination));
    }
    std::fs::create_dir_all(folder).map_err(at(folder))?;

    let mut report = |done_bytes, total_bytes| {
        progress(ImportProgress {
            format,
            done_bytes,
            total_bytes,
        });
    };
    // Written under a hidden name, then linked in only if the name is still free: two
    // imports racing for one name never overwrite each other.
    let staging = staging_path(folder)?;
    let sha1 = match format {
        ImportFormat::Ggml => copy_hashing(source, &staging, metadata.len(), &mut report)?,
        ImportFormat::Ctranslate2 => {
            ctranslate2::convert(source, &staging, &mut |converted| {
                report(converted.done_bytes, converted.total_bytes);
            })?;
            sha1_of(&staging)?
        }
    };
    let size_bytes = std::fs::metadata(&staging).map_err(at(&staging))?.len();
    staging
        .persist_noclobber(&destination)
        .map_err(|error| match error.error.kind() {
            std::io::ErrorKind::AlreadyExists => already_installed(&name, &destination),
            _ => at(&destination)(error.error),
        })?;
    let record = Record {
        origin: ModelOrigin::Imported,
        sha1,
    };
    Manifest::record(folder, &file, record.clone())?;
    Ok(InstalledModel::new(
        destination,
        file,
        size_bytes,
        Some(&record),
        catalog,
    ))
}

/// `custom` for `ggml-custom.bin`; the folder's own name for a CTranslate2 folder, so
/// `faster-whisper-base` becomes `ggml-faster-whisper-base.bin`.
fn default_name(source: &Path, format: ImportFormat) -> Result<String, LibraryError> {
    let base = std::path::absolute(source).unwrap_or_else(|_| source.to_path_buf());
    base.file_name()
        .and_then(|name| name.to_str())
        .map(|name| match format {
            ImportFormat::Ggml => model_name(name).to_owned(),
            ImportFormat::Ctranslate2 => name.to_owned(),
        })
        .ok_or_else(|| LibraryError::InvalidName {
            name: source.display().to_string(),
        })
}

/// A hidden file in `folder` that disappears unless persisted; never mistaken for a model.
fn staging_path(folder: &Path) -> Result<tempfile::TempPath, LibraryError> {
    ctranslate2::temporary_file(folder)
        .map(tempfile::NamedTempFile::into_temp_path)
        .map_err(at(folder))
}

/// Copies `source` over `destination`, hashing on the way and reporting the bytes copied,
/// and syncs it. Returns the SHA-1.
fn copy_hashing(
    source: &Path,
    destination: &Path,
    total_bytes: u64,
    report: &mut dyn FnMut(u64, u64),
) -> Result<String, LibraryError> {
    let mut input = std::fs::File::open(source).map_err(at(source))?;
    let mut output = std::fs::File::create(destination).map_err(at(destination))?;
    let mut hasher = Sha1::new();
    let mut buffer = vec![0_u8; COPY_BUFFER_BYTES];
    let mut done_bytes = 0;
    loop {
        let read = input.read(&mut buffer).map_err(at(source))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        output.write_all(&buffer[..read]).map_err(at(destination))?;
        done_bytes += read as u64;
        report(done_bytes, total_bytes.max(done_bytes));
    }
    output.sync_all().map_err(at(destination))?;
    Ok(format!("{:x}", hasher.finalize()))
}

/// SHA-1 of a whole file, lowercase hex: what the manifest records.
fn sha1_of(path: &Path) -> Result<String, LibraryError> {
    let mut input = std::fs::File::open(path).map_err(at(path))?;
    let mut hasher = Sha1::new();
    let mut buffer = vec![0_u8; COPY_BUFFER_BYTES];
    loop {
        let read = input.read(&mut buffer).map_err(at(path))?;
        if read == 0 {
            return Ok(format!("{:x}", hasher.finalize()));
        }
        hasher.update(&buffer[..read]);
    }
}

fn already_installed(name: &str, path: &Path) -> LibraryError {
    LibraryError::AlreadyInstalled {
        name: name.to_owned(),
        path: path.to_path_buf(),
    }
}

fn at(path: &Path) -> impl FnOnce(std::io::Error) -> LibraryError {
    let path = PathBuf::from(path);
    move |source| LibraryError::Io { path, source }
}
