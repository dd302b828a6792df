//! Which question comes: one asked for by id (the bank's, or one written about the résumé),
//! or the next at random among those of the role, kind and level the user chose.

use std::sync::PoisonError;

use aira_core::Question;

use super::Engine;
use crate::error::RuntimeError;

impl Engine {
    pub fn questions(&self) -> &[Question] {
        self.bank.questions()
    }

    /// A bank question, or one written about the résumé this session.
    pub fn question(&self, id: &str) -> Result<Question, RuntimeError> {
        self.bank
            .get(id)
            .cloned()
            .or_else(|| self.written_question(id))
            .ok_or_else(|| RuntimeError::UnknownQuestion(id.to_owned()))
    }

    /// A random question of the role, kind and level the user chose (any, when none
    /// matches), never the one asked just before.
    pub fn next_question(&self) -> Question {
        let preferences = self.preferences();
        let filter = aira_core::question_bank::QuestionFilter {
            role: preferences.practice_role,
            kind: preferences.practice_kind,
            level: preferences.practice_level,
        };
        let matching: Vec<&Question> = self.bank.matching(&filter).collect();
        let mut last = self
            .last_question
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let seed = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| elapsed.as_nanos() as u64 / 1000);
        let pick = |seed: u64| match matching.len() {
            0 => self.bank.pick(seed),
            count => matching[(seed % count as u64) as usize],
        };
        let mut question = pick(seed);
        if last.as_deref() == Some(question.id.as_str()) {
            question = pick(seed + 1);
        }
        *last = Some(question.id.clone());
        question.clone()
    }
}
