//! Delivery figures from a transcript and its word timings: duration, pace, filler words,
//! long pauses, key-point coverage, and in [`analyze_delivery`] the fuller report (hedging,
//! tone, repetition, vocabulary, job terms, STAR). Deterministic, offline, linear in the
//! answer's length.

mod delivery;
mod fillers;
mod phrases;
mod repetition;
mod star;
mod terms;
mod tone;
mod vocabulary;

#[cfg(test)]
mod delivery_tests;

use aira_protocol::Metrics;

pub use delivery::{DeliveryConfig, DeliveryReport, Length, Pace, analyze_delivery};
pub use fillers::count_fillers;
pub use phrases::PhraseCount;
pub use repetition::RepetitionReport;
pub use star::{StarReport, is_quantity};
pub use terms::TermReport;
pub use tone::{Tone, ToneReport};
pub use vocabulary::{Variety, VocabularyReport, WINDOW as VOCABULARY_WINDOW};

use crate::question_bank::Question;
use crate::text::normalized_words;
use crate::transcript::Transcript;

/// A silence between words longer than this counts as a long pause.
pub const LONG_PAUSE_MS: u32 = 2_000;

pub fn analyze(transcript: &Transcript, question: &Question) -> Metrics {
    let raw_words: Vec<&str> = transcript
        .words
        .iter()
        .map(|word| word.text.as_str())
        .collect();
    let words = normalized_words(raw_words.iter().copied());
    let word_count = words.len() as u32;
    let speaking_ms = speaking_ms(transcript);
    let words_per_minute = if speaking_ms == 0 {
        0.0
    } else {
        word_count as f32 * 60_000.0 / speaking_ms as f32
    };
    let fillers = count_fillers(&raw_words);
    let (long_pauses, longest_pause_ms) = long_pauses(transcript);
    let (covered, missed) = terms::key_point_coverage(&words, question);
    Metrics {
        duration_seconds: transcript.audio_ms as f32 / 1000.0,
        speaking_seconds: speaking_ms as f32 / 1000.0,
        word_count,
        words_per_minute: round_to_tenth(words_per_minute),
        filler_count: fillers.iter().map(|filler| filler.count).sum(),
        fillers,
        long_pauses,
        longest_pause_seconds: longest_pause_ms as f32 / 1000.0,
        key_points_covered: covered,
        key_points_missed: missed,
    }
}

/// From the first word's start to the last word's end.
fn speaking_ms(transcript: &Transcript) -> u32 {
    match (transcript.words.first(), transcript.words.last()) {
        (Some(first), Some(last)) => last.end_ms.saturating_sub(first.start_ms),
        _ => 0,
    }
}

/// The number of silences between consecutive words longer than [`LONG_PAUSE_MS`], and the
/// longest silence of all.
fn long_pauses(transcript: &Transcript) -> (u32, u32) {
    let gaps = transcript
        .words
        .windows(2)
        .map(|pair| pair[1].start_ms.saturating_sub(pair[0].end_ms));
    gaps.fold((0, 0), |(count, longest), gap| {
        (count + u32::from(gap > LONG_PAUSE_MS), longest.max(gap))
    })
}

fn round_to_tenth(value: f32) -> f32 {
    (value * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question_bank::KeyPoint;
    use crate::transcript::Word;

    fn question() -> Question {
        Question {
            id: "q".into(),
            text: "What is a REST API?".into(),
            role: "software".into(),
            kind: "technical".into(),
            level: "fresher".into(),
            target_words: 20,
            key_points: vec![
                KeyPoint {
                    label: "resources".into(),
                    keywords: vec!["resource".into(), "endpoint".into()],
                },
                KeyPoint {
                    label: "HTTP methods".into(),
                    keywords: vec!["http".into(), "get".into()],
                },
                KeyPoint {
                    label: "statelessness".into(),
                    keywords: vec!["stateless".into()],
                },
            ],
            follow_ups: Vec::new(),
        }
    }

    /// Words spaced evenly: each 300 ms long with 100 ms between, starting at `start_ms`.
    fn timed(text: &str, start_ms: u32) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(index, word)| {
                let start = start_ms + index as u32 * 400;
                Word::new(word, start, start + 300)
            })
            .collect()
    }

    #[test]
    fn pace_counts_words_over_speaking_time_not_audio_length() {
        // 10 words: first starts at 1000 ms, last ends at 1000 + 9*400 + 300 = 4900 ms.
        let transcript = Transcript::from_words(timed("a b c d e f g h i j", 1000), 10_000);
        let metrics = analyze(&transcript, &question());
        assert_eq!(metrics.word_count, 10);
        assert_eq!(metrics.speaking_seconds, 3.9);
        assert_eq!(metrics.duration_seconds, 10.0);
        assert_eq!(metrics.words_per_minute, 153.8); // 10 / 3.9 s * 60
    }

    #[test]
    fn fillers_are_counted_including_phrases_but_not_verb_like() {
        let transcript = Transcript::from_words(
            timed(
                "Um, basically I would like to, like, you know, build it with tools like Git. Basically, uh, yes.",
                0,
            ),
            8_000,
        );
        let metrics = analyze(&transcript, &question());
        let count = |name: &str| {
            metrics
                .fillers
                .iter()
                .find(|filler| filler.filler == name)
                .map_or(0, |filler| filler.count)
        };
        assert_eq!(count("basically"), 2);
        assert_eq!(count("um"), 1);
        assert_eq!(count("uh"), 1);
        assert_eq!(
            count("like"),
            1,
            "', like,' is a filler; 'would like' and 'tools like Git' are not"
        );
        assert_eq!(count("you know"), 1);
        assert_eq!(metrics.filler_count, 6);
        assert_eq!(
            metrics.fillers[0].filler, "basically",
            "most frequent first"
        );
    }

    #[test]
    fn pauses_longer_than_two_seconds_are_counted() {
        let mut words = timed("first part", 0); // ends at 700
        words.extend(timed("second part", 3_000)); // gap 2300
        words.extend(timed("third", 5_200)); // gap 5200 - 3700 = 1500: not long
        words.extend(timed("fourth", 9_000)); // gap 9000 - 5500 = 3500
        let metrics = analyze(&Transcript::from_words(words, 10_000), &question());
        assert_eq!(metrics.long_pauses, 2);
        assert_eq!(metrics.longest_pause_seconds, 3.5);
    }

    #[test]
    fn key_points_are_covered_by_any_keyword() {
        let transcript = Transcript::from_words(
            timed("Each resource has a URL and you GET it over HTTP.", 0),
            5_000,
        );
        let metrics = analyze(&transcript, &question());
        assert_eq!(
            metrics.key_points_covered,
            vec!["resources", "HTTP methods"]
        );
        assert_eq!(metrics.key_points_missed, vec!["statelessness"]);
    }

    #[test]
    fn an_empty_transcript_gives_zeroes_not_nan() {
        let metrics = analyze(&Transcript::from_words(Vec::new(), 3_000), &question());
        assert_eq!(metrics.word_count, 0);
        assert_eq!(metrics.words_per_minute, 0.0);
        assert_eq!(metrics.long_pauses, 0);
        assert_eq!(metrics.key_points_missed.len(), 3);
    }
}
