//! Answers at the edges: nothing, one word, an hour, Hindi in Devanagari and Hinglish. Each
//! must give sensible feedback, never a panic, a NaN or an infinity.

use std::time::{Duration, Instant};

use aira_protocol::Feedback;

use super::test_answers::{Answered, PAIRS, bank_question, coach, spoken};
use crate::analytics::DeliveryReport;
use crate::i18n::Catalog;
use crate::transcript::Transcript;

/// Every figure the report holds, and every sentence, free of NaN and infinity.
fn assert_sane(answered: &Answered) {
    let delivery: &DeliveryReport = &answered.delivery;
    let figures = [
        delivery.speaking_seconds,
        delivery.words_per_minute,
        delivery.fillers_per_hundred_words,
        delivery.long_pause_total_seconds,
        delivery.longest_pause_seconds,
        delivery.length_ratio,
        delivery.tone.hedges_per_hundred_words,
        delivery.repetition.repeated_share,
        delivery.vocabulary.moving_type_token_ratio,
    ];
    assert!(
        figures.iter().all(|figure| figure.is_finite()),
        "{delivery:?}"
    );
    assert!(super::scorecard(delivery).total().is_finite());
    let feedback: &Feedback = &answered.feedback;
    assert!((1..=10).contains(&feedback.score), "{feedback:?}");
    assert!((1..=3).contains(&feedback.points.len()), "{feedback:?}");
    let text = serde_json::to_string(feedback).unwrap_or_else(|error| panic!("{error}"));
    let words: Vec<&str> = text
        .split(|character: char| !character.is_alphanumeric())
        .collect();
    for bad in ["NaN", "inf"] {
        assert!(!words.contains(&bad), "{bad} in {text}");
    }
    assert!(
        !text.contains("feedback."),
        "a key without a phrase: {text}"
    );
}

#[test]
fn nothing_said_scores_one_and_says_nothing_was_heard() {
    let question = bank_question("beh-conflict");
    let answered = coach(&question, &Transcript::from_words(Vec::new(), 4_000));
    assert_sane(&answered);
    let feedback = answered.feedback;
    assert_eq!(feedback.score, 1);
    assert_eq!(feedback.points[0], Catalog::english().get("feedback.empty"));
    assert!(feedback.points[0].contains("Nothing was heard"));
    assert!(feedback.strengths.is_empty(), "{:?}", feedback.strengths);
    let star = feedback.star.unwrap_or_default();
    assert_eq!((star.situation, star.result), (None, None));
    let outline = feedback.better_answer.unwrap_or_default();
    assert!(
        outline.contains("cover the disagreement itself"),
        "{outline}"
    );
}

#[test]
fn a_one_word_answer_is_quoted_and_scores_low() {
    let question = bank_question("sw-rest-api");
    let answered = coach(&question, &spoken("Stateless.", 150));
    assert_sane(&answered);
    let feedback = &answered.feedback;
    assert!(feedback.score <= 2, "{feedback:?}");
    assert!(
        feedback
            .improvements
            .iter()
            .any(|sentence| sentence.contains("one-word answer (\u{201c}Stateless\u{201d})")),
        "{:?}",
        feedback.improvements
    );
}

#[test]
fn an_hour_long_answer_is_coached_quickly_and_told_to_be_shorter() {
    let question = bank_question("beh-conflict");
    let passage = format!("{} {} ", PAIRS[6].strong.0, PAIRS[6].weak.0);
    let per_passage = passage.split_whitespace().count();
    let text = passage.repeat(9_000 / per_passage + 1);
    let transcript = spoken(&text, 150);
    assert!(transcript.words.len() >= 9_000);
    let started = Instant::now();
    let answered = coach(&question, &transcript);
    let elapsed = started.elapsed();
    assert_sane(&answered);
    // Linear work is milliseconds even unoptimised; anything quadratic would take seconds.
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    let feedback = &answered.feedback;
    println!("hour-long: score {}, {:?}", feedback.score, feedback.points);
    assert!(answered.delivery.speaking_seconds > 3_000.0);
    assert!((100.0..=200.0).contains(&answered.delivery.words_per_minute));
    assert!(feedback.score <= 6, "{feedback:?}");
    assert!(
        feedback
            .improvements
            .iter()
            .any(|sentence| sentence.contains("runs long; about 100 is enough")),
        "{:?}",
        feedback.improvements
    );
    let star = feedback.star.clone().unwrap_or_default();
    assert!(
        star.situation
            .is_some_and(|quote| quote.split_whitespace().count() <= 30),
        "a quote stays a sentence, not the hour"
    );
}

#[test]
fn a_hindi_answer_in_devanagari_is_coached_without_nan_and_told_why() {
    let question = bank_question("hr-tell-me-about-yourself");
    let answer = "मेरा नाम अंकित है। मैंने पुणे से कंप्यूटर साइंस में बी टेक किया है। मेरे \
        फाइनल ईयर प्रोजेक्ट में मैंने किसानों के लिए एक चैटबॉट बनाया था, जो हिंदी में सवालों के \
        जवाब देता है। मतलब, मुझे इस कंपनी में काम करने का बहुत शौक है क्योंकि यहाँ सीखने का मौका \
        मिलेगा।";
    let answered = coach(&question, &spoken(answer, 140));
    assert_sane(&answered);
    let feedback = &answered.feedback;
    println!("Hindi: score {}, {:?}", feedback.score, feedback.points);
    assert!(
        feedback
            .points
            .iter()
            .any(|point| point.contains("not in English letters")),
        "{:?}",
        feedback.points
    );
    assert!(feedback.follow_up.is_some());
}

#[test]
fn a_hinglish_answer_gets_its_fillers_quoted_and_its_points_credited() {
    let question = bank_question("hr-tell-me-about-yourself");
    let answer = "Matlab, myself Ankit, maine Pune se computer engineering kiya hai. Final year \
        project mein maine ek chatbot banaya tha, basically farmers ke liye, jo Hindi mein jawab \
        deta hai. Acha, mera goal hai ki backend developer ka role mile, kyunki mujhe naye \
        systems seekhna bahut pasand hai, matlab yahan growth ka opportunity hai.";
    let answered = coach(&question, &spoken(answer, 150));
    assert_sane(&answered);
    let feedback = &answered.feedback;
    println!("Hinglish: score {}, {:?}", feedback.score, feedback.points);
    assert_eq!(answered.delivery.terms.key_points_missed.len(), 0);
    assert!(
        feedback
            .improvements
            .iter()
            .any(|sentence| sentence.contains("\u{201c}matlab\u{201d} \u{00d7}2")),
        "{:?}",
        feedback.improvements
    );
    assert!(
        !feedback
            .improvements
            .iter()
            .any(|sentence| sentence.contains("not in English letters")),
        "Hinglish is written in Latin letters"
    );
}

#[test]
fn a_typed_question_without_key_points_is_judged_on_completeness() {
    let question = crate::question_bank::Question::custom("Why do you want to work in Pune?");
    let answered = coach(
        &question,
        &spoken(
            "Pune has a strong product engineering scene, my family lives nearby, and the \
             companies here build the kind of payment software I want to work on for the next \
             few years, so I can grow with a team that ships to real customers every week.",
            150,
        ),
    );
    assert_sane(&answered);
    assert!(answered.feedback.score >= 6, "{:?}", answered.feedback);
    assert_eq!(
        answered.feedback.follow_up, None,
        "a typed question has none"
    );
}
