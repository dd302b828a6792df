//! The rubric's promise: a strong answer scores above a weak answer to the same question,
//! and saying the right things matters more than saying anything fluently.
//!
//! `cargo test -p aira-core rubric::ordering_tests -- --nocapture` prints every score.

use super::scorecard;
use super::test_answers::{PAIRS, bank_question, coach, halting, spoken};

#[test]
fn strong_answers_score_above_weak_ones_to_the_same_question() {
    let mut kinds = std::collections::BTreeSet::new();
    for pair in PAIRS {
        let question = bank_question(pair.question);
        kinds.insert(question.kind.clone());
        let strong = coach(&question, &spoken(pair.strong.0, pair.strong.1));
        let weak = coach(&question, &spoken(pair.weak.0, pair.weak.1));
        println!(
            "{:<26} {:<10} strong {:>2} ({:.2})  weak {:>2} ({:.2})",
            pair.question,
            question.kind,
            strong.feedback.score,
            scorecard(&strong.delivery).total(),
            weak.feedback.score,
            scorecard(&weak.delivery).total(),
        );
        assert!(
            strong.feedback.score > weak.feedback.score,
            "{}: strong {:?}\nweak {:?}",
            pair.question,
            strong.feedback,
            weak.feedback
        );
        assert!(
            strong.feedback.score >= 8,
            "{}: {:?}",
            pair.question,
            strong.feedback
        );
        assert!(
            weak.feedback.score <= 5,
            "{}: {:?}",
            pair.question,
            weak.feedback
        );
        for feedback in [&strong.feedback, &weak.feedback] {
            assert!(
                (2..=3).contains(&feedback.points.len()),
                "{}: {:?}",
                pair.question,
                feedback.points
            );
        }
    }
    assert!(PAIRS.len() >= 10);
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        vec!["behavioral", "hr", "technical"]
    );
}

#[test]
fn a_fluent_answer_off_the_question_scores_below_a_halting_one_on_it() {
    let question = bank_question("sw-rest-api");
    let fluent_off_topic = coach(
        &question,
        &spoken(
            "I have always been passionate about technology since childhood, and I believe \
             that continuous learning is the key to success in this industry. I worked hard in \
             college, took part in many cultural and technical events, and learned to manage \
             my time well. I am a quick learner and a team player, and I am confident that I \
             can add value to your esteemed organisation from day one.",
            150,
        ),
    );
    let halting_on_topic = coach(
        &question,
        &halting(
            "So, a REST API, um, gives each resource a URL. And, uh, you use HTTP methods, \
             like GET to read and POST to create. Um, it is stateless, so the server does not \
             keep a session. And it returns, uh, JSON with a status code.",
            105,
            12,
        ),
    );
    println!(
        "off topic, fluent: {}; on topic, halting: {}",
        fluent_off_topic.feedback.score, halting_on_topic.feedback.score
    );
    assert_eq!(fluent_off_topic.delivery.terms.key_points_covered.len(), 0);
    assert!(halting_on_topic.delivery.long_pause_count >= 3);
    assert!(fluent_off_topic.feedback.score <= 3);
    assert!(
        halting_on_topic.feedback.score > fluent_off_topic.feedback.score,
        "{:?}\n{:?}",
        halting_on_topic.feedback,
        fluent_off_topic.feedback
    );
}

#[test]
fn every_part_of_the_scorecard_stays_within_its_maximum() {
    for pair in PAIRS {
        let question = bank_question(pair.question);
        for (text, wpm) in [pair.strong, pair.weak] {
            let answered = coach(&question, &spoken(text, wpm));
            let card = scorecard(&answered.delivery);
            let maximum = super::Scorecard::maximum(&answered.delivery);
            let parts = [
                (card.content, maximum.content),
                (card.structure, maximum.structure),
                (card.length, maximum.length),
                (card.pace, maximum.pace),
                (card.fillers, maximum.fillers),
                (card.pauses, maximum.pauses),
                (card.confidence, maximum.confidence),
                (card.fluency, maximum.fluency),
            ];
            for (earned, most) in parts {
                assert!(
                    earned.is_finite() && (0.0..=most + 1e-4).contains(&earned),
                    "{}: {card:?}",
                    pair.question
                );
            }
            assert!((maximum.total() - 10.0).abs() < 1e-4);
        }
    }
}
