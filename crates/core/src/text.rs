//! Word normalisation shared by analytics and the rubric.

/// Lower-cases a word and strips the punctuation Whisper attaches to it, keeping inner
/// apostrophes and hyphens ("didn't", "b-tree").
pub fn normalize_word(word: &str) -> String {
    word.trim_matches(|character: char| !is_word_character(character))
        .to_lowercase()
        // Whisper and phone keyboards write "I’m"; the phrase lists write "i'm".
        .replace('’', "'")
}

/// Letters and digits, and the vowel signs of Indian scripts: those are combining marks, not
/// alphanumeric, and trimming them would turn "अच्छा" (acha) into "अच्छ".
fn is_word_character(character: char) -> bool {
    const DANDAS: [char; 2] = ['।', '॥'];
    character.is_alphanumeric()
        || (('\u{0900}'..='\u{0DFF}').contains(&character) && !DANDAS.contains(&character))
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

/// Whether a token, as said, closes a sentence: "down." "why?" "था।". Shared by the STAR
/// analysis and the quotes, so the sentence a part was heard in is the sentence quoted.
pub fn ends_sentence(raw: &str) -> bool {
    raw.trim_end_matches(['"', '\'', '”', '’', ')'])
        .ends_with(['.', '?', '!', '।', '॥'])
}

/// For each word [`normalized_words`] keeps from the same tokens, the number of the sentence
/// it is in, counting from 0. Speech written without punctuation is one sentence.
pub fn sentence_numbers<'a>(words: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let mut numbers = Vec::new();
    let mut sentence = 0;
    let mut sentence_has_words = false;
    for token in words.into_iter().flat_map(str::split_whitespace) {
        if !normalize_word(token).is_empty() {
            numbers.push(sentence);
            sentence_has_words = true;
        }
        // A lone "." after a sentence's end does not open an empty sentence.
        if ends_sentence(token) && sentence_has_words {
            sentence += 1;
            sentence_has_words = false;
        }
    }
    numbers
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
        assert_eq!(normalize_word("I’m"), "i'm");
    }

    #[test]
    fn indian_vowel_signs_are_kept_and_dandas_dropped() {
        assert_eq!(normalize_word("अच्छा।"), "अच्छा");
        assert_eq!(normalize_word("हाँ,"), "हाँ");
    }

    #[test]
    fn sentences_are_numbered_per_kept_word() {
        let tokens = [
            "I joined in June.",
            ".",
            "My task",
            "was",
            "to fix it.",
            "Done!",
            "ok",
        ];
        assert_eq!(
            sentence_numbers(tokens),
            vec![0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 3]
        );
        assert_eq!(
            sentence_numbers(tokens).len(),
            normalized_words(tokens).len()
        );
        assert_eq!(sentence_numbers(["मैंने", "बनाया।", "फिर"]), vec![0, 0, 1]);
        assert_eq!(
            sentence_numbers(["no", "punctuation", "at", "all"]),
            vec![0; 4]
        );
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
