//! Vocabulary variety as a moving-average type-token ratio (MATTR): the share of distinct
//! words in every 50-word window, averaged. A plain type-token ratio falls as answers get
//! longer whatever the speaker does; a fixed window keeps long and short answers comparable.

use std::collections::HashMap;

use serde::Serialize;

/// The window MATTR is usually reported with.
pub const WINDOW: usize = 50;
/// Spoken answers below this ratio keep circling the same words.
const REPETITIVE_BELOW: f32 = 0.55;
/// Spoken answers at or above this ratio use a varied vocabulary.
const VARIED_FROM: f32 = 0.72;
/// Fewer words than this are too few to judge.
const FEWEST_WORDS: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Variety {
    NotMeasured,
    Repetitive,
    Adequate,
    Varied,
}

impl Variety {
    pub fn label_key(self) -> &'static str {
        match self {
            Variety::NotMeasured => "analytics.variety.not_measured",
            Variety::Repetitive => "analytics.variety.repetitive",
            Variety::Adequate => "analytics.variety.adequate",
            Variety::Varied => "analytics.variety.varied",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VocabularyReport {
    pub unique_words: u32,
    /// 0 to 1; over the whole answer when it is shorter than one window.
    pub moving_type_token_ratio: f32,
    pub variety: Variety,
}

pub fn vocabulary(words: &[String]) -> VocabularyReport {
    let unique_words = words
        .iter()
        .map(String::as_str)
        .collect::<std::collections::HashSet<_>>()
        .len() as u32;
    let ratio = moving_type_token_ratio(words, WINDOW);
    let variety = if words.len() < FEWEST_WORDS {
        Variety::NotMeasured
    } else if ratio < REPETITIVE_BELOW {
        Variety::Repetitive
    } else if ratio >= VARIED_FROM {
        Variety::Varied
    } else {
        Variety::Adequate
    };
    VocabularyReport {
        unique_words,
        moving_type_token_ratio: (ratio * 100.0).round() / 100.0,
        variety,
    }
}

/// Slides the window one word at a time, keeping counts per word, so each step costs O(1).
pub fn moving_type_token_ratio(words: &[String], window: usize) -> f32 {
    if words.is_empty() || window == 0 {
        return 0.0;
    }
    let window = window.min(words.len());
    let mut counts: HashMap<&str, u32> = HashMap::new();
    for word in &words[..window] {
        *counts.entry(word.as_str()).or_default() += 1;
    }
    let mut distinct_sum = counts.len() as u64;
    for step in window..words.len() {
        let leaving = words[step - window].as_str();
        if let Some(count) = counts.get_mut(leaving) {
            *count -= 1;
            if *count == 0 {
                counts.remove(leaving);
            }
        }
        *counts.entry(words[step].as_str()).or_default() += 1;
        distinct_sum += counts.len() as u64;
    }
    let windows = (words.len() - window + 1) as f64;
    (distinct_sum as f64 / windows / window as f64) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalized_words;

    #[test]
    fn a_short_answer_uses_its_plain_ratio() {
        let words = normalized_words(["we we built it"]);
        assert_eq!(moving_type_token_ratio(&words, WINDOW), 0.75);
        assert_eq!(vocabulary(&words).variety, Variety::NotMeasured);
        assert_eq!(vocabulary(&[]).moving_type_token_ratio, 0.0);
    }

    #[test]
    fn the_ratio_does_not_fall_just_because_an_answer_is_longer() {
        // The same varied 60-word passage said once and said five times in a row: a plain
        // ratio would fall to a fifth; the moving ratio barely moves.
        let passage = "In my final year project at VIT we built a crop disease classifier using \
            transfer learning on ResNet with about four thousand labelled leaf images from \
            farmers in Nashik, then deployed it as a small Flask service on a free cloud tier \
            so that agriculture students could upload photos and get a diagnosis with treatment \
            advice in Marathi or Hindi within seconds";
        let once = normalized_words([passage]);
        let five_times = normalized_words(std::iter::repeat_n(passage, 5));
        let short = moving_type_token_ratio(&once, WINDOW);
        let long = moving_type_token_ratio(&five_times, WINDOW);
        assert!(short > 0.8, "{short}");
        assert!((short - long).abs() < 0.1, "{short} vs {long}");
        assert_eq!(vocabulary(&once).variety, Variety::Varied);
    }

    #[test]
    fn circling_the_same_words_is_repetitive() {
        let words = normalized_words(std::iter::repeat_n(
            "the code is good and the code is fast and the code is good",
            10,
        ));
        assert_eq!(vocabulary(&words).variety, Variety::Repetitive);
    }
}
