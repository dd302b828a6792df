//! The speech models screen in the real app: from Home's "Get a speech model", download a
//! model from a local server (a test catalog whose one entry is the real tiny.en file),
//! cancel, download again and watch the progress bar rise to 100, then use the model and
//! find Home ready to practise.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use aira_e2e::page::{click, element, navigate, screenshot, wait_for_text};
use aira_e2e::{Client, Locator, TauriDriver};
use aira_test_support::whisper_model;
use sha1::{Digest, Sha1};

/// The catalog name: not tiny.en, so the model is only in use once chosen (the default
/// model file stays missing).
const NAME: &str = "tiny.en-e2e";
/// Bytes sent between pauses, and the pause: about 4 s for the 78 MB, so the progress bar
/// is seen moving.
const CHUNK_BYTES: usize = 2_000_000;
/// How long any one step may take.
const WAIT: Duration = Duration::from_secs(60);
const CHUNK_PAUSE: Duration = Duration::from_millis(100);

/// Records every value a progress bar takes, however briefly, for the test to read later.
const WATCH_PROGRESS: &str = "
    window.progressValues = [];
    new MutationObserver((records) => {
        for (const record of records) {
            if (record.target.getAttribute('role') === 'progressbar') {
                window.progressValues.push(Number(record.target.getAttribute('aria-valuenow')));
            }
        }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-valuenow'] });
";

/// Serves `file` to every request, slowly; returns the base URL.
fn serve_slowly(file: Vec<u8>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap_or_else(|error| panic!("{error}"));
    let address = listener
        .local_addr()
        .unwrap_or_else(|error| panic!("{error}"));
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut byte = [0_u8; 1];
            while !head.ends_with(b"\r\n\r\n") && matches!(stream.read(&mut byte), Ok(1)) {
                head.push(byte[0]);
            }
            let header = format!(
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                file.len()
            );
            let mut sent = stream.write_all(header.as_bytes());
            for chunk in file.chunks(CHUNK_BYTES) {
                sent = sent.and_then(|()| stream.write_all(chunk));
                std::thread::sleep(CHUNK_PAUSE);
            }
            // A cancelled download hangs up on purpose.
            if let Err(error) = sent
                && error.kind() != std::io::ErrorKind::BrokenPipe
            {
                eprintln!("test server: {error}");
            }
        }
    });
    format!("http://{address}")
}

/// Polls until the focused element's text is `expected`.
async fn wait_for_focus_on(client: &Client, expected: &str) {
    let mut last = String::new();
    for _ in 0..40 {
        if let Ok(focused) = client.active_element().await {
            last = focused.text().await.unwrap_or_default();
            if last == expected {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("focus is on {last:?}, not on {expected:?}");
}

/// Polls until the progress bar at `css` reports at least `percent`.
async fn wait_for_value_at_least(client: &Client, css: &str, percent: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        if let Ok(bar) = client.find(Locator::Css(css)).await
            && let Ok(Some(value)) = bar.attr("aria-valuenow").await
            && value.parse::<u64>().is_ok_and(|value| value >= percent)
        {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("{css} never reached {percent} %");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_model_is_downloaded_with_visible_progress_and_put_to_use() {
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let file = std::fs::read(whisper_model()).unwrap_or_else(|error| panic!("{error}"));
    let catalog = work.path().join("catalog.json");
    let entry = serde_json::json!([{
        "name": NAME,
        "file_name": format!("ggml-{NAME}.bin"),
        "size_bytes": file.len(),
        "sha1": format!("{:x}", Sha1::digest(&file)),
        "multilingual": false,
        "quantization": "f16",
        "description": "tiny.en, served by the test."
    }]);
    std::fs::write(&catalog, entry.to_string()).unwrap_or_else(|error| panic!("{error}"));
    let base_url = serve_slowly(file);

    let driver = TauriDriver::start(&[
        ("AIRA_DATA_DIR", work.path().join("data").into_os_string()),
        ("AIRA_MODEL_CATALOG", catalog.into_os_string()),
        ("AIRA_MODEL_BASE_URL", base_url.into()),
        // Empty counts as unset: the model is the one chosen in the app.
        ("AIRA_WHISPER_MODEL", "".into()),
        ("AIRA_WHISPER_THREADS", "1".into()),
    ]);
    let client = driver.launch_app().await;

    // No model yet: Home says so and leads to the models screen.
    click(&client, "#get-model").await;
    let heading = wait_for_text(&client, "h1", WAIT, |text| text == "Speech models").await;
    // Focus moves to the new screen's heading.
    wait_for_focus_on(&client, &heading).await;
    client
        .execute(WATCH_PROGRESS, Vec::new())
        .await
        .unwrap_or_else(|error| panic!("watching the progress bar: {error}"));

    let item = format!("#available-models li[data-model='{NAME}']");
    let bar_css = format!("[role='progressbar'][data-model='{NAME}']");

    // A first try, cancelled part way: what arrived is kept and said to be.
    click(&client, &format!("{item} .download-button")).await;
    let cancel = element(&client, &format!("{item} .cancel-button")).await;
    // Focus follows the Download button's replacement.
    wait_for_focus_on(&client, &format!("Cancel download of {NAME}")).await;
    wait_for_value_at_least(&client, &bar_css, 10).await;
    cancel
        .click()
        .await
        .unwrap_or_else(|error| panic!("cancel: {error}"));
    wait_for_text(&client, "#status", WAIT, |text| text.contains("cancelled")).await;
    let note = wait_for_text(&client, &format!("{item} .note"), WAIT, |text| {
        text.contains("downloaded so far")
    })
    .await;
    println!("after cancelling: {note}");

    client
        .execute("window.progressValues = [];", Vec::new())
        .await
        .unwrap_or_else(|error| panic!("{error}"));
    click(&client, &format!("{item} .download-button")).await;
    let bar = element(&client, &bar_css).await;
    let text_while_downloading = bar
        .attr("aria-valuetext")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    let label = bar.attr("aria-label").await.ok().flatten();
    assert_eq!(label, Some(format!("Download of {NAME}")));
    let cancel = element(&client, &format!("{item} .cancel-button")).await;
    assert_eq!(
        cancel.text().await.unwrap_or_default(),
        format!("Cancel download of {NAME}")
    );
    let shot_path = screenshot(&client, "model-download.png").await;

    let installed = format!("#installed-models li[data-model='{NAME}']");
    element(&client, &installed).await;
    let status = wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("downloaded and verified")
    })
    .await;
    let values: Vec<u64> = client
        .execute("return window.progressValues", Vec::new())
        .await
        .ok()
        .and_then(|values| serde_json::from_value(values).ok())
        .unwrap_or_default();
    println!(
        "progress values: {values:?}\nwhile downloading: {text_while_downloading:?}\nstatus: {status}\nscreenshot: {}",
        shot_path.display()
    );
    assert!(
        text_while_downloading.contains("% –") && text_while_downloading.ends_with("MB"),
        "{text_while_downloading:?}"
    );
    assert!(
        values.windows(2).all(|pair| pair[0] <= pair[1]),
        "progress never goes back: {values:?}"
    );
    assert_eq!(values.last(), Some(&100), "{values:?}");
    assert!(
        values
            .iter()
            .filter(|value| (1..100).contains(*value))
            .count()
            >= 3,
        "the bar moved through values on the way: {values:?}"
    );

    click(&client, &format!("{installed} .use-button")).await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains(&format!("now transcribes with {NAME}"))
    })
    .await;
    wait_for_text(&client, "#model-in-use", WAIT, |text| text.contains(NAME)).await;
    let badge = wait_for_text(&client, &format!("{installed} .badge"), WAIT, |text| {
        !text.is_empty()
    })
    .await;
    assert_eq!(badge, "In use");
    screenshot(&client, "model-in-use.png").await;

    // Home now finds the chosen model, without a restart.
    navigate(&client, "#nav-home").await;
    wait_for_text(&client, ".setup", WAIT, |text| {
        text.contains("The speech model is ready")
    })
    .await;
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("closing the session: {error}"));
}
