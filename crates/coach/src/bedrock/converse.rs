//! One call to a model with one forced tool: Converse (the whole answer at once) or
//! ConverseStream (the tool input arrives in pieces, and its text fields are passed on as
//! they are written). Either way the result is the tool's input as JSON, and the usage.

use aira_aws::{CloudError, classify};
use aira_core::ports::{CloudFailure, CoachError};
use aira_core::prompt::{CoachingPrompt, PartialFields};
use aira_protocol::FeedbackDelta;
use aws_sdk_bedrockruntime::Client;
use aws_sdk_bedrockruntime::types::{
    ContentBlock, ContentBlockDelta, ContentBlockStart, ConversationRole, ConverseOutput,
    ConverseStreamOutput, InferenceConfiguration, Message, SpecificToolChoice, StopReason,
    SystemContentBlock, Tool, ToolChoice, ToolConfiguration, ToolInputSchema, ToolSpecification,
};
use serde_json::Value;

use super::document::{to_document, to_json};
use super::{BedrockSettings, SERVICE};

/// What a forced tool call returns.
pub struct ToolCall {
    pub input: Value,
    pub input_tokens: i32,
    pub output_tokens: i32,
}

/// A tool the model must call.
pub struct ForcedTool<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub schema: Value,
    pub max_tokens: i32,
}

/// Fields streamed to the UI while they are written, in the order they usually come.
const STREAMED_FIELDS: [&str; 2] = ["summary", "better_answer"];

fn parts(
    prompt: &CoachingPrompt,
    tool: &ForcedTool<'_>,
) -> Result<(Message, ToolConfiguration, InferenceConfiguration), CoachError> {
    let build_error = |error: aws_sdk_bedrockruntime::error::BuildError| {
        CoachError::Engine(format!("the Bedrock request could not be built: {error}"))
    };
    let message = Message::builder()
        .role(ConversationRole::User)
        .content(ContentBlock::Text(prompt.message.clone()))
        .build()
        .map_err(build_error)?;
    let specification = ToolSpecification::builder()
        .name(tool.name)
        .description(tool.description)
        .input_schema(ToolInputSchema::Json(to_document(&tool.schema)))
        .build()
        .map_err(build_error)?;
    let tools = ToolConfiguration::builder()
        .tools(Tool::ToolSpec(specification))
        .tool_choice(ToolChoice::Tool(
            SpecificToolChoice::builder()
                .name(tool.name)
                .build()
                .map_err(build_error)?,
        ))
        .build()
        .map_err(build_error)?;
    // Low temperature: the same answer should get the same score when practised again.
    let inference = InferenceConfiguration::builder()
        .max_tokens(tool.max_tokens)
        .temperature(0.2)
        .build();
    Ok((message, tools, inference))
}

/// Converse: one request, one answer.
pub async fn converse(
    client: &Client,
    settings: &BedrockSettings,
    model_id: &str,
    prompt: &CoachingPrompt,
    tool: &ForcedTool<'_>,
) -> Result<ToolCall, CoachError> {
    let (message, tools, inference) = parts(prompt, tool)?;
    let request = client
        .converse()
        .model_id(model_id)
        .system(SystemContentBlock::Text(prompt.system.clone()))
        .messages(message)
        .tool_config(tools)
        .inference_config(inference);
    let output = within(settings.call_timeout, "answer", request.send())
        .await?
        .map_err(|error| with_hint(classify(SERVICE, &error), model_id))?;
    let usage = output.usage();
    let input = match output.output() {
        Some(ConverseOutput::Message(message)) => {
            message.content().iter().find_map(|block| match block {
                ContentBlock::ToolUse(tool_use) if tool_use.name() == tool.name => {
                    Some(to_json(tool_use.input()))
                }
                _ => None,
            })
        }
        _ => None,
    };
    let Some(input) = input else {
        return Err(CoachError::Malformed(format!(
            "the model did not call {} (it stopped: {})",
            tool.name,
            output.stop_reason().as_str()
        )));
    };
    Ok(ToolCall {
        input,
        input_tokens: usage.map_or(0, |usage| usage.input_tokens()),
        output_tokens: usage.map_or(0, |usage| usage.output_tokens()),
    })
}

/// ConverseStream: the tool input arrives as pieces of JSON text; each piece of a streamed
/// field goes to `progress` at once. A stream that stops before `messageStop` was cut.
pub async fn converse_stream(
    client: &Client,
    settings: &BedrockSettings,
    model_id: &str,
    prompt: &CoachingPrompt,
    tool: &ForcedTool<'_>,
    progress: Option<&(dyn Fn(FeedbackDelta) + Send + Sync)>,
) -> Result<ToolCall, CoachError> {
    let (message, tools, inference) = parts(prompt, tool)?;
    let deadline = tokio::time::Instant::now() + settings.call_timeout;
    let request = client
        .converse_stream()
        .model_id(model_id)
        .system(SystemContentBlock::Text(prompt.system.clone()))
        .messages(message)
        .tool_config(tools)
        .inference_config(inference);
    let mut output = within(settings.idle_timeout, "answer", request.send())
        .await?
        .map_err(|error| with_hint(classify(SERVICE, &error), model_id))?;
    let mut tool_block: Option<i32> = None;
    let mut input_json = String::new();
    let mut fields = PartialFields::default();
    let mut stop_reason: Option<StopReason> = None;
    let mut tokens = (0, 0);
    loop {
        let wait = settings
            .idle_timeout
            .min(deadline.saturating_duration_since(tokio::time::Instant::now()));
        let event = within(wait, "next part", output.stream.recv())
            .await?
            .map_err(|error| with_hint(classify(SERVICE, &error), model_id))?;
        let Some(event) = event else { break };
        match event {
            ConverseStreamOutput::ContentBlockStart(start) => {
                if let Some(ContentBlockStart::ToolUse(tool_use)) = start.start()
                    && tool_use.name() == tool.name
                {
                    tool_block = Some(start.content_block_index());
                }
            }
            ConverseStreamOutput::ContentBlockDelta(delta) => {
                if let Some(ContentBlockDelta::ToolUse(piece)) = delta.delta()
                    && tool_block.is_none_or(|index| index == delta.content_block_index())
                {
                    input_json.push_str(piece.input());
                    if let Some(progress) = progress {
                        for field in STREAMED_FIELDS {
                            if let Some(text) = fields.new_text(&input_json, field) {
                                progress(FeedbackDelta {
                                    field: field.to_owned(),
                                    text,
                                });
                            }
                        }
                    }
                }
            }
            ConverseStreamOutput::MessageStop(stop) => {
                stop_reason = Some(stop.stop_reason().clone());
            }
            ConverseStreamOutput::Metadata(metadata) => {
                if let Some(usage) = metadata.usage() {
                    tokens = (usage.input_tokens(), usage.output_tokens());
                }
            }
            _ => {}
        }
    }
    let Some(stop_reason) = stop_reason else {
        return Err(CloudError::new(
            CloudFailure::Offline,
            format!("{SERVICE}: the answer stopped midway (the connection was lost)"),
        )
        .into());
    };
    if input_json.trim().is_empty() {
        return Err(CoachError::Malformed(format!(
            "the model did not call {} (it stopped: {})",
            tool.name,
            stop_reason.as_str()
        )));
    }
    let input = serde_json::from_str(&input_json).map_err(|error| {
        CoachError::Malformed(format!(
            "the tool input is not valid JSON ({error}; the model stopped: {})",
            stop_reason.as_str()
        ))
    })?;
    Ok(ToolCall {
        input,
        input_tokens: tokens.0,
        output_tokens: tokens.1,
    })
}

/// `future`, or a timeout error naming what was awaited.
async fn within<T>(
    limit: std::time::Duration,
    what: &str,
    future: impl std::future::Future<Output = T>,
) -> Result<T, CoachError> {
    tokio::time::timeout(limit, future).await.map_err(|_| {
        CloudError::new(
            CloudFailure::Timeout,
            format!(
                "{SERVICE}: no {what} within {:.0} s",
                limit.as_secs_f32().max(1.0)
            ),
        )
        .into()
    })
}

/// A name lookup that failed: no network, or a region without a Bedrock endpoint.
fn names_unknown_host(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    [
        "dns error",
        "failed to lookup",
        "name or service not known",
        "no such host",
    ]
    .iter()
    .any(|phrase| message.contains(phrase))
}

/// Bedrock's refusals that the user fixes in the console, said so.
fn with_hint(mut error: CloudError, model_id: &str) -> CloudError {
    let hint = if error.message.contains("ResourceNotFoundException") {
        Some(format!(
            "the model {model_id} is not available to this account in this region; \
             choose another model or request access in the Bedrock console"
        ))
    } else if error.message.contains("ValidationException") && error.message.contains("model") {
        Some(format!(
            "the model id {model_id} was not accepted; check it, or use an inference profile \
             (\"global.\" or \"apac.\" prefix) for models that need one"
        ))
    } else if error.kind == CloudFailure::Offline && names_unknown_host(&error.message) {
        Some(
            "the Bedrock endpoint for this region could not be found: check your network, and \
             that AWS_REGION (or the profile's region) is one where Amazon Bedrock is offered"
                .to_owned(),
        )
    } else if error.kind == CloudFailure::AccessDenied
        && error.message.contains("AccessDeniedException")
    {
        Some(format!(
            "this account may not call {model_id}: grant bedrock:InvokeModel and \
             bedrock:InvokeModelWithResponseStream, and enable model access in the Bedrock console"
        ))
    } else {
        None
    };
    if let Some(hint) = hint {
        error.message = format!("{} ({hint})", error.message);
    }
    error
}
