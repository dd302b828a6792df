//! Small WebDriver steps every test uses: find, read, click, wait for text.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, Locator};

pub async fn element(client: &Client, css: &str) -> Element {
    client
        .wait()
        .at_most(Duration::from_secs(20))
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

/// Polls until `css` is present, visible and its text satisfies `accept`.
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
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let error = client.find(Locator::Css("#error")).await.ok();
    let error = match error {
        Some(element) => element.text().await.unwrap_or_default(),
        None => String::new(),
    };
    panic!("{css} never showed the expected text; last {last:?}; #error says {error:?}");
}
