use std::collections::HashMap;
use std::sync::OnceLock;

use crate::{LANGUAGES, Language, fill};

/// The phrases of one language, by key.
#[derive(Debug, Clone)]
pub struct Catalog {
    language: Language,
    phrases: HashMap<String, String>,
}

impl Catalog {
    /// The catalog of `language`, read once and kept for the life of the program (there
    /// are six; each is tens of kilobytes).
    pub fn of(language: Language) -> &'static Catalog {
        static CATALOGS: [OnceLock<Catalog>; LANGUAGES.len()] =
            [const { OnceLock::new() }; LANGUAGES.len()];
        let index = LANGUAGES
            .iter()
            .position(|known| known.code == language.code)
            .unwrap_or(0);
        CATALOGS[index].get_or_init(|| Catalog::read(LANGUAGES[index]))
    }

    /// English, the language every other falls back to.
    pub fn english() -> Catalog {
        Catalog::of(Language::english()).clone()
    }

    /// A catalog from JSON text, for tests and tools.
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        Ok(Self {
            language: Language::english(),
            phrases: serde_json::from_str(json)?,
        })
    }

    /// A language's phrases over the English ones, so a key a translation lacks (which the
    /// locale check forbids, but a hand-edited file may have) still reads in English rather
    /// than as a key. A file that does not parse gives English alone.
    fn read(language: Language) -> Catalog {
        let parse =
            |json: &str| serde_json::from_str::<HashMap<String, String>>(json).unwrap_or_default();
        let mut phrases = parse(Language::english().json());
        if language.code != Language::english().code {
            phrases.extend(parse(language.json()));
        }
        Catalog { language, phrases }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.phrases.keys().map(String::as_str)
    }

    /// The phrase for `key`, if there is one.
    pub fn lookup(&self, key: &str) -> Option<&str> {
        self.phrases.get(key).map(String::as_str)
    }

    /// The phrase for `key` with each `{name}` replaced; a missing key yields the key
    /// itself, so a gap is visible instead of silent.
    pub fn format<V: AsRef<str>>(&self, key: &str, arguments: &[(&str, V)]) -> String {
        match self.phrases.get(key) {
            Some(template) => fill(template, arguments),
            None => key.to_owned(),
        }
    }

    pub fn get(&self, key: &str) -> String {
        self.lookup(key).unwrap_or(key).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_replaced_and_missing_keys_show() {
        let catalog = Catalog::english();
        assert_eq!(
            catalog.format("feedback.summary", &[("score", "7")]),
            "Score 7 of 10."
        );
        assert_eq!(catalog.get("no.such.key"), "no.such.key");
    }

    #[test]
    fn a_language_is_read_once() {
        let hindi = Language::find("hi-IN").unwrap_or_else(|| panic!("Hindi is listed"));
        assert!(std::ptr::eq(Catalog::of(hindi), Catalog::of(hindi)));
        assert_eq!(Catalog::of(hindi).language().code, "hi");
    }

    #[test]
    fn an_unknown_language_falls_back_to_english_and_says_which_was_asked_for() {
        let chosen = crate::choose("xx-YY");
        assert_eq!(chosen.catalog.language().code, "en");
        assert_eq!(chosen.unavailable.as_deref(), Some("xx-YY"));
        let chosen = crate::choose("");
        assert_eq!(chosen.catalog.language().code, "en");
        assert_eq!(chosen.unavailable, None);
    }
}
