//! How the answer was said: length, pace, fillers, pauses, hedging, repetition, vocabulary
//! and script, each a strength or an improvement that quotes the answer's own figures.
//!
//! Every remark is weighed by the points it earned or cost, so the spoken feedback leads
//! with what matters most for this answer.

use super::lists::{filler_list, phrase_list, quoted_phrases};
use super::scorecard::{FILLERS_PER_HUNDRED_OK, HEDGES_PER_HUNDRED_OK};
use super::{Context, Remark, Remarks};
use crate::analytics::{Length, Pace, Tone, VOCABULARY_WINDOW, Variety};

/// Fewer words than this say too little about a habit to praise it.
const FEWEST_WORDS_TO_PRAISE: u32 = 20;
/// Above this share of words in another script, the keyword match is likely to miss points.
const NON_LATIN_SHARE_NOTED: f32 = 0.3;
/// A three-word phrase said this often is noticed by a listener.
const REPEATS_NOTICED: u32 = 3;

pub(super) fn delivery_remarks(context: &Context, remarks: &mut Remarks) {
    if context.delivery.word_count == 0 {
        return;
    }
    language(context, remarks);
    length(context, remarks);
    pace(context, remarks);
    fillers(context, remarks);
    pauses(context, remarks);
    hedging(context, remarks);
    repetition(context, remarks);
}

/// The offline coach finds key points by their English terms, so an answer in Hindi may
/// have made points it cannot hear; say so rather than let a low score speak for itself.
fn language(context: &Context, remarks: &mut Remarks) {
    if context.spoken.non_latin_share() < NON_LATIN_SHARE_NOTED {
        return;
    }
    let sentence = context.catalog.get("feedback.language.non_latin");
    // Above every delivery remark: it explains the score.
    remarks
        .improvements
        .push(Remark::new(context.maximum.content, sentence));
}

fn length(context: &Context, remarks: &mut Remarks) {
    let delivery = context.delivery;
    let catalog = context.catalog;
    let lost = context.maximum.length - context.card.length;
    let arguments = [
        ("words", delivery.word_count.to_string()),
        ("target", delivery.target_words.to_string()),
    ];
    match delivery.length {
        Length::Empty => {}
        Length::TooShort | Length::Short if delivery.word_count == 1 => {
            let word = context.spoken.first_word().unwrap_or_default();
            let sentence = catalog.format(
                "feedback.length.one_word",
                &[("word", word), arguments[1].clone()],
            );
            remarks.improvements.push(Remark::new(lost, sentence));
        }
        Length::TooShort | Length::Short => {
            let sentence = catalog.format("feedback.length.short", &arguments);
            remarks.improvements.push(Remark::new(lost, sentence));
        }
        Length::OnTarget => {
            let sentence = catalog.format("feedback.length.good", &arguments);
            remarks
                .strengths
                .push(Remark::new(context.card.length, sentence));
        }
        Length::Long | Length::TooLong => {
            let sentence = catalog.format("feedback.length.long", &arguments);
            remarks.improvements.push(Remark::new(lost, sentence));
        }
    }
}

fn pace(context: &Context, remarks: &mut Remarks) {
    let delivery = context.delivery;
    let (slowest, fastest) = delivery.pace_band;
    let arguments = [
        ("wpm", format!("{:.0}", delivery.words_per_minute)),
        ("slowest", format!("{slowest:.0}")),
        ("fastest", format!("{fastest:.0}")),
    ];
    let key = match delivery.pace {
        Pace::NotMeasured => return,
        Pace::InBand => {
            let sentence = context.catalog.format("feedback.pace.good", &arguments);
            remarks
                .strengths
                .push(Remark::new(context.card.pace, sentence));
            return;
        }
        Pace::Fast => "feedback.pace.fast",
        Pace::Slow => "feedback.pace.slow",
    };
    let lost = context.maximum.pace - context.card.pace;
    let sentence = context.catalog.format(key, &arguments);
    remarks.improvements.push(Remark::new(lost, sentence));
}

fn fillers(context: &Context, remarks: &mut Remarks) {
    let delivery = context.delivery;
    let catalog = context.catalog;
    if delivery.fillers_per_hundred_words > FILLERS_PER_HUNDRED_OK {
        let key = if delivery.filler_count == 1 {
            "feedback.fillers.one"
        } else {
            "feedback.fillers.many"
        };
        let arguments = [
            ("count", delivery.filler_count.to_string()),
            ("list", filler_list(&delivery.fillers)),
        ];
        let lost = context.maximum.fillers - context.card.fillers;
        remarks
            .improvements
            .push(Remark::new(lost, catalog.format(key, &arguments)));
    } else if delivery.word_count >= FEWEST_WORDS_TO_PRAISE {
        let sentence = if delivery.filler_count == 0 {
            catalog.format(
                "feedback.fillers.none",
                &[("words", delivery.word_count.to_string())],
            )
        } else {
            catalog.get("feedback.fillers.few")
        };
        remarks
            .strengths
            .push(Remark::new(context.card.fillers, sentence));
    }
}

fn pauses(context: &Context, remarks: &mut Remarks) {
    let delivery = context.delivery;
    if delivery.long_pause_count == 0 {
        return;
    }
    let key = if delivery.long_pause_count == 1 {
        "feedback.pauses.long_one"
    } else {
        "feedback.pauses.long"
    };
    let arguments = [
        ("count", delivery.long_pause_count.to_string()),
        ("longest", format!("{:.1}", delivery.longest_pause_seconds)),
    ];
    let lost = context.maximum.pauses - context.card.pauses;
    remarks
        .improvements
        .push(Remark::new(lost, context.catalog.format(key, &arguments)));
}

/// Hedges quoted when they were too many; ownership phrases quoted when they set the tone.
fn hedging(context: &Context, remarks: &mut Remarks) {
    let tone = &context.delivery.tone;
    let catalog = context.catalog;
    if tone.hedges_per_hundred_words > HEDGES_PER_HUNDRED_OK && tone.hedge_count >= 2 {
        let lost = context.maximum.confidence - context.card.confidence;
        let sentence = catalog.format(
            "feedback.hedges.many",
            &[("list", phrase_list(&tone.hedges))],
        );
        remarks.improvements.push(Remark::new(lost, sentence));
    } else if tone.tone == Tone::Confident {
        let sentence = catalog.format(
            "feedback.strength.confident",
            &[("phrases", quoted_phrases(&tone.assertive))],
        );
        remarks
            .strengths
            .push(Remark::new(context.card.confidence, sentence));
    }
}

/// Restarts, a phrase said over and over, and words that keep coming back.
fn repetition(context: &Context, remarks: &mut Remarks) {
    let delivery = context.delivery;
    let catalog = context.catalog;
    let lost = context.maximum.fluency - context.card.fluency;
    let repeated = &delivery.repetition;
    if repeated.stutter_count >= 2 {
        let arguments = [
            ("count", repeated.stutter_count.to_string()),
            ("list", phrase_list(&repeated.stutters)),
        ];
        let sentence = catalog.format("feedback.repetition.stutters", &arguments);
        remarks.improvements.push(Remark::new(lost, sentence));
    }
    if let Some(phrase) = repeated
        .repeated_phrases
        .first()
        .filter(|phrase| phrase.count >= REPEATS_NOTICED)
    {
        let arguments = [
            ("phrase", phrase.phrase.clone()),
            ("count", phrase.count.to_string()),
        ];
        let sentence = catalog.format("feedback.repetition.phrase", &arguments);
        remarks.improvements.push(Remark::new(lost, sentence));
    }
    let vocabulary = &delivery.vocabulary;
    let arguments = [
        ("unique", vocabulary.unique_words.to_string()),
        ("words", delivery.word_count.to_string()),
    ];
    match vocabulary.variety {
        Variety::Repetitive => {
            let sentence = catalog.format("feedback.vocabulary.repetitive", &arguments);
            remarks.improvements.push(Remark::new(lost, sentence));
        }
        // Variety is measured over 50-word windows; a shorter answer has no window to vary in.
        Variety::Varied if delivery.word_count as usize >= VOCABULARY_WINDOW => {
            let sentence = catalog.format("feedback.vocabulary.varied", &arguments);
            remarks
                .strengths
                .push(Remark::new(context.card.fluency, sentence));
        }
        Variety::Varied | Variety::Adequate | Variety::NotMeasured => {}
    }
}
