//! Writing the parts of a GGML file, and their sizes (so progress can be reported against the
//! final size before anything is written).

use std::io::{self, ErrorKind, Write};

use super::quantize::{Q8_0_BLOCK_BYTES, Q8_0_BLOCK_ELEMENTS};
use super::{GgmlModelInfo, MAGIC};

/// The element type of a tensor this crate writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TensorType {
    F32 = 0,
    F16 = 1,
    /// Blocks of 32 values: an f16 scale and 32 signed bytes (see `quantize.rs`).
    Q8_0 = 8,
}

impl TensorType {
    /// Bytes of `elements` values; for q8_0 a whole number of blocks.
    pub(crate) fn data_bytes(self, elements: u64) -> u64 {
        match self {
            TensorType::F32 => elements * 4,
            TensorType::F16 => elements * 2,
            TensorType::Q8_0 => elements / Q8_0_BLOCK_ELEMENTS as u64 * Q8_0_BLOCK_BYTES as u64,
        }
    }
}

fn write_i32(out: &mut impl Write, value: usize) -> io::Result<()> {
    let value = i32::try_from(value)
        .map_err(|_| io::Error::new(ErrorKind::InvalidInput, "value too large for GGML"))?;
    out.write_all(&value.to_le_bytes())
}

/// Magic number and hyperparameters.
pub(crate) fn write_header(out: &mut impl Write, info: &GgmlModelInfo) -> io::Result<()> {
    out.write_all(&MAGIC.to_le_bytes())?;
    for value in info.hyperparameters() {
        out.write_all(&value.to_le_bytes())?;
    }
    Ok(())
}

pub(crate) const HEADER_BYTES: u64 = 4 + 11 * 4;

/// Mel filters: `rows` filters of `columns` frequency bins, row-major.
pub(crate) fn write_mel_filters(
    out: &mut impl Write,
    rows: usize,
    columns: usize,
    weights: &[f32],
) -> io::Result<()> {
    write_i32(out, rows)?;
    write_i32(out, columns)?;
    for weight in weights {
        out.write_all(&weight.to_le_bytes())?;
    }
    Ok(())
}

pub(crate) fn mel_filters_bytes(rows: usize, columns: usize) -> u64 {
    8 + (rows * columns * 4) as u64
}

/// Vocabulary: count, then length-prefixed raw token bytes.
pub(crate) fn write_vocabulary(out: &mut impl Write, tokens: &[Vec<u8>]) -> io::Result<()> {
    write_i32(out, tokens.len())?;
    for token in tokens {
        write_i32(out, token.len())?;
        out.write_all(token)?;
    }
    Ok(())
}

pub(crate) fn vocabulary_bytes(tokens: &[Vec<u8>]) -> u64 {
    4 + tokens
        .iter()
        .map(|token| 4 + token.len() as u64)
        .sum::<u64>()
}

/// A tensor's header; its data follows. `dimensions` innermost first (GGML `ne` order).
pub(crate) fn write_tensor_header(
    out: &mut impl Write,
    name: &str,
    tensor_type: TensorType,
    dimensions: &[usize],
) -> io::Result<()> {
    write_i32(out, dimensions.len())?;
    write_i32(out, name.len())?;
    write_i32(out, tensor_type as usize)?;
    for &dimension in dimensions {
        write_i32(out, dimension)?;
    }
    out.write_all(name.as_bytes())
}

/// Bytes of a tensor's header: three `i32`, the dimensions, the name.
pub(crate) fn tensor_header_bytes(name: &str, dimensions: &[usize]) -> u64 {
    12 + 4 * dimensions.len() as u64 + name.len() as u64
}

/// Bytes of a whole tensor record: header and data.
pub(crate) fn tensor_bytes(name: &str, tensor_type: TensorType, dimensions: &[usize]) -> u64 {
    let elements: u64 = dimensions
        .iter()
        .map(|&dimension| dimension as u64)
        .product();
    tensor_header_bytes(name, dimensions) + tensor_type.data_bytes(elements)
}
