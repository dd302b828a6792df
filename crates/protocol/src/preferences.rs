//! The user's choices that Aira remembers between runs.

use serde::{Deserialize, Serialize};

use crate::{RecordingMode, Shortcuts};

/// Where a kind of work is done (transcribing answers, coaching them): on this computer, in
/// the cloud, or the cloud with this computer as the fallback.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnginePolicy {
    /// On this computer (whisper, the offline coach): private, works offline. The default,
    /// so nothing leaves the computer unless the user asks.
    #[default]
    Local,
    /// The AWS service only (Amazon Transcribe, Bedrock); its errors are reported (the
    /// answer is kept).
    Cloud,
    /// The cloud when credentials are set up and it has been working, otherwise this
    /// computer; work the cloud fails on is done again locally.
    Auto,
}

impl EnginePolicy {
    pub const ALL: [EnginePolicy; 3] =
        [EnginePolicy::Local, EnginePolicy::Cloud, EnginePolicy::Auto];

    /// The name used in settings, preferences and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EnginePolicy::Local => "local",
            EnginePolicy::Cloud => "cloud",
            EnginePolicy::Auto => "auto",
        }
    }
}

impl std::str::FromStr for EnginePolicy {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        EnginePolicy::ALL
            .into_iter()
            .find(|engine| engine.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| format!("unknown engine {text:?}: use local, cloud or auto"))
    }
}

/// Claude Haiku 4.5 through the global cross-region inference profile: the current Haiku,
/// callable from every commercial region that offers it, Mumbai included. The default.
pub const DEFAULT_BEDROCK_MODEL: &str = "global.anthropic.claude-haiku-4-5-20251001-v1:0";
/// Claude 3 Haiku, the original choice: cheapest, but Legacy on Bedrock since 2026, so
/// accounts that never used it are refused. Still selectable.
pub const LEGACY_BEDROCK_MODEL: &str = "anthropic.claude-3-haiku-20240307-v1:0";
/// The models offered in settings, the default first. Any other id can be typed.
pub const SUGGESTED_BEDROCK_MODELS: [&str; 4] = [
    DEFAULT_BEDROCK_MODEL,
    "apac.anthropic.claude-haiku-4-5-20251001-v1:0",
    "anthropic.claude-3-5-haiku-20241022-v1:0",
    LEGACY_BEDROCK_MODEL,
];

/// How the app is drawn.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    /// Aira's colours, every text at 4.5:1 or more against its background.
    #[default]
    Standard,
    /// Black, white and yellow, with thick outlines: for low vision.
    HighContrast,
}

impl Theme {
    pub const ALL: [Theme; 2] = [Theme::Standard, Theme::HighContrast];

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Standard => "standard",
            Theme::HighContrast => "high_contrast",
        }
    }
}

/// Text size in percent of the normal size, which the user can raise to double.
pub const TEXT_SIZES: [u16; 5] = [100, 125, 150, 175, 200];

/// How long recordings are kept unless the user chooses otherwise.
pub const DEFAULT_AUDIO_RETENTION_DAYS: u32 = 30;

/// Remembered choices. Every field has a default, so a file from an older version (or
/// none) still reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The chosen microphone ([`crate::InputDeviceInfo::id`]); `None` follows the system default.
    pub input_device: Option<String>,
    pub recording_mode: RecordingMode,
    /// Silence after speech that ends an answer in auto-stop mode.
    pub auto_stop_silence_seconds: f32,
    /// Whisper CPU threads; `None` picks for the machine.
    pub whisper_threads: Option<u32>,
    /// The installed model to transcribe with, by name (`base.en` for `ggml-base.en.bin`);
    /// `None` uses the default, tiny.en. A model named by `--model` or `AIRA_WHISPER_MODEL`
    /// still wins.
    pub model: Option<String>,
    /// Where answers are transcribed: on this computer, in the cloud, or either.
    pub transcription_engine: EnginePolicy,
    /// Who coaches answers: the offline coach, Amazon Bedrock, or Bedrock when it works.
    pub coach_engine: EnginePolicy,
    /// The Bedrock model (or inference profile) id; `None` uses the default, a current
    /// Claude Haiku. `AIRA_BEDROCK_MODEL` still wins.
    pub bedrock_model: Option<String>,
    /// The AWS profile (of `~/.aws/config` or `credentials`) the cloud engines use; `None`
    /// follows `AWS_PROFILE`, else `default`.
    pub aws_profile: Option<String>,
    /// The AWS region (`ap-south-1`); `None` follows `AWS_REGION`, else the profile's,
    /// else Mumbai.
    pub aws_region: Option<String>,
    /// The user agreed that answers coached offline while the cloud was out of reach are
    /// sent to Bedrock once it answers again. Off by default: nothing leaves unasked.
    pub recoach_when_online: bool,
    /// Which voice speaks: a local one, Amazon Polly, or Polly when it works.
    pub voice_engine: EnginePolicy,
    /// The Polly voice (`polly:Kajal`); `None` uses the default, Kajal (Indian English).
    pub cloud_voice: Option<String>,
    /// The local voice (`piper:…`, `espeak:hi`); `None` uses Piper when installed.
    pub local_voice: Option<String>,
    /// 0.5 to 2.0; 1.0 is the voice's own pace.
    pub speech_rate: f32,
    /// 0.0 to 1.0.
    pub speech_volume: f32,
    /// Recordings of coached answers older than this are deleted (their transcripts and
    /// feedback stay); `None` keeps them for ever. 1 to 3650.
    pub audio_retention_days: Option<u32>,
    /// Who practises on this computer (a profile's name); `None`: the default profile.
    /// Chosen through `use_profile`, which checks the profile exists.
    pub profile: Option<String>,
    /// The language of the app and its spoken feedback (`hi`); `None`: English. A code Aira
    /// has no texts in is kept, and English is shown with a note saying so.
    pub language: Option<String>,
    pub theme: Theme,
    /// Percent, one of [`TEXT_SIZES`].
    pub text_size: u16,
    /// A whole interview by ear: questions and feedback spoken, earcons, voice commands.
    pub voice_only: bool,
    /// Shortcuts without Ctrl, Alt or Meta are refused unless the user turns this on: they
    /// fire while typing and clash with screen readers' single-key navigation.
    pub single_key_shortcuts: bool,
    pub shortcuts: Shortcuts,
    /// A countdown while answering; `None` (the default): no time limit.
    pub answer_timer_seconds: Option<u32>,
    /// The questions practised: a role (`software`), a kind (`technical`, `behavioral`,
    /// `hr`) and a level (`fresher`, `experienced`); `None` is any.
    pub practice_role: Option<String>,
    pub practice_kind: Option<String>,
    pub practice_level: Option<String>,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            input_device: None,
            recording_mode: RecordingMode::default(),
            auto_stop_silence_seconds: 2.5,
            whisper_threads: None,
            model: None,
            transcription_engine: EnginePolicy::default(),
            coach_engine: EnginePolicy::default(),
            bedrock_model: None,
            aws_profile: None,
            aws_region: None,
            recoach_when_online: false,
            voice_engine: EnginePolicy::Local,
            cloud_voice: None,
            local_voice: None,
            speech_rate: 1.0,
            speech_volume: 1.0,
            audio_retention_days: Some(DEFAULT_AUDIO_RETENTION_DAYS),
            profile: None,
            language: None,
            theme: Theme::Standard,
            text_size: 100,
            voice_only: false,
            single_key_shortcuts: false,
            shortcuts: Shortcuts::default(),
            answer_timer_seconds: None,
            practice_role: None,
            practice_kind: None,
            practice_level: None,
        }
    }
}

/// `update_preferences`: only the fields present change. `input_device: Some(None)`
/// returns to the system default.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PreferencesPatch {
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub input_device: Option<Option<String>>,
    pub recording_mode: Option<RecordingMode>,
    pub auto_stop_silence_seconds: Option<f32>,
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub whisper_threads: Option<Option<u32>>,
    /// `Some(None)` returns to the default model. The name is not checked here; the runtime
    /// only sets installed ones.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub model: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transcription_engine: Option<EnginePolicy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coach_engine: Option<EnginePolicy>,
    /// `Some(None)` returns to the default model.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub bedrock_model: Option<Option<String>>,
    /// `Some(None)` follows the standard chain again. The runtime refuses a name that
    /// cannot be a profile or region.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub aws_profile: Option<Option<String>>,
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub aws_region: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recoach_when_online: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice_engine: Option<EnginePolicy>,
    /// `Some(None)` returns to the default voice.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub cloud_voice: Option<Option<String>>,
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub local_voice: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech_rate: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speech_volume: Option<f32>,
    /// `Some(None)` keeps recordings for ever.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub audio_retention_days: Option<Option<u32>>,
    /// Set by the engine's `use_profile` only (the profile must exist); ignored in
    /// `update_preferences`.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub profile: Option<Option<String>>,
    /// `Some(None)` returns to English.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub language: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub theme: Option<Theme>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text_size: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice_only: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub single_key_shortcuts: Option<bool>,
    /// The whole set; the UI has checked it for clashes with [`Shortcuts::assign`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shortcuts: Option<Shortcuts>,
    /// `Some(None)` turns the timer off.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub answer_timer_seconds: Option<Option<u32>>,
    /// `Some(None)` is any.
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub practice_role: Option<Option<String>>,
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub practice_kind: Option<Option<String>>,
    #[serde(with = "double_option", skip_serializing_if = "Option::is_none")]
    pub practice_level: Option<Option<String>>,
}

/// Tells a field that is absent (leave it) from one that is `null` (clear it).
mod double_option {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match value {
            None => serializer.serialize_unit(),
            Some(inner) => inner.serialize(serializer),
        }
    }

    pub fn deserialize<'de, T: Deserialize<'de>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Option<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(Some)
    }
}

impl Preferences {
    /// Applies `patch`, keeping values in their sensible ranges.
    pub fn apply(&mut self, patch: PreferencesPatch) {
        if let Some(device) = patch.input_device {
            self.input_device = device.filter(|device| !device.is_empty());
        }
        if let Some(mode) = patch.recording_mode {
            self.recording_mode = mode;
        }
        if let Some(seconds) = patch.auto_stop_silence_seconds
            && seconds.is_finite()
        {
            self.auto_stop_silence_seconds = seconds.clamp(1.0, 10.0);
        }
        if let Some(threads) = patch.whisper_threads {
            self.whisper_threads = threads.map(|threads| threads.clamp(1, 16));
        }
        if let Some(model) = patch.model {
            self.model = model.filter(|model| !model.is_empty());
        }
        if let Some(engine) = patch.transcription_engine {
            self.transcription_engine = engine;
        }
        if let Some(engine) = patch.coach_engine {
            self.coach_engine = engine;
        }
        if let Some(model) = patch.bedrock_model {
            self.bedrock_model = model
                .map(|model| model.trim().to_owned())
                .filter(|model| !model.is_empty());
        }
        let trimmed = |name: Option<String>| {
            name.map(|name| name.trim().to_owned())
                .filter(|name| !name.is_empty())
        };
        if let Some(profile) = patch.aws_profile {
            self.aws_profile = trimmed(profile);
        }
        if let Some(region) = patch.aws_region {
            self.aws_region = trimmed(region);
        }
        if let Some(consent) = patch.recoach_when_online {
            self.recoach_when_online = consent;
        }
        if let Some(engine) = patch.voice_engine {
            self.voice_engine = engine;
        }
        let voice_id = |voice: Option<String>| {
            voice
                .map(|voice| voice.trim().to_owned())
                .filter(|voice| !voice.is_empty())
        };
        if let Some(voice) = patch.cloud_voice {
            self.cloud_voice = voice_id(voice);
        }
        if let Some(voice) = patch.local_voice {
            self.local_voice = voice_id(voice);
        }
        if let Some(rate) = patch.speech_rate
            && rate.is_finite()
        {
            self.speech_rate = rate.clamp(0.5, 2.0);
        }
        if let Some(days) = patch.audio_retention_days {
            self.audio_retention_days = days.map(|days| days.clamp(1, 3_650));
        }
        if let Some(profile) = patch.profile {
            self.profile = profile.filter(|profile| !profile.trim().is_empty());
        }
        if let Some(volume) = patch.speech_volume
            && volume.is_finite()
        {
            self.speech_volume = volume.clamp(0.0, 1.0);
        }
        if let Some(language) = patch.language {
            self.language = language
                .map(|code| code.trim().to_owned())
                .filter(|code| !code.is_empty());
        }
        if let Some(theme) = patch.theme {
            self.theme = theme;
        }
        if let Some(size) = patch.text_size {
            // The nearest offered size, so a hand-edited file cannot ask for 1000 %.
            self.text_size = TEXT_SIZES
                .into_iter()
                .min_by_key(|offered| offered.abs_diff(size))
                .unwrap_or(100);
        }
        if let Some(voice_only) = patch.voice_only {
            self.voice_only = voice_only;
        }
        if let Some(allowed) = patch.single_key_shortcuts {
            self.single_key_shortcuts = allowed;
        }
        if let Some(shortcuts) = patch.shortcuts {
            self.shortcuts = shortcuts;
        }
        if !self.single_key_shortcuts {
            self.shortcuts = self.shortcuts.without_single_keys();
        }
        let category = |value: Option<String>| {
            value
                .map(|value| value.trim().to_owned())
                .filter(|value| !value.is_empty())
        };
        if let Some(role) = patch.practice_role {
            self.practice_role = category(role);
        }
        if let Some(kind) = patch.practice_kind {
            self.practice_kind = category(kind);
        }
        if let Some(level) = patch.practice_level {
            self.practice_level = category(level);
        }
        if let Some(seconds) = patch.answer_timer_seconds {
            self.answer_timer_seconds = seconds.map(|seconds| seconds.clamp(30, 1_800));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_patch_changes_only_what_it_names_and_null_clears() -> Result<(), serde_json::Error> {
        let mut preferences = Preferences {
            input_device: Some("alsa:usb".into()),
            whisper_threads: Some(2),
            ..Preferences::default()
        };
        preferences.apply(serde_json::from_str(r#"{"recording_mode":"toggle"}"#)?);
        assert_eq!(preferences.input_device.as_deref(), Some("alsa:usb"));
        assert_eq!(preferences.recording_mode, RecordingMode::Toggle);
        preferences.apply(serde_json::from_str(
            r#"{"input_device":null,"auto_stop_silence_seconds":60,"whisper_threads":null}"#,
        )?);
        assert_eq!(preferences.input_device, None);
        assert_eq!(preferences.whisper_threads, None);
        assert_eq!(preferences.auto_stop_silence_seconds, 10.0);
        preferences.apply(serde_json::from_str(r#"{"model":"base.en"}"#)?);
        assert_eq!(preferences.model.as_deref(), Some("base.en"));
        preferences.apply(serde_json::from_str(r#"{"recording_mode":"auto_stop"}"#)?);
        assert_eq!(preferences.model.as_deref(), Some("base.en"));
        preferences.apply(serde_json::from_str(r#"{"model":null}"#)?);
        assert_eq!(preferences.model, None);
        Ok(())
    }

    #[test]
    fn display_choices_stay_in_range_and_single_keys_need_consent() -> Result<(), serde_json::Error>
    {
        let mut preferences = Preferences::default();
        preferences.apply(serde_json::from_str(
            r#"{"text_size":1000,"theme":"high_contrast","language":" hi ","answer_timer_seconds":5}"#,
        )?);
        assert_eq!(preferences.text_size, 200);
        assert_eq!(preferences.theme, Theme::HighContrast);
        assert_eq!(preferences.language.as_deref(), Some("hi"));
        assert_eq!(preferences.answer_timer_seconds, Some(30));
        preferences.apply(serde_json::from_str(
            r#"{"shortcuts":{"record":"R"},"language":null}"#,
        )?);
        assert_eq!(preferences.language, None);
        assert_eq!(
            preferences
                .shortcuts
                .chord(crate::InterviewAction::Record)
                .map(ToString::to_string),
            Some("Alt+R".to_owned()),
            "a single key is dropped while single keys are off"
        );
        preferences.apply(serde_json::from_str(
            r#"{"single_key_shortcuts":true,"shortcuts":{"record":"R"}}"#,
        )?);
        assert_eq!(
            preferences
                .shortcuts
                .chord(crate::InterviewAction::Record)
                .map(ToString::to_string),
            Some("R".to_owned())
        );
        Ok(())
    }

    #[test]
    fn an_old_or_partial_file_still_reads() -> Result<(), serde_json::Error> {
        let preferences: Preferences =
            serde_json::from_str(r#"{"recording_mode":"push_to_talk"}"#)?;
        assert_eq!(preferences.recording_mode, RecordingMode::PushToTalk);
        assert_eq!(preferences.auto_stop_silence_seconds, 2.5);
        assert_eq!(preferences.transcription_engine, EnginePolicy::Local);
        Ok(())
    }

    #[test]
    fn the_transcription_engine_is_remembered_by_name() -> Result<(), serde_json::Error> {
        let mut preferences = Preferences::default();
        preferences.apply(serde_json::from_str(r#"{"transcription_engine":"auto"}"#)?);
        assert_eq!(preferences.transcription_engine, EnginePolicy::Auto);
        assert!(serde_json::to_string(&preferences)?.contains(r#""transcription_engine":"auto""#));
        for engine in EnginePolicy::ALL {
            assert_eq!(engine.as_str().parse::<EnginePolicy>(), Ok(engine));
        }
        assert!("whisper".parse::<EnginePolicy>().is_err());
        Ok(())
    }
}
