//! Localized phrases for text the backend produces (spoken and written feedback), read from
//! the same `locales/` files as the UI.

use std::collections::HashMap;

const ENGLISH: &str = include_str!("../../../locales/en.json");

#[derive(Debug, Clone)]
pub struct Catalog {
    phrases: HashMap<String, String>,
}

impl Catalog {
    pub fn english() -> Self {
        // The file is checked by the `english_catalog_parses` test, so an empty map here
        // would only follow a broken build; keep going with keys shown rather than panic.
        Self::from_json(ENGLISH).unwrap_or_else(|_| Self {
            phrases: HashMap::new(),
        })
    }

    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        Ok(Self {
            phrases: serde_json::from_str(json)?,
        })
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.phrases.keys().map(String::as_str)
    }

    /// The phrase for `key` with each `{name}` replaced; a missing key yields the key
    /// itself, so a gap is visible instead of silent.
    pub fn format(&self, key: &str, arguments: &[(&str, String)]) -> String {
        let Some(template) = self.phrases.get(key) else {
            return key.to_owned();
        };
        fill(template, arguments)
    }

    pub fn get(&self, key: &str) -> String {
        self.format(key, &[])
    }
}

/// Replaces each `{name}` in one pass over the template, so a value that itself contains
/// braces (a quoted answer) is never filled in again.
fn fill(template: &str, arguments: &[(&str, String)]) -> String {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            arguments
                .iter()
                .find(|(argument, _)| *argument == name)
                .map(|(_, value)| (value, close))
        });
        match value {
            Some((value, close)) => {
                text.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                text.push('{');
                rest = after;
            }
        }
    }
    text.push_str(rest);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_filled_once_even_when_they_hold_braces() -> Result<(), serde_json::Error> {
        let catalog = Catalog::from_json(r#"{"quote": "You said “{quote}” {count} times."}"#)?;
        assert_eq!(
            catalog.format(
                "quote",
                &[("quote", "{count} of {x}".into()), ("count", "3".into())]
            ),
            "You said “{count} of {x}” 3 times."
        );
        assert_eq!(
            catalog.format("quote", &[]),
            "You said “{quote}” {count} times."
        );
        Ok(())
    }

    #[test]
    fn english_catalog_parses() {
        let catalog =
            Catalog::from_json(ENGLISH).unwrap_or_else(|error| panic!("locales/en.json: {error}"));
        assert!(catalog.keys().count() > 10);
    }

    #[test]
    fn placeholders_are_replaced_and_missing_keys_show() {
        let catalog = Catalog::english();
        assert_eq!(
            catalog.format("feedback.summary", &[("score", "7".into())]),
            "Score 7 of 10."
        );
        assert_eq!(catalog.get("no.such.key"), "no.such.key");
    }

    #[test]
    fn every_error_code_has_a_message() {
        let catalog = Catalog::english();
        for code in aira_protocol::ErrorCode::ALL {
            let key = format!("error.{}", code.as_str());
            assert_ne!(catalog.get(&key), key, "locales/en.json lacks {key}");
        }
    }
}
