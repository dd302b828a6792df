//! The built-in question bank (`assets/questions.json`), embedded at compile time.

mod picker;

#[cfg(test)]
mod bank_tests;

use aira_protocol::PracticeQuestion;
use serde::Deserialize;

pub use picker::{QuestionFilter, QuestionPicker};

const BUILTIN_BANK: &str = include_str!("../../../assets/questions.json");

/// Something a good answer mentions, recognised by any of its keywords.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct KeyPoint {
    pub label: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub role: String,
    pub kind: String,
    pub level: String,
    /// The length of a complete answer, in words.
    pub target_words: u32,
    pub key_points: Vec<KeyPoint>,
    /// What an interviewer might ask next; older banks have none.
    #[serde(default)]
    pub follow_ups: Vec<String>,
}

impl Question {
    /// A question the user typed: no key points, so the rubric judges delivery and length.
    pub fn custom(text: &str) -> Self {
        Self {
            id: "custom".into(),
            text: text.trim().to_owned(),
            role: "general".into(),
            kind: "custom".into(),
            level: "any".into(),
            target_words: 80,
            key_points: Vec::new(),
            follow_ups: Vec::new(),
        }
    }

    /// A short prompt for the transcriber: the question itself, then for technical
    /// questions their key terms, so words like "mutex" or "polymorphism" are spelled
    /// right. Kept short: long prompts make Whisper worse, not better.
    pub fn transcription_prompt(&self) -> String {
        const MOST_TERMS: usize = 12;
        let mut prompt = self.text.clone();
        if self.kind == "technical" {
            let terms: Vec<&str> = self
                .key_points
                .iter()
                .flat_map(|key_point| key_point.keywords.iter())
                .map(String::as_str)
                .filter(|term| term.len() > 3)
                .take(MOST_TERMS)
                .collect();
            if !terms.is_empty() {
                prompt.push(' ');
                prompt.push_str(&terms.join(", "));
                prompt.push('.');
            }
        }
        prompt
    }

    pub fn to_practice_question(&self) -> PracticeQuestion {
        PracticeQuestion {
            id: self.id.clone(),
            text: self.text.clone(),
            role: self.role.clone(),
            kind: self.kind.clone(),
            level: self.level.clone(),
            key_points: self
                .key_points
                .iter()
                .map(|key_point| key_point.label.clone())
                .collect(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum QuestionBankError {
    #[error("the question bank is not valid JSON: {0}")]
    Malformed(#[from] serde_json::Error),
    #[error("the question bank is invalid: {0}")]
    Invalid(String),
}

#[derive(Debug, Clone, Deserialize)]
pub struct QuestionBank {
    questions: Vec<Question>,
}

impl QuestionBank {
    pub fn builtin() -> Result<Self, QuestionBankError> {
        Self::from_json(BUILTIN_BANK)
    }

    pub fn from_json(json: &str) -> Result<Self, QuestionBankError> {
        let bank: QuestionBank = serde_json::from_str(json)?;
        bank.validate()?;
        Ok(bank)
    }

    fn validate(&self) -> Result<(), QuestionBankError> {
        let mut ids = std::collections::HashSet::new();
        for question in &self.questions {
            if !ids.insert(question.id.as_str()) {
                return Err(QuestionBankError::Invalid(format!(
                    "duplicate id {}",
                    question.id
                )));
            }
            if question.text.trim().is_empty()
                || question.key_points.is_empty()
                || question.target_words == 0
            {
                return Err(QuestionBankError::Invalid(format!(
                    "{} needs text, key points and a target length",
                    question.id
                )));
            }
        }
        if self.questions.is_empty() {
            return Err(QuestionBankError::Invalid("no questions".into()));
        }
        Ok(())
    }

    pub fn questions(&self) -> &[Question] {
        &self.questions
    }

    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|question| question.id == id)
    }

    /// The questions a filter lets through, in the bank's order.
    pub fn matching<'bank>(
        &'bank self,
        filter: &'bank QuestionFilter,
    ) -> impl Iterator<Item = &'bank Question> + 'bank {
        self.questions
            .iter()
            .filter(move |question| filter.matches(question))
    }

    /// The question at `seed` modulo the bank size; callers pass a random or rotating seed.
    pub fn pick(&self, seed: u64) -> &Question {
        &self.questions[(seed % self.questions.len() as u64) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_bank_is_valid_and_large_enough() {
        let bank = QuestionBank::builtin().unwrap_or_else(|error| panic!("{error}"));
        assert!(bank.questions().len() >= 12);
        assert!(
            bank.questions()
                .iter()
                .all(|question| question.key_points.len() >= 3)
        );
        assert!(bank.get("sw-rest-api").is_some());
        assert_eq!(
            bank.pick(bank.questions().len() as u64 + 1).id,
            bank.questions()[1].id
        );
    }

    #[test]
    fn duplicates_and_empty_banks_are_rejected() {
        let question = r#"{"id":"a","role":"r","kind":"k","level":"l","text":"t","target_words":5,"key_points":[{"label":"x","keywords":["x"]}]}"#;
        assert!(
            QuestionBank::from_json(&format!(r#"{{"questions":[{question},{question}]}}"#))
                .is_err()
        );
        assert!(QuestionBank::from_json(r#"{"questions":[]}"#).is_err());
        assert!(QuestionBank::from_json("not json").is_err());
    }
}
