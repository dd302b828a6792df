//! Résumé and job description: chosen with the native dialog or pasted, read and redacted
//! on this side; only the redacted text is ever sent, and only by `write_resume_questions`.

use aira_protocol::{
    CommandError, DocumentKind, ImportDocumentInput, PasteDocumentInput, RedactedDocument,
    RemovedDetail, WriteQuestionsInput, WrittenQuestionInfo,
};
use aira_runtime::ImportedDocument;
use tauri::State;
use tauri_plugin_dialog::DialogExt;

use super::dialog::{Pick, pick};
use crate::state::AppState;

/// Asks for a PDF, DOCX or text file, reads and redacts it; `None` when cancelled.
#[tauri::command]
pub async fn import_document(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    input: ImportDocumentInput,
) -> Result<Option<RedactedDocument>, CommandError> {
    let engine = state.engine()?;
    let dialog = app.dialog().file().add_filter(
        "Résumé or job description",
        &["pdf", "docx", "txt", "md", "PDF", "DOCX", "TXT"],
    );
    let Some(path) = pick(dialog, Pick::File).await? else {
        return Ok(None);
    };
    let document = engine.import_document(&path).await?;
    Ok(Some(keep(&engine, input.kind, document)))
}

/// Redacts pasted text as it would an imported file.
#[tauri::command]
pub fn paste_document(
    state: State<'_, AppState>,
    input: PasteDocumentInput,
) -> Result<RedactedDocument, CommandError> {
    let engine = state.engine()?;
    let document = engine.paste_document(&input.text);
    Ok(keep(&engine, input.kind, document))
}

/// Questions about the kept résumé, written by Amazon Bedrock from its redacted text.
#[tauri::command]
pub async fn write_resume_questions(
    state: State<'_, AppState>,
    input: WriteQuestionsInput,
) -> Result<Vec<WrittenQuestionInfo>, CommandError> {
    let engine = state.engine()?;
    let written = engine
        .write_questions_about_kept(&input.role, &input.level, input.count as usize)
        .await?;
    let resume = engine.kept_resume_text().unwrap_or_default();
    Ok(written
        .into_iter()
        .map(|written| WrittenQuestionInfo {
            refers_to_resume: written.refers_to_resume(&resume),
            question: written.question.to_practice_question(),
            refers_to: written.refers_to,
        })
        .collect())
}

fn keep(
    engine: &aira_runtime::Engine,
    kind: DocumentKind,
    document: ImportedDocument,
) -> RedactedDocument {
    let shown = RedactedDocument {
        kind,
        format: document.format.clone(),
        pages: document.pages,
        truncated: document.truncated,
        text: document.redacted.text.clone(),
        removed: document
            .redacted
            .findings
            .iter()
            .map(|finding| RemovedDetail {
                label_key: finding.kind.label_key().to_owned(),
                original: finding.original.clone(),
            })
            .collect(),
    };
    engine.keep_document(kind, document);
    shown
}
