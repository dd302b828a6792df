//! The full delivery report for one answer: every figure the coaches and the UI use, in one
//! deterministic pass over the transcript. Each part lives in its own module; this one
//! measures time (pace, pauses) and length, and puts the parts together.

use aira_protocol::FillerCount;
use serde::Serialize;

use super::fillers::count_fillers;
use super::phrases::per_hundred_words;
use super::repetition::{RepetitionReport, repetition};
use super::star::{StarReport, star};
use super::terms::{TermReport, terms};
use super::tone::{ToneReport, tone};
use super::vocabulary::{VocabularyReport, vocabulary};
use crate::question_bank::Question;
use crate::text::{normalized_words, sentence_numbers};
use crate::transcript::Transcript;

/// What the analysis measures against; the defaults suit an interview answer.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryConfig {
    /// Words per minute that listeners follow comfortably.
    pub pace_band: (f32, f32),
    /// A silence between words longer than this is a long pause.
    pub long_pause_ms: u32,
    /// Terms from a job description, counted beside the question's own keywords.
    pub job_terms: Vec<String>,
}

impl Default for DeliveryConfig {
    fn default() -> Self {
        Self {
            pace_band: crate::rubric::PACE_BAND,
            long_pause_ms: super::LONG_PAUSE_MS,
            job_terms: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Pace {
    /// Too few words or too little time to say, or a typed answer with no timings.
    NotMeasured,
    Slow,
    InBand,
    Fast,
}

impl Pace {
    pub fn label_key(self) -> &'static str {
        match self {
            Pace::NotMeasured => "analytics.pace.not_measured",
            Pace::Slow => "analytics.pace.slow",
            Pace::InBand => "analytics.pace.in_band",
            Pace::Fast => "analytics.pace.fast",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Length {
    Empty,
    TooShort,
    Short,
    OnTarget,
    Long,
    TooLong,
}

impl Length {
    pub fn label_key(self) -> &'static str {
        match self {
            Length::Empty => "analytics.length.empty",
            Length::TooShort => "analytics.length.too_short",
            Length::Short => "analytics.length.short",
            Length::OnTarget => "analytics.length.on_target",
            Length::Long => "analytics.length.long",
            Length::TooLong => "analytics.length.too_long",
        }
    }

    /// Below half the expected length an answer cannot have covered much; beyond two and a
    /// half times it has lost the interviewer.
    fn from_ratio(words: usize, ratio: f32) -> Self {
        match ratio {
            _ if words == 0 => Length::Empty,
            ratio if ratio < 0.5 => Length::TooShort,
            ratio if ratio < 0.8 => Length::Short,
            ratio if ratio <= 1.5 => Length::OnTarget,
            ratio if ratio <= 2.5 => Length::Long,
            _ => Length::TooLong,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DeliveryReport {
    pub word_count: u32,
    pub speaking_seconds: f32,
    pub words_per_minute: f32,
    pub pace_band: (f32, f32),
    pub pace: Pace,
    pub fillers: Vec<FillerCount>,
    pub filler_count: u32,
    pub fillers_per_hundred_words: f32,
    pub long_pause_count: u32,
    pub long_pause_total_seconds: f32,
    pub longest_pause_seconds: f32,
    pub target_words: u32,
    /// Words said over words expected.
    pub length_ratio: f32,
    pub length: Length,
    pub tone: ToneReport,
    pub repetition: RepetitionReport,
    pub vocabulary: VocabularyReport,
    pub terms: TermReport,
    /// For behavioral questions ("Tell me about a time…") only.
    pub star: Option<StarReport>,
}

pub fn analyze_delivery(
    transcript: &Transcript,
    question: &Question,
    config: &DeliveryConfig,
) -> DeliveryReport {
    let raw_words: Vec<&str> = transcript
        .words
        .iter()
        .map(|word| word.text.as_str())
        .collect();
    let words = normalized_words(raw_words.iter().copied());
    let speaking_ms = super::speaking_ms(transcript);
    let words_per_minute = if speaking_ms == 0 {
        0.0
    } else {
        (words.len() as f32 * 600_000.0 / speaking_ms as f32).round() / 10.0
    };
    let fillers = count_fillers(&raw_words);
    let filler_count = fillers.iter().map(|filler| filler.count).sum();
    let pauses = pauses(transcript, config.long_pause_ms);
    let target_words = question.target_words.max(1);
    let length_ratio = words.len() as f32 / target_words as f32;
    DeliveryReport {
        word_count: words.len() as u32,
        speaking_seconds: speaking_ms as f32 / 1000.0,
        words_per_minute,
        pace_band: config.pace_band,
        pace: pace(words.len(), speaking_ms, words_per_minute, config.pace_band),
        filler_count,
        fillers_per_hundred_words: per_hundred_words(filler_count, words.len()),
        fillers,
        long_pause_count: pauses.count,
        long_pause_total_seconds: pauses.total_ms as f32 / 1000.0,
        longest_pause_seconds: pauses.longest_ms as f32 / 1000.0,
        target_words: question.target_words,
        length_ratio: (length_ratio * 100.0).round() / 100.0,
        length: Length::from_ratio(words.len(), length_ratio),
        tone: tone(&words),
        repetition: repetition(&words),
        vocabulary: vocabulary(&words),
        terms: terms(&words, question, &config.job_terms),
        star: is_behavioral(question)
            .then(|| star(&words, &sentence_numbers(raw_words.iter().copied()))),
    }
}

/// Pace over fewer than five words or two seconds is noise, not a habit.
fn pace(words: usize, speaking_ms: u32, words_per_minute: f32, band: (f32, f32)) -> Pace {
    if words < 5 || speaking_ms < 2_000 {
        Pace::NotMeasured
    } else if words_per_minute < band.0 {
        Pace::Slow
    } else if words_per_minute > band.1 {
        Pace::Fast
    } else {
        Pace::InBand
    }
}

struct Pauses {
    count: u32,
    total_ms: u64,
    longest_ms: u32,
}

/// Silences between consecutive words longer than `threshold_ms`: how many, how long in
/// all, and the longest (of any length, so a UI can show "longest 1.8 s" too).
fn pauses(transcript: &Transcript, threshold_ms: u32) -> Pauses {
    let mut pauses = Pauses {
        count: 0,
        total_ms: 0,
        longest_ms: 0,
    };
    for pair in transcript.words.windows(2) {
        let gap = pair[1].start_ms.saturating_sub(pair[0].end_ms);
        pauses.longest_ms = pauses.longest_ms.max(gap);
        if gap > threshold_ms {
            pauses.count += 1;
            pauses.total_ms += u64::from(gap);
        }
    }
    pauses
}

/// Behavioral by type, or by how the question is asked (a typed "Tell me about a time…").
fn is_behavioral(question: &Question) -> bool {
    const OPENINGS: &[&str] = &[
        "tell me about a time",
        "describe a time",
        "describe a situation",
        "give an example of a time",
        "give me an example of a time",
        "share an experience",
    ];
    let text = question.text.to_lowercase();
    question.kind == "behavioral" || OPENINGS.iter().any(|opening| text.contains(opening))
}
