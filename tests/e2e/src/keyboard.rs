//! The keyboard alone: keys pressed through WebDriver's actions, which reach whatever has
//! focus, as a real keyboard would. No element is clicked.

use fantoccini::Client;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};

pub const TAB: char = '\u{E004}';
pub const ENTER: char = '\u{E007}';
pub const ESCAPE: char = '\u{E00C}';
pub const ALT: char = '\u{E00A}';
pub const SHIFT: char = '\u{E008}';

/// Presses the keys together (modifiers first) and lets go in reverse.
pub async fn press(client: &Client, keys: &[char]) {
    let mut actions = KeyActions::new("keyboard".into());
    for key in keys {
        actions = actions.then(KeyAction::Down { value: *key });
    }
    for key in keys.iter().rev() {
        actions = actions.then(KeyAction::Up { value: *key });
    }
    client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|error| panic!("pressing {keys:?}: {error}"));
}

/// Types `text` into whatever has focus.
pub async fn type_text(client: &Client, text: &str) {
    let mut actions = KeyActions::new("keyboard".into());
    for character in text.chars() {
        actions = actions
            .then(KeyAction::Down { value: character })
            .then(KeyAction::Up { value: character });
    }
    client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|error| panic!("typing {text:?}: {error}"));
}

/// The id of the focused element ("" for none).
pub async fn focused_id(client: &Client) -> String {
    client
        .execute(
            "return document.activeElement ? document.activeElement.id : '';",
            vec![],
        )
        .await
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Waits (up to 10 s) until the element `id` has focus, as a screen moves it there.
pub async fn wait_for_focus(client: &Client, id: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if focused_id(client).await == id {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "focus never moved to #{id}; it is on {:?}",
        focused_id(client).await
    );
}

/// Presses Tab until the element `id` has focus; panics naming where focus went if it is
/// not reached in `at_most` presses.
pub async fn tab_to(client: &Client, id: &str, at_most: usize) {
    let mut visited = Vec::new();
    for _ in 0..at_most {
        if focused_id(client).await == id {
            return;
        }
        press(client, &[TAB]).await;
        visited.push(focused_id(client).await);
    }
    if focused_id(client).await != id {
        panic!("Tab never reached #{id}; focus went through {visited:?}");
    }
}
