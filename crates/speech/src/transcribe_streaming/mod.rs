//! Amazon Transcribe Streaming behind the [`Transcriber`] port.
//!
//! One call is one stream: the piece of audio goes up as 100 ms PCM events (recorded audio
//! needs no real-time pacing) while results come back over the same HTTP/2 connection;
//! the final results' items become timed words. The SDK client is built on first use, so
//! opening Aira needs no network. Custom vocabularies, the service's answer to a prompt,
//! need setting up in the account, so [`TranscriptionOptions::prompt`] is not used.

mod audio;
mod client;
mod language;
mod results;

use std::future::Future;
use std::time::{Duration, Instant};

use aira_aws::{ConfigSource, LazyClient, SharedAccount, classify};
use aira_core::Transcript;
use aira_core::ports::{
    CloudFailure, PortFuture, SAMPLE_RATE, TranscribeError, Transcriber, TranscriptionOptions,
};
use aws_sdk_transcribestreaming::Client;
use aws_sdk_transcribestreaming::primitives::Blob;
use aws_sdk_transcribestreaming::types::error::AudioStreamError;
use aws_sdk_transcribestreaming::types::{
    AudioEvent, AudioStream, LanguageCode, MediaEncoding, TranscriptResultStream,
};

pub use aira_aws::{DEFAULT_REGION, load_standard_config, sdk_config_with_keys};
pub use aws_config::SdkConfig;
pub use language::language_code;

/// Names the service in messages.
const SERVICE: &str = "Amazon Transcribe";

/// Quieter than this everywhere is silence; the same threshold as the local engine, so a
/// silent piece costs no cloud call.
const SILENCE_PEAK: f32 = 0.01;

#[derive(Debug, Clone)]
pub struct AmazonSettings {
    /// Aira's language setting: "en" (US English), a full code such as "en-IN", or "hi",
    /// "ta", "te" (their Indian variants).
    pub language: String,
    /// Another endpoint than the region's, e.g. a VPC endpoint or a test server. The
    /// standard `AWS_ENDPOINT_URL_TRANSCRIBE_STREAMING` works too.
    pub endpoint_url: Option<String>,
    /// A certificate authority (PEM) to trust besides the platform's.
    pub extra_ca_pem: Option<Vec<u8>>,
    /// Longest wait for the next event from the service (or for it to accept the stream).
    pub idle_timeout: Duration,
    /// The whole call may take this long plus twice the audio's length: the service
    /// transcribes at about real time however fast the audio is sent.
    pub call_timeout_base: Duration,
}

impl AmazonSettings {
    pub fn new(language: impl Into<String>) -> Self {
        Self {
            language: language.into(),
            endpoint_url: None,
            extra_ca_pem: None,
            idle_timeout: Duration::from_secs(15),
            call_timeout_base: Duration::from_secs(20),
        }
    }

    fn call_timeout(&self, audio_ms: u32) -> Duration {
        self.call_timeout_base + Duration::from_millis(u64::from(audio_ms) * 2)
    }
}

pub struct AmazonTranscriber {
    settings: AmazonSettings,
    language: Result<LanguageCode, TranscribeError>,
    /// The SDK client, made on first use.
    connection: LazyClient<Client>,
}

impl AmazonTranscriber {
    /// A transcriber using the standard AWS configuration. Cheap: nothing is read or
    /// contacted until the first check or transcription.
    pub fn new(settings: AmazonSettings, account: SharedAccount) -> Self {
        Self::with_source(settings, ConfigSource::Standard(account))
    }

    /// A transcriber using `config` instead of the standard chain.
    pub fn with_sdk_config(settings: AmazonSettings, config: SdkConfig) -> Self {
        Self::with_source(settings, ConfigSource::Given(Box::new(config)))
    }

    fn with_source(settings: AmazonSettings, source: ConfigSource) -> Self {
        Self {
            language: language_code(&settings.language),
            settings,
            connection: LazyClient::new(SERVICE, source),
        }
    }

    /// The client, made on first use.
    async fn client(&self) -> Result<Client, TranscribeError> {
        self.connection
            .client(|config| client::build_client(config, &self.settings))
            .await
    }

    /// Resolves credentials, remembering the outcome for a while.
    async fn check_credentials(&self) -> Result<(), TranscribeError> {
        self.connection
            .ready_client(|config| client::build_client(config, &self.settings))
            .await
            .map(|_| ())
    }

    async fn transcribe_samples(
        &self,
        samples: Vec<f32>,
        options: TranscriptionOptions,
    ) -> Result<Transcript, TranscribeError> {
        if options.is_cancelled() {
            return Err(TranscribeError::Cancelled);
        }
        if samples.is_empty() {
            return Err(TranscribeError::EmptyAudio);
        }
        if samples.iter().all(|sample| sample.abs() < SILENCE_PEAK) {
            return Err(TranscribeError::NoSpeech);
        }
        let language = self.language.clone()?;
        self.check_credentials().await?;
        let audio_ms = (samples.len() as u64 * 1000 / u64::from(SAMPLE_RATE)) as u32;
        let limit = self.settings.call_timeout(audio_ms);
        let started = Instant::now();
        let words = tokio::time::timeout(limit, self.stream(language, &samples, &options))
            .await
            .map_err(|_| {
                TranscribeError::cloud(
                    CloudFailure::Timeout,
                    format!(
                        "Amazon Transcribe did not finish {} s of audio within {} s",
                        audio_ms / 1000,
                        limit.as_secs()
                    ),
                )
            })??;
        tracing::info!(
            audio_seconds = audio_ms as f32 / 1000.0,
            seconds = started.elapsed().as_secs_f32(),
            words = words.len(),
            "transcribed by Amazon Transcribe"
        );
        if words.is_empty() {
            return Err(TranscribeError::NoSpeech);
        }
        Ok(Transcript::from_words(words, audio_ms).answered_by(self.engine_name()))
    }

    /// Streams the audio and collects the final results' words.
    async fn stream(
        &self,
        language: LanguageCode,
        samples: &[f32],
        options: &TranscriptionOptions,
    ) -> Result<Vec<aira_core::Word>, TranscribeError> {
        let client = self.client().await?;
        let events = audio::pcm_chunks(samples).into_iter().map(|chunk| {
            Ok::<_, AudioStreamError>(AudioStream::AudioEvent(
                AudioEvent::builder().audio_chunk(Blob::new(chunk)).build(),
            ))
        });
        let request = client
            .start_stream_transcription()
            .language_code(language)
            .media_sample_rate_hertz(SAMPLE_RATE as i32)
            .media_encoding(MediaEncoding::Pcm)
            .audio_stream(futures_util::stream::iter(events).into());
        let mut output = self
            .within_idle_timeout(request.send())
            .await?
            .map_err(|error| classify(SERVICE, &error))?;
        let mut words = Vec::new();
        while let Some(event) = self
            .within_idle_timeout(output.transcript_result_stream.recv())
            .await?
            .map_err(|error| classify(SERVICE, &error))?
        {
            if let TranscriptResultStream::TranscriptEvent(event) = event
                && let Some(transcript) = event.transcript()
            {
                results::add_final_words(&mut words, transcript.results());
            }
            if options.is_cancelled() {
                return Err(TranscribeError::Cancelled);
            }
        }
        Ok(words)
    }

    async fn within_idle_timeout<T>(
        &self,
        future: impl Future<Output = T>,
    ) -> Result<T, TranscribeError> {
        let idle = self.settings.idle_timeout;
        tokio::time::timeout(idle, future).await.map_err(|_| {
            TranscribeError::cloud(
                CloudFailure::Timeout,
                format!(
                    "Amazon Transcribe sent nothing for {} s",
                    idle.as_secs_f32()
                ),
            )
        })
    }
}

impl Transcriber for AmazonTranscriber {
    fn engine_name(&self) -> String {
        match &self.language {
            Ok(code) => format!("Amazon Transcribe ({})", code.as_str()),
            Err(_) => "Amazon Transcribe".into(),
        }
    }

    fn check_ready(&self) -> PortFuture<'_, (), TranscribeError> {
        Box::pin(async move {
            self.language.clone()?;
            self.check_credentials().await
        })
    }

    fn transcribe(
        &self,
        samples: Vec<f32>,
        options: TranscriptionOptions,
    ) -> PortFuture<'_, Transcript, TranscribeError> {
        Box::pin(self.transcribe_samples(samples, options))
    }
}
