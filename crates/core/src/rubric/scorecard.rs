//! The points an answer earns on each part of the rubric, from the delivery report alone.
//!
//! Content weighs most, and everything else is scaled by how much of the question the answer
//! reached: polished delivery of something other than the answer is still not an answer.

use crate::analytics::{DeliveryReport, Pace, Variety};

/// Fillers per 100 words that pass unnoticed.
pub const FILLERS_PER_HUNDRED_OK: f32 = 2.0;
/// Hedges per 100 words that pass unnoticed ("I think" once in a long answer is fine).
pub const HEDGES_PER_HUNDRED_OK: f32 = 1.5;
/// Beyond this many times the expected length, an answer has lost the interviewer.
const RAMBLING_RATIO: f32 = 2.5;
/// Off-topic answers keep this share of their delivery points: delivery is still a habit
/// worth rewarding, just far less than saying the right things.
const OFF_TOPIC_SHARE: f32 = 0.4;

/// Points earned on each part of the rubric; the parts of [`Scorecard::maximum`] add up to 10.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scorecard {
    /// The question's key points, or the answer's completeness for a typed question.
    pub content: f32,
    /// Situation, task, action, result and a number in the result: behavioral questions only.
    pub structure: f32,
    pub length: f32,
    pub pace: f32,
    pub fillers: f32,
    pub pauses: f32,
    /// Few hedges ("I think", "maybe").
    pub confidence: f32,
    /// Varied words, few restarts and repeated phrases.
    pub fluency: f32,
}

impl Scorecard {
    pub const ZERO: Scorecard = Scorecard {
        content: 0.0,
        structure: 0.0,
        length: 0.0,
        pace: 0.0,
        fillers: 0.0,
        pauses: 0.0,
        confidence: 0.0,
        fluency: 0.0,
    };

    /// The most each part can earn when the question is not behavioral.
    pub const GENERAL: Scorecard = Scorecard {
        content: 5.0,
        structure: 0.0,
        length: 1.5,
        pace: 1.0,
        fillers: 1.0,
        pauses: 0.5,
        confidence: 0.5,
        fluency: 0.5,
    };

    /// A behavioral answer is judged on its story too, so structure takes a point from
    /// content and half a point from length; content and structure together still weigh most.
    pub const BEHAVIORAL: Scorecard = Scorecard {
        content: 4.0,
        structure: 1.5,
        length: 1.0,
        ..Scorecard::GENERAL
    };

    pub fn maximum(delivery: &DeliveryReport) -> Scorecard {
        if delivery.star.is_some() {
            Scorecard::BEHAVIORAL
        } else {
            Scorecard::GENERAL
        }
    }

    pub fn total(&self) -> f32 {
        self.content
            + self.structure
            + self.length
            + self.pace
            + self.fillers
            + self.pauses
            + self.confidence
            + self.fluency
    }

    /// The 1–10 score; an answer with no words scores 1.
    pub fn score(&self) -> u8 {
        let total = self.total();
        if total.is_finite() {
            total.round().clamp(1.0, 10.0) as u8
        } else {
            1
        }
    }
}

/// The share of the question's key points the answer reached, 0 to 1; `None` for a typed
/// question, which has none.
pub fn coverage(delivery: &DeliveryReport) -> Option<f32> {
    let covered = delivery.terms.key_points_covered.len();
    let total = covered + delivery.terms.key_points_missed.len();
    (total > 0).then(|| covered as f32 / total as f32)
}

pub fn scorecard(delivery: &DeliveryReport) -> Scorecard {
    if delivery.word_count == 0 {
        return Scorecard::ZERO;
    }
    let maximum = Scorecard::maximum(delivery);
    let ratio = if delivery.length_ratio.is_finite() {
        delivery.length_ratio.max(0.0)
    } else {
        0.0
    };
    // A typed question has no key points: judge how complete the answer is by its length.
    let relevance = coverage(delivery).unwrap_or(1.0);
    let completeness = match coverage(delivery) {
        Some(share) => share,
        None => ratio.min(1.0),
    };
    // Key points scattered through a monologue are not heard as answers.
    let diluted = (RAMBLING_RATIO / ratio.max(RAMBLING_RATIO)).max(0.3);
    let on_topic = OFF_TOPIC_SHARE + (1.0 - OFF_TOPIC_SHARE) * relevance;
    // Five words without a filler say nothing about a habit: delivery earns its points in
    // proportion to the answer's length, up to half the expected length.
    let substance = on_topic * (ratio * 2.0).min(1.0);
    let structure = delivery.star.as_ref().map_or(0.0, |star| {
        let parts = f32::from(star.components_found.min(4)) / 4.0;
        let number = if star.quantified_result { 1.0 } else { 0.0 };
        maximum.structure * (0.8 * parts + 0.2 * number) * on_topic
    });
    Scorecard {
        content: maximum.content * completeness * diluted,
        structure,
        length: maximum.length * length_credit(ratio) * on_topic,
        pace: maximum.pace * pace_credit(delivery) * substance,
        fillers: maximum.fillers * fillers_credit(delivery) * substance,
        pauses: maximum.pauses * pauses_credit(delivery) * substance,
        confidence: maximum.confidence * confidence_credit(delivery) * substance,
        fluency: maximum.fluency * fluency_credit(delivery) * substance,
    }
}

/// Full credit from the target to one and a half times it, falling to nothing at four times.
fn length_credit(ratio: f32) -> f32 {
    if ratio < 1.0 {
        ratio
    } else if ratio <= 1.5 {
        1.0
    } else if ratio <= RAMBLING_RATIO {
        1.0 - 0.5 * (ratio - 1.5)
    } else {
        (0.5 - (ratio - RAMBLING_RATIO) / 3.0).max(0.0)
    }
}

/// Losing all credit 50 words per minute outside the comfortable band.
fn pace_credit(delivery: &DeliveryReport) -> f32 {
    let (slowest, fastest) = delivery.pace_band;
    let wpm = delivery.words_per_minute;
    match delivery.pace {
        // Too little said, or a typed answer: nothing to hold against the speaker.
        Pace::NotMeasured => 1.0,
        _ if !wpm.is_finite() => 0.0,
        _ => {
            let distance = (slowest - wpm).max(wpm - fastest).max(0.0);
            (1.0 - distance / 50.0).clamp(0.0, 1.0)
        }
    }
}

fn fillers_credit(delivery: &DeliveryReport) -> f32 {
    let excess = (delivery.fillers_per_hundred_words - FILLERS_PER_HUNDRED_OK).max(0.0);
    (1.0 - excess / 6.0).clamp(0.0, 1.0)
}

/// One long pause is a breath; more than one in every 200 words is a habit.
fn pauses_credit(delivery: &DeliveryReport) -> f32 {
    let per_hundred = delivery.long_pause_count as f32 * 100.0 / delivery.word_count.max(1) as f32;
    match delivery.long_pause_count {
        0 => 1.0,
        1 => 0.5,
        _ if per_hundred <= 0.5 => 0.5,
        _ => 0.0,
    }
}

fn confidence_credit(delivery: &DeliveryReport) -> f32 {
    let excess = (delivery.tone.hedges_per_hundred_words - HEDGES_PER_HUNDRED_OK).max(0.0);
    (1.0 - excess / 4.5).clamp(0.0, 1.0)
}

/// Half for variety of words, half for not restarting or circling back to the same phrases.
fn fluency_credit(delivery: &DeliveryReport) -> f32 {
    let variety = match delivery.vocabulary.variety {
        Variety::Varied | Variety::NotMeasured => 1.0,
        Variety::Adequate => 0.8,
        Variety::Repetitive => 0.3,
    };
    let stutters_per_hundred =
        delivery.repetition.stutter_count as f32 * 100.0 / delivery.word_count.max(1) as f32;
    // Some repetition is normal speech; a few percent of repeated three-word stretches is not.
    let repeated = (delivery.repetition.repeated_share - 0.05).max(0.0);
    let repetition = (1.0 - stutters_per_hundred / 4.0 - repeated * 4.0).clamp(0.0, 1.0);
    0.5 * variety + 0.5 * repetition
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::test_answers::{bank_question, coach, spoken};

    fn close(left: f32, right: f32) -> bool {
        (left - right).abs() < 1e-3
    }

    #[test]
    fn the_parts_add_up_as_documented() {
        // Half the key points, 23 of 90 words, 150 wpm, no fillers, pauses or hedges.
        let question = bank_question("sw-rest-api");
        let answer = "Every resource has an endpoint and you use HTTP verbs to read and change it \
            from any client application that you build today";
        let delivery = coach(&question, &spoken(answer, 150)).delivery;
        assert_eq!(delivery.terms.key_points_covered.len(), 2);
        assert_eq!(delivery.length_ratio, 0.26);
        let card = scorecard(&delivery);
        let on_topic = 0.4 + 0.6 * 0.5;
        let substance = on_topic * 0.52;
        assert!(close(card.content, 2.5), "{card:?}");
        assert!(close(card.length, 1.5 * 0.26 * on_topic), "{card:?}");
        assert!(close(card.pace, substance), "{card:?}");
        assert!(close(card.fillers, substance), "{card:?}");
        assert!(close(card.pauses, 0.5 * substance), "{card:?}");
        assert!(close(card.confidence, 0.5 * substance), "{card:?}");
        assert!(close(card.fluency, 0.5 * substance), "{card:?}");
        assert_eq!(card.score(), 4); // 2.5 + 0.27 + 0.36 + 0.36 + 3 × 0.18 = 4.05
    }

    #[test]
    fn pace_and_fillers_lose_points_gradually() {
        let question = bank_question("sw-rest-api");
        let mut delivery = coach(&question, &spoken("irrelevant words here", 150)).delivery;
        delivery.pace = Pace::Fast;
        delivery.words_per_minute = 200.0; // 25 over the band: half the pace points
        delivery.fillers_per_hundred_words = 5.0; // 3 over the 2 allowed: half the filler points
        assert!(close(pace_credit(&delivery), 0.5));
        assert!(close(fillers_credit(&delivery), 0.5));
        delivery.words_per_minute = f32::NAN;
        assert_eq!(
            pace_credit(&delivery),
            0.0,
            "a broken figure earns nothing, not NaN"
        );
    }

    #[test]
    fn rambling_past_the_target_costs_length_and_dilutes_content() {
        assert!(close(length_credit(1.2), 1.0));
        assert!(close(length_credit(2.0), 0.75));
        assert!(close(length_credit(4.0), 0.0));
        assert!(close(length_credit(90.0), 0.0));
        let no_points = Scorecard::ZERO;
        assert_eq!(no_points.score(), 1);
        assert_eq!(Scorecard::GENERAL.score(), 10);
        assert_eq!(Scorecard::BEHAVIORAL.score(), 10);
    }
}
