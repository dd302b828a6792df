//! Résumé and job description: read and redacted on this computer, shown to the user, and
//! only then (redacted) sent to write questions about them.

use serde::{Deserialize, Serialize};

use crate::PracticeQuestion;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    Resume,
    JobDescription,
}

/// `import_document`: pick a file (PDF, DOCX or text) with the native dialog.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportDocumentInput {
    pub kind: DocumentKind,
}

/// `paste_document`: use pasted text instead of a file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PasteDocumentInput {
    pub kind: DocumentKind,
    pub text: String,
}

/// A document as it would be sent: personal data replaced, and what was replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedactedDocument {
    pub kind: DocumentKind,
    /// "PDF", "DOCX" or "text".
    pub format: String,
    pub pages: Option<u32>,
    /// Only the beginning was kept: the document is longer than Aira reads.
    pub truncated: bool,
    pub text: String,
    pub removed: Vec<RemovedDetail>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedDetail {
    /// The locale key naming the kind ("redaction.kind.email").
    pub label_key: String,
    pub original: String,
}

/// `write_resume_questions`: questions about the imported résumé (and job description).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WriteQuestionsInput {
    pub role: String,
    pub level: String,
    pub count: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WrittenQuestionInfo {
    pub question: PracticeQuestion,
    /// The résumé item it is about, in the model's words.
    pub refers_to: Option<String>,
    /// Whether that item is really in the résumé.
    pub refers_to_resume: bool,
}
