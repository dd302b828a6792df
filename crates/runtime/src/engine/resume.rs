//! Résumés and job descriptions: read on this computer (PDF, DOCX, text), redacted on this
//! computer, shown to the user, and only then, redacted, sent to write questions.

use aira_core::ports::{QuestionRequest, QuestionWriter};
use aira_core::prompt::WrittenQuestion;
use aira_core::{Redacted, redact};
use std::path::Path;

use aira_core::Question;
use aira_protocol::DocumentKind;

use super::{Engine, lock};
use crate::error::RuntimeError;

/// Pasted text is held to the same length as text read from a file.
const MOST_PASTED_CHARACTERS: usize = 100_000;

/// A document as read and redacted, for the user to check before anything is sent.
#[derive(Debug, Clone)]
pub struct ImportedDocument {
    /// "PDF", "DOCX" or "text": what the content turned out to be.
    pub format: String,
    pub pages: Option<u32>,
    /// Text was left out: the document was longer than Aira reads.
    pub truncated: bool,
    /// The text with personal data replaced by placeholders, and what was replaced.
    pub redacted: Redacted,
}

/// Résumé questions and exactly what was sent to write them.
#[derive(Debug, Clone)]
pub struct ResumeQuestions {
    pub questions: Vec<WrittenQuestion>,
    /// The résumé as sent: redacted on this computer first.
    pub sent_resume: String,
    pub sent_job_description: Option<String>,
}

impl Engine {
    /// Reads a résumé or job description and redacts it, all on this computer. Reading
    /// runs off the async threads, within the document reader's own limits and deadline.
    pub async fn import_document(&self, path: &Path) -> Result<ImportedDocument, RuntimeError> {
        let path = path.to_owned();
        let document =
            tokio::task::spawn_blocking(move || aira_documents::read_document(&path)).await??;
        Ok(ImportedDocument {
            format: document.format.to_string(),
            pages: document.pages,
            truncated: document.truncated,
            redacted: redact(&document.text),
        })
    }

    /// Pasted text, redacted like an imported file.
    pub fn paste_document(&self, text: &str) -> ImportedDocument {
        let kept: String = text.chars().take(MOST_PASTED_CHARACTERS).collect();
        ImportedDocument {
            format: "text".into(),
            pages: None,
            truncated: kept.len() < text.len(),
            redacted: redact(&kept),
        }
    }

    /// Keeps a document (replacing the last of its kind) for [`Engine::write_questions_about_kept`].
    pub fn keep_document(&self, kind: DocumentKind, document: ImportedDocument) {
        lock(&self.documents).insert(kind, document);
    }

    /// Questions about the kept résumé (and job description, if any), written by Bedrock
    /// from their redacted text; they can then be practised by id like bank questions.
    pub async fn write_questions_about_kept(
        &self,
        role: &str,
        level: &str,
        count: usize,
    ) -> Result<Vec<WrittenQuestion>, RuntimeError> {
        let (resume, job) = {
            let documents = lock(&self.documents);
            (
                documents
                    .get(&DocumentKind::Resume)
                    .map(|document| document.redacted.text.clone()),
                documents
                    .get(&DocumentKind::JobDescription)
                    .map(|document| document.redacted.text.clone()),
            )
        };
        let resume = resume.ok_or(RuntimeError::NoResume)?;
        let written = self
            .write_resume_questions(&resume, job.as_deref(), role, level, count)
            .await?;
        *lock(&self.written_questions) = written
            .questions
            .iter()
            .map(|written| written.question.clone())
            .collect();
        Ok(written.questions)
    }

    /// The kept résumé's redacted text: what was sent to write questions.
    pub fn kept_resume_text(&self) -> Option<String> {
        lock(&self.documents)
            .get(&DocumentKind::Resume)
            .map(|document| document.redacted.text.clone())
    }

    /// A question written about the résumé in this session.
    pub(super) fn written_question(&self, id: &str) -> Option<Question> {
        lock(&self.written_questions)
            .iter()
            .find(|question| question.id == id)
            .cloned()
    }

    /// Questions about the user's résumé, written by Bedrock. Both documents are redacted
    /// here first; only the redacted text leaves the computer, and it is returned so the
    /// user can see exactly what was sent.
    pub async fn write_resume_questions(
        &self,
        resume: &str,
        job_description: Option<&str>,
        role: &str,
        level: &str,
        count: usize,
    ) -> Result<ResumeQuestions, RuntimeError> {
        let sent_resume = redact(resume).text;
        let sent_job_description = job_description.map(|job| redact(job).text);
        let questions = self
            .bedrock
            .write_questions(QuestionRequest {
                resume: &sent_resume,
                job_description: sent_job_description.as_deref(),
                role,
                level,
                count: count.clamp(1, 20),
            })
            .await?;
        Ok(ResumeQuestions {
            questions,
            sent_resume,
            sent_job_description,
        })
    }
}
