//! Job-related terms: which of the question's key points the answer reached, which of their
//! keywords it used, and which terms from a job description it mentioned.

use serde::Serialize;

use crate::question_bank::Question;
use crate::text::contains_phrase;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermReport {
    /// Key-point labels the answer reached through any of their keywords.
    pub key_points_covered: Vec<String>,
    pub key_points_missed: Vec<String>,
    /// The question's keywords heard in the answer, in the bank's order, each once.
    pub keywords_used: Vec<String>,
    /// Job-description terms heard in the answer.
    pub job_terms_used: Vec<String>,
}

pub fn terms(words: &[String], question: &Question, job_terms: &[String]) -> TermReport {
    let (key_points_covered, key_points_missed) = key_point_coverage(words, question);
    let mut keywords_used: Vec<String> = Vec::new();
    for keyword in question
        .key_points
        .iter()
        .flat_map(|key_point| &key_point.keywords)
    {
        if !keywords_used.contains(keyword) && contains_phrase(words, keyword) {
            keywords_used.push(keyword.clone());
        }
    }
    let job_terms_used = job_terms
        .iter()
        .filter(|term| contains_phrase(words, term))
        .cloned()
        .collect();
    TermReport {
        key_points_covered,
        key_points_missed,
        keywords_used,
        job_terms_used,
    }
}

/// Which of the question's key points the answer touches (any keyword present).
pub fn key_point_coverage(words: &[String], question: &Question) -> (Vec<String>, Vec<String>) {
    let mut covered = Vec::new();
    let mut missed = Vec::new();
    for key_point in &question.key_points {
        if key_point
            .keywords
            .iter()
            .any(|keyword| contains_phrase(words, keyword))
        {
            covered.push(key_point.label.clone());
        } else {
            missed.push(key_point.label.clone());
        }
    }
    (covered, missed)
}
