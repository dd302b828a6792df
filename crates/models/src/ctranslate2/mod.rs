//! Importing faster-whisper / CTranslate2 Whisper models: a directory with `model.bin` (or
//! `model.bin.part1`, `.part2`, …) and its vocabulary (`vocabulary.txt`, `vocabulary.json` or
//! `tokenizer.json`) is converted to the GGML file whisper.cpp loads.
//!
//! float16, float32, bfloat16 and int8 (or int16) quantized models are accepted; the output is
//! always an f16 GGML file like the official ones, so it loads in every whisper.cpp build.
//! CTranslate2 does not store the mel filterbank, so it is recomputed from the
//! Slaney formulas librosa uses (the private `mel` module).

mod hyperparameters;
mod names;
mod reader;
mod source;
mod tensors;
mod vocabulary;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::ggml::{self, GgmlError, GgmlModelInfo};
use crate::mel;
use names::TensorPlan;
use reader::ModelFile;
use source::ModelSource;

/// How far a conversion is: bytes of the GGML file written so far, of its final size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConvertProgress {
    pub done_bytes: u64,
    pub total_bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(
        "{directory} has no model.bin (nor model.bin.part1, model.bin.part2, …): it is not a \
         CTranslate2 model folder"
    )]
    MissingModel { directory: PathBuf },
    #[error("the model is split into parts but {path} is missing")]
    MissingPart { path: PathBuf },
    #[error(
        "{directory} has no vocabulary (vocabulary.txt, vocabulary.json or tokenizer.json) next \
         to the model; copy the whole model folder, not only model.bin"
    )]
    MissingVocabulary { directory: PathBuf },
    #[error("the vocabulary {path} cannot be used: {reason}")]
    InvalidVocabulary { path: PathBuf, reason: String },
    #[error("this CTranslate2 model is a {spec}, not a Whisper speech model (WhisperSpec)")]
    NotWhisper { spec: String },
    #[error(
        "model.bin is in CTranslate2 format version {version}; only version 6, what current \
         CTranslate2 and faster-whisper write, can be imported"
    )]
    UnsupportedVersion { version: i32 },
    #[error("variable \"{variable}\" is stored as {data_type}, which cannot be imported")]
    UnsupportedDataType { variable: String, data_type: String },
    #[error(
        "{path} is incomplete: it ends after {available_bytes} bytes but {needed_by} needs \
         {needed_bytes} (an interrupted download or copy?)"
    )]
    Truncated {
        path: PathBuf,
        needed_by: String,
        available_bytes: u64,
        needed_bytes: u64,
    },
    #[error("the model has no variable \"{name}\", which a Whisper model needs")]
    MissingVariable { name: String },
    #[error("variable \"{variable}\" has shape {found:?}, but a Whisper model needs {expected:?}")]
    UnexpectedShape {
        variable: String,
        expected: Vec<usize>,
        found: Vec<usize>,
    },
    #[error("model.bin is damaged: {reason}")]
    InvalidModelFile { reason: String },
    #[error("the converted file failed its own check: {0}")]
    OutputCheck(#[source] GgmlError),
    #[error("could not read or write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Whether `path` looks like a CTranslate2 model folder: a directory holding `model.bin` (or
/// its first part) and a vocabulary file. Cheap: only checks which files exist.
pub fn is_ctranslate2_directory(path: &Path) -> bool {
    path.is_dir()
        && (path.join(source::MODEL_FILE_NAME).is_file() || source::part_path(path, 1).is_file())
        && vocabulary::find_vocabulary(path).is_some()
}

/// Converts the CTranslate2 Whisper model in `source_dir` to a GGML file at `destination`.
///
/// The file appears only when complete: it is written to a temporary file in the destination's
/// folder, synced, checked with [`ggml::inspect`] and renamed over `destination`. On any error
/// nothing is left behind. Memory stays at a few megabytes whatever the model's size.
pub fn convert(
    source_dir: &Path,
    destination: &Path,
    progress: &mut dyn FnMut(ConvertProgress),
) -> Result<GgmlModelInfo, ImportError> {
    let model_files = source::model_files(source_dir)?;
    let vocabulary_path =
        vocabulary::find_vocabulary(source_dir).ok_or_else(|| ImportError::MissingVocabulary {
            directory: source_dir.to_path_buf(),
        })?;
    let mut model = ModelFile::open(ModelSource::open(&model_files)?)?;
    let tokens = vocabulary::read_ggml_tokens(&vocabulary_path)?;

    let info = hyperparameters::read(&mut model)?;
    let plans = names::plan_tensors(&model, &info)?;
    let mel_rows = info.n_mels as usize;
    let total_bytes = ggml::HEADER_BYTES
        + ggml::mel_filters_bytes(mel_rows, mel::FREQUENCY_BINS)
        + ggml::vocabulary_bytes(&tokens)
        + plans
            .iter()
            .map(|plan| ggml::tensor_bytes(&plan.name, plan.tensor_type, &plan.dimensions))
            .sum::<u64>();

    let folder = match destination.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let destination_error = |source| ImportError::Io {
        path: destination.to_path_buf(),
        source,
    };
    let mut temporary = temporary_file(folder).map_err(|source| ImportError::Io {
        path: folder.to_path_buf(),
        source,
    })?;

    let mut done_bytes = 0;
    let mut report = |bytes: u64| {
        done_bytes += bytes;
        progress(ConvertProgress {
            done_bytes,
            total_bytes,
        });
    };
    let mut out = BufWriter::with_capacity(1 << 20, temporary.as_file_mut());
    write_ggml(
        &mut out,
        &mut model,
        &info,
        &tokens,
        &plans,
        &mut report,
        &destination_error,
    )?;
    out.into_inner()
        .map_err(|error| destination_error(error.into_error()))?;
    temporary.as_file().sync_all().map_err(destination_error)?;

    let written = ggml::inspect(temporary.path()).map_err(ImportError::OutputCheck)?;
    debug_assert_eq!(
        written.file_bytes, total_bytes,
        "the planned size was wrong"
    );
    temporary
        .persist(destination)
        .map_err(|error| destination_error(error.error))?;
    sync_folder(folder);
    Ok(written)
}

/// Writes the whole GGML file: header, mel filters, vocabulary, then each tensor, reporting
/// the bytes written.
fn write_ggml(
    out: &mut impl Write,
    model: &mut ModelFile,
    info: &GgmlModelInfo,
    tokens: &[Vec<u8>],
    plans: &[TensorPlan],
    report: &mut dyn FnMut(u64),
    write_error: &dyn Fn(io::Error) -> ImportError,
) -> Result<(), ImportError> {
    let mel_rows = info.n_mels as usize;
    ggml::write_header(out, info).map_err(write_error)?;
    let filters: Vec<f32> = mel::filterbank(mel_rows)
        .into_iter()
        .map(|weight| weight as f32)
        .collect();
    ggml::write_mel_filters(out, mel_rows, mel::FREQUENCY_BINS, &filters).map_err(write_error)?;
    ggml::write_vocabulary(out, tokens).map_err(write_error)?;
    report(
        ggml::HEADER_BYTES
            + ggml::mel_filters_bytes(mel_rows, mel::FREQUENCY_BINS)
            + ggml::vocabulary_bytes(tokens),
    );
    for plan in plans {
        ggml::write_tensor_header(out, &plan.name, plan.tensor_type, &plan.dimensions)
            .map_err(write_error)?;
        report(ggml::tensor_header_bytes(&plan.name, &plan.dimensions));
        tensors::write_tensor_data(model, plan, out, report, write_error)?;
    }
    Ok(())
}

/// The file the conversion (or an import) writes before it is renamed into place: hidden, and
/// named so that one left by a crash is recognisable and never mistaken for a model (`*.bin`).
pub(crate) fn temporary_file(folder: &Path) -> io::Result<NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".aira-import-").suffix(".partial");
    // tempfile creates 0600 files; a model is no secret, so give it an ordinary file's mode.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(folder)
}

/// Makes the rename durable. Best effort: not every platform can open a folder to sync it.
fn sync_folder(folder: &Path) {
    if let Ok(handle) = File::open(folder)
        && let Err(error) = handle.sync_all()
    {
        tracing::debug!("could not sync {}: {error}", folder.display());
    }
}
