//! Small WebDriver steps every test uses: find, read, click, navigate, wait for text, and
//! screenshots (one is also written whenever a wait gives up, to show what the page was).

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

use crate::artifacts_dir;

pub async fn element(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(30))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("{css} did not appear: {error}"))
}

pub async fn text_of(client: &Client, css: &str) -> String {
    element(client, css)
        .await
        .text()
        .await
        .unwrap_or_else(|error| panic!("text of {css}: {error}"))
}

pub async fn click(client: &Client, css: &str) {
    element(client, css)
        .await
        .click()
        .await
        .unwrap_or_else(|error| panic!("click {css}: {error}"));
}

/// Writes a screenshot of the window to the artifacts folder as `name`; returns its path.
pub async fn screenshot(client: &Client, name: &str) -> PathBuf {
    let image = client
        .screenshot()
        .await
        .unwrap_or_else(|error| panic!("screenshot {name}: {error}"));
    let path = artifacts_dir().join(name);
    std::fs::write(&path, image).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    path
}

/// Goes to a screen with the header's navigation button `nav_id` (e.g. `#nav-home`) and
/// waits until that button says it is the current page.
///
/// A click can land elsewhere when the page moves between WebKitWebDriver scrolling the
/// button into view and pressing it (a status line appearing above, focus moving); then the
/// screen has not changed, and the button is pressed once more, saying so.
pub async fn navigate(client: &Client, nav_id: &str) {
    let current = format!("{nav_id}[aria-current='page']");
    for attempt in 1..=2 {
        click(client, nav_id).await;
        let shown = client
            .wait()
            .at_most(Duration::from_secs(5))
            .for_element(Locator::Css(&current))
            .await;
        if shown.is_ok() {
            return;
        }
        let shot = screenshot(client, &format!("navigate-{}-missed.png", &nav_id[1..])).await;
        println!(
            "navigation: {nav_id} pressed (try {attempt}) but its screen is not shown; see {}",
            shot.display()
        );
    }
    panic!("{nav_id} never showed its screen");
}

/// Polls until `css` is present, visible and its text satisfies `accept`. On giving up,
/// panics with the last text seen and the error region's text, after a screenshot.
pub async fn wait_for_text(
    client: &Client,
    css: &str,
    timeout: Duration,
    accept: impl Fn(&str) -> bool,
) -> String {
    let deadline = std::time::Instant::now() + timeout;
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        if let Ok(element) = client.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if accept(&text) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let error = client.find(Locator::Css("#error")).await.ok();
    let error = match error {
        Some(element) => element.text().await.unwrap_or_default(),
        None => String::new(),
    };
    let shot = screenshot(client, "wait-gave-up.png").await;
    panic!(
        "{css} never showed the expected text; last {last:?}; #error says {error:?}; screenshot {}",
        shot.display()
    );
}

/// Presses Start practice on Home and waits for the question; returns its text.
pub async fn start_practice(client: &Client) -> String {
    click(client, "#start-practice").await;
    wait_for_text(
        client,
        "#question-text",
        std::time::Duration::from_secs(20),
        |text| !text.trim().is_empty(),
    )
    .await
}

/// Whether nothing on the page matches `css` now.
pub async fn absent(client: &Client, css: &str) -> bool {
    client.find(Locator::Css(css)).await.is_err()
}
