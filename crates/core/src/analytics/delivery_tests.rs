//! Whole answers through [`analyze_delivery`]: realistic Indian-English and Hinglish speech,
//! and the edges (nothing, one word, ten thousand words).

use std::time::{Duration, Instant};

use super::*;
use crate::question_bank::KeyPoint;
use crate::transcript::Word;

fn question(kind: &str, text: &str, key_points: &[(&str, &[&str])]) -> Question {
    let mut question = Question::custom(text);
    question.kind = kind.into();
    question.target_words = 100;
    question.key_points = key_points
        .iter()
        .map(|(label, keywords)| KeyPoint {
            label: (*label).into(),
            keywords: keywords.iter().map(|keyword| (*keyword).into()).collect(),
        })
        .collect();
    question
}

fn conflict_question() -> Question {
    question(
        "behavioral",
        "Describe a time you disagreed with a teammate.",
        &[
            ("the disagreement", &["disagree", "conflict", "different"]),
            ("what you did", &["discussed", "proposed", "data"]),
        ],
    )
}

/// Words at a steady `wpm` with no pauses.
fn spoken(text: &str, wpm: u32) -> Transcript {
    let step = 60_000 / wpm;
    let words: Vec<Word> = text
        .split_whitespace()
        .enumerate()
        .map(|(index, word)| {
            let start = index as u32 * step;
            Word::new(word, start, start + step * 4 / 5)
        })
        .collect();
    let audio_ms = words.last().map_or(0, |word| word.end_ms);
    Transcript::from_words(words, audio_ms)
}

const STRONG_INDIAN_ENGLISH: &str = "During my internship at Razorpay last year, my teammate \
    and I disagreed about whether to retry failed payment webhooks immediately or with backoff. \
    My task was to make the webhook service reliable before the Diwali sale. I pulled the logs \
    from the previous month and showed that immediate retries were hitting merchants who were \
    already down. I proposed exponential backoff with a dead letter queue, and we discussed it \
    with our lead using that data. As a result we shipped it in one sprint and failed \
    deliveries fell by 38 percent during the sale.";

const WEAK_HINGLISH: &str = "Matlab, basically, I think there was, like, some issue na, in my \
    team, haan, so, I think we kind of had different opinions, maybe. Basically I just, I just \
    did what, what the senior said, you know, and it was fine I guess.";

#[test]
fn a_strong_star_answer_reads_confident_and_complete() {
    let report = analyze_delivery(
        &spoken(STRONG_INDIAN_ENGLISH, 150),
        &conflict_question(),
        &DeliveryConfig::default(),
    );
    assert_eq!(report.pace, Pace::InBand);
    assert_eq!(report.filler_count, 0);
    assert_eq!(report.length, Length::OnTarget);
    assert_eq!(
        report.terms.key_points_covered,
        vec!["the disagreement", "what you did"]
    );
    let star = report.star.unwrap_or_else(|| panic!("behavioral"));
    assert_eq!(star.components_found, 4, "{star:?}");
    assert!(star.quantified_result);
    assert_ne!(report.tone.tone, Tone::Tentative);
    assert_eq!(report.vocabulary.variety, Variety::Varied);
}

#[test]
fn a_weak_hinglish_answer_shows_fillers_hedges_and_stutters() {
    let report = analyze_delivery(
        &spoken(WEAK_HINGLISH, 190),
        &conflict_question(),
        &DeliveryConfig::default(),
    );
    assert_eq!(report.pace, Pace::Fast);
    assert!(report.fillers_per_hundred_words > 15.0, "{report:?}");
    let filler_names: Vec<&str> = report
        .fillers
        .iter()
        .map(|filler| filler.filler.as_str())
        .collect();
    for expected in [
        "matlab",
        "basically",
        "like",
        "na",
        "haan",
        "so",
        "you know",
    ] {
        assert!(
            filler_names.contains(&expected),
            "{expected}: {filler_names:?}"
        );
    }
    assert_eq!(report.tone.tone, Tone::Tentative);
    assert!(
        report.repetition.stutter_count >= 2,
        "{:?}",
        report.repetition
    );
    assert_eq!(report.length, Length::TooShort);
    let star = report.star.unwrap_or_else(|| panic!("behavioral"));
    assert!(star.result.is_none() && !star.quantified_result, "{star:?}");
}

#[test]
fn pauses_are_counted_and_summed() {
    let words = vec![
        Word::new("Okay", 0, 300),
        Word::new("so", 2_600, 2_900), // 2.3 s
        Word::new("the", 3_000, 3_200),
        Word::new("answer", 6_200, 6_600), // 3.0 s
        Word::new("is", 7_000, 7_100),
    ];
    let report = analyze_delivery(
        &Transcript::from_words(words, 8_000),
        &conflict_question(),
        &DeliveryConfig::default(),
    );
    assert_eq!(report.long_pause_count, 2);
    assert_eq!(report.long_pause_total_seconds, 5.3);
    assert_eq!(report.longest_pause_seconds, 3.0);
}

#[test]
fn the_pace_band_and_job_terms_are_configurable() {
    let config = DeliveryConfig {
        pace_band: (100.0, 140.0),
        job_terms: vec!["Kafka".into(), "exponential backoff".into(), "React".into()],
        ..DeliveryConfig::default()
    };
    let report = analyze_delivery(
        &spoken(STRONG_INDIAN_ENGLISH, 150),
        &conflict_question(),
        &config,
    );
    assert_eq!(report.pace, Pace::Fast);
    assert_eq!(report.terms.job_terms_used, vec!["exponential backoff"]);
    assert!(report.terms.keywords_used.contains(&"disagree".to_owned()));
}

#[test]
fn technical_questions_get_no_star_breakdown() {
    let technical = question("technical", "What is a REST API?", &[("http", &["http"])]);
    let report = analyze_delivery(
        &spoken("It uses HTTP", 150),
        &technical,
        &DeliveryConfig::default(),
    );
    assert!(report.star.is_none());
    let typed = question("custom", "Tell me about a time you led a team.", &[]);
    let report = analyze_delivery(&spoken("I led", 150), &typed, &DeliveryConfig::default());
    assert!(
        report.star.is_some(),
        "a typed behavioral question still gets STAR"
    );
}

#[test]
fn empty_and_one_word_answers_give_zeroes_not_nan() {
    let config = DeliveryConfig::default();
    for transcript in [
        Transcript::from_words(Vec::new(), 5_000),
        spoken("Yes.", 150),
    ] {
        let report = analyze_delivery(&transcript, &conflict_question(), &config);
        assert_eq!(report.pace, Pace::NotMeasured);
        assert_eq!(report.tone.tone, Tone::NotMeasured);
        assert_eq!(report.vocabulary.variety, Variety::NotMeasured);
        assert!(report.words_per_minute.is_finite());
        assert!(report.fillers_per_hundred_words.is_finite());
        assert_eq!(report.repetition.repeated_share, 0.0);
        assert_eq!(report.terms.key_points_covered.len(), 0);
    }
    let empty = analyze_delivery(
        &Transcript::from_words(Vec::new(), 0),
        &conflict_question(),
        &config,
    );
    assert_eq!(empty.length, Length::Empty);
    assert_eq!(empty.star.map(|star| star.components_found), Some(0));
}

#[test]
fn ten_thousand_words_are_analysed_quickly() {
    let passage = format!("{STRONG_INDIAN_ENGLISH} {WEAK_HINGLISH} ");
    let per_passage = passage.split_whitespace().count();
    let text = passage.repeat(10_000 / per_passage + 1);
    let transcript = spoken(&text, 150);
    assert!(transcript.words.len() >= 10_000);
    let started = Instant::now();
    let report = analyze_delivery(
        &transcript,
        &conflict_question(),
        &DeliveryConfig::default(),
    );
    let elapsed = started.elapsed();
    assert_eq!(report.word_count as usize, transcript.words.len());
    assert_eq!(report.length, Length::TooLong);
    // Linear work is a few milliseconds even unoptimised; a quadratic pass would take seconds.
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
}

#[test]
fn every_label_the_report_can_show_is_in_the_english_catalog() {
    let catalog = crate::i18n::Catalog::english();
    let keys = [
        Pace::NotMeasured.label_key(),
        Pace::Slow.label_key(),
        Pace::InBand.label_key(),
        Pace::Fast.label_key(),
        Length::Empty.label_key(),
        Length::TooShort.label_key(),
        Length::Short.label_key(),
        Length::OnTarget.label_key(),
        Length::Long.label_key(),
        Length::TooLong.label_key(),
        Tone::NotMeasured.label_key(),
        Tone::Confident.label_key(),
        Tone::Balanced.label_key(),
        Tone::Tentative.label_key(),
        Variety::NotMeasured.label_key(),
        Variety::Repetitive.label_key(),
        Variety::Adequate.label_key(),
        Variety::Varied.label_key(),
    ];
    for key in keys.into_iter().chain(StarReport::LABEL_KEYS) {
        assert_ne!(catalog.get(key), key, "locales/en.json lacks {key}");
    }
}
