//! Filler words in English, Indian English and Hinglish.
//!
//! Stock Whisper drops most "um" and "uh" (it was trained on cleaned-up subtitles), so those
//! counts are a floor, not a measurement; the discourse fillers ("basically", "matlab") are
//! transcribed faithfully and carry most of the signal.

use aira_protocol::FillerCount;

use super::phrases::PhraseList;
use crate::text::{normalize_word, normalized_words};

/// Fillers wherever they occur: they carry no meaning in an interview answer.
const ALWAYS: &[&str] = &[
    "um",
    "umm",
    "uh",
    "uhh",
    "er",
    "erm",
    "ah",
    "hmm",
    "basically",
    "actually",
    "literally",
    // Hinglish: "matlab" and "yaani" both mean "I mean / that is".
    "matlab",
    "yaani",
    "yani",
    "मतलब",
    "यानी",
];

/// Words that are fillers only when set off by punctuation or opening the answer: "So, like,
/// we…" but not "tools like Git", "I like Python", "so that" or "haan ji the code ran".
const WHEN_SET_OFF: &[&str] = &[
    "like",
    "so",
    "okay",
    "haan",
    "han",
    "acha",
    "achha",
    "accha",
    "toh",
    "na",
    "naa",
    "हाँ",
    "हां",
    "अच्छा",
    "तो",
    "ना",
];

/// Of [`WHEN_SET_OFF`], the words that after a comma join two clauses ("it is reliable, so
/// HTTP uses it"): a filler only when followed by punctuation or opening a sentence.
const CONJUNCTIONS: &[&str] = &["so"];

const PHRASES: &[&str] = &["you know", "i mean", "you see", "what to say"];

/// Filler words and phrases with their counts, most frequent first. Takes the words as
/// transcribed, punctuation included, because punctuation is what tells the filler "like"
/// from the verb.
pub fn count_fillers(raw_words: &[&str]) -> Vec<FillerCount> {
    let words = normalized_words(raw_words.iter().copied());
    // Punctuation-only tokens were dropped above; keep the raw forms aligned with `words`.
    let raw_words: Vec<&str> = raw_words
        .iter()
        .flat_map(|raw| raw.split_whitespace())
        .filter(|raw| !normalize_word(raw).is_empty())
        .collect();
    let always = normalized_list(ALWAYS);
    let when_set_off = normalized_list(WHEN_SET_OFF);
    let conjunctions = normalized_list(CONJUNCTIONS);
    let phrases = PhraseList::new(PHRASES);
    let mut found: Vec<&str> = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if let Some(phrase) = phrases.longest_at(&words, index) {
            found.push(phrase.phrase);
            index += phrase.length;
            continue;
        }
        let word = words[index].as_str();
        if always.iter().any(|filler| filler == word)
            || (when_set_off.iter().any(|filler| filler == word)
                && is_set_off(
                    &raw_words,
                    index,
                    conjunctions.iter().any(|conjunction| conjunction == word),
                ))
        {
            found.push(word);
        }
        index += 1;
    }
    super::phrases::tally(found)
        .into_iter()
        .map(|entry| FillerCount {
            filler: entry.phrase,
            count: entry.count,
        })
        .collect()
}

fn normalized_list(words: &[&str]) -> Vec<String> {
    words.iter().map(|word| normalize_word(word)).collect()
}

/// Whether the word at `index` is bounded by punctuation or opens the answer. For a
/// conjunction, a comma before it does not count: ", so" joins two clauses.
fn is_set_off(raw_words: &[&str], index: usize, conjunction: bool) -> bool {
    let ends_with_punctuation = |raw: &str| {
        raw.ends_with(|character: char| character.is_ascii_punctuation() || character == '।')
    };
    let ends_sentence = |raw: &str| raw.ends_with(['.', '?', '!', '।']);
    let after = raw_words
        .get(index)
        .is_some_and(|raw| ends_with_punctuation(raw));
    let before = index == 0
        || raw_words.get(index - 1).is_some_and(|raw| {
            if conjunction {
                ends_sentence(raw)
            } else {
                ends_with_punctuation(raw)
            }
        });
    after || before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(text: &str) -> Vec<(String, u32)> {
        let raw: Vec<&str> = text.split_whitespace().collect();
        count_fillers(&raw)
            .into_iter()
            .map(|entry| (entry.filler, entry.count))
            .collect()
    }

    #[test]
    fn hinglish_fillers_are_counted() {
        let found = counts(
            "Matlab, basically maine ek dashboard banaya tha, na? Haan, so, the client was happy, \
             yaani the churn went down. Acha, aur ek baat.",
        );
        assert_eq!(
            found,
            vec![
                ("acha".to_owned(), 1),
                ("basically".to_owned(), 1),
                ("haan".to_owned(), 1),
                ("matlab".to_owned(), 1),
                ("na".to_owned(), 1),
                ("so".to_owned(), 1),
                ("yaani".to_owned(), 1),
            ]
        );
    }

    #[test]
    fn like_and_so_as_meaning_are_not_fillers() {
        assert!(counts("I like Python so that I can automate reports like these").is_empty());
        assert_eq!(
            counts("So, like, I would like to join"),
            vec![("like".to_owned(), 1), ("so".to_owned(), 1)]
        );
        assert!(
            counts("It is reliable, so HTTP uses it. It is fast, so video uses it.").is_empty(),
            "', so' joining two clauses is a conjunction"
        );
        assert_eq!(
            counts("Haan, so, the client was happy. So we shipped it."),
            vec![("so".to_owned(), 2), ("haan".to_owned(), 1)]
        );
    }

    #[test]
    fn devanagari_fillers_are_counted() {
        assert_eq!(
            counts("मतलब मैंने API बनाया, अच्छा, फिर deploy किया"),
            vec![("अच्छा".to_owned(), 1), ("मतलब".to_owned(), 1)]
        );
    }

    #[test]
    fn indian_english_phrase_fillers_are_counted_once() {
        assert_eq!(
            counts("What to say, you know, I mean it was tough"),
            vec![
                ("i mean".to_owned(), 1),
                ("what to say".to_owned(), 1),
                ("you know".to_owned(), 1),
            ]
        );
    }

    #[test]
    fn nothing_and_one_word_give_no_fillers_or_one() {
        assert!(counts("").is_empty());
        assert_eq!(counts("Um."), vec![("um".to_owned(), 1)]);
        assert!(counts("Python").is_empty());
    }
}
