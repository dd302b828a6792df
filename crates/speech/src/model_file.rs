//! Cheap checks before whisper.cpp sees a model file: a missing or foreign file gets a clear
//! error here instead of a null context (or worse, an abort) inside C++.

use std::io::Read;
use std::path::Path;

use aira_core::ports::TranscribeError;

/// "ggml" as whisper.cpp writes it: the u32 0x67676d6c, little-endian.
const GGML_MAGIC: [u8; 4] = *b"lmgg";
/// The smallest official model (tiny, q5_1) is about 31 MB; anything under 1 MB is broken.
const MINIMUM_MODEL_BYTES: u64 = 1_000_000;

pub fn check_model_file(path: &Path) -> Result<(), TranscribeError> {
    let shown = path.display().to_string();
    let invalid = |reason: String| TranscribeError::ModelInvalid {
        path: shown.clone(),
        reason,
    };
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(TranscribeError::ModelMissing { path: shown });
        }
        Err(error) => return Err(invalid(error.to_string())),
    };
    if !metadata.is_file() {
        return Err(invalid("it is not a file".into()));
    }
    if metadata.len() < MINIMUM_MODEL_BYTES {
        return Err(invalid(format!("it is only {} bytes long", metadata.len())));
    }
    let mut magic = [0_u8; 4];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut magic))
        .map_err(|error| invalid(error.to_string()))?;
    if magic != GGML_MAGIC {
        return Err(invalid(
            "it does not start with the GGML signature of a whisper.cpp model".into(),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_small_and_foreign_files_are_told_apart() -> std::io::Result<()> {
        let folder = tempfile::tempdir()?;
        let missing = folder.path().join("absent.bin");
        assert!(matches!(
            check_model_file(&missing),
            Err(TranscribeError::ModelMissing { .. })
        ));

        let small = folder.path().join("small.bin");
        std::fs::write(&small, b"lmgg")?;
        assert!(
            matches!(check_model_file(&small), Err(TranscribeError::ModelInvalid { reason, .. }) if reason.contains("bytes"))
        );

        let foreign = folder.path().join("foreign.bin");
        std::fs::write(&foreign, vec![7_u8; 2_000_000])?;
        assert!(
            matches!(check_model_file(&foreign), Err(TranscribeError::ModelInvalid { reason, .. }) if reason.contains("GGML"))
        );

        assert!(matches!(
            check_model_file(folder.path()),
            Err(TranscribeError::ModelInvalid { .. })
        ));
        Ok(())
    }
}
