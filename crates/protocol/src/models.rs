//! The speech models: what can be downloaded, what is installed, which one transcribes, and
//! the progress of a download or an import.

use serde::{Deserialize, Serialize};

/// `list_models` (and `aira models list --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelsOutput {
    /// The models folder, `<data dir>/models`.
    pub folder: String,
    /// The model file transcription uses now.
    pub in_use: String,
    /// Whether that file exists; without it answers cannot be transcribed.
    pub in_use_present: bool,
    /// The installed model the user chose ([`crate::Preferences::model`]), if any.
    pub chosen: Option<String>,
    /// `--model` or `AIRA_WHISPER_MODEL` names the model, so the user's choice waits until
    /// that is removed.
    pub overridden: bool,
    /// Installed models, by file name.
    pub installed: Vec<InstalledModelInfo>,
    /// The catalog: models that can be downloaded, installed or not.
    pub available: Vec<AvailableModelInfo>,
}

/// A model file in the models folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstalledModelInfo {
    /// `tiny.en` for `ggml-tiny.en.bin`: the name to download, use or remove it by.
    pub name: String,
    pub file_name: String,
    pub path: String,
    pub size_bytes: u64,
    /// The catalog entry with this file name, if any.
    pub catalog_name: Option<String>,
    pub origin: ModelOrigin,
    /// Its SHA-1 when Aira installed it is the catalog's: an untouched official model.
    pub verified: bool,
    /// Transcribes other languages than English; `None` when the file cannot be read.
    pub multilingual: Option<bool>,
    /// How the weights are stored (`f16`, `q5_1`, `q8_0`, …); `None` when unreadable.
    pub quantization: Option<String>,
    /// The file transcription uses now.
    pub in_use: bool,
}

/// How a model came to be in the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelOrigin {
    /// Downloaded by Aira from the catalog, and verified.
    Downloaded,
    /// Copied or converted in by Aira from a file or folder the user chose.
    Imported,
    /// Put there some other way (by hand, by a script).
    Unknown,
}

/// A model the catalog offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AvailableModelInfo {
    /// whisper.cpp's name for it, e.g. `tiny.en` or `base-q5_1`.
    pub name: String,
    pub file_name: String,
    pub size_bytes: u64,
    /// SHA-1 the download is checked against.
    pub sha1: String,
    /// False for the `.en` models, which only transcribe English.
    pub multilingual: bool,
    /// `f16`, `q5_1` or `q8_0`.
    pub quantization: String,
    /// One English line for people choosing a model.
    pub description: String,
    /// In the folder at its full size.
    pub installed: bool,
    /// Bytes of an unfinished download waiting to be resumed.
    pub partial_bytes: u64,
}

/// `download_model`, `cancel_download`, `use_model`, `remove_model`: the model meant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModelNameInput {
    pub name: String,
}

/// `import_model`: which native dialog to open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportModelInput {
    pub source: ImportSource,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    /// A whisper.cpp model file (`ggml-….bin`).
    GgmlFile,
    /// A faster-whisper (CTranslate2) model folder, converted on import.
    FasterWhisperFolder,
}

/// Streamed while a model is downloaded or imported: what is happening, and how far it is.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ModelProgress {
    pub stage: ModelStage,
    /// Bytes done so far (downloaded, copied or converted), a resumed prefix included.
    pub done_bytes: u64,
    pub total_bytes: u64,
    /// Download speed on the current connection; 0 until measured, and for imports.
    pub bytes_per_second: u64,
}

impl ModelProgress {
    /// Whole percent done, 0 to 100.
    pub fn percent(&self) -> u8 {
        if self.total_bytes == 0 {
            return 0;
        }
        let percent = self.done_bytes.min(self.total_bytes) * 100 / self.total_bytes;
        percent as u8
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelStage {
    /// Bytes are arriving.
    Downloading,
    /// The connection failed; attempt `attempt` of `attempts` starts after `delay_ms`,
    /// resuming from what is on disk.
    Retrying {
        attempt: u32,
        attempts: u32,
        delay_ms: u64,
    },
    /// Everything arrived; the checksum is being compared.
    Verifying,
    /// A GGML file is being copied in.
    Copying,
    /// A faster-whisper folder is being converted to GGML.
    Converting,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_whole_and_never_over_100() {
        let progress = |done_bytes, total_bytes| ModelProgress {
            stage: ModelStage::Downloading,
            done_bytes,
            total_bytes,
            bytes_per_second: 0,
        };
        assert_eq!(progress(35, 77).percent(), 45);
        assert_eq!(progress(0, 0).percent(), 0);
        assert_eq!(progress(80, 77).percent(), 100);
    }

    #[test]
    fn stages_are_tagged_by_kind() -> Result<(), serde_json::Error> {
        let retrying = ModelStage::Retrying {
            attempt: 2,
            attempts: 5,
            delay_ms: 1000,
        };
        assert_eq!(
            serde_json::to_string(&retrying)?,
            r#"{"kind":"retrying","attempt":2,"attempts":5,"delay_ms":1000}"#
        );
        Ok(())
    }
}
