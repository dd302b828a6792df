//! Voices named by id before their engine has been asked about them.

use aira_protocol::{VoiceEngine, VoiceGender, VoiceInfo};

use crate::espeak::EspeakSynthesizer;

pub(super) fn polly_voice(id: &str) -> VoiceInfo {
    let name = id.strip_prefix("polly:").unwrap_or(id);
    VoiceInfo {
        id: format!("polly:{name}"),
        engine: VoiceEngine::Polly,
        name: name.to_owned(),
        language: String::new(),
        other_languages: Vec::new(),
        language_name: String::new(),
        gender: VoiceGender::Unknown,
        polly_engine: None,
    }
}

pub(super) fn espeak_voice(id: &str) -> VoiceInfo {
    EspeakSynthesizer::voice_list()
        .into_iter()
        .find(|voice| voice.id == id)
        .unwrap_or_else(|| polly_voice(id))
}
