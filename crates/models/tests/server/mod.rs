//! A small HTTP/1.1 file server for the download tests, written by hand so each test can
//! choose exactly how the server misbehaves: cut the connection, go silent, ignore ranges.
//! Each connection serves one request and closes.

// Each test file uses its own share of these helpers.
#![allow(dead_code)]

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use sha1::{Digest, Sha1};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How the server answers one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// The whole file (200), or the asked-for rest of it (206 with Content-Range).
    File,
    /// The whole file with 200, even when a range was asked for.
    IgnoreRange,
    /// As `File`, but the connection is closed after this many body bytes.
    CutAfter(usize),
    /// As `File`, but nothing more is sent after this many body bytes; the connection stays
    /// open.
    StallAfter(usize),
    /// As `File`, in pieces of `piece` bytes with a pause after each.
    Slowly { piece: usize, pause_ms: u64 },
    /// Just this status, no body.
    Status(u16),
}

/// What the server was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub path: String,
    /// The Range header's value, if there was one.
    pub range: Option<String>,
}

pub struct TestServer {
    pub base_url: String,
    requests: Arc<Mutex<Vec<Request>>>,
    accepting: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Serves `file` at every path; request number `n` (from 0) is answered as `plan(n)`.
    pub async fn start(
        file: Vec<u8>,
        plan: impl Fn(usize) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = Arc::clone(&requests);
        let file = Arc::new(file);
        let accepting = tokio::spawn(async move {
            let mut index = 0;
            while let Ok((socket, _)) = listener.accept().await {
                let reply = plan(index);
                index += 1;
                let file = Arc::clone(&file);
                let recorded = Arc::clone(&recorded);
                tokio::spawn(async move {
                    if let Err(error) = serve(socket, reply, &file, &recorded).await {
                        eprintln!("test server: {error}");
                    }
                });
            }
        });
        Ok(Self {
            base_url,
            requests,
            accepting,
        })
    }

    pub fn requests(&self) -> Vec<Request> {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

async fn serve(
    mut socket: TcpStream,
    reply: Reply,
    file: &[u8],
    requests: &Mutex<Vec<Request>>,
) -> std::io::Result<()> {
    let request = read_request(&mut socket).await?;
    let range_start = request
        .range
        .as_deref()
        .and_then(|range| range.strip_prefix("bytes="))
        .and_then(|range| range.strip_suffix('-'))
        .and_then(|start| start.parse::<usize>().ok());
    requests
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(request);
    if let Reply::Status(status) = reply {
        let head =
            format!("HTTP/1.1 {status} Test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        socket.write_all(head.as_bytes()).await?;
        return socket.shutdown().await;
    }
    let range_start = range_start.filter(|_| reply != Reply::IgnoreRange);
    let (status, body, content_range) = match range_start {
        Some(start) if start < file.len() => (
            "206 Partial Content",
            &file[start..],
            format!(
                "Content-Range: bytes {start}-{}/{}\r\n",
                file.len() - 1,
                file.len()
            ),
        ),
        Some(_) => {
            let head = format!(
                "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                file.len()
            );
            socket.write_all(head.as_bytes()).await?;
            return socket.shutdown().await;
        }
        None => ("200 OK", file, String::new()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\n{content_range}Content-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
        body.len()
    );
    socket.write_all(head.as_bytes()).await?;
    match reply {
        Reply::CutAfter(count) => socket.write_all(&body[..count.min(body.len())]).await?,
        Reply::StallAfter(count) => {
            socket.write_all(&body[..count.min(body.len())]).await?;
            socket.flush().await?;
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
        Reply::Slowly { piece, pause_ms } => {
            for part in body.chunks(piece) {
                socket.write_all(part).await?;
                tokio::time::sleep(Duration::from_millis(pause_ms)).await;
            }
        }
        Reply::File | Reply::IgnoreRange | Reply::Status(_) => socket.write_all(body).await?,
    }
    socket.shutdown().await
}

/// Reads the request line and headers (a GET has no body).
async fn read_request(socket: &mut TcpStream) -> std::io::Result<Request> {
    let mut head = Vec::new();
    let mut byte = [0_u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if socket.read(&mut byte).await? == 0 {
            break;
        }
        head.push(byte[0]);
    }
    let text = String::from_utf8_lossy(&head);
    let mut lines = text.lines();
    let path = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .unwrap_or_default()
        .to_owned();
    let range = lines
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("range"))
        .map(|(_, value)| value.trim().to_owned());
    Ok(Request { path, range })
}

/// `length` bytes that look like a GGML model to a quick check: the "lmgg" signature, then
/// pseudo-random bytes (so a misplaced byte changes the checksum).
pub fn model_bytes(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut bytes = b"lmgg".to_vec();
    while bytes.len() < length {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(length);
    bytes
}

pub fn sha1_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha1::digest(bytes))
}

/// An address where nothing listens: connecting is refused.
pub async fn refusing_base_url() -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    drop(listener);
    Ok(format!("http://{address}"))
}
