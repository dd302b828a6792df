//! The official whisper.cpp models Aira offers to download, with what is needed to fetch and
//! verify each one.
//!
//! Sizes are the exact byte counts Hugging Face publishes for the files in
//! `ggerganov/whisper.cpp` (its API tree at revision 5359861c, the same in every catalog
//! that pins them); SHA-1s are the ones whisper.cpp publishes in its model card and
//! `models/README.md`. Both are checked after every download, so a file that changed
//! upstream is refused instead of installed.
//!
//! The descriptions are English; the UI localizes by [`CatalogEntry::name`].

use std::path::Path;

use serde::{Deserialize, Serialize};

use Quantization::{F16, Q5_1, Q8_0};

/// Where whisper.cpp's GGML models are hosted: `<base>/ggml-<name>.bin`.
pub const OFFICIAL_BASE_URL: &str = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";

/// How a model's weights are stored: full precision, or quantized to fewer bits (smaller and
/// faster, slightly less accurate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quantization {
    /// 16-bit floats, as OpenAI released them.
    F16,
    /// 5-bit weights with a scale and an offset per block.
    Q5_1,
    /// 8-bit weights with a scale per block.
    Q8_0,
}

impl Quantization {
    pub fn label(self) -> &'static str {
        match self {
            Quantization::F16 => "f16",
            Quantization::Q5_1 => "q5_1",
            Quantization::Q8_0 => "q8_0",
        }
    }
}

/// One downloadable model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// whisper.cpp's name for it, e.g. `tiny.en` or `base-q5_1`.
    pub name: String,
    /// The file name on the server and in the models folder, e.g. `ggml-tiny.en.bin`.
    pub file_name: String,
    /// Exact length of the file in bytes.
    pub size_bytes: u64,
    /// SHA-1 of the whole file, lowercase hex.
    pub sha1: String,
    /// False for the `.en` models, which only transcribe English.
    pub multilingual: bool,
    pub quantization: Quantization,
    /// One line for people choosing a model.
    pub description: String,
}

impl CatalogEntry {
    /// The file's address under `base_url` (no trailing slash needed).
    pub fn url(&self, base_url: &str) -> String {
        format!("{}/{}", base_url.trim_end_matches('/'), self.file_name)
    }
}

/// The list of models that can be downloaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalog {
    entries: Vec<CatalogEntry>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("could not read the model catalog {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("the model catalog {path} is not valid JSON for a catalog: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("the model catalog {path} is invalid: {reason}")]
    Invalid { path: String, reason: String },
}

impl Catalog {
    /// The official whisper.cpp models, tiny to small.
    pub fn official() -> Self {
        let entries = OFFICIAL
            .iter()
            .map(|model| CatalogEntry {
                name: model.name.to_owned(),
                file_name: format!("ggml-{}.bin", model.name),
                size_bytes: model.size_bytes,
                sha1: model.sha1.to_owned(),
                multilingual: !model.name.contains(".en"),
                quantization: model.quantization,
                description: model.description.to_owned(),
            })
            .collect();
        Self { entries }
    }

    /// A catalog from a JSON file holding an array of entries (the fields of
    /// [`CatalogEntry`]). For mirrors that serve other files, and for tests that serve small
    /// ones: it replaces the official list, it does not extend it.
    pub fn from_json_file(path: &Path) -> Result<Self, CatalogError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
            path: shown.clone(),
            source,
        })?;
        let entries: Vec<CatalogEntry> =
            serde_json::from_str(&text).map_err(|source| CatalogError::Parse {
                path: shown.clone(),
                source,
            })?;
        Self::from_entries(entries).map_err(|reason| CatalogError::Invalid {
            path: shown,
            reason,
        })
    }

    /// Checks what a download relies on: names and file names usable as file names, and a
    /// SHA-1 to verify against.
    pub fn from_entries(entries: Vec<CatalogEntry>) -> Result<Self, String> {
        for entry in &entries {
            if !crate::library::is_plain_file_name(&entry.file_name) {
                return Err(format!("{:?} is not a plain file name", entry.file_name));
            }
            let is_hex = entry.sha1.chars().all(|digit| digit.is_ascii_hexdigit());
            if entry.sha1.len() != 40 || !is_hex {
                return Err(format!("{}: {:?} is not a SHA-1", entry.name, entry.sha1));
            }
        }
        Ok(Self { entries })
    }

    pub fn entries(&self) -> &[CatalogEntry] {
        &self.entries
    }

    /// The entry called `name` (`tiny.en`), or whose file is `name` (`ggml-tiny.en.bin`).
    pub fn find(&self, name: &str) -> Option<&CatalogEntry> {
        self.entries
            .iter()
            .find(|entry| entry.name == name || entry.file_name == name)
    }
}

struct OfficialModel {
    name: &'static str,
    size_bytes: u64,
    sha1: &'static str,
    quantization: Quantization,
    description: &'static str,
}

const fn model(
    name: &'static str,
    size_bytes: u64,
    sha1: &'static str,
    quantization: Quantization,
    description: &'static str,
) -> OfficialModel {
    OfficialModel {
        name,
        size_bytes,
        sha1,
        quantization,
        description,
    }
}

/// Smallest first within each size, English-only after multilingual.
const OFFICIAL: [OfficialModel; 18] = [
    model(
        "tiny",
        77_691_713,
        "bd577a113a864445d4c299885e0cb97d4ba92b5f",
        F16,
        "Fastest, least accurate; all languages.",
    ),
    model(
        "tiny.en",
        77_704_715,
        "c78c86eb1a8faa21b369bcd33207cc90d64ae9df",
        F16,
        "Fastest, least accurate; English only. Aira's default.",
    ),
    model(
        "tiny-q5_1",
        32_152_673,
        "2827a03e495b1ed3048ef28a6a4620537db4ee51",
        Q5_1,
        "Tiny, compressed to 5 bits: smallest download; all languages.",
    ),
    model(
        "tiny.en-q5_1",
        32_166_155,
        "3fb92ec865cbbc769f08137f22470d6b66e071b6",
        Q5_1,
        "Tiny, compressed to 5 bits: smallest download; English only.",
    ),
    model(
        "tiny-q8_0",
        43_537_433,
        "19e8118f6652a650569f5a949d962154e01571d9",
        Q8_0,
        "Tiny, compressed to 8 bits: nearly full accuracy; all languages.",
    ),
    model(
        "tiny.en-q8_0",
        43_550_795,
        "802d6668e7d411123e672abe4cb6c18f12306abb",
        Q8_0,
        "Tiny, compressed to 8 bits: nearly full accuracy; English only.",
    ),
    model(
        "base",
        147_951_465,
        "465707469ff3a37a2b9b8d8f89f2f99de7299dac",
        F16,
        "Fast and noticeably more accurate than tiny; all languages.",
    ),
    model(
        "base.en",
        147_964_211,
        "137c40403d78fd54d454da0f9bd998f78703390c",
        F16,
        "Fast and noticeably more accurate than tiny; English only.",
    ),
    model(
        "base-q5_1",
        59_707_625,
        "a3733eda680ef76256db5fc5dd9de8629e62c5e7",
        Q5_1,
        "Base, compressed to 5 bits: small download; all languages.",
    ),
    model(
        "base.en-q5_1",
        59_721_011,
        "d26d7ce5a1b6e57bea5d0431b9c20ae49423c94a",
        Q5_1,
        "Base, compressed to 5 bits: small download; English only.",
    ),
    model(
        "base-q8_0",
        81_768_585,
        "7bb89bb49ed6955013b166f1b6a6c04584a20fbe",
        Q8_0,
        "Base, compressed to 8 bits: nearly full accuracy; all languages.",
    ),
    model(
        "base.en-q8_0",
        81_781_811,
        "bb1574182e9b924452bf0cd1510ac034d323e948",
        Q8_0,
        "Base, compressed to 8 bits: nearly full accuracy; English only.",
    ),
    model(
        "small",
        487_601_967,
        "55356645c2b361a969dfd0ef2c5a50d530afd8d5",
        F16,
        "Accurate, slower; all languages.",
    ),
    model(
        "small.en",
        487_614_201,
        "db8a495a91d927739e50b3fc1cc4c6b8f6c2d022",
        F16,
        "Accurate, slower; English only.",
    ),
    model(
        "small-q5_1",
        190_085_487,
        "6fe57ddcfdd1c6b07cdcc73aaf620810ce5fc771",
        Q5_1,
        "Small, compressed to 5 bits: accurate at under half the download; all languages.",
    ),
    model(
        "small.en-q5_1",
        190_098_681,
        "20f54878d608f94e4a8ee3ae56016571d47cba34",
        Q5_1,
        "Small, compressed to 5 bits: accurate at under half the download; English only.",
    ),
    model(
        "small-q8_0",
        264_464_607,
        "bcad8a2083f4e53d648d586b7dbc0cd673d8afad",
        Q8_0,
        "Small, compressed to 8 bits: nearly full accuracy; all languages.",
    ),
    model(
        "small.en-q8_0",
        264_477_561,
        "9d75ff4ccfa0a8217870d7405cf8cef0a5579852",
        Q8_0,
        "Small, compressed to 8 bits: nearly full accuracy; English only.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_entries_are_unique_and_well_formed() -> Result<(), String> {
        let catalog = Catalog::from_entries(Catalog::official().entries().to_vec())?;
        let mut names: Vec<&str> = catalog.entries().iter().map(|e| e.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 18);
        let tiny_english = catalog.find("tiny.en").ok_or("tiny.en missing")?;
        assert_eq!(tiny_english.size_bytes, 77_704_715);
        assert!(!tiny_english.multilingual);
        assert_eq!(
            catalog.find("ggml-base.bin").map(|e| e.size_bytes),
            Some(147_951_465)
        );
        assert_eq!(
            catalog.find("base-q8_0").map(|e| e.quantization),
            Some(Quantization::Q8_0)
        );
        assert_eq!(
            tiny_english.url("http://mirror.example/models/"),
            "http://mirror.example/models/ggml-tiny.en.bin"
        );
        Ok(())
    }

    #[test]
    fn a_catalog_with_a_path_for_a_file_name_is_refused() {
        let mut entry = Catalog::official().entries()[0].clone();
        entry.file_name = "../evil.bin".into();
        assert!(Catalog::from_entries(vec![entry]).is_err());
    }
}
