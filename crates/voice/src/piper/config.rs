//! A Piper voice's `.onnx.json`: what the model was trained with. Only the fields synthesis
//! needs are read; Piper's training tools write many more.

use std::collections::HashMap;
use std::path::Path;

use aira_core::ports::SpeakError;
use serde::Deserialize;

/// What synthesis needs from the config, checked and in the shapes it uses.
#[derive(Debug, Clone)]
pub struct VoiceConfig {
    pub sample_rate: u32,
    pub espeak_voice: String,
    pub noise_scale: f32,
    pub length_scale: f32,
    pub noise_width: f32,
    pub speakers: u32,
    /// Each phoneme (one Unicode scalar, as piper-phonemize splits them) to its model ids.
    pub phoneme_ids: HashMap<char, Vec<i64>>,
}

#[derive(Deserialize)]
struct RawConfig {
    audio: RawAudio,
    espeak: Option<RawEspeak>,
    #[serde(default)]
    inference: RawInference,
    phoneme_type: Option<String>,
    #[serde(default = "one")]
    num_speakers: u32,
    phoneme_id_map: HashMap<String, Vec<i64>>,
}

#[derive(Deserialize)]
struct RawAudio {
    sample_rate: u32,
}

#[derive(Deserialize)]
struct RawEspeak {
    voice: String,
}

/// Piper's own defaults, used when a config leaves them out.
#[derive(Deserialize)]
#[serde(default)]
struct RawInference {
    noise_scale: f32,
    length_scale: f32,
    noise_w: f32,
}

impl Default for RawInference {
    fn default() -> Self {
        Self {
            noise_scale: 0.667,
            length_scale: 1.0,
            noise_w: 0.8,
        }
    }
}

fn one() -> u32 {
    1
}

impl VoiceConfig {
    pub fn read(path: &Path) -> Result<Self, SpeakError> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            if error.kind() == std::io::ErrorKind::NotFound {
                SpeakError::Unavailable(format!(
                    "the Piper voice's config {} is missing: download it with the voice \
                     (each .onnx voice comes with a .onnx.json)",
                    path.display()
                ))
            } else {
                SpeakError::Failed(format!(
                    "could not read the Piper voice config {}: {error}",
                    path.display()
                ))
            }
        })?;
        Self::parse(&text).map_err(|problem| {
            SpeakError::Failed(format!(
                "the Piper voice config {} is not usable: {problem}",
                path.display()
            ))
        })
    }

    fn parse(text: &str) -> Result<Self, String> {
        let raw: RawConfig = serde_json::from_str(text).map_err(|error| error.to_string())?;
        // Voices of phoneme type "text" are trained on letters, not espeak-ng phonemes.
        if let Some(kind) = raw.phoneme_type.as_deref()
            && kind != "espeak"
        {
            return Err(format!(
                "its phoneme type is \"{kind}\"; only espeak-ng phonemes are supported"
            ));
        }
        if raw.audio.sample_rate == 0 {
            return Err("its sample rate is 0".into());
        }
        let mut phoneme_ids = HashMap::with_capacity(raw.phoneme_id_map.len());
        for (phoneme, ids) in raw.phoneme_id_map {
            let mut characters = phoneme.chars();
            match (characters.next(), characters.next()) {
                (Some(character), None) => {
                    phoneme_ids.insert(character, ids);
                }
                // piper-phonemize never produces a phoneme of several characters, so such
                // an entry could not be used anyway.
                _ => tracing::debug!("Piper config: ignoring multi-character phoneme {phoneme:?}"),
            }
        }
        for marker in [BEGIN, END, PAD] {
            if phoneme_ids.get(&marker).is_none_or(Vec::is_empty) {
                return Err(format!("its phoneme_id_map has no id for {marker:?}"));
            }
        }
        Ok(Self {
            sample_rate: raw.audio.sample_rate,
            espeak_voice: raw
                .espeak
                .map_or_else(|| "en-us".to_owned(), |espeak| espeak.voice),
            noise_scale: raw.inference.noise_scale,
            length_scale: raw.inference.length_scale,
            noise_width: raw.inference.noise_w,
            speakers: raw.num_speakers,
            phoneme_ids,
        })
    }
}

/// Piper's markers: the start and end of an utterance, and the padding between phonemes.
pub const BEGIN: char = '^';
pub const END: char = '$';
pub const PAD: char = '_';

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"{
        "audio": {"sample_rate": 22050},
        "espeak": {"voice": "en-gb"},
        "inference": {"noise_scale": 0.5, "length_scale": 1.2, "noise_w": 0.7},
        "phoneme_type": "espeak",
        "num_speakers": 1,
        "phoneme_id_map": {"_": [0], "^": [1], "$": [2], "a": [14], "ɪ": [74], "ab": [99]}
    }"#;

    #[test]
    fn reads_what_synthesis_needs() {
        let config = VoiceConfig::parse(MINIMAL).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(config.sample_rate, 22_050);
        assert_eq!(config.espeak_voice, "en-gb");
        assert_eq!(
            (config.noise_scale, config.length_scale, config.noise_width),
            (0.5, 1.2, 0.7)
        );
        assert_eq!(config.phoneme_ids.get(&'ɪ'), Some(&vec![74]));
        assert_eq!(
            config.phoneme_ids.len(),
            5,
            "the two-character key is left out"
        );
    }

    #[test]
    fn refuses_letter_voices_and_maps_without_markers() {
        let letters = MINIMAL.replace("\"phoneme_type\": \"espeak\"", "\"phoneme_type\": \"text\"");
        assert!(VoiceConfig::parse(&letters).is_err_and(|error| error.contains("text")));
        let no_pad = MINIMAL.replace("\"_\": [0], ", "");
        assert!(VoiceConfig::parse(&no_pad).is_err_and(|error| error.contains("'_'")));
    }
}
