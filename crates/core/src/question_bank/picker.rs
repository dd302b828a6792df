//! Choosing questions for one practice session: by role, type and level, never the same
//! question twice, in an order that a seed makes repeatable (so tests and a resumed session
//! see the same sequence).

use std::collections::HashSet;

use super::{Question, QuestionBank};

/// Which questions to ask. `None` lets every value through. A role also lets through the
/// "general" questions, which suit every role ("Tell me about yourself").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionFilter {
    pub role: Option<String>,
    /// "technical", "behavioral" or "hr" (the bank's `kind`).
    pub kind: Option<String>,
    /// "fresher" or "experienced".
    pub level: Option<String>,
}

impl QuestionFilter {
    pub fn matches(&self, question: &Question) -> bool {
        let role_matches = self
            .role
            .as_deref()
            .is_none_or(|role| question.role == role || question.role == "general");
        let kind_matches = self
            .kind
            .as_deref()
            .is_none_or(|kind| question.kind == kind);
        let level_matches = self
            .level
            .as_deref()
            .is_none_or(|level| question.level == level);
        role_matches && kind_matches && level_matches
    }
}

/// One session's choices: what was asked, and a small seeded generator for what comes next.
#[derive(Debug, Clone)]
pub struct QuestionPicker {
    asked: HashSet<String>,
    state: u64,
}

impl QuestionPicker {
    pub fn new(seed: u64) -> Self {
        Self {
            asked: HashSet::new(),
            state: seed,
        }
    }

    /// The next question the filter allows and this session has not asked yet; `None` once
    /// every such question has been asked.
    pub fn next<'bank>(
        &mut self,
        bank: &'bank QuestionBank,
        filter: &QuestionFilter,
    ) -> Option<&'bank Question> {
        let fresh: Vec<&Question> = bank
            .questions()
            .iter()
            .filter(|question| filter.matches(question) && !self.asked.contains(&question.id))
            .collect();
        if fresh.is_empty() {
            return None;
        }
        let chosen = fresh[(self.next_random() % fresh.len() as u64) as usize];
        self.asked.insert(chosen.id.clone());
        Some(chosen)
    }

    /// Marks a question as asked, for a session restored from history.
    pub fn mark_asked(&mut self, id: &str) {
        self.asked.insert(id.to_owned());
    }

    pub fn asked_count(&self) -> usize {
        self.asked.len()
    }

    /// SplitMix64: tiny, fast and well spread, which is all choosing a question needs; it
    /// spares aira-core a dependency on `rand`.
    fn next_random(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut mixed = self.state;
        mixed = (mixed ^ (mixed >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        mixed = (mixed ^ (mixed >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        mixed ^ (mixed >> 31)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> QuestionBank {
        QuestionBank::builtin().unwrap_or_else(|error| panic!("{error}"))
    }

    fn filter(role: &str, kind: &str, level: &str) -> QuestionFilter {
        QuestionFilter {
            role: Some(role.into()),
            kind: Some(kind.into()),
            level: Some(level.into()),
        }
    }

    #[test]
    fn a_session_never_repeats_and_ends_when_the_filter_is_used_up() {
        let bank = bank();
        let wanted = filter("data", "technical", "fresher");
        let available = bank.matching(&wanted).count();
        let mut picker = QuestionPicker::new(7);
        let mut seen = HashSet::new();
        while let Some(question) = picker.next(&bank, &wanted) {
            assert!(wanted.matches(question));
            assert!(seen.insert(question.id.clone()), "{} twice", question.id);
        }
        assert_eq!(seen.len(), available);
        assert_eq!(picker.asked_count(), available);
    }

    #[test]
    fn the_same_seed_gives_the_same_order_and_another_seed_another() {
        let bank = bank();
        let everything = QuestionFilter::default();
        let order = |seed| {
            let mut picker = QuestionPicker::new(seed);
            (0..10)
                .filter_map(|_| picker.next(&bank, &everything).map(|q| q.id.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(order(42), order(42));
        assert_ne!(order(42), order(43));
    }

    #[test]
    fn a_role_includes_general_questions_and_marked_ones_are_skipped() {
        let bank = bank();
        let hr = filter("software", "hr", "fresher");
        assert!(
            bank.matching(&hr)
                .any(|question| question.role == "general")
        );
        assert!(bank.matching(&hr).all(|question| question.role != "data"));
        let mut picker = QuestionPicker::new(1);
        for question in bank.matching(&hr) {
            picker.mark_asked(&question.id);
        }
        assert!(picker.next(&bank, &hr).is_none());
        assert!(
            QuestionPicker::new(1)
                .next(&bank, &filter("nobody", "technical", "fresher"))
                .is_none()
        );
    }
}
