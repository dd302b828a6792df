//! Repetition: stutters ("the the", "I was I was") and phrases said over and over. Both are
//! counted with hash maps in one pass, so an hour-long transcript costs no more than linear time.

use std::collections::HashMap;

use serde::Serialize;

use super::phrases::{PhraseCount, tally};

/// Doubled words that are grammar, not stutter: emphasis in Indian English ("very very
/// important") and Hindi reduplication ("jaldi jaldi", "alag alag").
const DOUBLES_ALLOWED: &[&str] = &[
    "very", "really", "bye", "no", "yes", "ha", "haan", "that", "had", "jaldi", "dheere", "alag",
    "saath", "kabhi", "kuch", "bahut", "apna", "apne",
];

/// Trigrams made only of these are the glue of any sentence ("i want to", "in the end")
/// and repeat without being repetitive.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "i", "we", "it", "is", "was", "to", "of", "in", "on", "and", "or", "that",
    "this", "for", "with", "my", "our", "so", "be", "are", "were", "at", "as", "by", "you", "he",
    "she", "they", "had", "have", "has", "do", "did", "not", "but", "from", "then", "there",
    "want", "would", "will", "can", "am", "been", "me", "us", "all", "also", "which",
];

/// How many repeated phrases the report lists; the count covers them all.
const MOST_LISTED: usize = 5;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepetitionReport {
    /// A word or two-word phrase said twice in a row, such as "the the" or "I was I was".
    pub stutters: Vec<PhraseCount>,
    pub stutter_count: u32,
    /// Three-word phrases said more than once, most frequent first (at most five).
    pub repeated_phrases: Vec<PhraseCount>,
    /// The share of three-word stretches that repeat an earlier one, 0 to 1.
    pub repeated_share: f32,
}

pub fn repetition(words: &[String]) -> RepetitionReport {
    let stutters = tally(stutter_phrases(words).iter().map(String::as_str));
    let stutter_count = stutters.iter().map(|entry| entry.count).sum();

    let mut trigrams: HashMap<[&str; 3], u32> = HashMap::new();
    let mut repeats = 0_u32;
    for window in words.windows(3) {
        let trigram = [window[0].as_str(), window[1].as_str(), window[2].as_str()];
        let seen = trigrams.entry(trigram).or_default();
        if *seen > 0 {
            repeats += 1;
        }
        *seen += 1;
    }
    let trigram_count = words.len().saturating_sub(2);
    let mut repeated_phrases: Vec<PhraseCount> = trigrams
        .into_iter()
        .filter(|(trigram, count)| {
            *count > 1 && trigram.iter().any(|word| !FUNCTION_WORDS.contains(word))
        })
        .map(|(trigram, count)| PhraseCount {
            phrase: trigram.join(" "),
            count,
        })
        .collect();
    repeated_phrases.sort_by(|left, right| {
        right
            .count
            .cmp(&left.count)
            .then_with(|| left.phrase.cmp(&right.phrase))
    });
    repeated_phrases.truncate(MOST_LISTED);
    RepetitionReport {
        stutters,
        stutter_count,
        repeated_phrases,
        repeated_share: if trigram_count == 0 {
            0.0
        } else {
            (repeats as f32 / trigram_count as f32 * 100.0).round() / 100.0
        },
    }
}

fn stutter_phrases(words: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut index = 0;
    while index < words.len() {
        let word = &words[index];
        if words.get(index + 1) == Some(word) && !DOUBLES_ALLOWED.contains(&word.as_str()) {
            found.push(format!("{word} {word}"));
            index += 2;
        } else if index + 3 < words.len()
            && words[index] != words[index + 1]
            && words[index..index + 2] == words[index + 2..index + 4]
        {
            found.push(words[index..index + 4].join(" "));
            index += 4;
        } else {
            index += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalized_words;

    fn report(text: &str) -> RepetitionReport {
        repetition(&normalized_words([text]))
    }

    #[test]
    fn stutters_and_restarts_are_found_but_emphasis_is_not() {
        let answer = report(
            "The the API was very very slow, so I was I was asked to add caching, jaldi jaldi.",
        );
        let stutters: Vec<&str> = answer
            .stutters
            .iter()
            .map(|entry| entry.phrase.as_str())
            .collect();
        assert_eq!(stutters, vec!["i was i was", "the the"]);
        assert_eq!(answer.stutter_count, 2);
    }

    #[test]
    fn repeated_content_phrases_are_listed_and_glue_is_not() {
        let answer = report(
            "In my project I used machine learning. In my project the machine learning model \
             predicted churn, and machine learning helped the team. I want to say I want to grow.",
        );
        let phrases: Vec<(&str, u32)> = answer
            .repeated_phrases
            .iter()
            .map(|entry| (entry.phrase.as_str(), entry.count))
            .collect();
        assert_eq!(phrases, vec![("in my project", 2)]);
        assert!(!phrases.iter().any(|(phrase, _)| *phrase == "i want to"));
        assert!(answer.repeated_share > 0.0);
    }

    #[test]
    fn empty_and_one_word_answers_have_no_repetition() {
        assert_eq!(report("").repeated_share, 0.0);
        assert_eq!(report("Hello").stutter_count, 0);
    }
}
