//! Piper: neural (VITS) voices that run locally through ONNX Runtime, far more natural than
//! espeak-ng's formant voice, at a fraction of real time on a laptop CPU. A voice is a
//! `.onnx` network with its `.onnx.json` config; phonemes come from the `espeak-ng` program
//! (as Piper's own piper-phonemize gets them from the espeak-ng library).

mod config;
mod model;
mod phonemes;
mod runtime;
mod synthesizer;
mod text;

pub use synthesizer::PiperSynthesizer;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use aira_core::ports::SpeakError;

use config::VoiceConfig;
use model::{Model, Scales};
use phonemes::Phonemizer;

/// Silence between sentences, at normal speed: what Piper puts between them by default.
const SENTENCE_PAUSE_SECONDS: f32 = 0.2;

/// The most phonemes synthesized at once (about half a minute of speech). A longer sentence
/// is cut between clauses, or between words if one clause is longer still, so the memory a
/// synthesis takes stays bounded however long the text runs without a full stop.
const MOST_PHONEMES_AT_ONCE: usize = 400;

/// A Piper voice, ready to speak. Shareable between threads; utterances run one at a time.
pub struct PiperVoice {
    model: Model,
    config: VoiceConfig,
    phonemizer: Phonemizer,
    /// Phonemes the voice has no id for that were already logged, so each is logged once.
    reported_unknown: Mutex<HashSet<char>>,
}

impl PiperVoice {
    /// Loads `model` (the .onnx file) and its config `<model>.json` (Piper's `.onnx.json`),
    /// with onnxruntime loaded from `runtime_library` (libonnxruntime.so).
    ///
    /// ONNX Runtime is loaded once per process; later voices must name the same library.
    pub fn load(model: &Path, runtime_library: &Path) -> Result<Self, SpeakError> {
        if !model.is_file() {
            return Err(SpeakError::Unavailable(format!(
                "no Piper voice at {}: download a voice (its .onnx file and the .onnx.json \
                 beside it) and choose the .onnx file",
                model.display()
            )));
        }
        let config = VoiceConfig::read(&config_path(model))?;
        let phonemizer = Phonemizer::new(&config.espeak_voice)?;
        runtime::ensure_loaded(runtime_library)?;
        let model = Model::open(model)?;
        Ok(Self {
            model,
            config,
            phonemizer,
            reported_unknown: Mutex::new(HashSet::new()),
        })
    }

    pub fn sample_rate(&self) -> u32 {
        self.config.sample_rate
    }

    /// The espeak-ng voice its phonemes come from (from the config, e.g. "en-us").
    pub fn espeak_voice(&self) -> &str {
        &self.config.espeak_voice
    }

    /// Mono samples at `sample_rate()`. `rate`: 1.0 normal speed, 0.5 to 2.0 (Piper's
    /// length_scale is divided by it). Synthesizes sentence by sentence and joins them with a
    /// short pause, so memory stays bounded for long text. Empty / whitespace text gives
    /// Ok(empty).
    pub fn synthesize(&self, text: &str, rate: f32) -> Result<Vec<f32>, SpeakError> {
        if !rate.is_finite() || rate <= 0.0 {
            return Err(SpeakError::Failed(format!(
                "speaking rate {rate} is not a positive number"
            )));
        }
        let rate = rate.clamp(0.5, 2.0);
        let scales = Scales {
            noise: self.config.noise_scale,
            length: self.config.length_scale / rate,
            noise_width: self.config.noise_width,
        };
        // Multi-speaker voices need a speaker; the first is the one their samples use.
        let speaker = (self.config.speakers > 1).then_some(0);
        let pause_samples =
            (self.config.sample_rate as f32 * SENTENCE_PAUSE_SECONDS / rate).round() as usize;

        let mut audio = Vec::new();
        for sentence in text::sentences(text) {
            let clauses = sentence
                .iter()
                .map(|clause| self.phonemizer.clause(clause))
                .collect::<Result<Vec<_>, _>>()?;
            for utterance in phonemes::utterances(clauses, MOST_PHONEMES_AT_ONCE) {
                if !phonemes::has_speech(&utterance) {
                    continue;
                }
                let mut unknown = Vec::new();
                let ids = phonemes::phoneme_ids(&utterance, &self.config.phoneme_ids, |phoneme| {
                    unknown.push(phoneme)
                });
                self.report_unknown(unknown);
                let samples = self.model.speak(&ids, scales, speaker)?;
                if !audio.is_empty() {
                    audio.resize(audio.len() + pause_samples, 0.0);
                }
                // The network can overshoot full scale a little; players expect -1..1.
                audio.extend(samples.into_iter().map(|sample| sample.clamp(-1.0, 1.0)));
            }
        }
        Ok(audio)
    }

    fn report_unknown(&self, phonemes: Vec<char>) {
        if phonemes.is_empty() {
            return;
        }
        let mut reported = self
            .reported_unknown
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        for phoneme in phonemes {
            if reported.insert(phoneme) {
                tracing::warn!(
                    "the Piper voice has no phoneme {phoneme:?} (U+{:04X}); it is left out",
                    u32::from(phoneme)
                );
            }
        }
    }
}

/// libonnxruntime: `AIRA_ONNXRUNTIME_LIB`, else None. Users get it from an ONNX Runtime
/// release (github.com/microsoft/onnxruntime/releases: `lib/libonnxruntime.so.*` in the
/// Linux archive, `onnxruntime.dll` on Windows, `libonnxruntime.dylib` on macOS) or from the
/// `onnxruntime` Python wheel on PyPI (`onnxruntime/capi/libonnxruntime.so.*`); version 1.17
/// or newer.
pub fn onnxruntime_library() -> Option<PathBuf> {
    std::env::var_os("AIRA_ONNXRUNTIME_LIB")
        .filter(|path| !path.is_empty())
        .map(PathBuf::from)
}

/// Piper's convention: `voice.onnx` is described by `voice.onnx.json`.
fn config_path(model: &Path) -> PathBuf {
    let mut name = model.as_os_str().to_owned();
    name.push(".json");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_voice_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<PiperVoice>();
    }

    #[test]
    fn the_config_sits_beside_the_model() {
        assert_eq!(
            config_path(Path::new("/voices/en_US-joe-medium.onnx")),
            Path::new("/voices/en_US-joe-medium.onnx.json")
        );
    }
}
