//! The offline scoring rubric: a 1–10 score from content and delivery, and two or three
//! specific sentences of feedback that quote the answer's own figures.
//!
//! Points (10 in all): key points covered 5, length 2, pace 1.5, filler words 1, pauses 0.5.
//! Content weighs most: a fluent answer that misses the question must not score well.

use aira_protocol::{Feedback, Metrics};

use crate::i18n::Catalog;
use crate::question_bank::Question;

/// Words per minute that listeners follow comfortably.
pub const PACE_BAND: (f32, f32) = (130.0, 175.0);
/// Fillers per 100 words that pass unnoticed.
const FILLERS_PER_HUNDRED_OK: f32 = 2.0;

/// Points earned on each part of the rubric.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scorecard {
    pub content: f32,
    pub length: f32,
    pub pace: f32,
    pub fillers: f32,
    pub pauses: f32,
}

impl Scorecard {
    pub const MAXIMUM: Scorecard = Scorecard {
        content: 5.0,
        length: 2.0,
        pace: 1.5,
        fillers: 1.0,
        pauses: 0.5,
    };

    pub fn total(&self) -> f32 {
        self.content + self.length + self.pace + self.fillers + self.pauses
    }

    /// The 1–10 score; an answer with no words scores 1.
    pub fn score(&self) -> u8 {
        self.total().round().clamp(1.0, 10.0) as u8
    }
}

pub fn fillers_per_hundred_words(metrics: &Metrics) -> f32 {
    if metrics.word_count == 0 {
        0.0
    } else {
        metrics.filler_count as f32 * 100.0 / metrics.word_count as f32
    }
}

pub fn scorecard(metrics: &Metrics, question: &Question) -> Scorecard {
    let maximum = Scorecard::MAXIMUM;
    if metrics.word_count == 0 {
        return Scorecard {
            content: 0.0,
            length: 0.0,
            pace: 0.0,
            fillers: 0.0,
            pauses: 0.0,
        };
    }
    let length_ratio = (metrics.word_count as f32 / question.target_words.max(1) as f32).min(1.0);
    let key_points = metrics.key_points_covered.len() + metrics.key_points_missed.len();
    let content = if key_points == 0 {
        // A typed question has no key points: judge how complete the answer is by length.
        maximum.content * length_ratio
    } else {
        maximum.content * metrics.key_points_covered.len() as f32 / key_points as f32
    };
    let pace_distance = if metrics.words_per_minute < PACE_BAND.0 {
        PACE_BAND.0 - metrics.words_per_minute
    } else {
        (metrics.words_per_minute - PACE_BAND.1).max(0.0)
    };
    let filler_excess = (fillers_per_hundred_words(metrics) - FILLERS_PER_HUNDRED_OK).max(0.0);
    Scorecard {
        content,
        length: maximum.length * length_ratio,
        pace: maximum.pace * (1.0 - pace_distance / 50.0).max(0.0),
        fillers: maximum.fillers * (1.0 - filler_excess / 6.0).max(0.0),
        pauses: match metrics.long_pauses {
            0 => maximum.pauses,
            1 => maximum.pauses / 2.0,
            _ => 0.0,
        },
    }
}

/// The offline coach's verdict: the score and, most important first, the key-point sentence
/// and up to two sentences on the delivery problems that cost the most points (or praise
/// when there were none).
pub fn local_feedback(metrics: &Metrics, question: &Question, catalog: &Catalog) -> Feedback {
    let card = scorecard(metrics, question);
    let mut points = Vec::new();
    if let Some(sentence) = key_point_sentence(metrics, catalog) {
        points.push(sentence);
    }

    let maximum = Scorecard::MAXIMUM;
    let wpm = format!("{:.0}", metrics.words_per_minute);
    let mut problems: Vec<(f32, String)> = Vec::new();
    if card.length < maximum.length * 0.75 {
        let arguments = [
            ("words", metrics.word_count.to_string()),
            ("target", question.target_words.to_string()),
        ];
        problems.push((
            maximum.length - card.length,
            catalog.format("feedback.length.short", &arguments),
        ));
    }
    if card.pace < maximum.pace {
        let key = if metrics.words_per_minute > PACE_BAND.1 {
            "feedback.pace.fast"
        } else {
            "feedback.pace.slow"
        };
        problems.push((
            maximum.pace - card.pace,
            catalog.format(key, &[("wpm", wpm.clone())]),
        ));
    }
    if card.fillers < maximum.fillers {
        let list = metrics
            .fillers
            .iter()
            .map(|filler| format!("\u{201c}{}\u{201d} \u{00d7}{}", filler.filler, filler.count))
            .collect::<Vec<_>>()
            .join(", ");
        let arguments = [("count", metrics.filler_count.to_string()), ("list", list)];
        problems.push((
            maximum.fillers - card.fillers,
            catalog.format("feedback.fillers.many", &arguments),
        ));
    }
    if metrics.long_pauses > 0 {
        let arguments = [
            ("count", metrics.long_pauses.to_string()),
            ("longest", format!("{:.1}", metrics.longest_pause_seconds)),
        ];
        problems.push((
            maximum.pauses - card.pauses,
            catalog.format("feedback.pauses.long", &arguments),
        ));
    }
    problems.sort_by(|left, right| right.0.total_cmp(&left.0));
    points.extend(problems.into_iter().take(2).map(|(_, sentence)| sentence));

    if points.len() < 3 && metrics.word_count > 0 {
        if card.pace >= maximum.pace {
            points.push(catalog.format("feedback.pace.good", &[("wpm", wpm)]));
        } else if card.fillers >= maximum.fillers {
            points.push(catalog.get("feedback.fillers.few"));
        }
    }
    points.truncate(3);
    Feedback {
        score: card.score(),
        points,
        engine: "local".into(),
        ..Feedback::default()
    }
}

fn key_point_sentence(metrics: &Metrics, catalog: &Catalog) -> Option<String> {
    let covered = metrics.key_points_covered.join(", ");
    let missed = metrics.key_points_missed.join(", ");
    let total = metrics.key_points_covered.len() + metrics.key_points_missed.len();
    match (metrics.key_points_covered.len(), total) {
        (_, 0) => None,
        (0, _) => Some(catalog.format("feedback.key_points.none", &[("missed", missed)])),
        (count, total) if count == total => {
            Some(catalog.format("feedback.key_points.all", &[("covered", covered)]))
        }
        (count, total) => Some(catalog.format(
            "feedback.key_points.some",
            &[
                ("count", count.to_string()),
                ("total", total.to_string()),
                ("covered", covered),
                ("missed", missed),
            ],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::analyze;
    use crate::question_bank::QuestionBank;
    use crate::transcript::{Transcript, Word};

    fn rest_question() -> Question {
        QuestionBank::builtin()
            .ok()
            .and_then(|bank| bank.get("sw-rest-api").cloned())
            .unwrap_or_else(|| panic!("sw-rest-api is in the bank"))
    }

    /// Words at a steady `wpm`, with no pauses.
    fn spoken(text: &str, wpm: u32) -> Transcript {
        let step = 60_000 / wpm;
        let words = text
            .split_whitespace()
            .enumerate()
            .map(|(index, word)| {
                Word::new(
                    word,
                    index as u32 * step,
                    index as u32 * step + step * 3 / 4,
                )
            })
            .collect::<Vec<_>>();
        let audio_ms = words.last().map_or(0, |word| word.end_ms + 500);
        Transcript::from_words(words, audio_ms)
    }

    const STRONG: &str = "A REST API exposes each resource at its own URL endpoint. Clients use HTTP methods: \
        GET to read, POST to create, PUT to update and DELETE to remove. Every request is stateless, so the server \
        keeps no session between calls and can scale out. Responses are JSON with a clear status code such as 200 \
        for success or 404 when the resource is missing. When I designed one for a library project I named the \
        resources as plural nouns, versioned the path and documented every endpoint.";

    #[test]
    fn a_strong_answer_scores_high_and_is_praised_specifically() {
        let question = rest_question();
        let metrics = analyze(&spoken(STRONG, 150), &question);
        let feedback = local_feedback(&metrics, &question, &Catalog::english());
        assert_eq!(metrics.key_points_missed, Vec::<String>::new());
        assert!(feedback.score >= 9, "score {}", feedback.score);
        assert!(
            feedback.points[0].starts_with("You covered every key point"),
            "{:?}",
            feedback.points
        );
        assert!(
            feedback
                .points
                .iter()
                .any(|point| point.contains("150 words per minute")),
            "{:?}",
            feedback.points
        );
        assert!((2..=3).contains(&feedback.points.len()));
    }

    #[test]
    fn a_weak_answer_scores_low_and_names_what_is_missing() {
        let question = rest_question();
        let weak =
            "Um, basically it is, like, an API, you know, that is basically used by, uh, apps.";
        let metrics = analyze(&spoken(weak, 210), &question);
        let feedback = local_feedback(&metrics, &question, &Catalog::english());
        assert!(feedback.score <= 3, "score {}", feedback.score);
        assert!(
            feedback.points[0].contains("statelessness"),
            "{:?}",
            feedback.points
        );
        assert_eq!(feedback.points.len(), 3);
        let strong = local_feedback(
            &analyze(&spoken(STRONG, 150), &question),
            &question,
            &Catalog::english(),
        );
        assert!(strong.score > feedback.score);
    }

    #[test]
    fn the_scorecard_adds_up_to_the_score() {
        let question = rest_question();
        // Covers 2 of 4 key points, 23 of 90 target words, 150 wpm, no fillers, no pauses.
        let answer = "Every resource has an endpoint and you use HTTP verbs to read and change it from any \
            client application that you build today";
        let metrics = analyze(&spoken(answer, 150), &question);
        let card = scorecard(&metrics, &question);
        assert_eq!(metrics.key_points_covered.len(), 2);
        assert_eq!(card.content, 2.5);
        assert_eq!(metrics.word_count, 23);
        assert!((card.length - 2.0 * 23.0 / 90.0).abs() < 1e-4, "{card:?}");
        assert_eq!((card.pace, card.fillers, card.pauses), (1.5, 1.0, 0.5));
        assert_eq!(card.score(), 6); // 2.5 + 0.51 + 1.5 + 1 + 0.5 = 6.01
    }

    #[test]
    fn nothing_said_scores_one() {
        let question = rest_question();
        let metrics = analyze(&Transcript::from_words(Vec::new(), 4_000), &question);
        let feedback = local_feedback(&metrics, &question, &Catalog::english());
        assert_eq!(feedback.score, 1);
    }

    #[test]
    fn pace_and_fillers_lose_points_gradually() {
        let question = rest_question();
        let mut metrics = analyze(&spoken(STRONG, 150), &question);
        metrics.words_per_minute = 200.0; // 25 over the band: half the pace points
        metrics.word_count = 100;
        metrics.filler_count = 5; // 5 per 100 words: 3 over the 2 allowed, half the filler points
        let card = scorecard(&metrics, &question);
        assert!((card.pace - 0.75).abs() < 1e-4, "{card:?}");
        assert!((card.fillers - 0.5).abs() < 1e-4, "{card:?}");
    }
}
