//! Bringing a model file the user already has into the folder.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha1::{Digest, Sha1};

use super::LibraryError;

/// "ggml" as whisper.cpp writes it: the u32 0x67676d6c, little-endian.
const GGML_MAGIC: [u8; 4] = *b"lmgg";
/// The smallest official model (tiny, q5_1) is about 31 MB; anything under 1 MB is broken.
const MINIMUM_MODEL_BYTES: u64 = 1_000_000;

/// The format check an import makes before copying: the GGML signature whisper.cpp looks
/// for, and a plausible length. (`ggml::inspect` will replace this with a full header read.)
pub(super) fn check_model_file(path: &Path, length: u64) -> Result<(), LibraryError> {
    let not_a_model = |reason: String| LibraryError::NotAModel {
        path: path.to_path_buf(),
        reason,
    };
    if length < MINIMUM_MODEL_BYTES {
        return Err(not_a_model(format!("it is only {length} bytes long")));
    }
    let mut magic = [0_u8; 4];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut magic))
        .map_err(|error| not_a_model(error.to_string()))?;
    if magic != GGML_MAGIC {
        return Err(not_a_model(
            "it does not start with the GGML signature of a whisper.cpp model".into(),
        ));
    }
    Ok(())
}

pub(super) enum CopyError {
    Exists,
    Io(PathBuf, std::io::Error),
}

/// Copies `source` to a temporary file beside `destination`, hashing it on the way, syncs
/// it, then links it in under the final name unless that name is taken. Returns the SHA-1.
pub(super) fn copy_new(source: &Path, destination: &Path) -> Result<String, CopyError> {
    let folder = destination.parent().unwrap_or(Path::new("."));
    let at = |path: &Path| {
        let path = path.to_path_buf();
        move |error| CopyError::Io(path, error)
    };
    if destination.exists() {
        return Err(CopyError::Exists);
    }
    let mut input = std::fs::File::open(source).map_err(at(source))?;
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(at(folder))?;
    let mut hasher = Sha1::new();
    let mut buffer = vec![0_u8; 1024 * 1024];
    loop {
        let read = input.read(&mut buffer).map_err(at(source))?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        temporary
            .write_all(&buffer[..read])
            .map_err(at(temporary.path()))?;
    }
    temporary.as_file().sync_all().map_err(at(folder))?;
    temporary.persist_noclobber(destination).map_err(|error| {
        if error.error.kind() == std::io::ErrorKind::AlreadyExists {
            CopyError::Exists
        } else {
            CopyError::Io(destination.to_path_buf(), error.error)
        }
    })?;
    Ok(format!("{:x}", hasher.finalize()))
}
