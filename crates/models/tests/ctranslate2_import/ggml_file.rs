//! A minimal, independent GGML reader for checking converted files tensor by tensor.

use std::collections::BTreeMap;

use half::f16;

/// Byte range of the mel filter values (after magic, 11 hyperparameters, rows and columns).
pub const MEL_FILTERS_START: usize = 4 + 11 * 4 + 8;

pub struct Tensor {
    pub element_type: u32,
    pub dimensions: Vec<usize>,
    pub data: std::ops::Range<usize>,
}

impl Tensor {
    /// Values as f32 (f16 widened exactly).
    pub fn values(&self, file: &[u8]) -> Vec<f32> {
        let bytes = &file[self.data.clone()];
        match self.element_type {
            0 => bytes
                .chunks_exact(4)
                .map(|chunk| f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
                .collect(),
            _ => bytes
                .chunks_exact(2)
                .map(|chunk| f16::from_le_bytes([chunk[0], chunk[1]]).to_f32())
                .collect(),
        }
    }
}

pub struct GgmlFile {
    pub mel_rows: usize,
    pub mel_columns: usize,
    pub tokens: Vec<Vec<u8>>,
    /// Tensors by name, and their names in file order.
    pub tensors: BTreeMap<String, Tensor>,
    pub order: Vec<String>,
}

impl GgmlFile {
    pub fn mel_filters(&self, file: &[u8]) -> Vec<f32> {
        let end = MEL_FILTERS_START + self.mel_rows * self.mel_columns * 4;
        file[MEL_FILTERS_START..end]
            .chunks_exact(4)
            .map(|chunk| f32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
            .collect()
    }
}

struct Cursor<'a> {
    bytes: &'a [u8],
    position: usize,
}

impl Cursor<'_> {
    fn take(&mut self, length: usize) -> Result<&[u8], String> {
        let end = self.position + length;
        let slice = self
            .bytes
            .get(self.position..end)
            .ok_or_else(|| format!("file ends before byte {end}"))?;
        self.position = end;
        Ok(slice)
    }

    fn read_u32(&mut self) -> Result<u32, String> {
        let bytes = self.take(4)?;
        Ok(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
    }

    fn read_usize(&mut self) -> Result<usize, String> {
        Ok(self.read_u32()? as usize)
    }
}

pub fn parse(bytes: &[u8]) -> Result<GgmlFile, String> {
    let mut cursor = Cursor { bytes, position: 0 };
    if cursor.read_u32()? != 0x6767_6d6c {
        return Err("bad magic".into());
    }
    cursor.take(11 * 4)?;
    let mel_rows = cursor.read_usize()?;
    let mel_columns = cursor.read_usize()?;
    cursor.take(mel_rows * mel_columns * 4)?;
    let token_count = cursor.read_usize()?;
    let mut tokens = Vec::with_capacity(token_count);
    for _ in 0..token_count {
        let length = cursor.read_usize()?;
        tokens.push(cursor.take(length)?.to_vec());
    }
    let mut tensors = BTreeMap::new();
    let mut order = Vec::new();
    while cursor.position < bytes.len() {
        let dimension_count = cursor.read_usize()?;
        let name_length = cursor.read_usize()?;
        let element_type = cursor.read_u32()?;
        let mut dimensions = Vec::new();
        for _ in 0..dimension_count {
            dimensions.push(cursor.read_usize()?);
        }
        let name = String::from_utf8(cursor.take(name_length)?.to_vec())
            .map_err(|error| error.to_string())?;
        let element_bytes = if element_type == 0 { 4 } else { 2 };
        let start = cursor.position;
        cursor.take(dimensions.iter().product::<usize>() * element_bytes)?;
        order.push(name.clone());
        tensors.insert(
            name,
            Tensor {
                element_type,
                dimensions,
                data: start..cursor.position,
            },
        );
    }
    Ok(GgmlFile {
        mel_rows,
        mel_columns,
        tokens,
        tensors,
        order,
    })
}
