//! Amazon Polly (SynthesizeSpeech, DescribeVoices) behind the [`Synthesizer`] trait.
//!
//! - Voices come from DescribeVoices, kept for the session, limited to the accents Aira
//!   offers (US, UK, Australian and Indian English, Hindi); each is asked for with its
//!   neural engine where it has one, standard otherwise.
//! - Audio is MP3 at 24 kHz: about a tenth of the bytes of PCM, which matters on weak
//!   connections. Word speech marks come from a second request made at the same time.
//! - Text goes as SSML ([`ssml`]); if Polly still refuses it, once more as plain text.
//! - The SDK's standard retries (throttling, 5xx) run inside a deadline of our own.

mod marks;
mod pricing;
mod ssml;

use std::time::Duration;

use aira_aws::{ClientOptions, CloudError, ConfigSource, LazyClient, SharedAccount};
use aira_core::ports::{CloudFailure, PortFuture, SpeakError};
use aira_protocol::{VoiceEngine, VoiceGender, VoiceInfo};
use aws_config::SdkConfig;
use aws_config::retry::RetryConfig;
use aws_sdk_polly::Client;
use aws_sdk_polly::types::{
    Engine, Gender, LanguageCode, OutputFormat, SpeechMarkType, TextType, VoiceId,
};

use crate::speech::{Speech, SpeechRequest, Synthesizer};
pub use ssml::SsmlText;

const SERVICE: &str = "Amazon Polly";
/// The rate Polly's MP3 is asked for (neural voices: 24 kHz at most).
const SAMPLE_RATE: u32 = 24_000;
/// The accents Aira offers, as Polly's language codes.
pub const POLLY_LANGUAGES: [&str; 5] = ["en-US", "en-GB", "en-AU", "en-IN", "hi-IN"];

#[derive(Debug, Clone)]
pub struct PollySettings {
    /// Another endpoint than the region's (a test server); `AWS_ENDPOINT_URL_POLLY` works too.
    pub endpoint_url: Option<String>,
    pub extra_ca_pem: Option<Vec<u8>>,
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    /// The most one phrase may take, retries included.
    pub call_timeout: Duration,
}

impl Default for PollySettings {
    fn default() -> Self {
        Self {
            endpoint_url: None,
            extra_ca_pem: None,
            max_attempts: 3,
            initial_backoff: Duration::from_millis(300),
            call_timeout: Duration::from_secs(15),
        }
    }
}

pub struct PollySynthesizer {
    settings: PollySettings,
    connection: LazyClient<Client>,
    /// DescribeVoices' answer, once it has given one.
    voices: tokio::sync::OnceCell<Vec<VoiceInfo>>,
}

impl PollySynthesizer {
    /// Polly with the standard AWS configuration, read on first use.
    pub fn new(settings: PollySettings, account: SharedAccount) -> Self {
        Self::with_source(settings, ConfigSource::Standard(account))
    }

    pub fn with_sdk_config(settings: PollySettings, config: SdkConfig) -> Self {
        Self::with_source(settings, ConfigSource::Given(Box::new(config)))
    }

    fn with_source(settings: PollySettings, source: ConfigSource) -> Self {
        Self {
            settings,
            connection: LazyClient::new(SERVICE, source),
            voices: tokio::sync::OnceCell::new(),
        }
    }

    async fn ready_client(&self) -> Result<Client, SpeakError> {
        self.connection
            .ready_client(|config| {
                let tuned = aira_aws::tuned_config(
                    config,
                    ClientOptions {
                        retries: RetryConfig::standard()
                            .with_max_attempts(self.settings.max_attempts.max(1))
                            .with_initial_backoff(self.settings.initial_backoff),
                        endpoint_url: self.settings.endpoint_url.as_deref(),
                        extra_ca_pem: self.settings.extra_ca_pem.as_deref(),
                    },
                )?;
                Ok::<_, SpeakError>(Client::new(&tuned))
            })
            .await
    }

    async fn list_voices(&self) -> Result<Vec<VoiceInfo>, SpeakError> {
        let client = self.ready_client().await?;
        let mut voices = Vec::new();
        let mut next_token = None;
        loop {
            let page = within(
                self.settings.call_timeout,
                client
                    .describe_voices()
                    .include_additional_language_codes(true)
                    .set_next_token(next_token)
                    .send(),
            )
            .await?;
            voices.extend(page.voices().iter().filter_map(voice_info));
            next_token = page.next_token().map(str::to_owned);
            if next_token.is_none() {
                break;
            }
        }
        voices.sort_by(|a, b| (&a.language, &a.name).cmp(&(&b.language, &b.name)));
        voices.dedup_by(|a, b| a.id == b.id);
        Ok(voices)
    }

    /// Checks `voice` against DescribeVoices: an id Polly does not list is refused with
    /// the voices it does.
    async fn known_voice(&self, voice: &VoiceInfo) -> Result<VoiceInfo, SpeakError> {
        let voices = self.voices.get_or_try_init(|| self.list_voices()).await?;
        voices
            .iter()
            .find(|known| {
                known.id == voice.id
                    && (known.language == voice.language || voice.language.is_empty())
            })
            .cloned()
            .or_else(|| {
                // A bilingual voice (Kajal: Indian English, also Hindi) asked for its other
                // language speaks it: Polly is told which.
                voices
                    .iter()
                    .find(|known| known.id == voice.id)
                    .map(|known| {
                        let mut speaking = known.clone();
                        if known.other_languages.contains(&voice.language) {
                            speaking.language = voice.language.clone();
                        }
                        speaking
                    })
            })
            .ok_or_else(|| {
                let names: Vec<&str> = voices.iter().map(|known| known.name.as_str()).collect();
                SpeakError::UnknownVoice(format!(
                    "Amazon Polly has no voice {:?} for Aira's languages; it has {}",
                    voice.name,
                    names.join(", ")
                ))
            })
    }

    async fn speak(&self, request: SpeechRequest<'_>) -> Result<Speech, SpeakError> {
        let voice = self.known_voice(request.voice).await?;
        let engine = voice
            .polly_engine
            .clone()
            .unwrap_or_else(|| "standard".into());
        let sent = SsmlText::build(request.text, request.rate);
        let (audio, marks) = match self.call(&voice, &engine, &sent, TextType::Ssml).await {
            Err(CallError::InvalidSsml(message)) => {
                tracing::warn!(%message, "Polly refused the SSML; sending plain text");
                let plain = SsmlText::plain(request.text);
                let called = self.call(&voice, &engine, &plain, TextType::Text).await;
                (called, plain)
            }
            other => (other, sent),
        };
        let (audio_bytes, mark_bytes, characters) = audio.map_err(|error| match error {
            CallError::InvalidSsml(message) => SpeakError::Failed(message),
            CallError::Speak(error) => error,
        })?;
        let (samples, sample_rate) =
            tokio::task::spawn_blocking(move || aira_audio::decode_bytes(audio_bytes, "mp3"))
                .await
                .map_err(|error| SpeakError::Failed(error.to_string()))?
                .map_err(|error| {
                    SpeakError::Failed(format!(
                        "Amazon Polly's audio could not be decoded: {error}"
                    ))
                })?;
        Ok(Speech {
            samples,
            sample_rate,
            marks: marks::parse_word_marks(&mark_bytes, &marks),
            usage: pricing::usage(&engine, characters),
        })
    }

    /// The audio and the word marks of `sent`, asked for at the same time; with the
    /// characters billed for both.
    async fn call(
        &self,
        voice: &VoiceInfo,
        engine: &str,
        sent: &SsmlText,
        text_type: TextType,
    ) -> Result<(Vec<u8>, Vec<u8>, u64), CallError> {
        let client = self.ready_client().await.map_err(CallError::Speak)?;
        let request = |format: OutputFormat| {
            let mut builder = client
                .synthesize_speech()
                .engine(Engine::from(engine))
                .voice_id(VoiceId::from(voice.name.as_str()))
                .language_code(LanguageCode::from(voice.language.as_str()))
                .text(&sent.ssml)
                .text_type(text_type.clone())
                .output_format(format.clone());
            if format == OutputFormat::Json {
                builder = builder.speech_mark_types(SpeechMarkType::Word);
            } else {
                builder = builder.sample_rate(SAMPLE_RATE.to_string());
            }
            builder.send()
        };
        let deadline = self.settings.call_timeout;
        let (audio, marks) = tokio::join!(
            within_speech(deadline, request(OutputFormat::Mp3)),
            within_speech(deadline, request(OutputFormat::Json)),
        );
        let (audio, audio_characters) = audio?;
        let (marks, mark_characters) = marks?;
        Ok((audio, marks, audio_characters + mark_characters))
    }
}

impl Synthesizer for PollySynthesizer {
    fn engine(&self) -> VoiceEngine {
        VoiceEngine::Polly
    }

    fn voices(&self) -> PortFuture<'_, Vec<VoiceInfo>, SpeakError> {
        Box::pin(async move {
            Ok(self
                .voices
                .get_or_try_init(|| self.list_voices())
                .await?
                .clone())
        })
    }

    fn synthesize<'a>(&'a self, request: SpeechRequest<'a>) -> PortFuture<'a, Speech, SpeakError> {
        Box::pin(self.speak(request))
    }
}

enum CallError {
    InvalidSsml(String),
    Speak(SpeakError),
}

type SynthesizeResult = Result<
    aws_sdk_polly::operation::synthesize_speech::SynthesizeSpeechOutput,
    aws_sdk_polly::error::SdkError<
        aws_sdk_polly::operation::synthesize_speech::SynthesizeSpeechError,
    >,
>;

/// One SynthesizeSpeech call within `deadline`: its body and billed characters.
async fn within_speech(
    deadline: Duration,
    call: impl std::future::Future<Output = SynthesizeResult>,
) -> Result<(Vec<u8>, u64), CallError> {
    let output = match tokio::time::timeout(deadline, call).await {
        Err(_) => return Err(CallError::Speak(timed_out(deadline))),
        Ok(Err(error)) => {
            if error
                .as_service_error()
                .is_some_and(|service| service.is_invalid_ssml_exception())
            {
                return Err(CallError::InvalidSsml(error.to_string()));
            }
            return Err(CallError::Speak(aira_aws::classify(SERVICE, &error).into()));
        }
        Ok(Ok(output)) => output,
    };
    let characters = u64::try_from(output.request_characters()).unwrap_or(0);
    let body = tokio::time::timeout(deadline, output.audio_stream.collect())
        .await
        .map_err(|_| CallError::Speak(timed_out(deadline)))?
        .map_err(|error| {
            CallError::Speak(
                CloudError::new(
                    CloudFailure::Offline,
                    format!("{SERVICE}: the audio stopped arriving: {error}"),
                )
                .into(),
            )
        })?;
    Ok((body.into_bytes().to_vec(), characters))
}

async fn within<T, E, R>(
    deadline: Duration,
    call: impl std::future::Future<Output = Result<T, aws_sdk_polly::error::SdkError<E, R>>>,
) -> Result<T, SpeakError>
where
    E: aws_sdk_polly::error::ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + Send + Sync + 'static,
{
    match tokio::time::timeout(deadline, call).await {
        Err(_) => Err(timed_out(deadline)),
        Ok(Err(error)) => Err(aira_aws::classify(SERVICE, &error).into()),
        Ok(Ok(output)) => Ok(output),
    }
}

fn timed_out(deadline: Duration) -> SpeakError {
    CloudError::new(
        CloudFailure::Timeout,
        format!("{SERVICE} did not answer within {} s", deadline.as_secs()),
    )
    .into()
}

/// A listed voice as Aira offers it, or `None` for languages Aira does not offer or
/// voices with only generative or long-form engines (priced for other uses).
fn voice_info(voice: &aws_sdk_polly::types::Voice) -> Option<VoiceInfo> {
    let name = voice.id()?.as_str().to_owned();
    let language = voice.language_code()?.as_str().to_owned();
    let other_languages: Vec<String> = voice
        .additional_language_codes()
        .iter()
        .map(|code| code.as_str().to_owned())
        .collect();
    if !POLLY_LANGUAGES.contains(&language.as_str()) {
        return None;
    }
    let engines = voice.supported_engines();
    let polly_engine = if engines.contains(&Engine::Neural) {
        "neural"
    } else if engines.contains(&Engine::Standard) {
        "standard"
    } else {
        return None;
    };
    Some(VoiceInfo {
        id: format!("polly:{name}"),
        engine: VoiceEngine::Polly,
        name,
        language,
        other_languages,
        language_name: voice.language_name().unwrap_or_default().to_owned(),
        gender: match voice.gender() {
            Some(Gender::Female) => VoiceGender::Female,
            Some(Gender::Male) => VoiceGender::Male,
            _ => VoiceGender::Unknown,
        },
        polly_engine: Some(polly_engine.to_owned()),
    })
}
