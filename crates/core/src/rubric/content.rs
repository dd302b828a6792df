//! What the answer said: the question's key points, the parts of a STAR story, and from
//! their gaps the outline of a stronger answer and the follow-up question worth practising.

use aira_protocol::StarBreakdown;

use super::quotes::inline;
use super::{Context, Remark, Remarks};
use crate::text::{contains_phrase, normalized_words};

/// The STAR parts in order, with the keys that name them inside a sentence and the keys of
/// the outline step that fills each gap.
const STAR_PARTS: [(&str, &str); 4] = [
    ("feedback.star.situation", "feedback.outline.situation"),
    ("feedback.star.task", "feedback.outline.task"),
    ("feedback.star.action", "feedback.outline.action"),
    ("feedback.star.result", "feedback.outline.result"),
];

/// The key-point sentences; returns the one that opens the spoken feedback (or, when nothing
/// was said, the sentence that says so).
pub(super) fn key_point_remarks(context: &Context, remarks: &mut Remarks) -> Option<String> {
    let catalog = context.catalog;
    let terms = &context.delivery.terms;
    let covered = terms.key_points_covered.join(", ");
    let missed = terms.key_points_missed.join(", ");
    let total = terms.key_points_covered.len() + terms.key_points_missed.len();
    let earned = context.card.content;
    let lost = context.maximum.content - earned;
    let key_point_sentence = match (terms.key_points_covered.len(), total) {
        (_, 0) => None,
        (0, _) => {
            let sentence = catalog.format("feedback.key_points.none", &[("missed", missed)]);
            remarks
                .improvements
                .push(Remark::new(lost, sentence.clone()));
            Some(sentence)
        }
        (count, total) if count == total => {
            let sentence = catalog.format("feedback.key_points.all", &[("covered", covered)]);
            remarks
                .strengths
                .push(Remark::new(earned, sentence.clone()));
            Some(sentence)
        }
        (count, total) => {
            let arguments = [
                ("count", count.to_string()),
                ("total", total.to_string()),
                ("covered", covered.clone()),
                ("missed", missed),
            ];
            let sentence = catalog.format("feedback.key_points.some", &arguments);
            remarks
                .improvements
                .push(Remark::new(lost, sentence.clone()));
            let strength = catalog.format("feedback.strength.key_points", &[("covered", covered)]);
            remarks
                .strengths
                .push(Remark::written_only(earned, strength));
            Some(sentence)
        }
    };
    if context.delivery.word_count == 0 {
        return Some(catalog.get("feedback.empty"));
    }
    key_point_sentence
}

/// Which parts of a behavioral story were heard, quoting the result's number when there was
/// one. Cues are evidence, not proof, so a missing part is "not heard", never "not there".
pub(super) fn star_remarks(context: &Context, remarks: &mut Remarks) {
    let Some(star) = &context.delivery.star else {
        return;
    };
    if context.delivery.word_count == 0 {
        return;
    }
    let catalog = context.catalog;
    let found = [&star.situation, &star.task, &star.action, &star.result];
    let part_names = |want_found: bool| -> Vec<String> {
        found
            .iter()
            .zip(STAR_PARTS)
            .filter(|(cue, _)| cue.is_some() == want_found)
            .map(|(_, (name_key, _))| catalog.get(name_key))
            .collect()
    };
    let structure_lost = context.maximum.structure - context.card.structure;
    let missing = part_names(false);
    if missing.is_empty() {
        let sentence = catalog.format(
            "feedback.strength.star",
            &[("parts", part_names(true).join(", "))],
        );
        remarks
            .strengths
            .push(Remark::new(context.card.structure, sentence));
    } else {
        let sentence = catalog.format("feedback.star.missing", &[("parts", missing.join(", "))]);
        remarks
            .improvements
            .push(Remark::new(structure_lost, sentence));
    }
    let Some(result_cue) = &star.result else {
        return;
    };
    let result_start = star.starts[3];
    let number = star
        .quantified_result
        .then(|| {
            context
                .spoken
                .clause_with_quantity_after(result_cue, result_start)
        })
        .flatten();
    match number {
        Some(number) => {
            let sentence = catalog.format("feedback.strength.quantified", &[("number", number)]);
            remarks
                .strengths
                .push(Remark::new(context.maximum.structure * 0.2, sentence));
        }
        None => {
            let quote = context
                .spoken
                .sentence_with(result_cue, result_start)
                .unwrap_or_else(|| result_cue.clone());
            let sentence = catalog.format(
                "feedback.star.unquantified",
                &[("quote", inline(&quote).to_owned())],
            );
            remarks
                .improvements
                .push(Remark::new(context.maximum.structure * 0.2, sentence));
        }
    }
}

/// Each STAR part as the answer told it: the sentence its cue opened, `None` where no cue
/// was heard. Only for behavioral questions.
pub(super) fn star_breakdown(context: &Context) -> Option<StarBreakdown> {
    let star = context.delivery.star.as_ref()?;
    let quote = |cue: &Option<String>, start: Option<usize>| {
        cue.as_ref().map(|cue| {
            context
                .spoken
                .sentence_with(cue, start)
                .unwrap_or_else(|| cue.clone())
        })
    };
    let [situation, task, action, result] = star.starts;
    Some(StarBreakdown {
        situation: quote(&star.situation, situation),
        task: quote(&star.task, task),
        action: quote(&star.action, action),
        result: quote(&star.result, result),
    })
}

/// An honest outline of a stronger answer, built only from what this one lacked: the
/// missed key points, the STAR parts not heard, the length. `None` when nothing was missing.
pub(super) fn outline(context: &Context) -> Option<String> {
    let catalog = context.catalog;
    let delivery = context.delivery;
    let mut steps: Vec<String> = delivery
        .terms
        .key_points_missed
        .iter()
        .map(|label| catalog.format("feedback.outline.key_point", &[("label", label.clone())]))
        .collect();
    if let Some(star) = &delivery.star {
        let found = [&star.situation, &star.task, &star.action, &star.result];
        for (cue, (_, step_key)) in found.iter().zip(STAR_PARTS) {
            if cue.is_none() {
                steps.push(catalog.get(step_key));
            }
        }
        // A missing result's step already asks for a number.
        if star.result.is_some() && !star.quantified_result {
            steps.push(catalog.get("feedback.outline.quantify"));
        }
    }
    let target = [("target", delivery.target_words.to_string())];
    if delivery.length_ratio < 0.8 {
        steps.push(catalog.format("feedback.outline.longer", &target));
    } else if delivery.length_ratio > 1.5 {
        steps.push(catalog.format("feedback.outline.shorter", &target));
    }
    (!steps.is_empty())
        .then(|| catalog.format("feedback.outline.intro", &[("steps", steps.join("; "))]))
}

/// The question's first follow-up that asks about a key point the answer missed (practising
/// it fills the gap), else its first follow-up.
pub(super) fn follow_up(context: &Context) -> Option<String> {
    let question = context.question;
    let missed_keywords: Vec<&String> = question
        .key_points
        .iter()
        .filter(|key_point| {
            context
                .delivery
                .terms
                .key_points_missed
                .contains(&key_point.label)
        })
        .flat_map(|key_point| &key_point.keywords)
        .collect();
    question
        .follow_ups
        .iter()
        .find(|follow_up| {
            let words = normalized_words([follow_up.as_str()]);
            missed_keywords
                .iter()
                .any(|keyword| contains_phrase(&words, keyword))
        })
        .or_else(|| question.follow_ups.first())
        .cloned()
}
