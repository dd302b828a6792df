//! Aira's text in every language it speaks. The files under `locales/` are the one source:
//! the UI (compiled to WASM) and the backend (spoken and written feedback, reports, the CLI)
//! read them through this crate, so a phrase is translated once.
//!
//! Every locale has every English key; `tests/complete.rs` fails the build's tests when one
//! is missing, has other placeholders, or a file is not listed here.

mod catalog;
mod fill;

pub use catalog::Catalog;
pub use fill::fill;

/// A language Aira has texts for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// BCP 47 code, also the file name under `locales/` and the value of `<html lang>`.
    pub code: &'static str,
    /// The language's name in itself, as a speaker looks for it in a list.
    pub name: &'static str,
    /// The name in English, for logs and the CLI.
    pub english_name: &'static str,
    json: &'static str,
}

/// The code every other locale is checked against and falls back to.
pub const ENGLISH: &str = "en";

/// Every language, English first.
pub const LANGUAGES: [Language; 6] = [
    language(
        "en",
        "English",
        "English",
        include_str!("../../../locales/en.json"),
    ),
    language(
        "hi",
        "हिन्दी",
        "Hindi",
        include_str!("../../../locales/hi.json"),
    ),
    language(
        "ta",
        "தமிழ்",
        "Tamil",
        include_str!("../../../locales/ta.json"),
    ),
    language(
        "te",
        "తెలుగు",
        "Telugu",
        include_str!("../../../locales/te.json"),
    ),
    language(
        "bn",
        "বাংলা",
        "Bengali",
        include_str!("../../../locales/bn.json"),
    ),
    language(
        "mr",
        "मराठी",
        "Marathi",
        include_str!("../../../locales/mr.json"),
    ),
];

const fn language(
    code: &'static str,
    name: &'static str,
    english_name: &'static str,
    json: &'static str,
) -> Language {
    Language {
        code,
        name,
        english_name,
        json,
    }
}

/// The language of a code without its region: `hi-IN` → `hi`, `en_US` → `en`, lower case.
pub fn primary_language(code: &str) -> String {
    code.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

impl Language {
    /// The language for a code such as `hi`, `hi-IN` or `HI_in`; `None` when Aira has no
    /// texts in it.
    pub fn find(code: &str) -> Option<Language> {
        let primary = primary_language(code);
        LANGUAGES
            .into_iter()
            .find(|language| language.code == primary)
    }

    pub fn english() -> Language {
        LANGUAGES[0]
    }

    /// The locale file's text.
    pub fn json(&self) -> &'static str {
        self.json
    }
}

/// What asking for a language gave: its texts, or English when Aira has none in it (so the
/// caller can say so).
#[derive(Debug, Clone)]
pub struct Chosen {
    pub catalog: &'static Catalog,
    /// The code asked for when Aira has no texts in it, so the fallback can be explained.
    pub unavailable: Option<String>,
}

/// The texts for `code`, falling back to English for an unknown or empty code.
pub fn choose(code: &str) -> Chosen {
    match Language::find(code) {
        Some(language) => Chosen {
            catalog: Catalog::of(language),
            unavailable: None,
        },
        None => Chosen {
            catalog: Catalog::of(Language::english()),
            unavailable: Some(code.trim().to_owned()).filter(|code| !code.is_empty()),
        },
    }
}
