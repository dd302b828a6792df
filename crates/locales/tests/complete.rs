//! The locale check: every language has every English key, with the same placeholders, and
//! every file under `locales/` is a listed language. A key added to `en.json` without its
//! translations fails here, naming the key and the language.

use std::collections::{BTreeMap, BTreeSet};

use aira_locales::{LANGUAGES, Language};

fn phrases(language: Language) -> BTreeMap<String, String> {
    serde_json::from_str(language.json())
        .unwrap_or_else(|error| panic!("locales/{}.json does not parse: {error}", language.code))
}

/// `{name}` placeholders in a phrase.
fn placeholders(phrase: &str) -> BTreeSet<&str> {
    phrase
        .split('{')
        .skip(1)
        .filter_map(|after| after.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .collect()
}

#[test]
fn every_language_has_every_english_key_with_the_same_placeholders() {
    let english = phrases(Language::english());
    assert!(english.len() > 400, "en.json has {} keys", english.len());
    let mut problems = Vec::new();
    for language in &LANGUAGES[1..] {
        let translated = phrases(*language);
        for (key, phrase) in &english {
            match translated.get(key) {
                None => problems.push(format!("{}: missing {key}", language.code)),
                Some(text) if text.trim().is_empty() => {
                    problems.push(format!("{}: empty {key}", language.code))
                }
                Some(text) if placeholders(text) != placeholders(phrase) => problems.push(format!(
                    "{}: {key} has placeholders {:?}, English has {:?}",
                    language.code,
                    placeholders(text),
                    placeholders(phrase)
                )),
                Some(_) => {}
            }
        }
        for key in translated.keys().filter(|key| !english.contains_key(*key)) {
            problems.push(format!("{}: {key} is not in en.json", language.code));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A file copied from English passes the key check; this catches it. Some phrases are
/// rightly the same everywhere (a product name, a unit), so a few may match.
#[test]
fn translations_are_translated() {
    let english = phrases(Language::english());
    for language in &LANGUAGES[1..] {
        let translated = phrases(*language);
        let same = english
            .iter()
            .filter(|(key, phrase)| translated.get(*key) == Some(*phrase))
            .count();
        assert!(
            same * 20 < english.len(),
            "{}: {same} of {} phrases are the English text",
            language.code,
            english.len()
        );
    }
}

#[test]
fn every_locale_file_is_a_listed_language() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let files: BTreeSet<String> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".json").map(str::to_owned))
        .collect();
    let listed: BTreeSet<String> = LANGUAGES.iter().map(|l| l.code.to_owned()).collect();
    assert_eq!(files, listed, "locales/ and aira_locales::LANGUAGES differ");
}

#[test]
fn the_check_finds_placeholders() {
    assert_eq!(
        placeholders("{count} of {total}, {",),
        BTreeSet::from(["count", "total"])
    );
    assert!(placeholders("no braces").is_empty());
}
