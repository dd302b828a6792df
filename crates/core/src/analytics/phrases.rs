//! Counting fixed phrases ("i think", "as a result") in an answer's normalised words, in one
//! pass: phrases are indexed by their first word, so the cost grows with the answer's length,
//! not with the length times the size of every list.

use std::collections::HashMap;

use serde::Serialize;

use crate::text::normalized_words;

/// How often one phrase was said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhraseCount {
    pub phrase: String,
    pub count: u32,
}

/// One phrase found, with the index of its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseMatch<'list> {
    pub phrase: &'list str,
    pub start: usize,
    pub length: usize,
}

#[derive(Debug, Clone)]
pub struct PhraseList {
    /// Each phrase as written, and as normalised words.
    phrases: Vec<(String, Vec<String>)>,
    by_first_word: HashMap<String, Vec<usize>>,
}

impl PhraseList {
    pub fn new(phrases: &[&str]) -> Self {
        let mut list = Self {
            phrases: Vec::new(),
            by_first_word: HashMap::new(),
        };
        for phrase in phrases {
            let words = normalized_words([*phrase]);
            let Some(first) = words.first().cloned() else {
                continue;
            };
            list.by_first_word
                .entry(first)
                .or_default()
                .push(list.phrases.len());
            list.phrases.push((words.join(" "), words));
        }
        list
    }

    /// The longest phrase that starts at `index`, if any.
    pub fn longest_at(&self, words: &[String], index: usize) -> Option<PhraseMatch<'_>> {
        let candidates = self.by_first_word.get(words.get(index)?)?;
        candidates
            .iter()
            .map(|&candidate| &self.phrases[candidate])
            .filter(|(_, phrase_words)| words[index..].starts_with(phrase_words))
            .max_by_key(|(_, phrase_words)| phrase_words.len())
            .map(|(phrase, phrase_words)| PhraseMatch {
                phrase,
                start: index,
                length: phrase_words.len(),
            })
    }

    /// Every occurrence, left to right, never overlapping: "i am not sure" counts once even
    /// when "not sure" is in the list too.
    pub fn find_all<'list>(&'list self, words: &[String]) -> Vec<PhraseMatch<'list>> {
        let mut found = Vec::new();
        let mut index = 0;
        while index < words.len() {
            match self.longest_at(words, index) {
                Some(found_here) => {
                    index += found_here.length;
                    found.push(found_here);
                }
                None => index += 1,
            }
        }
        found
    }

    /// Occurrences per phrase, most frequent first, then alphabetical.
    pub fn count(&self, words: &[String]) -> Vec<PhraseCount> {
        tally(self.find_all(words).iter().map(|found| found.phrase))
    }
}

/// Counts equal strings, most frequent first, ties alphabetical, so output is deterministic.
pub fn tally<'a>(items: impl IntoIterator<Item = &'a str>) -> Vec<PhraseCount> {
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    let mut counts: Vec<PhraseCount> = counts
        .into_iter()
        .map(|(phrase, count)| PhraseCount {
            phrase: phrase.to_owned(),
            count,
        })
        .collect();
    counts.sort_by(|left, right| {
        right
            .count
            .cmp(&left.count)
            .then_with(|| left.phrase.cmp(&right.phrase))
    });
    counts
}

pub fn total(counts: &[PhraseCount]) -> u32 {
    counts.iter().map(|entry| entry.count).sum()
}

/// `count` per 100 words, rounded to a tenth; 0 for an empty answer rather than NaN.
pub fn per_hundred_words(count: u32, word_count: usize) -> f32 {
    if word_count == 0 {
        0.0
    } else {
        (count as f32 * 1000.0 / word_count as f32).round() / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_phrase_wins_and_matches_do_not_overlap() {
        let list = PhraseList::new(&["not sure", "I am not sure", "I think"]);
        let words = normalized_words(["I am not sure, I think. Not sure at all, I think"]);
        let counts = list.count(&words);
        assert_eq!(
            counts,
            vec![
                PhraseCount {
                    phrase: "i think".into(),
                    count: 2
                },
                PhraseCount {
                    phrase: "i am not sure".into(),
                    count: 1
                },
                PhraseCount {
                    phrase: "not sure".into(),
                    count: 1
                },
            ]
        );
    }

    #[test]
    fn rates_are_per_hundred_words_and_zero_when_empty() {
        assert_eq!(per_hundred_words(3, 60), 5.0);
        assert_eq!(per_hundred_words(1, 3), 33.3);
        assert_eq!(per_hundred_words(4, 0), 0.0);
    }
}
