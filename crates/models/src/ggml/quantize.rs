//! Quantizing an f16 GGML model to q8_0, as whisper.cpp's `quantize` tool does: every
//! two-dimensional f16 matrix (attention and MLP weights, the token embedding) is stored in
//! blocks of 32 values, each an f16 scale and 32 signed bytes. Everything else (vectors,
//! biases, positional embeddings, the 3-D convolution kernels) is copied unchanged.
//!
//! Why: on a CPU, whisper.cpp multiplies q8_0 matrices with integer dot products and reads
//! half the bytes, which is what faster-whisper's int8 mode does with CTranslate2. The file
//! is about 55 % of the f16 one.

use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::Path;

use half::f16;

use super::write::{TensorType, write_tensor_header};
use super::{GgmlError, GgmlModelInfo, MAGIC, inspect};
use crate::ctranslate2::temporary_file;

/// Values per q8_0 block, and its bytes: an f16 scale and one signed byte per value.
pub(crate) const Q8_0_BLOCK_ELEMENTS: usize = 32;
pub(crate) const Q8_0_BLOCK_BYTES: usize = 2 + Q8_0_BLOCK_ELEMENTS;
/// `ftype` of a q8_0 model: GGML_FTYPE_MOSTLY_Q8_0 (7) plus 1000 × quantization version 2,
/// what `quantize` writes.
const FTYPE_MOSTLY_Q8_0: u32 = 2007;

/// Why a model could not be quantized.
#[derive(Debug, thiserror::Error)]
pub enum QuantizeError {
    #[error(transparent)]
    Source(#[from] GgmlError),
    #[error("the model is already {format}; only f16 models can be quantized")]
    NotF16 { format: &'static str },
    #[error("tensor {name} has {columns} columns, not a multiple of 32, so q8_0 cannot hold it")]
    UnevenRows { name: String, columns: usize },
    #[error("could not read or write the model: {0}")]
    Io(#[from] io::Error),
}

/// Writes a q8_0 copy of the f16 model `source` to `destination`. Like the importer, the
/// file appears only when complete and checked.
pub fn quantize_q8_0(source: &Path, destination: &Path) -> Result<GgmlModelInfo, QuantizeError> {
    let info = inspect(source)?;
    if info.weight_format() != "f16" {
        return Err(QuantizeError::NotF16 {
            format: info.weight_format(),
        });
    }
    let folder = match destination.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = temporary_file(folder)?;
    {
        let mut input = BufReader::with_capacity(1 << 20, std::fs::File::open(source)?);
        let mut output = BufWriter::with_capacity(1 << 20, temporary.as_file_mut());
        copy_quantized(&mut input, &mut output)?;
        output.flush()?;
    }
    temporary.as_file().sync_all()?;
    let written = inspect(temporary.path())?;
    temporary
        .persist(destination)
        .map_err(|error| QuantizeError::Io(error.error))?;
    Ok(written)
}

fn read_i32(input: &mut impl Read) -> io::Result<i32> {
    let mut bytes = [0; 4];
    input.read_exact(&mut bytes)?;
    Ok(i32::from_le_bytes(bytes))
}

fn copy_bytes(input: &mut impl Read, output: &mut impl Write, count: u64) -> io::Result<()> {
    let copied = io::copy(&mut input.take(count), output)?;
    if copied != count {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "model ends early",
        ));
    }
    Ok(())
}

/// Copies header, mel filters and vocabulary, then each tensor, quantizing the matrices.
/// `inspect` has already checked the structure, so the reads here cannot run off the end.
fn copy_quantized(input: &mut impl Read, output: &mut impl Write) -> Result<(), QuantizeError> {
    if read_i32(input)? as u32 != MAGIC {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "not a GGML model").into());
    }
    output.write_all(&MAGIC.to_le_bytes())?;
    for index in 0..11 {
        let value = read_i32(input)?;
        let value = if index == 10 {
            FTYPE_MOSTLY_Q8_0 as i32
        } else {
            value
        };
        output.write_all(&value.to_le_bytes())?;
    }
    let (rows, columns) = (read_i32(input)?, read_i32(input)?);
    output.write_all(&rows.to_le_bytes())?;
    output.write_all(&columns.to_le_bytes())?;
    copy_bytes(input, output, rows as u64 * columns as u64 * 4)?;
    let tokens = read_i32(input)?;
    output.write_all(&tokens.to_le_bytes())?;
    for _ in 0..tokens {
        let length = read_i32(input)?;
        output.write_all(&length.to_le_bytes())?;
        copy_bytes(input, output, length as u64)?;
    }

    loop {
        let dimension_count = match read_i32(input) {
            Ok(count) => count as usize,
            Err(error) if error.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(error) => return Err(error.into()),
        };
        let name_length = read_i32(input)? as usize;
        let element_type = read_i32(input)?;
        let dimensions = (0..dimension_count)
            .map(|_| read_i32(input).map(|dimension| dimension as usize))
            .collect::<io::Result<Vec<_>>>()?;
        let mut name = vec![0; name_length];
        input.read_exact(&mut name)?;
        let name = String::from_utf8_lossy(&name).into_owned();
        let elements: usize = dimensions.iter().product();

        let is_matrix = element_type == TensorType::F16 as i32 && dimension_count == 2;
        if !is_matrix {
            let tensor_type = match element_type {
                0 => TensorType::F32,
                _ => TensorType::F16,
            };
            write_tensor_header(output, &name, tensor_type, &dimensions)?;
            copy_bytes(input, output, tensor_type.data_bytes(elements as u64))?;
            continue;
        }
        let columns = dimensions[0];
        if columns % Q8_0_BLOCK_ELEMENTS != 0 {
            return Err(QuantizeError::UnevenRows { name, columns });
        }
        write_tensor_header(output, &name, TensorType::Q8_0, &dimensions)?;
        let mut row = vec![0_u8; columns * 2];
        let mut values = vec![0_f32; columns];
        for _ in 0..dimensions[1] {
            input.read_exact(&mut row)?;
            for (value, bytes) in values.iter_mut().zip(row.chunks_exact(2)) {
                *value = f16::from_le_bytes([bytes[0], bytes[1]]).to_f32();
            }
            output.write_all(&quantize_row(&values))?;
        }
    }
}

/// q8_0 blocks of `values` (a multiple of 32 long), as ggml's `quantize_row_q8_0_ref`:
/// scale = largest magnitude / 127, each value rounded to the nearest step.
pub(crate) fn quantize_row(values: &[f32]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(values.len() / Q8_0_BLOCK_ELEMENTS * Q8_0_BLOCK_BYTES);
    for block in values.chunks_exact(Q8_0_BLOCK_ELEMENTS) {
        let largest = block
            .iter()
            .fold(0.0_f32, |most, value| most.max(value.abs()));
        let scale = largest / 127.0;
        let inverse = if scale > 0.0 { 1.0 / scale } else { 0.0 };
        bytes.extend_from_slice(&f16::from_f32(scale).to_le_bytes());
        bytes.extend(
            block
                .iter()
                .map(|value| (value * inverse).round() as i8 as u8),
        );
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_keeps_its_largest_value_exactly_and_the_rest_within_half_a_step() {
        let values: Vec<f32> = (0..32).map(|index| (index as f32 - 10.0) * 0.01).collect();
        let bytes = quantize_row(&values);
        assert_eq!(bytes.len(), Q8_0_BLOCK_BYTES);
        let scale = f16::from_le_bytes([bytes[0], bytes[1]]).to_f32();
        assert!((scale - 0.21 / 127.0).abs() < 1e-5, "scale {scale}");
        for (value, &byte) in values.iter().zip(&bytes[2..]) {
            let restored = f32::from(byte as i8) * scale;
            assert!(
                (restored - value).abs() <= scale / 2.0 + 1e-6,
                "{value} -> {restored}"
            );
        }
        assert_eq!(bytes[2 + 31] as i8, 127);
    }

    #[test]
    fn an_all_zero_block_has_a_zero_scale() {
        assert_eq!(quantize_row(&[0.0; 32]), vec![0; Q8_0_BLOCK_BYTES]);
    }
}
