use std::path::PathBuf;

use aira_models::catalog::{Catalog, CatalogError, OFFICIAL_BASE_URL};
use aira_models::library::ModelLibrary;
use aira_protocol::EnginePolicy;

use crate::RuntimeError;

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
    /// The Whisper GGML model when named here (`--model`, `AIRA_WHISPER_MODEL`): wins over
    /// the user's choice. See [`Settings::model_path`].
    pub model_override: Option<PathBuf>,
    /// Whisper CPU threads when set here (`--threads`, `AIRA_WHISPER_THREADS`): wins over
    /// the user's preference. See [`Settings::whisper_threads`].
    pub whisper_threads: Option<u32>,
    /// Whisper's beam width; 1 decodes greedily, faster and a little less accurate in
    /// noise. `AIRA_WHISPER_BEAM_SIZE`; default [`aira_speech::DEFAULT_BEAM_SIZE`].
    pub whisper_beam_size: u32,
    /// Language of answers. `AIRA_LANGUAGE`; default "en". A regional code such as "en-IN"
    /// picks that variant in the cloud; Whisper uses its first part ("en").
    pub language: String,
    /// Where answers are transcribed when set here (`--engine`, `AIRA_TRANSCRIPTION_ENGINE`):
    /// wins over the user's preference. See [`Settings::transcription_engine`].
    pub transcription_engine: Option<EnginePolicy>,
    /// A certificate authority (PEM file) to trust for Amazon Transcribe besides the
    /// platform's: a company's TLS proxy, a test server. `AIRA_TRANSCRIBE_CA_FILE`.
    pub transcribe_ca_file: Option<PathBuf>,
    /// Who coaches when set here (`--coach`, `AIRA_COACH_ENGINE`): wins over the user's
    /// preference. See [`Settings::coach_engine`].
    pub coach_engine: Option<EnginePolicy>,
    /// The Bedrock model id when set here (`AIRA_BEDROCK_MODEL`): wins over the user's
    /// preference. See [`Settings::bedrock_model`].
    pub bedrock_model: Option<String>,
    /// As `transcribe_ca_file`, for Amazon Bedrock. `AIRA_BEDROCK_CA_FILE`.
    pub bedrock_ca_file: Option<PathBuf>,
    /// Which voice speaks when set here (`--engine` of `aira say`, `AIRA_VOICE_ENGINE`):
    /// wins over the user's preference.
    pub voice_engine: Option<EnginePolicy>,
    /// The voice when set here (`--voice`, `AIRA_VOICE`): `polly:Kajal`, `espeak:hi`, …
    pub voice: Option<String>,
    /// As `transcribe_ca_file`, for Amazon Polly. `AIRA_POLLY_CA_FILE`.
    pub polly_ca_file: Option<PathBuf>,
    /// The speech rate when set here (`--rate`); wins over the preference.
    pub speech_rate: Option<f32>,
    /// The Piper voice (`.onnx`, its `.onnx.json` beside it). `AIRA_PIPER_VOICE`; default
    /// the first `.onnx` file in `<data dir>/voices`.
    pub piper_voice: Option<PathBuf>,
    /// Where models are downloaded from: `<base>/ggml-<name>.bin`. `AIRA_MODEL_BASE_URL`;
    /// default the official whisper.cpp host.
    pub model_base_url: String,
    /// A JSON catalog that replaces the built-in list of downloadable models, for a mirror
    /// that serves other files, and for tests. `AIRA_MODEL_CATALOG`; default none.
    pub model_catalog_file: Option<PathBuf>,
    /// Who practises, by profile name (`--profile`, `AIRA_PROFILE`); wins over the
    /// preference. It must exist (`aira profiles add NAME`).
    pub profile: Option<String>,
    /// The AWS profile and region for this run (`aira --aws-profile`, `--aws-region`); each
    /// wins over the one chosen in Settings. Unset, the standard chain decides.
    pub aws_profile: Option<String>,
    pub aws_region: Option<String>,
}

impl Settings {
    /// `platform_data_dir` is the front end's idea of the data folder (Tauri's app data
    /// folder in the app); without one the platform default is used.
    pub fn resolve(
        data_dir: Option<PathBuf>,
        model_override: Option<PathBuf>,
        platform_data_dir: Option<PathBuf>,
    ) -> Self {
        let data_dir = data_dir
            .or_else(|| environment_path("AIRA_DATA_DIR"))
            .or(platform_data_dir)
            .or_else(|| dirs::data_dir().map(|folder| folder.join(APP_IDENTIFIER)))
            .unwrap_or_else(|| PathBuf::from(".aira"));
        // Paths are saved in the database, so they must not depend on the working folder.
        let data_dir = std::path::absolute(&data_dir).unwrap_or(data_dir);
        let model_override = model_override.or_else(|| environment_path("AIRA_WHISPER_MODEL"));
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
        let transcription_engine = environment_policy("AIRA_TRANSCRIPTION_ENGINE");
        let coach_engine = environment_policy("AIRA_COACH_ENGINE");
        let bedrock_model = std::env::var("AIRA_BEDROCK_MODEL")
            .ok()
            .map(|model| model.trim().to_owned())
            .filter(|model| !model.is_empty());
        let model_base_url = std::env::var("AIRA_MODEL_BASE_URL")
            .ok()
            .filter(|url| !url.is_empty())
            .unwrap_or_else(|| OFFICIAL_BASE_URL.into());
        Self {
            data_dir,
            model_override,
            whisper_threads,
            whisper_beam_size,
            language,
            transcription_engine,
            transcribe_ca_file: environment_path("AIRA_TRANSCRIBE_CA_FILE"),
            coach_engine,
            bedrock_model,
            bedrock_ca_file: environment_path("AIRA_BEDROCK_CA_FILE"),
            model_base_url,
            model_catalog_file: environment_path("AIRA_MODEL_CATALOG"),
            voice_engine: environment_policy("AIRA_VOICE_ENGINE"),
            voice: std::env::var("AIRA_VOICE")
                .ok()
                .map(|voice| voice.trim().to_owned())
                .filter(|voice| !voice.is_empty()),
            polly_ca_file: environment_path("AIRA_POLLY_CA_FILE"),
            piper_voice: environment_path("AIRA_PIPER_VOICE"),
            speech_rate: None,
            profile: std::env::var("AIRA_PROFILE")
                .ok()
                .map(|profile| profile.trim().to_owned())
                .filter(|profile| !profile.is_empty()),
            aws_profile: None,
            aws_region: None,
        }
    }

    /// The AWS profile and region: these settings, else the user's choice in Settings,
    /// else (`None`) the standard chain's (`AWS_PROFILE`, `AWS_REGION`, `~/.aws/config`).
    pub fn aws_account(&self, preferences: &aira_protocol::Preferences) -> aira_aws::AwsAccount {
        aira_aws::AwsAccount {
            profile: self
                .aws_profile
                .clone()
                .or_else(|| preferences.aws_profile.clone()),
            region: self
                .aws_region
                .clone()
                .or_else(|| preferences.aws_region.clone()),
        }
    }

    /// The transcription policy: this setting, else the user's preference (local unless
    /// they chose otherwise).
    pub fn transcription_engine(&self, preferences: &aira_protocol::Preferences) -> EnginePolicy {
        self.transcription_engine
            .unwrap_or(preferences.transcription_engine)
    }

    /// The coaching policy: this setting, else the user's preference (the offline coach
    /// unless they chose otherwise).
    pub fn coach_engine(&self, preferences: &aira_protocol::Preferences) -> EnginePolicy {
        self.coach_engine.unwrap_or(preferences.coach_engine)
    }

    /// The Bedrock model: this setting, else the user's choice, else the current Haiku.
    pub fn bedrock_model(&self, preferences: &aira_protocol::Preferences) -> String {
        self.bedrock_model
            .clone()
            .or_else(|| preferences.bedrock_model.clone())
            .unwrap_or_else(|| aira_coach::bedrock::DEFAULT_MODEL.to_owned())
    }

    /// The voice policy: this setting, else the one a chosen voice implies (a Polly voice
    /// means the cloud), else the user's preference.
    pub fn voice_engine(&self, preferences: &aira_protocol::Preferences) -> EnginePolicy {
        self.voice_engine
            .or_else(|| {
                self.voice.as_deref().map(|voice| {
                    if voice.starts_with("polly:") {
                        EnginePolicy::Cloud
                    } else {
                        EnginePolicy::Local
                    }
                })
            })
            .unwrap_or(preferences.voice_engine)
    }

    /// Where Aira's own voices live: `<data dir>/voices`.
    pub fn voices_dir(&self) -> PathBuf {
        self.data_dir.join("voices")
    }

    /// Synthesized speech kept for reuse: `<data dir>/speech-cache`.
    pub fn speech_cache_dir(&self) -> PathBuf {
        self.data_dir.join("speech-cache")
    }

    /// The Piper voice file: this setting, else the first `.onnx` in [`Self::voices_dir`].
    pub fn piper_voice(&self) -> Option<PathBuf> {
        self.piper_voice.clone().or_else(|| {
            let mut found: Vec<PathBuf> = std::fs::read_dir(self.voices_dir())
                .ok()?
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| {
                    path.extension()
                        .is_some_and(|extension| extension == "onnx")
                })
                .collect();
            found.sort();
            found.into_iter().next()
        })
    }

    /// ONNX Runtime for Piper: `AIRA_ONNXRUNTIME_LIB`, else a `libonnxruntime.so*` in
    /// [`Self::voices_dir`].
    pub fn onnxruntime_library(&self) -> Option<PathBuf> {
        aira_voice::onnxruntime_library().or_else(|| {
            let mut found: Vec<PathBuf> = std::fs::read_dir(self.voices_dir())
                .ok()?
                .flatten()
                .map(|entry| entry.path())
                .filter(|path| {
                    path.file_name()
                        .is_some_and(|name| name.to_string_lossy().starts_with("libonnxruntime.so"))
                })
                .collect();
            found.sort();
            found.into_iter().next()
        })
    }

    /// The language for Whisper, which knows languages but not their regions: "en-IN" → "en".
    pub fn whisper_language(&self) -> String {
        aira_core::i18n::primary_language(&self.language)
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

    /// The model to transcribe with: this setting's override, else the installed model the
    /// user chose, else `<data dir>/models/ggml-tiny.en.bin`. A chosen model that has since
    /// disappeared is still returned, so the error names the file that is missing rather
    /// than another model quietly taking its place.
    pub fn model_path(&self, preferences: &aira_protocol::Preferences) -> PathBuf {
        if let Some(path) = &self.model_override {
            return path.clone();
        }
        let library = self.model_library();
        preferences
            .model
            .as_deref()
            .and_then(|name| library.path_for(name).ok())
            .unwrap_or_else(|| library.folder().join(DEFAULT_MODEL_FILE))
    }

    pub fn database_path(&self) -> PathBuf {
        self.data_dir.join("aira.sqlite3")
    }

    pub fn audio_dir(&self) -> PathBuf {
        self.data_dir.join("audio")
    }

    /// Answers being recorded, written as they are heard (see `recording_journal`).
    pub fn unsaved_recordings_dir(&self) -> PathBuf {
        self.audio_dir().join("unsaved")
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

/// A policy from an environment variable; a bad value is ignored with a warning.
fn environment_policy(name: &str) -> Option<EnginePolicy> {
    let value = std::env::var(name).ok().filter(|value| !value.is_empty())?;
    value
        .parse()
        .inspect_err(|error| tracing::warn!(%error, "{name} ignored"))
        .ok()
}

/// A certificate authority to trust besides the platform's, from `path` (named by the
/// environment variable `variable`); unreadable, it is ignored with a warning.
/// Refuses a profile or region name that cannot be one (blank means "not set"), so a typo
/// is caught when it is made rather than at the first cloud call.
pub fn check_aws_names(profile: Option<&str>, region: Option<&str>) -> Result<(), RuntimeError> {
    fn given(name: Option<&str>) -> Option<&str> {
        name.map(str::trim).filter(|name| !name.is_empty())
    }
    if let Some(region) = given(region)
        && !aira_aws::is_region_name(region)
    {
        return Err(RuntimeError::AwsSettingRefused(format!(
            "{region:?} is not an AWS region name (they look like ap-south-1)"
        )));
    }
    if let Some(profile) = given(profile)
        && !aira_aws::is_profile_name(profile)
    {
        return Err(RuntimeError::AwsSettingRefused(format!(
            "{profile:?} cannot be an AWS profile name"
        )));
    }
    Ok(())
}

pub(crate) fn read_ca_file(path: Option<&std::path::Path>, variable: &str) -> Option<Vec<u8>> {
    let path = path?;
    std::fs::read(path)
        .inspect_err(|error| tracing::warn!(%error, path = %path.display(), "{variable} unreadable; ignored"))
        .ok()
}

fn environment_path(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|value| !value.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_protocol::Preferences;

    #[test]
    fn the_model_is_the_override_else_the_choice_else_the_default() {
        let mut settings = Settings::resolve(Some(PathBuf::from("/data")), None, None);
        settings.model_override = None;
        let mut preferences = Preferences::default();
        assert_eq!(
            settings.model_path(&preferences),
            PathBuf::from("/data/models/ggml-tiny.en.bin")
        );
        preferences.model = Some("base.en".into());
        assert_eq!(
            settings.model_path(&preferences),
            PathBuf::from("/data/models/ggml-base.en.bin")
        );
        // A name that would leave the folder is never followed.
        preferences.model = Some("../../etc/passwd".into());
        assert_eq!(
            settings.model_path(&preferences),
            PathBuf::from("/data/models/ggml-tiny.en.bin")
        );
        settings.model_override = Some(PathBuf::from("/elsewhere/ggml-small.bin"));
        assert_eq!(
            settings.model_path(&preferences),
            PathBuf::from("/elsewhere/ggml-small.bin")
        );
    }
}
