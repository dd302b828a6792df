//! A local Amazon Transcribe Streaming server, so the real SDK client can be tested without
//! an AWS account: HTTP/2 over TLS (ALPN "h2", as the service speaks it), with a certificate
//! authority made for each server that the client is told to trust.
//!
//! It decodes the client's signed event-stream frames (each an envelope with `:date` and
//! `:chunk-signature` around an `AudioEvent` message; an empty envelope ends the audio),
//! records what arrived, and answers as its [`Behaviour`] says: transcript events with
//! partial and final results, an exception frame, a reset stream, an HTTP error, or silence.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, PoisonError};

use aws_smithy_eventstream::frame::{read_message_from, write_message_to};
use aws_smithy_types::event_stream::{Header, HeaderValue, Message};
use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::sync::{mpsc, oneshot};

type ResponseBody = BoxBody<Bytes, std::io::Error>;
type FrameSender = mpsc::UnboundedSender<Result<Frame<Bytes>, std::io::Error>>;

/// How the server answers a stream.
#[derive(Debug, Clone)]
pub enum Behaviour {
    /// After the first audio event, a partial result (with a deliberately wrong word); once
    /// the audio ends, `text` as two final results, one word every 400 ms, its punctuation
    /// as separate items. Then the stream ends.
    Transcribe { text: String },
    /// Once `after_bytes` of audio arrived, an exception frame of type `exception`
    /// (e.g. "InternalFailureException"), and the stream ends.
    FailMidStream {
        after_bytes: usize,
        exception: String,
    },
    /// Once `after_bytes` of audio arrived, the HTTP/2 stream is reset: a connection lost.
    DropMidStream { after_bytes: usize },
    /// Refuses the request at once with `status` and `x-amzn-ErrorType: error_type`.
    Refuse { status: u16, error_type: String },
    /// Accepts the stream, reads the audio, and never answers.
    Silent,
}

/// What the server saw, for the test to check.
#[derive(Debug, Clone, Default)]
pub struct Observed {
    pub requests: usize,
    /// The HTTP version of the last request: "HTTP/2.0" when all is right.
    pub http_version: String,
    pub path: String,
    /// The last request's headers (lower-case names).
    pub headers: BTreeMap<String, String>,
    /// PCM bytes received in audio events, over all requests.
    pub audio_bytes: usize,
    pub audio_events: usize,
    pub largest_event_bytes: usize,
    /// Every envelope carried `:date` and `:chunk-signature`.
    pub all_frames_signed: bool,
    /// The empty envelope that ends the audio arrived (last request).
    pub audio_ended: bool,
}

pub struct TranscribeServer {
    /// `https://127.0.0.1:PORT`: give it to the client as its endpoint.
    pub endpoint_url: String,
    /// The certificate authority (PEM) the client must trust.
    pub ca_pem: String,
    observed: Arc<Mutex<Observed>>,
    stop: Option<oneshot::Sender<()>>,
}

impl TranscribeServer {
    /// Starts a server on its own thread and runtime, so it serves async tests and a child
    /// process alike. Panics if it cannot start: the test could prove nothing without it.
    pub fn start(behaviour: Behaviour) -> Self {
        let (ca_pem, tls) = tls_config().unwrap_or_else(|error| panic!("test TLS setup: {error}"));
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
            .unwrap_or_else(|error| panic!("could not bind the test server: {error}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("test server address: {error}"));
        let observed = Arc::new(Mutex::new(Observed {
            all_frames_signed: true,
            ..Observed::default()
        }));
        let (stop, stopped) = oneshot::channel();
        let shared = Arc::clone(&observed);
        std::thread::Builder::new()
            .name("transcribe-test-server".into())
            .spawn(move || serve(listener, tls, behaviour, shared, stopped))
            .unwrap_or_else(|error| panic!("could not start the test server thread: {error}"));
        Self {
            endpoint_url: format!("https://{address}"),
            ca_pem,
            observed,
            stop: Some(stop),
        }
    }

    pub fn observed(&self) -> Observed {
        lock(&self.observed).clone()
    }
}

impl Drop for TranscribeServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take()
            && stop.send(()).is_err()
        {
            // The server thread is gone already; nothing to stop.
        }
    }
}

fn serve(
    listener: std::net::TcpListener,
    tls: rustls::ServerConfig,
    behaviour: Behaviour,
    observed: Arc<Mutex<Observed>>,
    mut stopped: oneshot::Receiver<()>,
) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("test server runtime: {error}"));
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .unwrap_or_else(|error| panic!("test server listener: {error}"));
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(tls));
        loop {
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = &mut stopped => return,
            };
            let Ok((socket, _)) = accepted else { continue };
            let acceptor = acceptor.clone();
            let behaviour = behaviour.clone();
            let observed = Arc::clone(&observed);
            tokio::spawn(async move {
                // A client that gives up on TLS (a test of another failure) is no error here.
                let Ok(stream) = acceptor.accept(socket).await else {
                    return;
                };
                let service = hyper::service::service_fn(move |request| {
                    handle(request, behaviour.clone(), Arc::clone(&observed))
                });
                let served = hyper::server::conn::http2::Builder::new(TokioExecutor::new())
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
                if let Err(error) = served {
                    eprintln!("test server connection ended: {error}");
                }
            });
        }
    });
}

async fn handle(
    request: Request<Incoming>,
    behaviour: Behaviour,
    observed: Arc<Mutex<Observed>>,
) -> Result<Response<ResponseBody>, Infallible> {
    {
        let mut seen = lock(&observed);
        seen.requests += 1;
        seen.http_version = format!("{:?}", request.version());
        seen.path = request.uri().path().to_owned();
        seen.headers = request
            .headers()
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        seen.audio_ended = false;
    }
    if let Behaviour::Refuse { status, error_type } = &behaviour {
        let body = Full::new(Bytes::from(
            serde_json::json!({ "message": format!("refused by the test server ({error_type})") })
                .to_string(),
        ))
        .map_err(|never| match never {})
        .boxed();
        return Ok(response(*status, body, Some(error_type)));
    }
    let language = request
        .headers()
        .get("x-amzn-transcribe-language-code")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("en-US")
        .to_owned();
    let (frames, receiver) = mpsc::unbounded_channel();
    tokio::spawn(answer(
        request.into_body(),
        behaviour,
        observed,
        frames,
        language,
    ));
    let stream = futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|frame| (frame, receiver))
    });
    Ok(response(200, BodyExt::boxed(StreamBody::new(stream)), None))
}

fn response(status: u16, body: ResponseBody, error_type: Option<&str>) -> Response<ResponseBody> {
    let mut builder = Response::builder()
        .status(status)
        .header("x-amzn-request-id", "00000000-0000-0000-0000-000000000000")
        .header(
            "x-amzn-transcribe-session-id",
            "11111111-1111-1111-1111-111111111111",
        );
    builder = match error_type {
        Some(error_type) => builder
            .header("x-amzn-errortype", error_type)
            .header("content-type", "application/json"),
        None => builder.header("content-type", "application/vnd.amazon.eventstream"),
    };
    builder
        .body(body)
        .unwrap_or_else(|error| panic!("test response: {error}"))
}

/// Reads the audio and sends the answer the behaviour calls for.
async fn answer(
    mut body: Incoming,
    behaviour: Behaviour,
    observed: Arc<Mutex<Observed>>,
    frames: FrameSender,
    language: String,
) {
    let mut buffer = Vec::new();
    let mut request_bytes = 0;
    let mut partial_sent = false;
    while let Some(Ok(frame)) = body.frame().await {
        let Ok(data) = frame.into_data() else {
            continue;
        };
        buffer.extend_from_slice(&data);
        while let Some(envelope) = next_message(&mut buffer) {
            let signed =
                has_header(&envelope, ":date") && has_header(&envelope, ":chunk-signature");
            let mut seen = lock(&observed);
            seen.all_frames_signed &= signed;
            if envelope.payload().is_empty() {
                seen.audio_ended = true;
                continue;
            }
            let Ok(event) = read_message_from(envelope.payload().clone()) else {
                seen.all_frames_signed = false;
                continue;
            };
            if header(&event, ":event-type").as_deref() == Some("AudioEvent") {
                let bytes = event.payload().len();
                seen.audio_bytes += bytes;
                seen.audio_events += 1;
                seen.largest_event_bytes = seen.largest_event_bytes.max(bytes);
                request_bytes += bytes;
            }
        }
        match &behaviour {
            Behaviour::Transcribe { .. } if !partial_sent && request_bytes > 0 => {
                partial_sent = true;
                send(&frames, transcript_event(&partial_result(&language)));
            }
            Behaviour::FailMidStream {
                after_bytes,
                exception,
            } if request_bytes >= *after_bytes => {
                send(&frames, exception_event(exception));
                return; // ends the response: the service closes the stream after an exception
            }
            Behaviour::DropMidStream { after_bytes } if request_bytes >= *after_bytes => {
                if frames
                    .send(Err(std::io::Error::other("test server drops the stream")))
                    .is_err()
                {
                    eprintln!("the client left before the stream was dropped");
                }
                return;
            }
            _ => {}
        }
        if lock(&observed).audio_ended {
            break;
        }
    }
    match behaviour {
        Behaviour::Transcribe { text } => {
            for result in final_results(&text, &language) {
                send(&frames, transcript_event(&result));
            }
        }
        Behaviour::Silent => {
            // Holds the response open without a word, until the server stops.
            std::future::pending::<()>().await;
        }
        _ => {}
    }
}

/// Takes one complete event-stream message off the front of `buffer`.
fn next_message(buffer: &mut Vec<u8>) -> Option<Message> {
    let length = u32::from_be_bytes(buffer.get(..4)?.try_into().ok()?) as usize;
    if buffer.len() < length {
        return None;
    }
    let bytes: Vec<u8> = buffer.drain(..length).collect();
    read_message_from(Bytes::from(bytes)).ok()
}

fn header(message: &Message, name: &str) -> Option<String> {
    message
        .headers()
        .iter()
        .find(|header| header.name().as_str() == name)
        .and_then(|header| header.value().as_string().ok())
        .map(|value| value.as_str().to_owned())
}

fn has_header(message: &Message, name: &str) -> bool {
    message
        .headers()
        .iter()
        .any(|header| header.name().as_str() == name)
}

fn send(frames: &FrameSender, message: Message) {
    let mut bytes = Vec::new();
    if let Err(error) = write_message_to(&message, &mut bytes) {
        panic!("test server could not encode a frame: {error}");
    }
    if frames.send(Ok(Frame::data(Bytes::from(bytes)))).is_err() {
        eprintln!("the client left before the test server answered");
    }
}

fn string_header(name: &'static str, value: impl Into<String>) -> Header {
    Header::new(name, HeaderValue::String(value.into().into()))
}

fn transcript_event(result: &serde_json::Value) -> Message {
    let payload = serde_json::json!({ "Transcript": { "Results": [result] } }).to_string();
    Message::new_from_parts(
        vec![
            string_header(":message-type", "event"),
            string_header(":event-type", "TranscriptEvent"),
            string_header(":content-type", "application/json"),
        ],
        payload,
    )
}

fn exception_event(exception: &str) -> Message {
    let payload =
        serde_json::json!({ "Message": format!("test server failure: {exception}") }).to_string();
    Message::new_from_parts(
        vec![
            string_header(":message-type", "exception"),
            string_header(":exception-type", exception.to_owned()),
            string_header(":content-type", "application/json"),
        ],
        payload,
    )
}

fn partial_result(language: &str) -> serde_json::Value {
    result_json(
        "partial",
        true,
        &[item("hollow", 0.0, 0.4, false)],
        language,
    )
}

/// `text` as two final results; words 400 ms apart, punctuation as items of its own.
fn final_results(text: &str, language: &str) -> Vec<serde_json::Value> {
    let mut items = Vec::new();
    for (index, word) in text.split_whitespace().enumerate() {
        let start = index as f64 * 0.4;
        let spoken = word.trim_end_matches(['.', ',', '?', '!']);
        items.push(item(spoken, start, start + 0.35, false));
        let punctuation = &word[spoken.len()..];
        if !punctuation.is_empty() {
            items.push(item(punctuation, start + 0.35, start + 0.35, true));
        }
    }
    let half = items.len() / 2;
    let (first, second) = items.split_at(half);
    [first, second]
        .iter()
        .enumerate()
        .filter(|(_, items)| !items.is_empty())
        .map(|(index, items)| result_json(&format!("final-{index}"), false, items, language))
        .collect()
}

fn item(content: &str, start: f64, end: f64, punctuation: bool) -> serde_json::Value {
    serde_json::json!({
        "Content": content,
        "StartTime": start,
        "EndTime": end,
        "Type": if punctuation { "punctuation" } else { "pronunciation" },
        "VocabularyFilterMatch": false,
    })
}

fn result_json(
    id: &str,
    partial: bool,
    items: &[serde_json::Value],
    language: &str,
) -> serde_json::Value {
    let transcript = items
        .iter()
        .filter_map(|item| item["Content"].as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let start = items.first().and_then(|item| item["StartTime"].as_f64());
    let end = items.last().and_then(|item| item["EndTime"].as_f64());
    serde_json::json!({
        "ResultId": id,
        "StartTime": start.unwrap_or(0.0),
        "EndTime": end.unwrap_or(0.0),
        "IsPartial": partial,
        "LanguageCode": language,
        "Alternatives": [{ "Transcript": transcript, "Items": items }],
    })
}

/// A certificate authority made for this server, and a server configuration offering
/// HTTP/2 only, with a certificate for 127.0.0.1 and localhost signed by that authority.
fn tls_config() -> Result<(String, rustls::ServerConfig), Box<dyn std::error::Error>> {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let authority_key = KeyPair::generate()?;
    let mut authority = CertificateParams::new(Vec::<String>::new())?;
    authority.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    authority
        .distinguished_name
        .push(DnType::CommonName, "Aira test certificate authority");
    let authority_certificate = authority.self_signed(&authority_key)?;
    let issuer = Issuer::new(authority, authority_key);
    let server_key = KeyPair::generate()?;
    let server_certificate = CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()])?
        .signed_by(&server_key, &issuer)?;
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()?
        .with_no_client_auth()
        .with_single_cert(
            vec![server_certificate.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(server_key.serialize_der().into()),
        )?;
    config.alpn_protocols = vec![b"h2".to_vec()];
    Ok((authority_certificate.pem(), config))
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
