//! Reading CTranslate2's `model.bin`: the index of its variables, then their values on demand.
//!
//! Layout (little-endian, binary version 6):
//! - `i32` binary version, spec name, `i32` spec revision, `u32` variable count;
//! - per variable: name, `u8` rank, `u32` × rank dimensions, `u8` data type, `u32` byte count,
//!   the raw row-major data;
//! - `u32` alias count, then (alias, target) name pairs.
//!
//! Strings are a `u16` byte length then the bytes, ending in a NUL that is not part of the name.
//!
//! The index records where each variable's data lies instead of loading it, so a 3 GB model
//! is converted with a few megabytes of memory.

use std::collections::HashMap;
use std::io::{self, BufReader, ErrorKind, Read, Seek, SeekFrom};
use std::ops::Range;

use super::ImportError;
use super::source::ModelSource;

/// The only binary version this importer reads: what current CTranslate2 and faster-whisper
/// models use.
pub(super) const SUPPORTED_BINARY_VERSION: i32 = 6;
pub(super) const WHISPER_SPEC_NAME: &str = "WhisperSpec";

/// How CTranslate2 stores a variable's elements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DataType {
    Float32,
    Int8,
    Int16,
    Int32,
    Float16,
    BFloat16,
    /// An id this importer does not know; its bytes can still be skipped.
    Unknown(u8),
}

impl DataType {
    fn from_id(id: u8) -> DataType {
        match id {
            0 => DataType::Float32,
            1 => DataType::Int8,
            2 => DataType::Int16,
            3 => DataType::Int32,
            4 => DataType::Float16,
            5 => DataType::BFloat16,
            other => DataType::Unknown(other),
        }
    }

    pub(super) fn element_bytes(self) -> Option<u64> {
        match self {
            DataType::Int8 => Some(1),
            DataType::Int16 | DataType::Float16 | DataType::BFloat16 => Some(2),
            DataType::Float32 | DataType::Int32 => Some(4),
            DataType::Unknown(_) => None,
        }
    }

    pub(super) fn is_integer(self) -> bool {
        matches!(self, DataType::Int8 | DataType::Int16 | DataType::Int32)
    }

    pub(super) fn describe(self) -> String {
        match self {
            DataType::Float32 => "float32".into(),
            DataType::Int8 => "int8".into(),
            DataType::Int16 => "int16".into(),
            DataType::Int32 => "int32".into(),
            DataType::Float16 => "float16".into(),
            DataType::BFloat16 => "bfloat16".into(),
            DataType::Unknown(id) => format!("unknown type {id}"),
        }
    }
}

/// Where one variable's data lies in the model stream.
#[derive(Debug, Clone)]
pub(super) struct Variable {
    pub(super) name: String,
    pub(super) shape: Vec<usize>,
    pub(super) data_type: DataType,
    pub(super) offset: u64,
}

impl Variable {
    /// Rows along the first dimension; a scalar or vector counts each element as a row.
    pub(super) fn rows(&self) -> usize {
        self.shape.first().copied().unwrap_or(1)
    }

    /// Elements in one row: the product of all but the first dimension.
    pub(super) fn row_elements(&self) -> usize {
        self.shape.iter().skip(1).product()
    }

    pub(super) fn element_bytes(&self) -> Result<u64, ImportError> {
        self.data_type
            .element_bytes()
            .ok_or_else(|| ImportError::UnsupportedDataType {
                variable: self.name.clone(),
                data_type: self.data_type.describe(),
            })
    }
}

/// A CTranslate2 model file opened for reading: its spec, its variables and their data.
pub(super) struct ModelFile {
    source: BufReader<ModelSource>,
    variables: HashMap<String, Variable>,
    aliases: HashMap<String, String>,
}

impl ModelFile {
    /// Reads the header and indexes every variable, checking that the file is a Whisper model
    /// this importer understands and that no variable runs past the end of the file.
    pub(super) fn open(source: ModelSource) -> Result<ModelFile, ImportError> {
        let total_bytes = source.total_bytes();
        let mut header = HeaderReader {
            source: BufReader::with_capacity(1 << 16, source),
            position: 0,
            total_bytes,
        };

        let version = header.read_i32("the format version")?;
        if version != SUPPORTED_BINARY_VERSION {
            return Err(ImportError::UnsupportedVersion { version });
        }
        let spec = header.read_string("the model spec name")?;
        if spec != WHISPER_SPEC_NAME {
            return Err(ImportError::NotWhisper { spec });
        }
        let _revision = header.read_i32("the spec revision")?;

        let count = header.read_u32("the variable count")?;
        let mut variables = HashMap::new();
        for _ in 0..count {
            let variable = header.read_variable()?;
            variables.insert(variable.name.clone(), variable);
        }

        let mut aliases = HashMap::new();
        let alias_count = header.read_u32("the alias count")?;
        for _ in 0..alias_count {
            let alias = header.read_string("an alias")?;
            let target = header.read_string("an alias")?;
            aliases.insert(alias, target);
        }

        Ok(ModelFile {
            source: header.source,
            variables,
            aliases,
        })
    }

    /// The variable called `name` (or the one an alias of that name points to).
    pub(super) fn variable(&self, name: &str) -> Result<&Variable, ImportError> {
        self.find(name)
            .ok_or_else(|| ImportError::MissingVariable { name: name.into() })
    }

    pub(super) fn find(&self, name: &str) -> Option<&Variable> {
        self.variables.get(name).or_else(|| {
            self.aliases
                .get(name)
                .and_then(|target| self.variables.get(target))
        })
    }

    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.variables.keys().map(String::as_str)
    }

    /// The raw bytes of `rows` of `variable`.
    pub(super) fn read_rows(
        &mut self,
        variable: &Variable,
        rows: Range<usize>,
    ) -> Result<Vec<u8>, ImportError> {
        let row_bytes = variable.row_elements() as u64 * variable.element_bytes()?;
        let start = variable.offset + rows.start as u64 * row_bytes;
        let length = (rows.end - rows.start) as u64 * row_bytes;
        let mut bytes = vec![0; usize::try_from(length).unwrap_or(usize::MAX)];
        let io_error = |source: &ModelSource, error| ImportError::Io {
            path: source.path_at(start).to_path_buf(),
            source: error,
        };
        if let Err(error) = self.source.seek(SeekFrom::Start(start)) {
            return Err(io_error(self.source.get_ref(), error));
        }
        if let Err(error) = self.source.read_exact(&mut bytes) {
            return Err(io_error(self.source.get_ref(), error));
        }
        Ok(bytes)
    }

    /// A scalar variable (such as `encoder/num_heads`) as an integer, if present and integral.
    pub(super) fn integer_scalar(&mut self, name: &str) -> Result<Option<i64>, ImportError> {
        let Some(variable) = self.find(name).cloned() else {
            return Ok(None);
        };
        if !variable.shape.is_empty() || !variable.data_type.is_integer() {
            return Ok(None);
        }
        let bytes = self.read_rows(&variable, 0..1)?;
        Ok(match variable.data_type {
            DataType::Int8 => bytes.first().map(|&byte| i64::from(byte as i8)),
            DataType::Int16 => bytes
                .first_chunk::<2>()
                .map(|chunk| i64::from(i16::from_le_bytes(*chunk))),
            DataType::Int32 => bytes
                .first_chunk::<4>()
                .map(|chunk| i64::from(i32::from_le_bytes(*chunk))),
            _ => None,
        })
    }
}

/// Reads the header and variable index front to back, knowing the stream's length so a cut
/// file is reported as cut rather than as an I/O error.
struct HeaderReader {
    source: BufReader<ModelSource>,
    position: u64,
    total_bytes: u64,
}

impl HeaderReader {
    fn truncated(&self, needed_by: &str, needed_bytes: u64) -> ImportError {
        ImportError::Truncated {
            path: self
                .source
                .get_ref()
                .path_at(self.total_bytes)
                .to_path_buf(),
            needed_by: needed_by.to_string(),
            available_bytes: self.total_bytes,
            needed_bytes,
        }
    }

    fn read_bytes(&mut self, needed_by: &str, length: usize) -> Result<Vec<u8>, ImportError> {
        let end = self.position + length as u64;
        if end > self.total_bytes {
            return Err(self.truncated(needed_by, end));
        }
        let mut bytes = vec![0; length];
        self.source.read_exact(&mut bytes).map_err(|source| {
            if source.kind() == ErrorKind::UnexpectedEof {
                self.truncated(needed_by, end)
            } else {
                self.io(source)
            }
        })?;
        self.position = end;
        Ok(bytes)
    }

    fn io(&self, source: io::Error) -> ImportError {
        ImportError::Io {
            path: self.source.get_ref().path_at(self.position).to_path_buf(),
            source,
        }
    }

    fn read_array<const N: usize>(&mut self, needed_by: &str) -> Result<[u8; N], ImportError> {
        let bytes = self.read_bytes(needed_by, N)?;
        let mut array = [0; N];
        array.copy_from_slice(&bytes);
        Ok(array)
    }

    fn read_i32(&mut self, needed_by: &str) -> Result<i32, ImportError> {
        Ok(i32::from_le_bytes(self.read_array(needed_by)?))
    }

    fn read_u32(&mut self, needed_by: &str) -> Result<u32, ImportError> {
        Ok(u32::from_le_bytes(self.read_array(needed_by)?))
    }

    fn read_string(&mut self, needed_by: &str) -> Result<String, ImportError> {
        let length = u16::from_le_bytes(self.read_array(needed_by)?);
        let mut bytes = self.read_bytes(needed_by, usize::from(length))?;
        if bytes.last() == Some(&0) {
            bytes.pop();
        }
        String::from_utf8(bytes).map_err(|_| ImportError::InvalidModelFile {
            reason: format!("{needed_by} is not UTF-8 text"),
        })
    }

    fn read_variable(&mut self) -> Result<Variable, ImportError> {
        let name = self.read_string("a variable name")?;
        let rank = self.read_array::<1>(&name)?[0];
        let mut shape = Vec::with_capacity(usize::from(rank));
        for _ in 0..rank {
            shape.push(self.read_u32(&name)? as usize);
        }
        let data_type = DataType::from_id(self.read_array::<1>(&name)?[0]);
        let byte_count = u64::from(self.read_u32(&name)?);
        let elements: u64 = shape.iter().map(|&dimension| dimension as u64).product();
        if let Some(element_bytes) = data_type.element_bytes()
            && elements * element_bytes != byte_count
        {
            return Err(ImportError::InvalidModelFile {
                reason: format!(
                    "variable \"{name}\" has shape {shape:?} of {} but {byte_count} bytes",
                    data_type.describe()
                ),
            });
        }

        let offset = self.position;
        let end = offset + byte_count;
        if end > self.total_bytes {
            return Err(self.truncated(&format!("variable \"{name}\""), end));
        }
        let skip = i64::try_from(byte_count).map_err(|_| self.truncated(&name, end))?;
        self.source
            .seek_relative(skip)
            .map_err(|source| self.io(source))?;
        self.position = end;
        Ok(Variable {
            name,
            shape,
            data_type,
            offset,
        })
    }
}
