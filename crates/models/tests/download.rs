//! Downloads over real HTTP from a local server that misbehaves on purpose.

mod server;

use std::path::PathBuf;
use std::time::Duration;

use aira_models::download::{
    DownloadError, DownloadOptions, DownloadProgress, DownloadRequest, DownloadStage, download,
    part_path,
};
use server::{Reply, TestServer, model_bytes, refusing_base_url, sha1_hex};
use tokio_util::sync::CancellationToken;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const FILE_BYTES: usize = 3_000_000;

/// Quick retries and a short read timeout, so failures are retried within the test.
fn fast_options() -> DownloadOptions {
    DownloadOptions {
        attempts: 3,
        first_retry_delay: Duration::from_millis(20),
        read_timeout: Duration::from_millis(500),
        connect_timeout: Duration::from_secs(2),
        progress_interval: Duration::from_millis(100),
    }
}

struct Setup {
    folder: tempfile::TempDir,
    file: Vec<u8>,
}

impl Setup {
    fn new() -> std::io::Result<Self> {
        Ok(Self {
            folder: tempfile::tempdir()?,
            file: model_bytes(FILE_BYTES),
        })
    }

    fn destination(&self) -> PathBuf {
        self.folder.path().join("ggml-test.bin")
    }

    fn request(&self, server: &TestServer) -> DownloadRequest {
        DownloadRequest::new(
            format!("{}/ggml-test.bin", server.base_url),
            self.destination(),
            self.file.len() as u64,
            sha1_hex(&self.file),
        )
        .with_options(fast_options())
    }

    async fn serve(
        &self,
        plan: impl Fn(usize) -> Reply + Send + Sync + 'static,
    ) -> std::io::Result<TestServer> {
        TestServer::start(self.file.clone(), plan).await
    }

    fn write_part(&self, bytes: &[u8]) -> std::io::Result<()> {
        std::fs::write(part_path(&self.destination()), bytes)
    }

    fn part_length(&self) -> Option<u64> {
        std::fs::metadata(part_path(&self.destination()))
            .ok()
            .map(|metadata| metadata.len())
    }

    fn assert_installed(&self) -> TestResult {
        assert_eq!(std::fs::read(self.destination())?, self.file);
        assert_eq!(self.part_length(), None, "the .part is renamed away");
        Ok(())
    }

    fn assert_nothing_installed(&self) {
        assert!(!self.destination().exists(), "no file under the final name");
    }
}

async fn run(request: DownloadRequest) -> (Result<PathBuf, DownloadError>, Vec<DownloadProgress>) {
    let mut reports = Vec::new();
    let cancel = CancellationToken::new();
    let outcome = download(request, |progress| reports.push(progress), &cancel).await;
    (outcome, reports)
}

fn retries(reports: &[DownloadProgress]) -> usize {
    reports
        .iter()
        .filter(|report| matches!(report.stage, DownloadStage::Retrying { .. }))
        .count()
}

#[tokio::test]
async fn a_plain_download_is_verified_then_named() -> TestResult {
    let setup = Setup::new()?;
    let server = setup.serve(|_| Reply::File).await?;
    let (outcome, reports) = run(setup.request(&server)).await;
    assert_eq!(outcome?, setup.destination());
    setup.assert_installed()?;
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/ggml-test.bin");
    assert_eq!(requests[0].range, None);

    let last_download = reports
        .iter()
        .rev()
        .find(|report| report.stage == DownloadStage::Downloading)
        .ok_or("no progress reported")?;
    assert_eq!(last_download.downloaded_bytes, FILE_BYTES as u64);
    assert_eq!(last_download.total_bytes, FILE_BYTES as u64);
    assert_eq!(
        reports.last().map(|report| report.stage),
        Some(DownloadStage::Verifying)
    );
    assert!(reports.len() < 50, "throttled: {} reports", reports.len());
    Ok(())
}

#[tokio::test]
async fn an_existing_part_is_resumed_with_a_range_request() -> TestResult {
    let setup = Setup::new()?;
    setup.write_part(&setup.file[..1_000_000])?;
    let server = setup.serve(|_| Reply::File).await?;
    let (outcome, reports) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    assert_eq!(
        server.requests()[0].range.as_deref(),
        Some("bytes=1000000-")
    );
    assert!(
        reports
            .iter()
            .all(|report| report.downloaded_bytes >= 1_000_000),
        "progress counts the resumed prefix"
    );
    Ok(())
}

#[tokio::test]
async fn a_dropped_connection_is_resumed_from_what_arrived() -> TestResult {
    let setup = Setup::new()?;
    let server = setup
        .serve(|index| {
            if index == 0 {
                Reply::CutAfter(1_234_567)
            } else {
                Reply::File
            }
        })
        .await?;
    let (outcome, reports) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].range, None);
    assert_eq!(requests[1].range.as_deref(), Some("bytes=1234567-"));
    assert_eq!(retries(&reports), 1);
    Ok(())
}

#[tokio::test]
async fn a_server_that_ignores_the_range_makes_the_download_start_over() -> TestResult {
    let setup = Setup::new()?;
    // Not a prefix of the file: appending the full body to it would fail the checksum.
    setup.write_part(&[0xAB; 500_000])?;
    let server = setup.serve(|_| Reply::IgnoreRange).await?;
    let (outcome, _) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    assert_eq!(server.requests()[0].range.as_deref(), Some("bytes=500000-"));
    Ok(())
}

#[tokio::test]
async fn a_refused_range_makes_the_download_start_over() -> TestResult {
    let setup = Setup::new()?;
    setup.write_part(&setup.file[..1_000_000])?;
    let server = setup
        .serve(|index| {
            if index == 0 {
                Reply::Status(416)
            } else {
                Reply::File
            }
        })
        .await?;
    let (outcome, _) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    let ranges: Vec<Option<String>> = server.requests().into_iter().map(|r| r.range).collect();
    assert_eq!(ranges, vec![Some("bytes=1000000-".to_owned()), None]);
    Ok(())
}

#[tokio::test]
async fn a_wrong_checksum_leaves_neither_the_file_nor_the_part() -> TestResult {
    let setup = Setup::new()?;
    let server = setup.serve(|_| Reply::File).await?;
    let mut request = setup.request(&server);
    request.sha1 = "0".repeat(40);
    let (outcome, _) = run(request).await;
    match outcome {
        Err(DownloadError::ChecksumMismatch { expected, actual }) => {
            assert_eq!(expected, "0".repeat(40));
            assert_eq!(actual, sha1_hex(&setup.file));
        }
        other => return Err(format!("expected a checksum mismatch, got {other:?}").into()),
    }
    setup.assert_nothing_installed();
    assert_eq!(setup.part_length(), None);
    Ok(())
}

#[tokio::test]
async fn a_file_of_another_size_is_refused_before_it_is_downloaded() -> TestResult {
    let setup = Setup::new()?;
    let server = setup.serve(|_| Reply::File).await?;
    let mut request = setup.request(&server);
    request.size_bytes -= 1;
    let (outcome, _) = run(request).await;
    assert!(
        matches!(
            outcome,
            Err(DownloadError::SizeMismatch { expected, actual })
                if expected == FILE_BYTES as u64 - 1 && actual == FILE_BYTES as u64
        ),
        "{outcome:?}"
    );
    setup.assert_nothing_installed();
    assert_eq!(setup.part_length(), None);
    Ok(())
}

#[tokio::test]
async fn a_stalled_connection_times_out_and_is_resumed() -> TestResult {
    let setup = Setup::new()?;
    let server = setup
        .serve(|index| {
            if index == 0 {
                Reply::StallAfter(700_000)
            } else {
                Reply::File
            }
        })
        .await?;
    let started = std::time::Instant::now();
    let (outcome, reports) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    assert_eq!(server.requests()[1].range.as_deref(), Some("bytes=700000-"));
    assert_eq!(retries(&reports), 1);
    assert!(started.elapsed() < Duration::from_secs(10));
    Ok(())
}

#[tokio::test]
async fn cancelling_keeps_the_part_and_the_next_download_resumes_it() -> TestResult {
    let setup = Setup::new()?;
    let server = setup
        .serve(|index| {
            if index == 0 {
                Reply::Slowly {
                    piece: 64 * 1024,
                    pause_ms: 10,
                }
            } else {
                Reply::File
            }
        })
        .await?;
    let cancel = CancellationToken::new();
    let stopper = cancel.clone();
    let mut request = setup.request(&server);
    request.options.progress_interval = Duration::ZERO;
    let outcome = download(
        request,
        |progress| {
            if progress.downloaded_bytes >= 1_000_000 {
                stopper.cancel();
            }
        },
        &cancel,
    )
    .await;
    assert!(
        matches!(outcome, Err(DownloadError::Cancelled)),
        "{outcome:?}"
    );
    setup.assert_nothing_installed();
    let kept = setup.part_length().ok_or("the .part was not kept")?;
    assert!(
        (1_000_000..FILE_BYTES as u64).contains(&kept),
        "{kept} bytes kept"
    );
    assert_eq!(
        std::fs::read(part_path(&setup.destination()))?,
        setup.file[..kept as usize]
    );

    let (outcome, _) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    assert_eq!(server.requests()[1].range, Some(format!("bytes={kept}-")));
    Ok(())
}

#[tokio::test]
async fn a_download_the_disk_cannot_hold_writes_nothing() -> TestResult {
    let setup = Setup::new()?;
    let server = setup.serve(|_| Reply::File).await?;
    let mut request = setup.request(&server);
    request.size_bytes = 1 << 50; // a petabyte
    let (outcome, _) = run(request).await;
    match outcome {
        Err(DownloadError::NotEnoughSpace { needed, available }) => {
            assert!(needed > 1 << 50 && available < needed);
        }
        other => return Err(format!("expected not enough space, got {other:?}").into()),
    }
    assert_eq!(setup.part_length(), None);
    assert!(server.requests().is_empty(), "nothing was requested");
    Ok(())
}

#[tokio::test]
async fn a_missing_file_is_an_http_error_and_is_not_retried() -> TestResult {
    let setup = Setup::new()?;
    let server = setup.serve(|_| Reply::Status(404)).await?;
    let (outcome, _) = run(setup.request(&server)).await;
    let error = outcome.err().ok_or("a 404 succeeded")?;
    assert!(matches!(error, DownloadError::HttpStatus(404)), "{error:?}");
    assert!(!error.is_retryable());
    assert_eq!(server.requests().len(), 1);
    assert_eq!(setup.part_length(), None, "no empty .part is left");
    Ok(())
}

#[tokio::test]
async fn a_server_error_is_retried() -> TestResult {
    let setup = Setup::new()?;
    let server = setup
        .serve(|index| {
            if index == 0 {
                Reply::Status(503)
            } else {
                Reply::File
            }
        })
        .await?;
    let (outcome, _) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    assert_eq!(server.requests().len(), 2);
    Ok(())
}

#[tokio::test]
async fn a_refused_connection_is_reported_as_offline_after_the_retries() -> TestResult {
    let setup = Setup::new()?;
    let base_url = refusing_base_url().await?;
    let request = DownloadRequest::new(
        format!("{base_url}/ggml-test.bin"),
        setup.destination(),
        1_000_000,
        "0".repeat(40),
    )
    .with_options(fast_options());
    let (outcome, reports) = run(request).await;
    let error = outcome.err().ok_or("a refused connection succeeded")?;
    assert!(matches!(error, DownloadError::Offline { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert!(error.to_string().contains("could not connect"), "{error}");
    assert_eq!(retries(&reports), 2, "three attempts in all");
    assert_eq!(setup.part_length(), None);
    Ok(())
}

#[tokio::test]
async fn a_complete_part_is_verified_without_a_request() -> TestResult {
    let setup = Setup::new()?;
    setup.write_part(&setup.file)?;
    let server = setup.serve(|_| Reply::Status(500)).await?;
    let (outcome, _) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    assert!(server.requests().is_empty());
    Ok(())
}

#[tokio::test]
async fn a_part_longer_than_the_file_is_started_over() -> TestResult {
    let setup = Setup::new()?;
    setup.write_part(&vec![1_u8; FILE_BYTES + 10])?;
    let server = setup.serve(|_| Reply::File).await?;
    let (outcome, _) = run(setup.request(&server)).await;
    outcome?;
    setup.assert_installed()?;
    assert_eq!(server.requests()[0].range, None);
    Ok(())
}
