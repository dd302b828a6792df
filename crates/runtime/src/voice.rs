//! The voice the engine and `aira say` speak with, built from settings and preferences:
//! Polly (configured, not contacted until first used), Piper when a voice is installed,
//! espeak-ng always, and the speech cache in the data folder.

use std::sync::Arc;

use aira_audio::Player;
use aira_aws::SharedAccount;
use aira_protocol::Preferences;
use aira_voice::{
    DEFAULT_CACHE_BYTES, EspeakSynthesizer, PiperSynthesizer, PollySettings, PollySynthesizer,
    SpeechCache, Synthesizer, VoiceOut, VoiceOutSettings,
};

use crate::settings::{Settings, read_ca_file};

/// The voice for these settings; every engine is set up, none is contacted.
pub fn open_voice(
    settings: &Settings,
    preferences: &Preferences,
    player: Arc<Player>,
    account: &SharedAccount,
) -> VoiceOut {
    let polly = PollySynthesizer::new(
        PollySettings {
            extra_ca_pem: read_ca_file(settings.polly_ca_file.as_deref(), "AIRA_POLLY_CA_FILE"),
            ..PollySettings::default()
        },
        account.clone(),
    );
    let mut voice = VoiceOut::new(
        player,
        Arc::new(EspeakSynthesizer::new()),
        voice_settings(settings, preferences),
    )
    .with_polly(Arc::new(polly));
    match SpeechCache::open(&settings.speech_cache_dir(), DEFAULT_CACHE_BYTES) {
        Ok(cache) => voice = voice.with_cache(cache),
        Err(error) => tracing::warn!(%error, "no speech cache; every phrase is synthesized anew"),
    }
    voice
}

/// Loads the Piper voice, if one is installed, into `voice`. Blocks a second or two: the
/// engine runs it in the background, `aira say` before speaking.
pub fn attach_piper(settings: &Settings, voice: &VoiceOut) {
    let Some(model) = settings.piper_voice() else {
        return;
    };
    let Some(runtime) = settings.onnxruntime_library() else {
        tracing::warn!(model = %model.display(), "a Piper voice is installed but ONNX Runtime is not (AIRA_ONNXRUNTIME_LIB, or libonnxruntime.so in the voices folder)");
        return;
    };
    match PiperSynthesizer::load(&model, &runtime) {
        Ok(piper) => {
            let info = piper.info().clone();
            tracing::info!(voice = %info.id, "Piper voice ready");
            voice.attach_piper(Arc::new(piper) as Arc<dyn Synthesizer>, info);
        }
        Err(error) => {
            tracing::warn!(%error, "the Piper voice could not be loaded; espeak-ng speaks")
        }
    }
}

/// What the voice should do now: settings (flags, environment) win over preferences.
pub fn voice_settings(settings: &Settings, preferences: &Preferences) -> VoiceOutSettings {
    let chosen = settings.voice.clone();
    let (cloud_voice, local_voice) = match chosen {
        Some(voice) if voice.starts_with("polly:") => {
            (Some(voice), preferences.local_voice.clone())
        }
        Some(voice) => (preferences.cloud_voice.clone(), Some(voice)),
        None => (
            preferences.cloud_voice.clone(),
            preferences.local_voice.clone(),
        ),
    };
    VoiceOutSettings {
        policy: settings.voice_engine(preferences),
        cloud_voice,
        local_voice,
        rate: settings.speech_rate.unwrap_or(preferences.speech_rate),
        volume: preferences.speech_volume,
        language: preferences
            .language
            .clone()
            .unwrap_or_else(|| "en".to_owned()),
    }
}
