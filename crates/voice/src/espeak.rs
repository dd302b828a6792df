//! espeak-ng: a local voice for every language Aira offers (English, Hindi, Tamil, Telugu,
//! Bengali, Marathi), with no download. Robotic, but always there; Piper sounds better in
//! English, and Polly better still.
//!
//! espeak-ng writes a WAV file (its `--stdout` header declares no length, which strict
//! readers refuse). It gives no word timings, so marks are estimated ([`crate::timing`]).

use aira_audio::read_wav;
use aira_core::ports::{PortFuture, SpeakError};
use aira_protocol::{VoiceEngine, VoiceGender, VoiceInfo};
use tokio::process::Command;

use crate::speech::{Speech, SpeechRequest, Synthesizer};
use crate::timing::estimated_marks;

/// espeak-ng's own pace at rate 1.0, in words per minute.
const WORDS_PER_MINUTE: f32 = 165.0;

/// (espeak-ng voice, BCP 47 language, language name)
const VOICES: [(&str, &str, &str); 7] = [
    ("en-us", "en-US", "US English"),
    ("en-gb", "en-GB", "British English"),
    ("hi", "hi-IN", "Hindi"),
    ("ta", "ta-IN", "Tamil"),
    ("te", "te-IN", "Telugu"),
    ("bn", "bn-IN", "Bengali"),
    ("mr", "mr-IN", "Marathi"),
];

pub struct EspeakSynthesizer {
    program: String,
    available: bool,
}

impl Default for EspeakSynthesizer {
    fn default() -> Self {
        Self::new()
    }
}

impl EspeakSynthesizer {
    pub fn new() -> Self {
        let program = "espeak-ng".to_owned();
        let available = std::process::Command::new(&program)
            .arg("--version")
            .output()
            .is_ok_and(|output| output.status.success());
        if !available {
            tracing::warn!(
                "espeak-ng was not found; without another voice, text is shown, not spoken"
            );
        }
        Self { program, available }
    }

    pub fn is_available(&self) -> bool {
        self.available
    }

    /// Every espeak-ng voice Aira offers.
    pub fn voice_list() -> Vec<VoiceInfo> {
        VOICES
            .iter()
            .map(|(voice, language, name)| VoiceInfo {
                id: format!("espeak:{voice}"),
                engine: VoiceEngine::Espeak,
                name: format!("espeak-ng {name}"),
                language: (*language).to_owned(),
                other_languages: Vec::new(),
                language_name: (*name).to_owned(),
                gender: VoiceGender::Male,
                polly_engine: None,
            })
            .collect()
    }

    async fn speak(&self, request: SpeechRequest<'_>) -> Result<Speech, SpeakError> {
        if !self.available {
            return Err(SpeakError::Unavailable(
                "espeak-ng is not installed (Debian/Ubuntu: apt install espeak-ng)".into(),
            ));
        }
        let voice = request
            .voice
            .id
            .strip_prefix("espeak:")
            .filter(|voice| VOICES.iter().any(|known| known.0 == *voice))
            .ok_or_else(|| {
                SpeakError::UnknownVoice(format!("espeak-ng has no voice {:?}", request.voice.id))
            })?;
        if request.text.trim().is_empty() {
            return Ok(Speech {
                sample_rate: 22_050,
                ..Speech::default()
            });
        }
        let file = tempfile::Builder::new()
            .prefix("aira-voice-")
            .suffix(".wav")
            .tempfile()
            .map_err(|error| {
                SpeakError::Failed(format!("no temporary file for speech: {error}"))
            })?;
        let words_per_minute = (WORDS_PER_MINUTE * request.rate).round() as u32;
        let output = Command::new(&self.program)
            .args(["-v", voice, "-s", &words_per_minute.to_string(), "-w"])
            .arg(file.path())
            .arg("--")
            .arg(request.text)
            .kill_on_drop(true)
            .output()
            .await
            .map_err(|error| SpeakError::Failed(format!("could not run espeak-ng: {error}")))?;
        if !output.status.success() {
            return Err(SpeakError::Failed(
                String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            ));
        }
        let (samples, sample_rate) =
            read_wav(file.path()).map_err(|error| SpeakError::Failed(error.to_string()))?;
        let duration_ms = (samples.len() as u64 * 1000 / u64::from(sample_rate.max(1))) as u32;
        Ok(Speech {
            marks: estimated_marks(request.text, duration_ms),
            samples,
            sample_rate,
            usage: Default::default(),
        })
    }
}

impl Synthesizer for EspeakSynthesizer {
    fn engine(&self) -> VoiceEngine {
        VoiceEngine::Espeak
    }

    fn voices(&self) -> PortFuture<'_, Vec<VoiceInfo>, SpeakError> {
        Box::pin(async move {
            if self.available {
                Ok(Self::voice_list())
            } else {
                Err(SpeakError::Unavailable("espeak-ng is not installed".into()))
            }
        })
    }

    fn synthesize<'a>(&'a self, request: SpeechRequest<'a>) -> PortFuture<'a, Speech, SpeakError> {
        Box::pin(self.speak(request))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voice(id: &str) -> VoiceInfo {
        EspeakSynthesizer::voice_list()
            .into_iter()
            .find(|voice| voice.id == id)
            .unwrap_or_else(|| panic!("no {id}"))
    }

    async fn say(text: &str, id: &str, rate: f32) -> Speech {
        let espeak = EspeakSynthesizer::new();
        assert!(
            espeak.is_available(),
            "espeak-ng must be installed for the tests"
        );
        espeak
            .synthesize(SpeechRequest {
                text,
                voice: &voice(id),
                rate,
            })
            .await
            .unwrap_or_else(|error| panic!("{id}: {error}"))
    }

    #[tokio::test]
    async fn every_offered_language_speaks() {
        let phrases = [
            ("espeak:en-us", "Tell me about yourself."),
            ("espeak:hi", "अपने बारे में बताइए।"),
            ("espeak:ta", "உங்களைப் பற்றி சொல்லுங்கள்."),
            ("espeak:te", "మీ గురించి చెప్పండి."),
            ("espeak:bn", "আপনার সম্পর্কে বলুন।"),
            ("espeak:mr", "तुमच्याबद्दल सांगा."),
        ];
        for (id, text) in phrases {
            let speech = say(text, id, 1.0).await;
            assert!(
                (0.6..6.0).contains(&speech.seconds()),
                "{id}: {} s",
                speech.seconds()
            );
            assert!(
                aira_audio::Level::of(&speech.samples).rms > 0.02,
                "{id} is silent"
            );
            assert!(!speech.marks.is_empty(), "{id} has word marks");
        }
    }

    #[tokio::test]
    async fn a_faster_rate_is_shorter() {
        let text = "Describe a project you are proud of and what you learned from it.";
        let normal = say(text, "espeak:en-us", 1.0).await.seconds();
        let fast = say(text, "espeak:en-us", 1.6).await.seconds();
        assert!(fast < normal * 0.8, "{fast} s against {normal} s");
    }

    #[tokio::test]
    async fn an_unknown_voice_is_named_in_the_error() {
        let espeak = EspeakSynthesizer::new();
        let mut unknown = voice("espeak:hi");
        unknown.id = "espeak:klingon".into();
        let error = espeak
            .synthesize(SpeechRequest {
                text: "Hello",
                voice: &unknown,
                rate: 1.0,
            })
            .await
            .err()
            .unwrap_or_else(|| panic!("an unknown voice must fail"));
        assert!(
            matches!(error, SpeakError::UnknownVoice(ref message) if message.contains("klingon")),
            "{error}"
        );
    }
}
