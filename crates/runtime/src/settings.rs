use std::path::PathBuf;

use aira_models::catalog::{Catalog, CatalogError, OFFICIAL_BASE_URL};
use aira_models::library::ModelLibrary;

/// Must equal `identifier` in tauri.conf.json, so the app and the CLI share one data folder.
pub const APP_IDENTIFIER: &str = "app.aira.coach";
/// The model file looked for in `<data dir>/models/` when none is named.
pub const DEFAULT_MODEL_FILE: &str = "ggml-tiny.en.bin";

/// Where Aira keeps its data and which engines it uses. Each value comes from, in order:
/// an explicit argument (CLI flag), an `AIRA_*` environment variable, a default.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Database and recorded answers. `AIRA_DATA_DIR`; default: the platform data folder
    /// (`~/.local/share/app.aira.coach` on Linux).
    pub data_dir: PathBuf,
    /// The Whisper GGML model. `AIRA_WHISPER_MODEL`; default `<data_dir>/models/ggml-tiny.en.bin`.
    pub model_path: PathBuf,
    /// Whisper CPU threads when set here (`--threads`, `AIRA_WHISPER_THREADS`): wins over
    /// the user's preference. See [`Settings::whisper_threads`].
    pub whisper_threads: Option<u32>,
    /// Whisper's beam width; 1 decodes greedily, faster and a little less accurate in
    /// noise. `AIRA_WHISPER_BEAM_SIZE`; default [`aira_speech::DEFAULT_BEAM_SIZE`].
    pub whisper_beam_size: u32,
    /// Language of answers. `AIRA_LANGUAGE`; default "en".
    pub language: String,
    /// Where models are downloaded from: `<base>/ggml-<name>.bin`. `AIRA_MODEL_BASE_URL`;
    /// default the official whisper.cpp host.
    pub model_base_url: String,
    /// A JSON catalog that replaces the built-in list of downloadable models, for a mirror
    /// that serves other files, and for tests. `AIRA_MODEL_CATALOG`; default none.
    pub model_catalog_file: Option<PathBuf>,
}

impl Settings {
    /// `platform_data_dir` is the front end's idea of the data folder (Tauri's app data
    /// folder in the app); without one the platform default is used.
    pub fn resolve(
        data_dir: Option<PathBuf>,
        model_path: Option<PathBuf>,
        platform_data_dir: Option<PathBuf>,
    ) -> Self {
        let data_dir = data_dir
            .or_else(|| environment_path("AIRA_DATA_DIR"))
            .or(platform_data_dir)
            .or_else(|| dirs::data_dir().map(|folder| folder.join(APP_IDENTIFIER)))
            .unwrap_or_else(|| PathBuf::from(".aira"));
        // Paths are saved in the database, so they must not depend on the working folder.
        let data_dir = std::path::absolute(&data_dir).unwrap_or(data_dir);
        let model_path = model_path
            .or_else(|| environment_path("AIRA_WHISPER_MODEL"))
            .unwrap_or_else(|| models_dir(&data_dir).join(DEFAULT_MODEL_FILE));
        let whisper_threads = std::env::var("AIRA_WHISPER_THREADS")
            .ok()
            .and_then(|threads| threads.parse().ok())
            .filter(|threads| *threads > 0);
        let whisper_beam_size = std::env::var("AIRA_WHISPER_BEAM_SIZE")
            .ok()
            .and_then(|beams| beams.parse().ok())
            .filter(|beams| *beams > 0)
            .unwrap_or(aira_speech::DEFAULT_BEAM_SIZE);
        let language = std::env::var("AIRA_LANGUAGE")
            .ok()
            .filter(|language| !language.is_empty())
            .unwrap_or_else(|| "en".into());
        let model_base_url = std::env::var("AIRA_MODEL_BASE_URL")
            .ok()
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| OFFICIAL_BASE_URL.into());
        Self {
            data_dir,
            model_path,
            whisper_threads,
            whisper_beam_size,
            language,
            model_base_url,
            model_catalog_file: environment_path("AIRA_MODEL_CATALOG"),
        }
    }

    /// Threads for whisper: this setting, else the user's preference, else up to 4 of the
    /// machine's cores.
    pub fn whisper_threads(&self, preferences: &aira_protocol::Preferences) -> u32 {
        let available = std::thread::available_parallelism().map_or(1, |count| count.get() as u32);
        self.whisper_threads
            .or(preferences.whisper_threads)
            .unwrap_or(available.min(4))
            .max(1)
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("aira.sqlite3")
    }

    pub fn audio_dir(&self) -> PathBuf {
        self.data_dir.join("audio")
    }

    /// The models folder, `<data dir>/models`.
    pub fn model_library(&self) -> ModelLibrary {
        ModelLibrary::new(models_dir(&self.data_dir))
    }

    /// The models that can be downloaded: the official list, or the one in
    /// `model_catalog_file`.
    pub fn model_catalog(&self) -> Result<Catalog, CatalogError> {
        match &self.model_catalog_file {
            Some(path) => Catalog::from_json_file(path),
            None => Ok(Catalog::official()),
        }
    }
}

fn models_dir(data_dir: &std::path::Path) -> PathBuf {
    data_dir.join("models")
}

fn environment_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}
