//! Importing faster-whisper / CTranslate2 Whisper models: a directory with `model.bin` (or
//! `model.bin.part1`, `.part2`, …) and `vocabulary.txt` (or `vocabulary.json`) is converted
//! to the GGML file whisper.cpp loads.
//!
//! float16, float32, bfloat16 and int8 (or int16) quantized models are accepted; the output is
//! always an f16 GGML file like the official ones, so it loads in every whisper.cpp build.
//! CTranslate2 does not store the mel filterbank, so it is recomputed ([`crate::mel`]).

mod names;
mod reader;
mod source;
mod tensors;
mod vocabulary;

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::ggml::{self, GgmlError, GgmlModelInfo};
use crate::mel;
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

    let info = hyperparameters(&mut model)?;
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

    let mut out = BufWriter::with_capacity(1 << 20, temporary.as_file_mut());
    let mut done_bytes = 0;
    let mut report = |bytes: u64| {
        done_bytes += bytes;
        progress(ConvertProgress {
            done_bytes,
            total_bytes,
        });
    };

    ggml::write_header(&mut out, &info).map_err(destination_error)?;
    let filters: Vec<f32> = mel::filterbank(mel_rows)
        .into_iter()
        .map(|weight| weight as f32)
        .collect();
    ggml::write_mel_filters(&mut out, mel_rows, mel::FREQUENCY_BINS, &filters)
        .map_err(destination_error)?;
    ggml::write_vocabulary(&mut out, &tokens).map_err(destination_error)?;
    report(
        ggml::HEADER_BYTES
            + ggml::mel_filters_bytes(mel_rows, mel::FREQUENCY_BINS)
            + ggml::vocabulary_bytes(&tokens),
    );

    for plan in &plans {
        ggml::write_tensor_header(&mut out, &plan.name, plan.tensor_type, &plan.dimensions)
            .map_err(destination_error)?;
        report(ggml::tensor_header_bytes(&plan.name, &plan.dimensions));
        tensors::write_tensor_data(&mut model, plan, &mut out, &mut report, &destination_error)?;
    }
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

/// The file the conversion writes before it is renamed into place: hidden, and named so that
/// one left by a crash is recognisable and never mistaken for a model (`*.bin`).
fn temporary_file(folder: &Path) -> io::Result<NamedTempFile> {
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

/// whisper.cpp's hyperparameters, read from the variables' shapes.
fn hyperparameters(model: &mut ModelFile) -> Result<GgmlModelInfo, ImportError> {
    let first_two = |model: &ModelFile, name: &str| -> Result<(u32, u32), ImportError> {
        let variable = model.variable(name)?;
        match variable.shape[..] {
            [first, second, ..] => Ok((to_u32(first), to_u32(second))),
            _ => Err(ImportError::UnexpectedShape {
                variable: name.to_string(),
                expected: vec![0, 0],
                found: variable.shape.clone(),
            }),
        }
    };
    let (n_vocab, n_text_state) = first_two(model, "decoder/embeddings/weight")?;
    let (n_audio_ctx, n_audio_state) = first_two(model, "encoder/position_encodings/encodings")?;
    let (n_text_ctx, _) = first_two(model, "decoder/position_encodings/encodings")?;
    let (_, n_mels) = first_two(model, "encoder/conv1/weight")?;
    if n_text_state != n_audio_state {
        // whisper.cpp asserts they are equal; refuse here rather than crash there.
        return Err(ImportError::UnexpectedShape {
            variable: "decoder/embeddings/weight".into(),
            expected: vec![n_vocab as usize, n_audio_state as usize],
            found: vec![n_vocab as usize, n_text_state as usize],
        });
    }
    let n_audio_layer = layer_count(model, "encoder/layer_")?;
    let n_text_layer = layer_count(model, "decoder/layer_")?;
    let n_audio_head = head_count(model, "encoder/num_heads", n_audio_state)?;
    let n_text_head = head_count(model, "decoder/num_heads", n_text_state)?;
    Ok(GgmlModelInfo {
        n_vocab,
        n_audio_ctx,
        n_audio_state,
        n_audio_head,
        n_audio_layer,
        n_text_ctx,
        n_text_state,
        n_text_head,
        n_text_layer,
        n_mels,
        ftype: ggml::FTYPE_MOSTLY_F16,
        file_bytes: 0,
    })
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// Layers are `<prefix>0/…` to `<prefix>{n-1}/…`; a gap shows up later as a missing variable.
fn layer_count(model: &ModelFile, prefix: &str) -> Result<u32, ImportError> {
    model
        .names()
        .filter_map(|name| {
            name.strip_prefix(prefix)?
                .split('/')
                .next()?
                .parse::<u32>()
                .ok()
        })
        .max()
        .map(|highest| highest + 1)
        .ok_or_else(|| ImportError::MissingVariable {
            name: format!("{prefix}0/ffn/linear_0/weight"),
        })
}

/// The attention head count CTranslate2 stores as a scalar; models converted before it did
/// use Whisper's 64-dimensional heads.
fn head_count(model: &mut ModelFile, name: &str, state: u32) -> Result<u32, ImportError> {
    Ok(match model.integer_scalar(name)? {
        Some(heads) if heads > 0 => u32::try_from(heads).unwrap_or(state / 64),
        _ => state / 64,
    })
}
