//! Word normalisation shared by analytics and the rubric.

/// Lower-cases a word and strips the punctuation Whisper attaches to it, keeping inner
/// apostrophes and hyphens ("didn't", "b-tree").
pub fn normalize_word(word: &str) -> String {
    word.trim_matches(|character: char| !character.is_alphanumeric())
        .to_lowercase()
}

/// The transcript's words, normalised, with empty tokens (pure punctuation) dropped.
pub fn normalized_words<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    words
        .into_iter()
        .flat_map(str::split_whitespace)
        .map(normalize_word)
        .filter(|word| !word.is_empty())
        .collect()
}

/// Whether `phrase` (one or more words) occurs in `words`. A single word of four or more
/// letters also matches as a prefix, so "test" finds "testing" and "regulariz" finds
/// "regularization"; shorter words and phrases must match whole words.
pub fn contains_phrase(words: &[String], phrase: &str) -> bool {
    let needle = normalized_words([phrase]);
    match needle.as_slice() {
        [] => false,
        [single] if single.chars().count() >= 4 => {
            words.iter().any(|word| word.starts_with(single.as_str()))
        }
        [single] => words.iter().any(|word| word == single),
        many => words.windows(many.len()).any(|window| window == many),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_strips_outer_punctuation_only() {
        assert_eq!(normalize_word("Hello,"), "hello");
        assert_eq!(normalize_word("\"didn't\""), "didn't");
        assert_eq!(normalize_word("B-tree."), "b-tree");
        assert_eq!(normalize_word("..."), "");
    }

    #[test]
    fn phrases_match_whole_words_and_long_prefixes() {
        let words = normalized_words(["I was testing the REST endpoint, you know."]);
        assert!(contains_phrase(&words, "test"));
        assert!(contains_phrase(&words, "you know"));
        assert!(contains_phrase(&words, "endpoint"));
        assert!(!contains_phrase(&words, "know you"));
        assert!(
            !contains_phrase(&words, "res"),
            "short words must match whole"
        );
        assert!(!contains_phrase(&words, ""));
    }
}
