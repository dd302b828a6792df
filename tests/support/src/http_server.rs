//! What the local AWS test servers (Bedrock, Polly) share: plain HTTP/1.1 on 127.0.0.1 on a
//! thread and runtime of their own, a script of replies taken in order (the last one
//! repeats), a log of every request, and AWS-style refusals.

use std::collections::{BTreeMap, VecDeque};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use serde_json::{Value, json};
use tokio::sync::oneshot;

pub type ResponseBody = BoxBody<Bytes, std::io::Error>;

/// A request as a server saw it.
#[derive(Debug, Clone)]
pub struct SeenRequest {
    pub method: String,
    pub path: String,
    /// Lower-case names.
    pub headers: BTreeMap<String, String>,
    /// The body as JSON (`Null` when empty or not JSON).
    pub body: Value,
}

/// The replies still to give, in order; the last one repeats.
pub struct Script<R>(Mutex<VecDeque<R>>);

impl<R: Clone> Script<R> {
    pub fn new(replies: Vec<R>) -> Self {
        Self(Mutex::new(VecDeque::from(replies)))
    }

    pub fn next(&self) -> Option<R> {
        let mut replies = lock(&self.0);
        if replies.len() > 1 {
            replies.pop_front()
        } else {
            replies.front().cloned()
        }
    }
}

type Handler = Arc<
    dyn Fn(SeenRequest) -> Pin<Box<dyn Future<Output = Response<ResponseBody>> + Send>>
        + Send
        + Sync,
>;

/// A running server; stops when dropped.
pub struct HttpTestServer {
    /// `http://127.0.0.1:PORT`: give it to the client as its endpoint.
    pub endpoint_url: String,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    stop: Option<oneshot::Sender<()>>,
}

impl HttpTestServer {
    /// Starts a server named `name` (its thread, its messages) answering every request with
    /// `handle`. Panics if it cannot start: the test could prove nothing without it.
    pub fn start<F, Fut>(name: &'static str, handle: F) -> Self
    where
        F: Fn(SeenRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Response<ResponseBody>> + Send + 'static,
    {
        let listener = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|listener| listener.set_nonblocking(true).map(|()| listener))
            .unwrap_or_else(|error| panic!("could not bind the {name}: {error}"));
        let address = listener
            .local_addr()
            .unwrap_or_else(|error| panic!("{name} address: {error}"));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (stop, stopped) = oneshot::channel();
        let handler: Handler = Arc::new(move |request| Box::pin(handle(request)));
        let shared = Arc::clone(&seen);
        std::thread::Builder::new()
            .name(name.into())
            .spawn(move || serve(name, listener, handler, shared, stopped))
            .unwrap_or_else(|error| panic!("could not start the {name} thread: {error}"));
        Self {
            endpoint_url: format!("http://{address}"),
            seen,
            stop: Some(stop),
        }
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<SeenRequest> {
        lock(&self.seen).clone()
    }
}

impl Drop for HttpTestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take()
            && stop.send(()).is_err()
        {
            // The server thread is gone already; nothing to stop.
        }
    }
}

fn serve(
    name: &'static str,
    listener: std::net::TcpListener,
    handler: Handler,
    seen: Arc<Mutex<Vec<SeenRequest>>>,
    mut stopped: oneshot::Receiver<()>,
) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap_or_else(|error| panic!("{name} runtime: {error}"));
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .unwrap_or_else(|error| panic!("{name} listener: {error}"));
        loop {
            let accepted = tokio::select! {
                accepted = listener.accept() => accepted,
                _ = &mut stopped => return,
            };
            let Ok((socket, _)) = accepted else { continue };
            let handler = Arc::clone(&handler);
            let seen = Arc::clone(&seen);
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| {
                    let handler = Arc::clone(&handler);
                    let seen = Arc::clone(&seen);
                    async move {
                        let request = read(request).await;
                        lock(&seen).push(request.clone());
                        Ok::<_, Infallible>(handler(request).await)
                    }
                });
                let served = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(socket), service)
                    .await;
                if let Err(error) = served {
                    // A connection cut on purpose, or dropped by a client that gave up.
                    eprintln!("{name} connection ended: {error}");
                }
            });
        }
    });
}

async fn read(request: Request<Incoming>) -> SeenRequest {
    let method = request.method().as_str().to_owned();
    let path = request.uri().path().to_owned();
    let headers = request
        .headers()
        .iter()
        .map(|(name, value)| {
            (
                name.as_str().to_owned(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    let body = match request.into_body().collect().await {
        Ok(collected) => serde_json::from_slice(&collected.to_bytes()).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    };
    SeenRequest {
        method,
        path,
        headers,
        body,
    }
}

pub fn full(body: impl Into<Bytes>) -> ResponseBody {
    Full::new(body.into())
        .map_err(|never| match never {})
        .boxed()
}

/// `status` with `x-amzn-ErrorType: error_type` and a JSON message, as AWS refuses.
pub fn refusal(status: u16, error_type: &str) -> Response<ResponseBody> {
    let body = json!({ "message": format!("refused by the test server ({error_type})") });
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-amzn-errortype", error_type)
        .body(full(body.to_string()))
        .unwrap_or_else(|error| panic!("test response: {error}"))
}

pub fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
