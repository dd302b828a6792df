//! The built-in bank's content: large enough, every sensible role, type and level covered,
//! and every question complete enough for the offline coach to score.

use std::collections::HashSet;

use super::*;
use crate::text::normalized_words;

fn bank() -> QuestionBank {
    QuestionBank::builtin().unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn the_bank_has_at_least_150_questions_with_unique_ids() {
    let bank = bank();
    assert!(bank.questions().len() >= 150, "{}", bank.questions().len());
    let ids: HashSet<&str> = bank.questions().iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), bank.questions().len());
}

/// Campus placement is for freshers; HR questions are the same for every role, so they live
/// under "general" and "campus"; "general" has no technical questions.
#[test]
fn every_sensible_role_type_and_level_is_covered() {
    let bank = bank();
    let count = |role: &str, kind: &str, level: &str| {
        bank.questions()
            .iter()
            .filter(|q| q.role == role && q.kind == kind && q.level == level)
            .count()
    };
    for role in ["software", "data", "frontend", "backend", "product"] {
        for level in ["fresher", "experienced"] {
            assert!(
                count(role, "technical", level) >= 5,
                "{role} technical {level}"
            );
            assert!(
                count(role, "behavioral", level) >= 1,
                "{role} behavioral {level}"
            );
        }
    }
    for level in ["fresher", "experienced"] {
        assert!(count("general", "hr", level) >= 5, "general hr {level}");
        assert!(
            count("general", "behavioral", level) >= 5,
            "general behavioral {level}"
        );
    }
    for kind in ["technical", "hr", "behavioral"] {
        assert!(count("campus", kind, "fresher") >= 3, "campus {kind}");
    }
    let known_roles = [
        "general", "campus", "software", "data", "frontend", "backend", "product",
    ];
    for question in bank.questions() {
        assert!(
            known_roles.contains(&question.role.as_str()),
            "{}",
            question.id
        );
        assert!(["technical", "behavioral", "hr"].contains(&question.kind.as_str()));
        assert!(["fresher", "experienced"].contains(&question.level.as_str()));
    }
}

#[test]
fn every_question_can_be_scored_and_followed_up() {
    for question in bank().questions() {
        assert!(question.key_points.len() >= 2, "{}", question.id);
        for key_point in &question.key_points {
            assert!(!key_point.label.trim().is_empty(), "{}", question.id);
            assert!(
                !key_point.keywords.is_empty(),
                "{}: {}",
                question.id,
                key_point.label
            );
            for keyword in &key_point.keywords {
                assert!(
                    !normalized_words([keyword.as_str()]).is_empty(),
                    "{}: keyword {keyword:?} matches nothing",
                    question.id
                );
            }
        }
        assert!(question.follow_ups.len() >= 2, "{}", question.id);
        assert!(
            (50..=200).contains(&question.target_words),
            "{}",
            question.id
        );
        assert!(
            question.text.ends_with('?') || question.text.ends_with('.'),
            "{}",
            question.id
        );
    }
}

#[test]
fn a_bank_without_follow_ups_still_parses() {
    let old = r#"{"questions":[{"id":"a","role":"general","kind":"hr","level":"fresher","text":"Why?","target_words":50,"key_points":[{"label":"x","keywords":["x"]}]}]}"#;
    let bank = QuestionBank::from_json(old).unwrap_or_else(|error| panic!("{error}"));
    assert!(bank.questions()[0].follow_ups.is_empty());
}
