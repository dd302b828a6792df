//! The Amazon Bedrock coach: Claude (Haiku by default) through Converse or ConverseStream,
//! with the feedback forced through the `record_feedback` tool so it arrives as JSON that
//! `aira_core::prompt::parse_feedback` reads defensively. Prompts and parsing live in
//! `aira_core::prompt`; this adapter moves bytes, measures tokens and maps errors.
//!
//! Nothing is read or contacted until the first use, so opening Aira needs neither network
//! nor credentials. Fallback, the breaker and the offline queue are the runtime's policy.

mod client;
mod converse;
mod document;
mod pricing;

use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use aira_aws::{ConfigSource, LazyClient, SharedAccount};
use aira_core::ports::{
    Coach, CoachError, CoachRequest, PortFuture, QuestionRequest, QuestionWriter,
};
use aira_core::prompt::{
    FEEDBACK_TOOL, QUESTIONS_TOOL, WrittenQuestion, coaching_prompt, feedback_tool_schema,
    parse_feedback, parse_questions, questions_prompt, questions_tool_schema,
};
use aira_protocol::Feedback;
use aws_config::SdkConfig;
use aws_sdk_bedrockruntime::Client;

use converse::{ForcedTool, converse, converse_stream};

/// Names the service in messages.
const SERVICE: &str = "Amazon Bedrock";

pub use aira_protocol::{
    DEFAULT_BEDROCK_MODEL as DEFAULT_MODEL, LEGACY_BEDROCK_MODEL as LEGACY_MODEL,
    SUGGESTED_BEDROCK_MODELS as SUGGESTED_MODELS,
};

#[derive(Debug, Clone)]
pub struct BedrockSettings {
    pub model_id: String,
    /// Another endpoint than the region's (a VPC endpoint, a test server). The standard
    /// `AWS_ENDPOINT_URL_BEDROCK_RUNTIME` works too.
    pub endpoint_url: Option<String>,
    /// A certificate authority (PEM) to trust besides the platform's.
    pub extra_ca_pem: Option<Vec<u8>>,
    /// ConverseStream (text shown as it is written) rather than Converse.
    pub streaming: bool,
    /// Longest wait for the service to start answering, or for the next streamed part.
    pub idle_timeout: Duration,
    /// Longest wait for a whole answer. The SDK has no operation timeout of its own.
    pub call_timeout: Duration,
    /// Attempts per call, the first included: the SDK's standard retries.
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    /// The language feedback is written in ("English").
    pub feedback_language: String,
}

impl Default for BedrockSettings {
    fn default() -> Self {
        Self {
            model_id: DEFAULT_MODEL.into(),
            endpoint_url: None,
            extra_ca_pem: None,
            streaming: true,
            idle_timeout: Duration::from_secs(20),
            call_timeout: Duration::from_secs(60),
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            feedback_language: "English".into(),
        }
    }
}

pub struct BedrockCoach {
    settings: BedrockSettings,
    /// Changed by the user's preference; applies to calls that start afterwards.
    model_id: Mutex<String>,
    /// The SDK client, made on first use.
    connection: LazyClient<Client>,
}

impl BedrockCoach {
    /// A coach using the standard AWS configuration. Cheap: nothing is read or contacted
    /// until the first check or call.
    pub fn new(settings: BedrockSettings, account: SharedAccount) -> Self {
        Self::with_source(settings, ConfigSource::Standard(account))
    }

    /// A coach using `config` instead of the standard chain.
    pub fn with_sdk_config(settings: BedrockSettings, config: SdkConfig) -> Self {
        Self::with_source(settings, ConfigSource::Given(Box::new(config)))
    }

    fn with_source(settings: BedrockSettings, source: ConfigSource) -> Self {
        Self {
            model_id: Mutex::new(settings.model_id.clone()),
            settings,
            connection: LazyClient::new(SERVICE, source),
        }
    }

    pub fn model_id(&self) -> String {
        self.model_id
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    pub fn set_model_id(&self, model_id: &str) {
        *self.model_id.lock().unwrap_or_else(PoisonError::into_inner) = model_id.to_owned();
    }

    /// The client once credentials are there.
    async fn ready_client(&self) -> Result<Client, CoachError> {
        self.connection
            .ready_client(|config| Ok(client::build_client(config, &self.settings)?))
            .await
    }

    async fn coach_answer(&self, request: CoachRequest<'_>) -> Result<Feedback, CoachError> {
        let client = self.ready_client().await?;
        let model_id = self.model_id();
        let prompt = coaching_prompt(
            request.question,
            &request.transcript.text,
            request.delivery,
            &self.settings.feedback_language,
        );
        let tool = ForcedTool {
            name: FEEDBACK_TOOL,
            description: "Record the feedback on the candidate's answer.",
            schema: feedback_tool_schema(),
            max_tokens: 2_000,
        };
        let started = std::time::Instant::now();
        let call = if self.settings.streaming {
            converse_stream(
                &client,
                &self.settings,
                &model_id,
                &prompt,
                &tool,
                request.progress,
            )
            .await?
        } else {
            converse(&client, &self.settings, &model_id, &prompt, &tool).await?
        };
        let usage = pricing::usage(&model_id, call.input_tokens, call.output_tokens);
        tracing::info!(
            model = %model_id,
            seconds = started.elapsed().as_secs_f32(),
            input_tokens = usage.input_tokens,
            output_tokens = usage.output_tokens,
            cost_usd = usage.estimated_cost_usd,
            "coached by Amazon Bedrock"
        );
        let mut feedback = parse_feedback(&call.input).map_err(CoachError::Malformed)?;
        feedback.engine = "bedrock".into();
        feedback.model = Some(model_id);
        feedback.usage = Some(usage);
        Ok(feedback)
    }

    async fn write(
        &self,
        request: QuestionRequest<'_>,
    ) -> Result<Vec<WrittenQuestion>, CoachError> {
        let client = self.ready_client().await?;
        let model_id = self.model_id();
        let tool = ForcedTool {
            name: QUESTIONS_TOOL,
            description: "Record the interview questions written for this candidate.",
            schema: questions_tool_schema(),
            max_tokens: 3_000,
        };
        let call = converse(
            &client,
            &self.settings,
            &model_id,
            &questions_prompt(&request),
            &tool,
        )
        .await?;
        let questions = parse_questions(&call.input, &request).map_err(CoachError::Malformed)?;
        let about_resume = questions
            .iter()
            .filter(|question| question.refers_to_resume(request.resume))
            .count();
        tracing::info!(
            questions = questions.len(),
            about_resume,
            input_tokens = call.input_tokens,
            output_tokens = call.output_tokens,
            "questions written by Amazon Bedrock"
        );
        Ok(questions)
    }
}

impl Coach for BedrockCoach {
    fn engine_name(&self) -> String {
        format!("Amazon Bedrock ({})", self.model_id())
    }

    fn check_ready(&self) -> PortFuture<'_, (), CoachError> {
        Box::pin(async move { self.ready_client().await.map(|_| ()) })
    }

    fn coach<'a>(&'a self, request: CoachRequest<'a>) -> PortFuture<'a, Feedback, CoachError> {
        Box::pin(self.coach_answer(request))
    }
}

impl QuestionWriter for BedrockCoach {
    fn write_questions<'a>(
        &'a self,
        request: QuestionRequest<'a>,
    ) -> PortFuture<'a, Vec<WrittenQuestion>, CoachError> {
        Box::pin(self.write(request))
    }
}
