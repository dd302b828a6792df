//! Résumés and job descriptions: read on this computer (PDF, DOCX, text), redacted on this
//! computer, shown to the user, and only then, redacted, sent to write questions.

use aira_core::ports::{QuestionRequest, QuestionWriter};
use aira_core::prompt::WrittenQuestion;
use aira_core::{Redacted, redact};
use std::path::Path;

use super::Engine;
use crate::error::RuntimeError;

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
