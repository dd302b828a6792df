//! A local Amazon Bedrock Runtime server, so the real SDK client can be tested without an
//! AWS account: plain HTTP/1.1 on 127.0.0.1, speaking the restJson1 protocol of Converse
//! (`POST /model/{id}/converse`) and the event stream of ConverseStream
//! (`POST /model/{id}/converse-stream`, `application/vnd.amazon.eventstream` frames:
//! messageStart, contentBlockStart, contentBlockDelta…, contentBlockStop, messageStop,
//! metadata).
//!
//! Each request takes the next [`Reply`] of the script (the last one repeats), and every
//! request is recorded for the test to check: path, headers and JSON body.

use std::time::Duration;

use aws_smithy_eventstream::frame::write_message_to;
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use hyper::Response;
use hyper::body::Frame;
use serde_json::{Value, json};
use tokio::sync::mpsc;

pub use crate::http_server::SeenRequest;
use crate::http_server::{HttpTestServer, ResponseBody, Script, full, refusal};

/// How the server answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// The model calls the forced tool with `input`: a Converse response, or a stream whose
    /// tool input arrives in several pieces of JSON text.
    ToolInput(Value),
    /// A stream whose tool input is this text, valid JSON or not (Converse answers take
    /// only valid JSON, so use [`Reply::ToolInput`] there).
    RawToolText(String),
    /// The model answers in plain text and calls no tool.
    TextOnly(String),
    /// The stream sends its first `frames` frames of a [`Reply::ToolInput`] answer, then the
    /// connection is dropped.
    CutAfter { input: Value, frames: usize },
    /// An exception frame inside the stream (e.g. "throttlingException").
    StreamException { exception_type: String },
    /// `status` with `x-amzn-ErrorType: error_type` and a JSON message.
    Refuse { status: u16, error_type: String },
    /// Reads the request and never answers.
    Hang,
}

impl Reply {
    pub fn refuse(status: u16, error_type: &str) -> Self {
        Reply::Refuse {
            status,
            error_type: error_type.into(),
        }
    }
}

/// What a Bedrock test reads from a request.
pub trait ConverseRequest {
    /// The user message's text.
    fn user_text(&self) -> String;
    fn system_text(&self) -> String;
}

impl ConverseRequest for SeenRequest {
    fn user_text(&self) -> String {
        self.body["messages"][0]["content"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    fn system_text(&self) -> String {
        self.body["system"][0]["text"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

pub struct BedrockServer {
    server: HttpTestServer,
    /// `http://127.0.0.1:PORT`: give it to the client as its endpoint.
    pub endpoint_url: String,
}

impl BedrockServer {
    /// Starts a server answering with `script` in order (the last reply repeats).
    pub fn start(script: Vec<Reply>) -> Self {
        let script = std::sync::Arc::new(Script::new(script));
        let server = HttpTestServer::start("bedrock-test-server", move |request| {
            let reply = script.next().unwrap_or(Reply::Hang);
            handle(request, reply)
        });
        Self {
            endpoint_url: server.endpoint_url.clone(),
            server,
        }
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<SeenRequest> {
        self.server.requests()
    }

    /// `KEY/REGION` of the last request's SigV4 signature, read from its credential scope
    /// `Credential=KEY/20261122/REGION/bedrock/aws4_request`: which account signed, where.
    pub fn last_signed_with(&self) -> String {
        let authorization = self
            .requests()
            .last()
            .and_then(|request| request.headers.get("authorization").cloned())
            .unwrap_or_else(|| panic!("no signed request reached Bedrock"));
        let scope = authorization
            .split("Credential=")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .unwrap_or_default();
        let parts: Vec<&str> = scope.split('/').collect();
        assert_eq!(parts.len(), 5, "{authorization}");
        assert_eq!(parts[3], "bedrock", "{authorization}");
        format!("{}/{}", parts[0], parts[2])
    }
}

/// An AWS config file as `aws configure` writes it, with two profiles that have their own
/// keys and regions: `default` (`AKIDDEFAULT`, us-west-2) and `interview-practice`
/// (`AKIDPRACTICE`, eu-west-2). Point `AWS_CONFIG_FILE` at a copy.
pub const TWO_PROFILES_AWS_CONFIG: &str = "\
[default]
region = us-west-2
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = default-secret

[profile interview-practice]
region = eu-west-2
aws_access_key_id = AKIDPRACTICE
aws_secret_access_key = practice-secret
";

async fn handle(request: SeenRequest, reply: Reply) -> Response<ResponseBody> {
    let tool_name = request.body["toolConfig"]["toolChoice"]["tool"]["name"]
        .as_str()
        .unwrap_or("record_feedback")
        .to_owned();
    let streaming = request.path.ends_with("/converse-stream");
    match reply {
        Reply::Refuse { status, error_type } => refusal(status, &error_type),
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(3_600)).await;
            refusal(500, "InternalServerException")
        }
        reply if streaming => stream_reply(reply, &tool_name),
        Reply::ToolInput(input) => converse_reply(json!([
            {"toolUse": {"toolUseId": "tooluse_1", "name": tool_name, "input": input}}
        ])),
        Reply::TextOnly(text) => converse_reply(json!([{ "text": text }])),
        other => panic!("{other:?} is a streaming reply, but the request was Converse"),
    }
}

fn converse_reply(content: Value) -> Response<ResponseBody> {
    let stop_reason = if content[0].get("toolUse").is_some() {
        "tool_use"
    } else {
        "end_turn"
    };
    let body = json!({
        "output": {"message": {"role": "assistant", "content": content}},
        "stopReason": stop_reason,
        "usage": {"inputTokens": 1_200, "outputTokens": 350, "totalTokens": 1_550},
        "metrics": {"latencyMs": 420},
    });
    Response::builder()
        .status(200)
        .header("content-type", "application/json")
        .body(full(body.to_string()))
        .unwrap_or_else(|error| panic!("test response: {error}"))
}

/// The frames of a streamed answer, and how many to send before cutting (if at all).
fn stream_reply(reply: Reply, tool_name: &str) -> Response<ResponseBody> {
    let (frames, cut_after) = match reply {
        Reply::ToolInput(input) => (tool_frames(&input.to_string(), tool_name), None),
        Reply::RawToolText(text) => (tool_frames(&text, tool_name), None),
        Reply::CutAfter { input, frames } => {
            (tool_frames(&input.to_string(), tool_name), Some(frames))
        }
        Reply::TextOnly(text) => (text_frames(&text), None),
        Reply::StreamException { exception_type } => (
            vec![
                event("messageStart", json!({"role": "assistant"})),
                exception(&exception_type),
            ],
            None,
        ),
        Reply::Refuse { .. } | Reply::Hang => (Vec::new(), None),
    };
    let (sender, receiver) = mpsc::unbounded_channel::<Result<Frame<Bytes>, std::io::Error>>();
    tokio::spawn(async move {
        for (index, frame) in frames.into_iter().enumerate() {
            if cut_after == Some(index) {
                // An error frame makes hyper abort the connection mid-body.
                if sender
                    .send(Err(std::io::Error::other("cut by the test server")))
                    .is_err()
                {
                    // The client is gone already.
                }
                return;
            }
            if sender.send(Ok(Frame::data(frame))).is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
    });
    let body = StreamBody::new(tokio_stream_from(receiver)).boxed();
    Response::builder()
        .status(200)
        .header("content-type", "application/vnd.amazon.eventstream")
        .body(body)
        .unwrap_or_else(|error| panic!("test response: {error}"))
}

fn tokio_stream_from(
    mut receiver: mpsc::UnboundedReceiver<Result<Frame<Bytes>, std::io::Error>>,
) -> impl futures_util::Stream<Item = Result<Frame<Bytes>, std::io::Error>> {
    futures_util::stream::poll_fn(move |context| receiver.poll_recv(context))
}

/// A tool call streamed as the service does it: the input JSON cut into pieces of about
/// 40 bytes (at character boundaries), one contentBlockDelta each.
fn tool_frames(input_text: &str, tool_name: &str) -> Vec<Bytes> {
    let mut frames = vec![
        event("messageStart", json!({"role": "assistant"})),
        event(
            "contentBlockStart",
            json!({"contentBlockIndex": 0, "start": {"toolUse": {"toolUseId": "tooluse_1", "name": tool_name}}}),
        ),
    ];
    for piece in pieces(input_text, 40) {
        frames.push(event(
            "contentBlockDelta",
            json!({"contentBlockIndex": 0, "delta": {"toolUse": {"input": piece}}}),
        ));
    }
    frames.extend(ending("tool_use"));
    frames
}

fn text_frames(text: &str) -> Vec<Bytes> {
    let mut frames = vec![event("messageStart", json!({"role": "assistant"}))];
    frames.push(event(
        "contentBlockDelta",
        json!({"contentBlockIndex": 0, "delta": {"text": text}}),
    ));
    frames.extend(ending("end_turn"));
    frames
}

fn ending(stop_reason: &str) -> Vec<Bytes> {
    vec![
        event("contentBlockStop", json!({"contentBlockIndex": 0})),
        event("messageStop", json!({"stopReason": stop_reason})),
        event(
            "metadata",
            json!({"usage": {"inputTokens": 1_200, "outputTokens": 350, "totalTokens": 1_550}, "metrics": {"latencyMs": 420}}),
        ),
    ]
}

fn pieces(text: &str, size: usize) -> Vec<String> {
    let characters: Vec<char> = text.chars().collect();
    characters
        .chunks(size)
        .map(|chunk| chunk.iter().collect())
        .collect()
}

fn event(event_type: &str, payload: Value) -> Bytes {
    frame(
        vec![
            Header::new(":message-type", HeaderValue::String("event".into())),
            Header::new(
                ":event-type",
                HeaderValue::String(event_type.to_owned().into()),
            ),
            Header::new(
                ":content-type",
                HeaderValue::String("application/json".into()),
            ),
        ],
        payload,
    )
}

fn exception(exception_type: &str) -> Bytes {
    frame(
        vec![
            Header::new(":message-type", HeaderValue::String("exception".into())),
            Header::new(
                ":exception-type",
                HeaderValue::String(exception_type.to_owned().into()),
            ),
            Header::new(
                ":content-type",
                HeaderValue::String("application/json".into()),
            ),
        ],
        json!({"message": format!("{exception_type} from the test server")}),
    )
}

fn frame(headers: Vec<Header>, payload: Value) -> Bytes {
    let mut message = Message::new(Bytes::from(payload.to_string()));
    for header in headers {
        message = message.add_header(header);
    }
    let mut buffer = Vec::new();
    write_message_to(&message, &mut buffer)
        .unwrap_or_else(|error| panic!("test event frame: {error}"));
    Bytes::from(buffer)
}
