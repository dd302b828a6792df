//! One connection: ask for what is missing from the part file, append what arrives.

use std::future::Future;
use std::time::Duration;

use reqwest::header::{CONTENT_RANGE, RANGE};
use reqwest::{Client, Response, StatusCode};
use tokio_util::sync::CancellationToken;

use super::part::PartFile;
use super::progress::Reporter;
use super::{DownloadError, DownloadProgress, DownloadRequest};

/// Fetches the rest of the file into `part`. Returns once the part holds `size_bytes`, or
/// with the error that stopped it (the bytes received before it stay in `part`).
pub(super) async fn fetch_rest(
    client: &Client,
    request: &DownloadRequest,
    part: &mut PartFile,
    reporter: &mut Reporter<impl FnMut(DownloadProgress)>,
    cancel: &CancellationToken,
) -> Result<(), DownloadError> {
    let response = match open(client, request, part, cancel).await? {
        Some(response) => response,
        None => {
            // The server will not resume from here: take the whole file again.
            part.restart().await?;
            open(client, request, part, cancel)
                .await?
                .ok_or(DownloadError::HttpStatus(
                    StatusCode::RANGE_NOT_SATISFIABLE.as_u16(),
                ))?
        }
    };
    receive(response, request, part, reporter, cancel).await
}

/// Sends the request and checks the answer is the file (or the asked-for rest of it).
/// `None` when the server cannot continue from the part's length.
async fn open(
    client: &Client,
    request: &DownloadRequest,
    part: &mut PartFile,
    cancel: &CancellationToken,
) -> Result<Option<Response>, DownloadError> {
    let start = part.len();
    let mut builder = client.get(&request.url);
    if start > 0 {
        builder = builder.header(RANGE, format!("bytes={start}-"));
    }
    let read_timeout = request.options.read_timeout;
    let response = match until_cancelled(cancel, read_timeout, builder.send()).await? {
        Some(Ok(response)) => response,
        Some(Err(error)) => {
            return Err(DownloadError::from_transfer(
                &error,
                &request.url,
                start,
                request.size_bytes,
            ));
        }
        None => return Err(silence(start, request.size_bytes, read_timeout)),
    };
    match response.status() {
        StatusCode::PARTIAL_CONTENT => {
            let (range_start, total) = content_range(&response);
            if let Some(total) = total.filter(|total| *total != request.size_bytes) {
                return Err(DownloadError::SizeMismatch {
                    expected: request.size_bytes,
                    actual: total,
                });
            }
            Ok((range_start == Some(start)).then_some(response))
        }
        StatusCode::OK => {
            // Either nothing was asked to be skipped, or the server ignores ranges.
            if start > 0 {
                part.restart().await?;
            }
            match response.content_length() {
                Some(length) if length != request.size_bytes => Err(DownloadError::SizeMismatch {
                    expected: request.size_bytes,
                    actual: length,
                }),
                _ => Ok(Some(response)),
            }
        }
        StatusCode::RANGE_NOT_SATISFIABLE if start > 0 => Ok(None),
        status => Err(DownloadError::HttpStatus(status.as_u16())),
    }
}

/// Appends the body to `part`, chunk by chunk: memory stays constant whatever the size.
async fn receive(
    mut response: Response,
    request: &DownloadRequest,
    part: &mut PartFile,
    reporter: &mut Reporter<impl FnMut(DownloadProgress)>,
    cancel: &CancellationToken,
) -> Result<(), DownloadError> {
    let expected = request.size_bytes;
    let read_timeout = request.options.read_timeout;
    reporter.connection_started(part.len());
    loop {
        let chunk = match until_cancelled(cancel, read_timeout, response.chunk()).await? {
            Some(Ok(Some(chunk))) => chunk,
            Some(Ok(None)) => break,
            Some(Err(error)) => {
                return Err(DownloadError::from_transfer(
                    &error,
                    &request.url,
                    part.len(),
                    expected,
                ));
            }
            None => return Err(silence(part.len(), expected, read_timeout)),
        };
        let after = part.len() + chunk.len() as u64;
        if after > expected {
            return Err(DownloadError::SizeMismatch {
                expected,
                actual: after,
            });
        }
        part.append(&chunk).await?;
        reporter.downloading(part.len());
    }
    if part.len() < expected {
        return Err(DownloadError::ConnectionLost {
            received: part.len(),
            expected,
            reason: "the server ended the transfer early".into(),
        });
    }
    Ok(())
}

/// Runs `work`, giving up when cancelled (`Err`) or when it takes longer than `limit`
/// (`Ok(None)`): a connection that stays silent that long is as good as dropped.
async fn until_cancelled<T>(
    cancel: &CancellationToken,
    limit: Duration,
    work: impl Future<Output = T>,
) -> Result<Option<T>, DownloadError> {
    tokio::select! {
        biased;
        () = cancel.cancelled() => Err(DownloadError::Cancelled),
        outcome = tokio::time::timeout(limit, work) => Ok(outcome.ok()),
    }
}

fn silence(received: u64, expected: u64, limit: Duration) -> DownloadError {
    DownloadError::ConnectionLost {
        received,
        expected,
        reason: format!("no data arrived for {:.1} s", limit.as_secs_f64()),
    }
}

/// `Content-Range: bytes <start>-<end>/<total>` → (start, total); `*` or garbage → None.
fn content_range(response: &Response) -> (Option<u64>, Option<u64>) {
    let Some(value) = response
        .headers()
        .get(CONTENT_RANGE)
        .and_then(|value| value.to_str().ok())
    else {
        return (None, None);
    };
    let Some((range, total)) = value
        .trim()
        .strip_prefix("bytes ")
        .and_then(|rest| rest.split_once('/'))
    else {
        return (None, None);
    };
    let start = range
        .split_once('-')
        .and_then(|(start, _)| start.trim().parse().ok());
    (start, total.trim().parse().ok())
}
