//! Turning CTranslate2 variable data into GGML tensor data, a few megabytes at a time.
//!
//! float16 data bound for an f16 tensor is copied bit for bit. Everything else goes through
//! f32: float32, bfloat16 and quantized integers (`value = quantized / scale`, the scale per
//! row in `<name>_scale`, as CTranslate2 stores int8 and int16 weights), then to f16 with
//! round-to-nearest-even where the tensor is f16.

use std::io::Write;
use std::ops::Range;

use half::{bf16, f16};

use super::ImportError;
use super::names::TensorPlan;
use super::reader::{DataType, ModelFile, Variable};
use crate::ggml::{TensorType, quantize_row};

/// Rows are converted in pieces of about this many bytes, bounding memory for large models.
const CHUNK_BYTES: usize = 4 << 20;

/// Writes `plan`'s data (not its header) to `out`, calling `written` with the byte count of
/// each piece.
pub(super) fn write_tensor_data(
    model: &mut ModelFile,
    plan: &TensorPlan,
    out: &mut impl Write,
    written: &mut dyn FnMut(u64),
    write_error: &dyn Fn(std::io::Error) -> ImportError,
) -> Result<(), ImportError> {
    let source = &plan.source;
    let scales = dequantization_scales(model, source)?;
    let row_elements = source.row_elements().max(1);
    let rows_per_chunk = (CHUNK_BYTES / (row_elements * 4)).max(1);

    let mut start = plan.rows.start;
    while start < plan.rows.end {
        let rows = start..(start + rows_per_chunk).min(plan.rows.end);
        let raw = model.read_rows(source, rows.clone())?;
        let bytes = if plan.tensor_type == TensorType::F16 && source.data_type == DataType::Float16
        {
            raw
        } else {
            let values = to_f32(source, &raw, rows.clone(), scales.as_deref())?;
            encode(&values, plan.tensor_type)
        };
        out.write_all(&bytes).map_err(write_error)?;
        written(bytes.len() as u64);
        start = rows.end;
    }
    Ok(())
}

/// For a quantized variable, its scales: one per row, or a single one for the whole variable.
fn dequantization_scales(
    model: &mut ModelFile,
    variable: &Variable,
) -> Result<Option<Vec<f32>>, ImportError> {
    if !variable.data_type.is_integer() {
        return Ok(None);
    }
    let scale_name = format!("{}_scale", variable.name);
    let scale = model.variable(&scale_name)?.clone();
    let count: usize = scale.shape.iter().product();
    if count != 1 && count != variable.rows() {
        return Err(ImportError::UnexpectedShape {
            variable: scale_name,
            expected: vec![variable.rows()],
            found: scale.shape.clone(),
        });
    }
    if scale.data_type.is_integer() {
        return Err(ImportError::UnsupportedDataType {
            variable: scale_name,
            data_type: scale.data_type.describe(),
        });
    }
    let raw = model.read_rows(&scale, 0..scale.rows())?;
    Ok(Some(to_f32(&scale, &raw, 0..scale.rows(), None)?))
}

/// Decodes `raw`, which holds `rows` of `variable`, to f32.
fn to_f32(
    variable: &Variable,
    raw: &[u8],
    rows: Range<usize>,
    scales: Option<&[f32]>,
) -> Result<Vec<f32>, ImportError> {
    let unsupported = || ImportError::UnsupportedDataType {
        variable: variable.name.clone(),
        data_type: variable.data_type.describe(),
    };
    let values: Vec<f32> = match variable.data_type {
        DataType::Float32 => raw
            .chunks_exact(4)
            .map(|bytes| f32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
            .collect(),
        DataType::Float16 => raw
            .chunks_exact(2)
            .map(|bytes| f16::from_le_bytes([bytes[0], bytes[1]]).to_f32())
            .collect(),
        DataType::BFloat16 => raw
            .chunks_exact(2)
            .map(|bytes| bf16::from_le_bytes([bytes[0], bytes[1]]).to_f32())
            .collect(),
        DataType::Int8 => raw.iter().map(|&byte| f32::from(byte as i8)).collect(),
        DataType::Int16 => raw
            .chunks_exact(2)
            .map(|bytes| f32::from(i16::from_le_bytes([bytes[0], bytes[1]])))
            .collect(),
        DataType::Int32 => raw
            .chunks_exact(4)
            .map(|bytes| i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as f32)
            .collect(),
        DataType::Unknown(_) => return Err(unsupported()),
    };
    let Some(scales) = scales else {
        return Ok(values);
    };
    let row_elements = variable.row_elements().max(1);
    Ok(values
        .chunks(row_elements)
        .zip(rows)
        .flat_map(|(row, row_index)| {
            let scale = if scales.len() == 1 {
                scales[0]
            } else {
                scales[row_index]
            };
            row.iter().map(move |&quantized| quantized / scale)
        })
        .collect())
}

/// Little-endian bytes of `values` as `tensor_type`.
fn encode(values: &[f32], tensor_type: TensorType) -> Vec<u8> {
    match tensor_type {
        TensorType::F32 => values
            .iter()
            .flat_map(|value| value.to_le_bytes())
            .collect(),
        TensorType::F16 => values
            .iter()
            .flat_map(|&value| f16::from_f32(value).to_le_bytes())
            .collect(),
        // Chunks hold whole rows, and q8_0 rows are whole blocks (checked when planning).
        TensorType::Q8_0 => quantize_row(values),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variable(data_type: DataType, shape: Vec<usize>) -> Variable {
        Variable {
            name: "layer/weight".into(),
            shape,
            data_type,
            offset: 0,
        }
    }

    #[test]
    fn int8_rows_are_divided_by_their_own_scale() -> Result<(), ImportError> {
        let int8 = variable(DataType::Int8, vec![3, 2]);
        let raw = [127_i8, -64, 10, 20, 1, -1].map(|value| value as u8);
        let scales = [127.0, 10.0, 0.5];
        let values = to_f32(&int8, &raw, 0..3, Some(&scales))?;
        assert_eq!(values, vec![1.0, -64.0 / 127.0, 1.0, 2.0, 2.0, -2.0]);
        // A slice of rows uses the scales of those rows.
        let values = to_f32(&int8, &raw[2..4], 1..2, Some(&scales))?;
        assert_eq!(values, vec![1.0, 2.0]);
        Ok(())
    }

    #[test]
    fn float_types_decode_exactly_and_encode_to_nearest_f16() -> Result<(), ImportError> {
        let float16 = variable(DataType::Float16, vec![2]);
        let raw = [
            f16::from_f32(0.5).to_le_bytes(),
            f16::from_f32(-2.0).to_le_bytes(),
        ]
        .concat();
        assert_eq!(to_f32(&float16, &raw, 0..2, None)?, vec![0.5, -2.0]);

        let bfloat16 = variable(DataType::BFloat16, vec![1]);
        let raw = bf16::from_f32(3.0).to_le_bytes();
        assert_eq!(to_f32(&bfloat16, &raw, 0..1, None)?, vec![3.0]);

        // 1 + 2^-11 is halfway between two f16 values; ties go to the even one, 1.0.
        let encoded = encode(&[1.0 + 2f32.powi(-11), 1.5], TensorType::F16);
        assert_eq!(
            encoded,
            [f16::ONE.to_le_bytes(), f16::from_f32(1.5).to_le_bytes()].concat()
        );
        assert_eq!(
            encode(&[1.5], TensorType::F32),
            1.5_f32.to_le_bytes().to_vec()
        );
        Ok(())
    }

    #[test]
    fn unknown_types_are_refused_by_name() {
        let unknown = variable(DataType::Unknown(9), vec![1]);
        let error = to_f32(&unknown, &[0], 0..1, None).err();
        assert!(
            matches!(&error, Some(ImportError::UnsupportedDataType { variable, .. }) if variable == "layer/weight"),
            "{error:?}"
        );
    }
}
