//! Hedging phrases and the tone they set: an answer full of "I think maybe" sounds unsure
//! even when its content is right, while "I decided", "I built" sound like ownership.

use serde::Serialize;

use super::phrases::{PhraseCount, PhraseList, per_hundred_words, total};

const HEDGES: &[&str] = &[
    "i think",
    "i guess",
    "i suppose",
    "i feel",
    "i feel like",
    "maybe",
    "perhaps",
    "probably",
    "possibly",
    "might",
    "kind of",
    "kinda",
    "sort of",
    "sorta",
    "somewhat",
    "more or less",
    "not sure",
    "i'm not sure",
    "i am not sure",
    "i don't know",
    "i'm not really sure",
    "hopefully",
    "i would say",
    "something like",
    "or something",
    "shayad",
    "lagta hai",
    "शायद",
    "लगता है",
];

const ASSERTIVE: &[&str] = &[
    "i led",
    "i decided",
    "i built",
    "i designed",
    "i owned",
    "i delivered",
    "i ensured",
    "i made sure",
    "i took ownership",
    "i drove",
    "i achieved",
    "i handled",
    "i implemented",
    "i recommend",
    "i am confident",
    "i'm confident",
    "i am sure",
    "i'm sure",
    "definitely",
    "clearly",
    "certainly",
    "i will",
    "i can",
    "i know",
    "my recommendation",
    "without doubt",
];

/// A rate at or above this many hedges per 100 words reads as unsure.
const TENTATIVE_HEDGES_PER_HUNDRED: f32 = 3.0;
/// Below this rate hedges pass unnoticed.
const CONFIDENT_HEDGES_PER_HUNDRED: f32 = 1.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tone {
    NotMeasured,
    Confident,
    Balanced,
    Tentative,
}

impl Tone {
    pub fn label_key(self) -> &'static str {
        match self {
            Tone::NotMeasured => "analytics.tone.not_measured",
            Tone::Confident => "analytics.tone.confident",
            Tone::Balanced => "analytics.tone.balanced",
            Tone::Tentative => "analytics.tone.tentative",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ToneReport {
    pub hedges: Vec<PhraseCount>,
    pub hedge_count: u32,
    pub hedges_per_hundred_words: f32,
    pub assertive: Vec<PhraseCount>,
    pub assertive_count: u32,
    pub tone: Tone,
}

pub fn tone(words: &[String]) -> ToneReport {
    let hedges = PhraseList::new(HEDGES).count(words);
    let assertive = PhraseList::new(ASSERTIVE).count(words);
    let hedge_count = total(&hedges);
    let assertive_count = total(&assertive);
    let rate = per_hundred_words(hedge_count, words.len());
    // Fewer than ten words say too little to judge how sure someone sounds.
    let tone = if words.len() < 10 {
        Tone::NotMeasured
    } else if rate >= TENTATIVE_HEDGES_PER_HUNDRED && hedge_count > assertive_count {
        Tone::Tentative
    } else if rate < CONFIDENT_HEDGES_PER_HUNDRED && assertive_count >= 1 {
        Tone::Confident
    } else {
        Tone::Balanced
    };
    ToneReport {
        hedges,
        hedge_count,
        hedges_per_hundred_words: rate,
        assertive,
        assertive_count,
        tone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalized_words;

    fn report(text: &str) -> ToneReport {
        tone(&normalized_words([text]))
    }

    #[test]
    fn a_hedged_answer_is_tentative() {
        let answer = report(
            "I think maybe it is kind of like a cache, I guess. Probably it stores the data, \
             I'm not sure, sort of in memory only.",
        );
        assert_eq!(answer.tone, Tone::Tentative);
        assert_eq!(answer.hedge_count, 7);
        assert!(
            answer
                .hedges
                .iter()
                .any(|hedge| hedge.phrase == "i'm not sure")
        );
    }

    #[test]
    fn ownership_language_is_confident() {
        let answer = report(
            "In my internship at Infosys I led the migration of our reports to Power BI. \
             I designed the data model, I made sure every manager was trained, and we \
             delivered two weeks early.",
        );
        assert_eq!(answer.tone, Tone::Confident);
        assert_eq!(answer.hedge_count, 0);
        assert_eq!(answer.assertive_count, 3);
    }

    #[test]
    fn hinglish_hedges_count_and_short_answers_are_not_judged() {
        let answer = report(
            "Shayad the API was slow because of the database, lagta hai indexes nahi the, \
             toh queries full scan kar rahi thi sab tables pe.",
        );
        assert_eq!(answer.hedge_count, 2);
        assert_eq!(report("Maybe.").tone, Tone::NotMeasured);
        assert_eq!(report("").hedges_per_hundred_words, 0.0);
    }
}
