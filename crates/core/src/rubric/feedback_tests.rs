//! What the offline coach says: sentences that quote the answer's own specifics, the STAR
//! breakdown, the outline, the follow-up, and the same feedback every time.

use super::test_answers::{PAIRS, bank_question, coach, spoken};
use crate::i18n::Catalog;

fn pair(id: &str) -> &'static super::test_answers::Pair {
    PAIRS
        .iter()
        .find(|pair| pair.question == id)
        .unwrap_or_else(|| panic!("{id} has a pair"))
}

fn any_contains(sentences: &[String], needle: &str) -> bool {
    sentences.iter().any(|sentence| sentence.contains(needle))
}

#[test]
fn a_strong_technical_answer_is_praised_by_name_and_figure() {
    let question = bank_question("sw-rest-api");
    let (text, wpm) = pair("sw-rest-api").strong;
    let feedback = coach(&question, &spoken(text, wpm)).feedback;
    assert!(feedback.score >= 9, "{feedback:?}");
    assert!(
        feedback.points[0].starts_with("You covered every key point"),
        "{:?}",
        feedback.points
    );
    assert!(any_contains(&feedback.strengths, "statelessness"));
    assert!(
        any_contains(&feedback.strengths, "words per minute"),
        "{:?}",
        feedback.strengths
    );
    assert_eq!(feedback.engine, "local");
    assert_eq!(feedback.technical_accuracy, None);
    assert_eq!(feedback.star, None, "not a behavioral question");
    assert_eq!(feedback.better_answer, None, "nothing was missing");
    assert_eq!(
        feedback.follow_up.as_deref(),
        question.follow_ups.first().map(String::as_str)
    );
}

#[test]
fn a_weak_answer_hears_its_fillers_hedges_and_missed_points_quoted() {
    let question = bank_question("sw-rest-api");
    let (text, wpm) = pair("sw-rest-api").weak;
    let feedback = coach(&question, &spoken(text, wpm)).feedback;
    assert!(
        feedback.points[0].contains("statelessness"),
        "{:?}",
        feedback.points
    );
    assert!(
        any_contains(
            &feedback.improvements,
            "\u{201c}basically\u{201d} \u{00d7}2"
        ),
        "{:?}",
        feedback.improvements
    );
    assert!(
        any_contains(&feedback.improvements, "\u{201c}I think\u{201d}"),
        "{:?}",
        feedback.improvements
    );
    assert!(any_contains(
        &feedback.improvements,
        "words per minute, faster than the 130 to 175"
    ));
    let outline = feedback.better_answer.unwrap_or_default();
    assert!(
        outline.starts_with("An outline from the offline coach"),
        "{outline}"
    );
    assert!(outline.contains("cover statelessness"), "{outline}");
    assert!(outline.contains("about 90 words"), "{outline}");
}

#[test]
fn a_star_story_is_broken_down_in_the_answers_own_sentences() {
    let question = bank_question("beh-conflict");
    let (text, wpm) = pair("beh-conflict").strong;
    let feedback = coach(&question, &spoken(text, wpm)).feedback;
    let star = feedback.star.unwrap_or_default();
    assert_eq!(
        star.situation.as_deref(),
        Some(
            "During my internship at Razorpay last year, my teammate and I disagreed about \
             whether to retry failed payment webhooks immediately or with backoff."
        )
    );
    assert_eq!(
        star.task.as_deref(),
        Some("My task was to make the webhook service reliable before the Diwali sale.")
    );
    // The disagreement is the situation; the action is the first thing done about it, in a
    // sentence of its own.
    assert_eq!(
        star.action.as_deref(),
        Some(
            "I pulled the logs from the previous month and showed that immediate retries were \
             hitting merchants who were already down."
        )
    );
    assert!(
        star.result
            .as_deref()
            .is_some_and(|result| result.contains("38 percent")),
        "{:?}",
        star.result
    );
    assert!(
        any_contains(&feedback.strengths, "38 percent"),
        "{:?}",
        feedback.strengths
    );
    assert!(any_contains(
        &feedback.strengths,
        "situation, task, action, result"
    ));
}

#[test]
fn each_part_of_a_strong_story_is_quoted_from_its_own_sentence() {
    let question = bank_question("beh-deadline");
    let (text, wpm) = pair("beh-deadline").strong;
    let star = coach(&question, &spoken(text, wpm))
        .feedback
        .star
        .unwrap_or_default();
    assert_eq!(
        star.action.as_deref(),
        Some(
            "I split the remaining work into a list of tasks, prioritized the model accuracy \
             fixes and the demo over extra screens, and set up a short call every evening."
        )
    );
    for pair in PAIRS {
        let question = bank_question(pair.question);
        let Some(star) = coach(&question, &spoken(pair.strong.0, pair.strong.1))
            .feedback
            .star
        else {
            continue;
        };
        let quotes = [&star.situation, &star.task, &star.action, &star.result];
        for (index, quote) in quotes.iter().enumerate() {
            assert!(quote.is_some(), "{}: {star:?}", pair.question);
            assert!(
                !quotes[index + 1..].contains(quote),
                "{}: one sentence quoted twice: {star:?}",
                pair.question
            );
        }
    }
}

#[test]
fn a_weak_story_names_the_parts_not_heard_and_the_repetition() {
    let question = bank_question("beh-conflict");
    let (text, wpm) = pair("beh-conflict").weak;
    let feedback = coach(&question, &spoken(text, wpm)).feedback;
    let star = feedback.star.clone().unwrap_or_default();
    assert_eq!(star.result, None);
    assert!(
        any_contains(&feedback.improvements, "result of your story"),
        "{:?}",
        feedback.improvements
    );
    assert!(
        any_contains(&feedback.improvements, "\u{201c}matlab\u{201d} \u{00d7}1"),
        "{:?}",
        feedback.improvements
    );
    assert!(
        any_contains(&feedback.improvements, "\u{201c}i just i just\u{201d}")
            || any_contains(&feedback.improvements, "\u{201c}I just I just\u{201d}"),
        "{:?}",
        feedback.improvements
    );
    let outline = feedback.better_answer.unwrap_or_default();
    assert!(
        outline.contains("end with the result, with a number"),
        "{outline}"
    );
    assert!(!outline.contains("put a number"), "said once: {outline}");
    // The follow-up asks about what the answer left out, when one does.
    assert!(feedback.follow_up.is_some());
}

#[test]
fn a_result_without_a_number_is_quoted_and_asked_for_one() {
    let question = bank_question("beh-deadline");
    let text = "In my final year our team had four days to submit the project. My role was to \
        plan the work, so I split it into a list and we met every evening. In the end we \
        submitted it on time and the panel liked the demo.";
    let feedback = coach(&question, &spoken(text, 150)).feedback;
    assert!(
        any_contains(
            &feedback.improvements,
            "\u{201c}In the end we submitted it on time and the panel liked the demo\u{201d}"
        ),
        "{:?}",
        feedback.improvements
    );
}

#[test]
fn a_repeated_phrase_is_quoted_with_its_count() {
    let question = bank_question("hr-strengths");
    let text = "My strength is problem solving. In my project I solved the login bug, and in my \
        project I also helped the team. In my project we delivered on time. So problem solving \
        is my strength, and in my project it helped a lot.";
    let feedback = coach(&question, &spoken(text, 150)).feedback;
    assert!(
        any_contains(
            &feedback.improvements,
            "\u{201c}in my project\u{201d} 4 times"
        ),
        "{:?}",
        feedback.improvements
    );
}

#[test]
fn the_same_answer_always_gets_the_same_feedback() {
    for pair in PAIRS {
        let question = bank_question(pair.question);
        let transcript = spoken(pair.weak.0, pair.weak.1);
        assert_eq!(
            coach(&question, &transcript).feedback,
            coach(&question, &transcript).feedback
        );
    }
}

#[test]
fn every_feedback_key_the_rubric_uses_is_in_the_english_catalog() {
    let sources = [
        include_str!("../rubric.rs"),
        include_str!("content.rs"),
        include_str!("delivery_remarks.rs"),
    ];
    let key =
        regex::Regex::new(r#""(feedback\.[a-z_.]+)""#).unwrap_or_else(|error| panic!("{error}"));
    let catalog = Catalog::english();
    let mut checked = 0;
    for source in sources {
        for found in key.captures_iter(source) {
            let key = &found[1];
            assert_ne!(catalog.get(key), key, "locales/en.json lacks {key}");
            checked += 1;
        }
    }
    assert!(checked > 30, "{checked}");
}
