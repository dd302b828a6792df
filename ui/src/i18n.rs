//! User-visible text. Every string the UI shows comes from `locales/` through
//! `aira-locales`, in the language the user chose; a translation is a new file rather than a
//! code change.

use std::cell::Cell;

use aira_locales::{Catalog, Language};
use aira_protocol::ErrorCode;

thread_local! {
    /// The language being shown. The UI runs on one thread; the app re-renders its screens
    /// when this changes (see `app.rs`), so texts read here need not be reactive.
    static CURRENT: Cell<&'static Catalog> = Cell::new(Catalog::of(Language::english()));
}

/// Shows texts in `code` from now on. Returns the code asked for when Aira has no texts in
/// it (English is shown instead, and the caller says so).
pub fn use_language(code: &str) -> Option<String> {
    let chosen = aira_locales::choose(code);
    CURRENT.with(|current| current.set(chosen.catalog));
    chosen.unavailable
}

/// The language being shown.
pub fn language() -> Language {
    CURRENT.with(|current| current.get().language())
}

/// The text for `key`, if the locale has one.
pub fn lookup(key: &str) -> Option<&'static str> {
    CURRENT.with(|current| current.get().lookup(key))
}

/// The text for `key`; a missing key comes back as itself so the gap shows on screen.
pub fn t(key: &str) -> String {
    lookup(key).unwrap_or(key).to_owned()
}

/// The text for `key` with each `{name}` replaced by its value.
pub fn t_with(key: &str, values: &[(&str, &str)]) -> String {
    aira_locales::fill(lookup(key).unwrap_or(key), values)
}

/// The localized explanation of an error code (`error.<code>`).
pub fn error_text(code: ErrorCode) -> String {
    t(&format!("error.{}", code.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_key_shows_itself() {
        assert_eq!(
            t("ui.this_key_does_not_exist"),
            "ui.this_key_does_not_exist"
        );
    }

    #[test]
    fn reads_existing_texts() {
        assert_eq!(
            t_with("feedback.summary", &[("score", "7")]),
            "Score 7 of 10."
        );
    }

    #[test]
    fn every_error_code_has_a_text() {
        for code in ErrorCode::ALL {
            let key = format!("error.{}", code.as_str());
            assert!(lookup(&key).is_some(), "locales/en.json lacks {key}");
        }
    }

    #[test]
    fn every_region_offered_has_a_name() {
        for region in aira_protocol::SUGGESTED_AWS_REGIONS {
            let key = format!("ui.aws.region.{region}");
            assert!(lookup(&key).is_some(), "locales/en.json lacks {key}");
        }
    }

    /// Every literal key in the UI's source must exist, so a typo fails here rather than
    /// showing a raw key to a user.
    #[test]
    fn every_key_used_in_the_source_exists() {
        let source_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let keys: Vec<String> = rust_sources(&source_dir)
            .iter()
            .flat_map(|source| literal_keys(source))
            .collect();
        // Guards against the scan silently finding nothing.
        assert!(
            keys.len() > 40,
            "only {} keys found in the source",
            keys.len()
        );
        let missing: Vec<&String> = keys.iter().filter(|key| lookup(key).is_none()).collect();
        assert!(
            missing.is_empty(),
            "keys missing from locales/en.json: {missing:?}"
        );
    }

    fn rust_sources(dir: &std::path::Path) -> Vec<String> {
        let mut sources = Vec::new();
        let entries = std::fs::read_dir(dir).into_iter().flatten().flatten();
        for entry in entries {
            let path = entry.path();
            if path.is_dir() {
                sources.extend(rust_sources(&path));
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                sources.extend(std::fs::read_to_string(&path).ok());
            }
        }
        sources
    }

    /// Keys passed literally to `t` or `t_with` outside tests; templates such as
    /// `error.{}` are covered by their own tests.
    fn literal_keys(source: &str) -> Vec<String> {
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        let mut keys = Vec::new();
        for call in ["t(", "t_with("] {
            let opening = format!("{call}\"");
            for (position, _) in code.match_indices(&opening) {
                let preceded_by_identifier = code[..position]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_');
                let rest = &code[position + opening.len()..];
                let key = rest.split('"').next().unwrap_or_default();
                if !preceded_by_identifier && !key.is_empty() {
                    keys.push(key.to_owned());
                }
            }
        }
        keys
    }
}
