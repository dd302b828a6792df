//! whisper.cpp's GGML model file: reading what a file holds ([`inspect`]) and the writing
//! primitives the CTranslate2 importer uses (`write`).
//!
//! Layout (little-endian, as whisper.cpp's `whisper_model_load` reads it):
//! - `u32` magic `0x67676d6c` ("ggml");
//! - eleven `i32` hyperparameters, in [`GgmlModelInfo`] field order from `n_vocab` to `ftype`;
//! - mel filters: `i32` rows, `i32` columns, then rows × columns `f32`;
//! - vocabulary: `i32` count, then per token an `i32` byte length and the raw bytes;
//! - tensors until the end: `i32` dimension count, `i32` name length, `i32` element type, the
//!   dimensions innermost first (GGML's `ne[0]`), the name, then the data.

use std::fs::File;
use std::io::{self, BufReader, ErrorKind, Read};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

mod quantize;
mod write;
pub(crate) use quantize::quantize_row;
pub use quantize::{QuantizeError, quantize_q8_0};
pub(crate) use write::{
    HEADER_BYTES, TensorType, mel_filters_bytes, tensor_bytes, tensor_header_bytes,
    vocabulary_bytes, write_header, write_mel_filters, write_tensor_header, write_vocabulary,
};

/// "ggml" read as a little-endian `u32`: the first four bytes of every whisper.cpp model.
pub(crate) const MAGIC: u32 = 0x6767_6d6c;
/// "GGUF": the newer container that llama.cpp uses; whisper.cpp 1.8 does not load it.
const GGUF_MAGIC: [u8; 4] = *b"GGUF";
/// `ftype` of a model whose large matrices are f16 (the official non-quantized files).
pub(crate) const FTYPE_MOSTLY_F16: u32 = 1;

/// What a GGML Whisper model is, from its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GgmlModelInfo {
    pub n_vocab: u32,
    pub n_audio_ctx: u32,
    pub n_audio_state: u32,
    pub n_audio_head: u32,
    pub n_audio_layer: u32,
    pub n_text_ctx: u32,
    pub n_text_state: u32,
    pub n_text_head: u32,
    pub n_text_layer: u32,
    pub n_mels: u32,
    /// 0 f32, 1 f16, others quantized (plus 1000 × the quantization version).
    pub ftype: u32,
    /// Size of the whole file.
    pub file_bytes: u64,
}

impl GgmlModelInfo {
    /// English-only models have 51,864 tokens; multilingual ones 51,865 (51,866 for large-v3,
    /// which adds Cantonese).
    pub fn is_multilingual(&self) -> bool {
        self.n_vocab >= 51_865
    }

    /// The Whisper size, recognised as whisper.cpp does: by the number of encoder layers.
    /// "unknown" for a layer count no official size has (a distilled or custom model).
    pub fn size_name(&self) -> &'static str {
        match self.n_audio_layer {
            4 => "tiny",
            6 => "base",
            12 => "small",
            24 => "medium",
            32 => "large",
            _ => "unknown",
        }
    }

    /// How the large weight matrices are stored, as whisper.cpp's tools name it: `f16`,
    /// `q5_1`, `q8_0`, … ("unknown" for a type no whisper.cpp tool writes). `ftype` carries
    /// the quantization version in its thousands, which does not change the format's name.
    pub fn weight_format(&self) -> &'static str {
        match self.ftype % 1000 {
            0 => "f32",
            1 => "f16",
            2 => "q4_0",
            3 => "q4_1",
            7 => "q8_0",
            8 => "q5_0",
            9 => "q5_1",
            10 => "q2_k",
            11 => "q3_k",
            12 => "q4_k",
            13 => "q5_k",
            14 => "q6_k",
            _ => "unknown",
        }
    }

    /// The hyperparameters in file order.
    pub(crate) fn hyperparameters(&self) -> [u32; 11] {
        [
            self.n_vocab,
            self.n_audio_ctx,
            self.n_audio_state,
            self.n_audio_head,
            self.n_audio_layer,
            self.n_text_ctx,
            self.n_text_state,
            self.n_text_head,
            self.n_text_layer,
            self.n_mels,
            self.ftype,
        ]
    }

    fn from_hyperparameters(values: [u32; 11], file_bytes: u64) -> Self {
        let [
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
            ftype,
        ] = values;
        GgmlModelInfo {
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
            ftype,
            file_bytes,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum GgmlError {
    #[error("there is no model file at {path}")]
    NotFound { path: PathBuf },
    #[error("{path} is not a whisper.cpp model: {reason}")]
    NotGgml { path: PathBuf, reason: String },
    #[error(
        "{path} is incomplete: it has {file_bytes} bytes but its {part} needs {needed_bytes} \
         (an interrupted download or copy?)"
    )]
    Truncated {
        path: PathBuf,
        part: String,
        file_bytes: u64,
        needed_bytes: u64,
    },
    #[error("could not read {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
}

/// Reads a GGML model's header and checks that the file is as long as its own structure
/// (vocabulary and every tensor) says, so a half-downloaded model is refused here rather than
/// failing inside whisper.cpp. Only seeks past tensor data: fast even for large models.
pub fn inspect(path: &Path) -> Result<GgmlModelInfo, GgmlError> {
    let file = File::open(path).map_err(|source| match source.kind() {
        ErrorKind::NotFound => GgmlError::NotFound {
            path: path.to_path_buf(),
        },
        _ => GgmlError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let file_bytes = file
        .metadata()
        .map_err(|source| GgmlError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    let mut walker = Walker {
        reader: BufReader::new(file),
        path,
        position: 0,
        file_bytes,
    };

    let magic = walker.read_magic()?;
    if magic != MAGIC {
        let reason = if magic.to_le_bytes() == GGUF_MAGIC {
            "it is in the newer GGUF format, which whisper.cpp does not load".to_string()
        } else {
            format!("it does not start with the GGML magic number (found {magic:#010x})")
        };
        return Err(walker.not_ggml(reason));
    }
    let mut hyperparameters = [0_u32; 11];
    for value in &mut hyperparameters {
        *value = walker.read_count("header")?;
    }
    let info = GgmlModelInfo::from_hyperparameters(hyperparameters, file_bytes);
    let sizes = &hyperparameters[..10];
    if sizes.contains(&0) || sizes.iter().any(|&size| size > 1 << 20) {
        return Err(walker.not_ggml(format!("its header holds impossible model sizes {sizes:?}")));
    }

    walker.check_body()?;
    Ok(info)
}

/// Reads through a GGML file front to back, knowing how long the file is.
struct Walker<'a> {
    reader: BufReader<File>,
    path: &'a Path,
    position: u64,
    file_bytes: u64,
}

impl Walker<'_> {
    fn not_ggml(&self, reason: String) -> GgmlError {
        GgmlError::NotGgml {
            path: self.path.to_path_buf(),
            reason,
        }
    }

    fn truncated(&self, part: &str, needed_bytes: u64) -> GgmlError {
        GgmlError::Truncated {
            path: self.path.to_path_buf(),
            part: part.to_string(),
            file_bytes: self.file_bytes,
            needed_bytes,
        }
    }

    fn io(&self, source: io::Error) -> GgmlError {
        GgmlError::Io {
            path: self.path.to_path_buf(),
            source,
        }
    }

    fn read_magic(&mut self) -> Result<u32, GgmlError> {
        if self.file_bytes < 4 {
            return Err(self.not_ggml(format!("it is only {} bytes long", self.file_bytes)));
        }
        self.read_u32("magic number")
    }

    fn read_u32(&mut self, part: &str) -> Result<u32, GgmlError> {
        self.ensure_available(part, 4)?;
        let mut bytes = [0_u8; 4];
        self.reader
            .read_exact(&mut bytes)
            .map_err(|source| self.io(source))?;
        self.position += 4;
        Ok(u32::from_le_bytes(bytes))
    }

    /// A count or size, which the format stores as a non-negative `i32`.
    fn read_count(&mut self, part: &str) -> Result<u32, GgmlError> {
        let value = self.read_u32(part)?;
        if value > i32::MAX as u32 {
            return Err(self.not_ggml(format!("its {part} holds a negative size")));
        }
        Ok(value)
    }

    fn ensure_available(&self, part: &str, bytes: u64) -> Result<(), GgmlError> {
        let needed = self.position.saturating_add(bytes);
        if needed > self.file_bytes {
            return Err(self.truncated(part, needed));
        }
        Ok(())
    }

    fn skip(&mut self, part: &str, bytes: u64) -> Result<(), GgmlError> {
        self.ensure_available(part, bytes)?;
        let offset = i64::try_from(bytes).map_err(|_| self.truncated(part, u64::MAX))?;
        self.reader
            .seek_relative(offset)
            .map_err(|source| self.io(source))?;
        self.position += bytes;
        Ok(())
    }

    /// Mel filters, vocabulary and tensors: checks each fits in the file.
    fn check_body(&mut self) -> Result<(), GgmlError> {
        let rows = u64::from(self.read_count("mel filters")?);
        let columns = u64::from(self.read_count("mel filters")?);
        self.skip("mel filters", rows * columns * 4)?;

        let tokens = self.read_count("vocabulary")?;
        for _ in 0..tokens {
            let length = self.read_count("vocabulary")?;
            self.skip("vocabulary", u64::from(length))?;
        }

        while self.position < self.file_bytes {
            let dimension_count = self.read_count("tensor header")?;
            let name_length = self.read_count("tensor header")?;
            let element_type = self.read_u32("tensor header")?;
            if dimension_count > 4 {
                return Err(self.not_ggml(format!(
                    "a tensor claims {dimension_count} dimensions (at most 4 exist)"
                )));
            }
            let mut elements: u64 = 1;
            for _ in 0..dimension_count {
                elements = elements.saturating_mul(u64::from(self.read_count("tensor header")?));
            }
            let mut name = vec![0_u8; name_length as usize];
            self.ensure_available("tensor header", u64::from(name_length))?;
            self.reader
                .read_exact(&mut name)
                .map_err(|source| self.io(source))?;
            self.position += u64::from(name_length);
            let part = format!("tensor {}", String::from_utf8_lossy(&name));
            match tensor_data_bytes(element_type, elements) {
                Some(bytes) => self.skip(&part, bytes)?,
                // A type this check does not know: the rest cannot be walked, so trust it.
                None => return Ok(()),
            }
        }
        Ok(())
    }
}

/// Bytes of `elements` values of GGML type `element_type`, for the types whisper.cpp files
/// use (f32, f16, bf16 and the block-quantized ones `whisper-quantize` writes).
fn tensor_data_bytes(element_type: u32, elements: u64) -> Option<u64> {
    let (block_bytes, block_elements) = match element_type {
        0 => (4, 1),     // F32
        1 => (2, 1),     // F16
        2 => (18, 32),   // Q4_0
        3 => (20, 32),   // Q4_1
        6 => (22, 32),   // Q5_0
        7 => (24, 32),   // Q5_1
        8 => (34, 32),   // Q8_0
        10 => (84, 256), // Q2_K
        11 => (110, 256),
        12 => (144, 256),
        13 => (176, 256),
        14 => (210, 256), // Q6_K
        30 => (2, 1),     // BF16
        _ => return None,
    };
    Some(elements.div_ceil(block_elements) * block_bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    type TestResult = Result<(), Box<dyn std::error::Error>>;

    fn tiny_info() -> GgmlModelInfo {
        GgmlModelInfo {
            n_vocab: 51_864,
            n_audio_ctx: 1500,
            n_audio_state: 384,
            n_audio_head: 6,
            n_audio_layer: 4,
            n_text_ctx: 448,
            n_text_state: 384,
            n_text_head: 6,
            n_text_layer: 4,
            n_mels: 80,
            ftype: FTYPE_MOSTLY_F16,
            file_bytes: 0,
        }
    }

    /// A structurally complete file: header, 2×3 mel filters, two tokens, one tensor.
    fn small_model() -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        write_header(&mut bytes, &tiny_info())?;
        write_mel_filters(&mut bytes, 2, 3, &[0.0; 6])?;
        write_vocabulary(&mut bytes, &[b"a".to_vec(), b" hello".to_vec()])?;
        write_tensor_header(&mut bytes, "decoder.ln.bias", TensorType::F32, &[4])?;
        bytes.extend_from_slice(&[0; 16]);
        Ok(bytes)
    }

    #[test]
    fn inspect_reads_the_header_of_a_complete_file() -> TestResult {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("model.bin");
        let bytes = small_model()?;
        std::fs::write(&path, &bytes)?;
        let info = inspect(&path)?;
        assert_eq!(
            info,
            GgmlModelInfo {
                file_bytes: bytes.len() as u64,
                ..tiny_info()
            }
        );
        assert!(!info.is_multilingual());
        assert_eq!(info.size_name(), "tiny");
        Ok(())
    }

    #[test]
    fn inspect_refuses_missing_foreign_and_cut_files() -> TestResult {
        let folder = tempfile::tempdir()?;
        let path = folder.path().join("model.bin");
        assert!(matches!(inspect(&path), Err(GgmlError::NotFound { .. })));

        std::fs::write(&path, b"GGUF\x03\0\0\0 and more")?;
        let error = inspect(&path).err().ok_or("a GGUF file was accepted")?;
        assert!(matches!(error, GgmlError::NotGgml { .. }));
        assert!(error.to_string().contains("GGUF"), "{error}");

        std::fs::write(&path, b"<html>")?;
        assert!(matches!(inspect(&path), Err(GgmlError::NotGgml { .. })));

        let bytes = small_model()?;
        for cut in [10, 60, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut])?;
            let error = inspect(&path).err().ok_or("a cut file was accepted")?;
            assert!(
                matches!(error, GgmlError::Truncated { .. }),
                "cut at {cut}: {error}"
            );
        }
        Ok(())
    }

    #[test]
    fn sizes_follow_the_encoder_depth() {
        let mut info = tiny_info();
        for (layers, name) in [(6, "base"), (12, "small"), (24, "medium"), (32, "large")] {
            info.n_audio_layer = layers;
            assert_eq!(info.size_name(), name);
        }
        info.n_vocab = 51_865;
        assert!(info.is_multilingual());
    }

    #[test]
    fn weight_formats_ignore_the_quantization_version() {
        let mut info = tiny_info();
        assert_eq!(info.weight_format(), "f16");
        // What the official ggml-tiny-q5_1.bin and ggml-base-q8_0.bin hold.
        info.ftype = 2009;
        assert_eq!(info.weight_format(), "q5_1");
        info.ftype = 2007;
        assert_eq!(info.weight_format(), "q8_0");
        info.ftype = 99;
        assert_eq!(info.weight_format(), "unknown");
    }
}
