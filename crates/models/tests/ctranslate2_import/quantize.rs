//! Makes an int8 CTranslate2 model from a float16 one, as `ct2-transformers-converter
//! --quantization int8` would: every weight matrix (and conv kernel) becomes int8 with a
//! per-row float32 `<name>_scale`, where `scale = 127 / max|row|` and `q = round(w × scale)`.
//!
//! Written independently of the crate's reader so the importer is checked against a file it
//! did not help make.

use half::f16;

/// Reads a CTranslate2 `model.bin` and returns an int8-quantized copy.
pub fn quantize_to_int8(model: &[u8]) -> Result<Vec<u8>, String> {
    let mut input = Reader {
        bytes: model,
        position: 0,
    };
    let mut output = Vec::with_capacity(model.len() / 2);

    // Header: version, spec name, revision copied as they are.
    output.extend_from_slice(input.take(4)?);
    let spec = input.string()?;
    write_string(&mut output, spec);
    output.extend_from_slice(input.take(4)?);

    let count = input.u32()?;
    let mut variables = Vec::new();
    for _ in 0..count {
        let name = input.string()?;
        let rank = input.take(1)?[0];
        let mut shape = Vec::new();
        for _ in 0..rank {
            shape.push(input.u32()?);
        }
        let data_type = input.take(1)?[0];
        let byte_count = input.u32()? as usize;
        let data = input.take(byte_count)?;
        variables.push((name, shape, data_type, data));
    }
    let aliases = &model[input.position..];

    let mut written = 0_u32;
    let mut body = Vec::new();
    for (name, shape, data_type, data) in variables {
        let is_weight = name.ends_with(b"/weight\0") && shape.len() >= 2;
        if is_weight && data_type == FLOAT16 {
            let rows = shape[0] as usize;
            let (quantized, scales) = quantize_rows(data, rows);
            write_variable(&mut body, name, &shape, INT8, &quantized);
            let mut scale_name = name[..name.len() - 1].to_vec();
            scale_name.extend_from_slice(b"_scale\0");
            let scale_bytes: Vec<u8> = scales
                .iter()
                .flat_map(|scale| scale.to_le_bytes())
                .collect();
            write_variable(&mut body, &scale_name, &[shape[0]], FLOAT32, &scale_bytes);
            written += 2;
        } else {
            write_variable(&mut body, name, &shape, data_type, data);
            written += 1;
        }
    }
    output.extend_from_slice(&written.to_le_bytes());
    output.extend_from_slice(&body);
    output.extend_from_slice(aliases);
    Ok(output)
}

const FLOAT32: u8 = 0;
const INT8: u8 = 1;
const FLOAT16: u8 = 4;

/// Per-row symmetric int8 quantization of float16 data, as CTranslate2 does it.
fn quantize_rows(data: &[u8], rows: usize) -> (Vec<u8>, Vec<f32>) {
    let values: Vec<f32> = data
        .chunks_exact(2)
        .map(|chunk| f16::from_le_bytes([chunk[0], chunk[1]]).to_f32())
        .collect();
    let row_length = values.len() / rows;
    let mut quantized = Vec::with_capacity(values.len());
    let mut scales = Vec::with_capacity(rows);
    for row in values.chunks(row_length) {
        let largest = row
            .iter()
            .fold(0_f32, |largest, value| largest.max(value.abs()));
        let scale = if largest == 0.0 { 1.0 } else { 127.0 / largest };
        scales.push(scale);
        quantized.extend(
            row.iter()
                .map(|value| (value * scale).round_ties_even().clamp(-127.0, 127.0) as i8 as u8),
        );
    }
    (quantized, scales)
}

fn write_string(output: &mut Vec<u8>, bytes: &[u8]) {
    output.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
    output.extend_from_slice(bytes);
}

fn write_variable(output: &mut Vec<u8>, name: &[u8], shape: &[u32], data_type: u8, data: &[u8]) {
    write_string(output, name);
    output.push(shape.len() as u8);
    for dimension in shape {
        output.extend_from_slice(&dimension.to_le_bytes());
    }
    output.push(data_type);
    output.extend_from_slice(&(data.len() as u32).to_le_bytes());
    output.extend_from_slice(data);
}

struct Reader<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, length: usize) -> Result<&'a [u8], String> {
        let end = self.position + length;
        let slice = self
            .bytes
            .get(self.position..end)
            .ok_or_else(|| format!("model.bin ends before byte {end}"))?;
        self.position = end;
        Ok(slice)
    }

    fn u32(&mut self) -> Result<u32, String> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    /// A length-prefixed string, returned with its trailing NUL.
    fn string(&mut self) -> Result<&'a [u8], String> {
        let length = self.take(2)?;
        let length = u16::from_le_bytes([length[0], length[1]]) as usize;
        self.take(length)
    }
}
