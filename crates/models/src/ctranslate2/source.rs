//! The bytes of `model.bin`, which some distributions split into `model.bin.part1`,
//! `model.bin.part2`, … (package registries cap file sizes). The parts are read in place as
//! one stream instead of being joined on disk, which would need the model's size again in free
//! space.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::ImportError;

pub(super) const MODEL_FILE_NAME: &str = "model.bin";

/// The path of part `number` (1-based) of a split `model.bin`.
pub(super) fn part_path(directory: &Path, number: usize) -> PathBuf {
    directory.join(format!("{MODEL_FILE_NAME}.part{number}"))
}

/// The files that make up the model, in order: `model.bin` alone, or its parts.
pub(super) fn model_files(directory: &Path) -> Result<Vec<PathBuf>, ImportError> {
    let whole = directory.join(MODEL_FILE_NAME);
    if whole.is_file() {
        return Ok(vec![whole]);
    }
    let mut parts = Vec::new();
    while part_path(directory, parts.len() + 1).is_file() {
        parts.push(part_path(directory, parts.len() + 1));
    }
    if parts.is_empty() {
        return Err(ImportError::MissingModel {
            directory: directory.to_path_buf(),
        });
    }
    // A later part without the one before it would silently drop bytes.
    for later in parts.len() + 2..parts.len() + 10 {
        if part_path(directory, later).exists() {
            return Err(ImportError::MissingPart {
                path: part_path(directory, parts.len() + 1),
            });
        }
    }
    Ok(parts)
}

struct Part {
    path: PathBuf,
    file: File,
    /// Where this part starts in the joined stream.
    start: u64,
    length: u64,
}

/// One `Read + Seek` stream over the model file or its parts, in order.
pub(super) struct ModelSource {
    parts: Vec<Part>,
    position: u64,
    total_bytes: u64,
}

impl ModelSource {
    pub(super) fn open(paths: &[PathBuf]) -> Result<ModelSource, ImportError> {
        let mut parts = Vec::with_capacity(paths.len());
        let mut start = 0;
        for path in paths {
            let io_error = |source| ImportError::Io {
                path: path.clone(),
                source,
            };
            let file = File::open(path).map_err(io_error)?;
            let length = file.metadata().map_err(io_error)?.len();
            parts.push(Part {
                path: path.clone(),
                file,
                start,
                length,
            });
            start += length;
        }
        Ok(ModelSource {
            parts,
            position: 0,
            total_bytes: start,
        })
    }

    pub(super) fn total_bytes(&self) -> u64 {
        self.total_bytes
    }

    /// The file holding byte `position` of the stream, for error messages.
    pub(super) fn path_at(&self, position: u64) -> &Path {
        let index = self
            .parts
            .iter()
            .rposition(|part| part.start <= position)
            .unwrap_or(0);
        self.parts
            .get(index)
            .map_or(Path::new(MODEL_FILE_NAME), |part| part.path.as_path())
    }
}

impl Read for ModelSource {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let Some(part) = self
            .parts
            .iter_mut()
            .find(|part| self.position < part.start + part.length)
        else {
            return Ok(0); // at or past the end
        };
        let offset_in_part = self.position - part.start;
        let available = part.length - offset_in_part;
        let wanted = buffer
            .len()
            .min(usize::try_from(available).unwrap_or(usize::MAX));
        part.file.seek(SeekFrom::Start(offset_in_part))?;
        let read = part.file.read(&mut buffer[..wanted])?;
        self.position += read as u64;
        Ok(read)
    }
}

impl Seek for ModelSource {
    fn seek(&mut self, target: SeekFrom) -> io::Result<u64> {
        let position = match target {
            SeekFrom::Start(offset) => Some(offset),
            SeekFrom::End(delta) => self.total_bytes.checked_add_signed(delta),
            SeekFrom::Current(delta) => self.position.checked_add_signed(delta),
        };
        let position = position.ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "seek before the model's start")
        })?;
        self.position = position;
        Ok(position)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn parts_read_as_one_stream_across_boundaries() -> TestResult {
        let folder = tempfile::tempdir()?;
        let bytes: Vec<u8> = (0..=255).collect();
        std::fs::write(part_path(folder.path(), 1), &bytes[..100])?;
        std::fs::write(part_path(folder.path(), 2), &bytes[100..101])?;
        std::fs::write(part_path(folder.path(), 3), &bytes[101..])?;
        let paths = model_files(folder.path())?;
        assert_eq!(paths.len(), 3);
        let mut source = ModelSource::open(&paths)?;
        assert_eq!(source.total_bytes(), 256);

        let mut all = Vec::new();
        source.read_to_end(&mut all)?;
        assert_eq!(all, bytes);

        source.seek(SeekFrom::Start(98))?;
        let mut across = [0_u8; 6];
        source.read_exact(&mut across)?;
        assert_eq!(across, [98, 99, 100, 101, 102, 103]);
        source.seek(SeekFrom::End(-1))?;
        source.read_exact(&mut across[..1])?;
        assert_eq!(across[0], 255);
        assert_eq!(source.path_at(100), part_path(folder.path(), 2));
        Ok(())
    }

    #[test]
    fn a_gap_in_the_parts_is_refused() -> TestResult {
        let folder = tempfile::tempdir()?;
        assert!(matches!(
            model_files(folder.path()),
            Err(ImportError::MissingModel { .. })
        ));
        std::fs::write(part_path(folder.path(), 1), b"a")?;
        std::fs::write(part_path(folder.path(), 3), b"c")?;
        let error = model_files(folder.path()).err().ok_or("gap accepted")?;
        assert!(error.to_string().contains("model.bin.part2"), "{error}");
        Ok(())
    }

    #[test]
    fn a_whole_model_file_wins_over_parts() -> TestResult {
        let folder = tempfile::tempdir()?;
        std::fs::write(folder.path().join(MODEL_FILE_NAME), b"whole")?;
        std::fs::write(part_path(folder.path(), 1), b"a")?;
        assert_eq!(
            model_files(folder.path())?,
            vec![folder.path().join(MODEL_FILE_NAME)]
        );
        Ok(())
    }
}
