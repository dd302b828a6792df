//! Delivery figures from a transcript and its word timings: duration, pace, filler words,
//! long pauses, key-point coverage. Deterministic and offline.

use aira_protocol::{FillerCount, Metrics};

use crate::question_bank::Question;
use crate::text::{contains_phrase, normalized_words};
use crate::transcript::Transcript;

/// A silence between words longer than this counts as a long pause.
pub const LONG_PAUSE_MS: u32 = 2_000;

/// Single-word fillers. Stock Whisper drops most "um"/"uh", so these counts are a floor.
const SINGLE_WORD_FILLERS: &[&str] = &[
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
    "like",
];
const PHRASE_FILLERS: &[&[&str]] = &[
    &["you", "know"],
    &["i", "mean"],
    &["sort", "of"],
    &["kind", "of"],
];

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
    let (covered, missed) = key_point_coverage(&words, question);
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

fn speaking_ms(transcript: &Transcript) -> u32 {
    match (transcript.words.first(), transcript.words.last()) {
        (Some(first), Some(last)) => last.end_ms.saturating_sub(first.start_ms),
        _ => 0,
    }
}

/// Filler words and phrases with their counts, most frequent first. Takes the words as
/// transcribed, punctuation included: "like" is a filler only where Whisper sets it off
/// with punctuation ("so, like, we"), never in "methods like GET" or "I would like to".
pub fn count_fillers(raw_words: &[&str]) -> Vec<FillerCount> {
    let words = normalized_words(raw_words.iter().copied());
    // Punctuation-only tokens were dropped above; keep the raw forms aligned with `words`.
    let raw_words: Vec<&str> = raw_words
        .iter()
        .copied()
        .filter(|raw| !crate::text::normalize_word(raw).is_empty())
        .collect();
    let mut counts: Vec<FillerCount> = Vec::new();
    let mut add = |filler: String| match counts.iter_mut().find(|entry| entry.filler == filler) {
        Some(entry) => entry.count += 1,
        None => counts.push(FillerCount { filler, count: 1 }),
    };
    for (index, word) in words.iter().enumerate() {
        if SINGLE_WORD_FILLERS.contains(&word.as_str()) {
            if word == "like" && !is_set_off(&raw_words, index) {
                continue;
            }
            add(word.clone());
        }
        for phrase in PHRASE_FILLERS {
            if words[index..].starts_with_words(phrase) {
                add(phrase.join(" "));
            }
        }
    }
    counts.sort_by(|left, right| {
        right
            .count
            .cmp(&left.count)
            .then(left.filler.cmp(&right.filler))
    });
    counts
}

/// Whether the word at `index` is bounded by punctuation or the start of the answer.
fn is_set_off(raw_words: &[&str], index: usize) -> bool {
    let ends_with_punctuation =
        |raw: &str| raw.ends_with(|character: char| character.is_ascii_punctuation());
    let after = raw_words
        .get(index)
        .is_some_and(|raw| ends_with_punctuation(raw));
    let before = index == 0
        || raw_words
            .get(index - 1)
            .is_some_and(|raw| ends_with_punctuation(raw));
    after || before
}

trait StartsWithWords {
    fn starts_with_words(&self, phrase: &[&str]) -> bool;
}

impl StartsWithWords for [String] {
    fn starts_with_words(&self, phrase: &[&str]) -> bool {
        self.len() >= phrase.len()
            && self
                .iter()
                .zip(phrase)
                .all(|(word, expected)| word == expected)
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

/// Which of the question's key points the answer touches (any keyword present).
fn key_point_coverage(words: &[String], question: &Question) -> (Vec<String>, Vec<String>) {
    question.key_points.iter().fold(
        (Vec::new(), Vec::new()),
        |(mut covered, mut missed), key_point| {
            if key_point
                .keywords
                .iter()
                .any(|keyword| contains_phrase(words, keyword))
            {
                covered.push(key_point.label.clone());
            } else {
                missed.push(key_point.label.clone());
            }
            (covered, missed)
        },
    )
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
