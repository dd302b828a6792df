//! A Piper voice behind the [`Synthesizer`](crate::Synthesizer) trait.

use std::path::Path;

use aira_core::ports::SpeakError;

use super::PiperVoice;

/// A Piper voice behind the [`Synthesizer`](crate::Synthesizer) trait: synthesis runs on a
/// blocking thread, and word marks are estimated (Piper gives no word timings).
pub struct PiperSynthesizer {
    voice: std::sync::Arc<PiperVoice>,
    info: aira_protocol::VoiceInfo,
}

impl PiperSynthesizer {
    /// Loads the voice at `model`; its id is `piper:<file stem>` (`piper:en_US-joe-medium`).
    pub fn load(model: &Path, runtime_library: &Path) -> Result<Self, SpeakError> {
        let voice = PiperVoice::load(model, runtime_library)?;
        let stem = model
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_else(|| "voice".into());
        let language = voice.espeak_voice().to_owned();
        let info = aira_protocol::VoiceInfo {
            id: format!("piper:{stem}"),
            engine: aira_protocol::VoiceEngine::Piper,
            name: format!("Piper {stem}"),
            language: bcp47(&language),
            other_languages: Vec::new(),
            language_name: language,
            gender: aira_protocol::VoiceGender::Unknown,
            polly_engine: None,
        };
        Ok(Self {
            voice: std::sync::Arc::new(voice),
            info,
        })
    }

    pub fn info(&self) -> &aira_protocol::VoiceInfo {
        &self.info
    }
}

/// "en-us" → "en-US".
fn bcp47(espeak_voice: &str) -> String {
    match espeak_voice.split_once('-') {
        Some((language, region)) => format!("{language}-{}", region.to_uppercase()),
        None => espeak_voice.to_owned(),
    }
}

impl crate::Synthesizer for PiperSynthesizer {
    fn engine(&self) -> aira_protocol::VoiceEngine {
        aira_protocol::VoiceEngine::Piper
    }

    fn voices(
        &self,
    ) -> aira_core::ports::PortFuture<'_, Vec<aira_protocol::VoiceInfo>, SpeakError> {
        Box::pin(async move { Ok(vec![self.info.clone()]) })
    }

    fn synthesize<'a>(
        &'a self,
        request: crate::SpeechRequest<'a>,
    ) -> aira_core::ports::PortFuture<'a, crate::Speech, SpeakError> {
        Box::pin(async move {
            let voice = std::sync::Arc::clone(&self.voice);
            let text = request.text.to_owned();
            let rate = request.rate;
            let samples = tokio::task::spawn_blocking(move || voice.synthesize(&text, rate))
                .await
                .map_err(|error| SpeakError::Failed(error.to_string()))??;
            let sample_rate = self.voice.sample_rate();
            let duration_ms = (samples.len() as u64 * 1000 / u64::from(sample_rate.max(1))) as u32;
            Ok(crate::Speech {
                marks: crate::estimated_marks(request.text, duration_ms),
                samples,
                sample_rate,
                usage: aira_protocol::SpeechUsage::default(),
            })
        })
    }
}
