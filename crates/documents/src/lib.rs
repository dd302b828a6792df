//! Reads a resume or job description (PDF, DOCX or plain text) into plain text on the
//! user's own computer. Nothing here sends anything anywhere: the caller passes the text to
//! `aira_core::redaction::redact` and shows the user the result before any of it leaves.
//!
//! Files come from users and from the internet, so every reader runs under limits
//! ([`limits`]): size, pages, inflated bytes, characters, time; a file past one gets a
//! [`DocumentError`] with a code the UI can explain, never a hang or a crash.

mod docx;
mod error;
mod format;
mod guard;
pub mod limits;
mod normalize;
mod pdf;
mod text;

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

pub use error::DocumentError;
pub use format::DocumentFormat;

use limits::{MAX_FILE_BYTES, MAX_TEXT_CHARACTERS};

/// A document's text, tidied: one space between words, one blank line between paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The format the content turned out to be, whatever the file's name said.
    pub format: DocumentFormat,
    pub text: String,
    /// Pages in a PDF, all of them, including any past [`limits::MAX_PDF_PAGES`].
    pub pages: Option<u32>,
    /// Whether text was left out: past [`limits::MAX_TEXT_CHARACTERS`] or past the page
    /// limit. The UI should say so beside the preview.
    pub truncated: bool,
}

/// Reads the file at `path`. Its content decides the format; the extension is only a hint.
pub fn read_document(path: &Path) -> Result<Document, DocumentError> {
    // Checked before opening: opening a named pipe waits for a writer that may never come.
    let metadata = std::fs::metadata(path)?;
    if !metadata.is_file() {
        return Err(DocumentError::Unreadable(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(DocumentError::TooLarge {
            bytes: size,
            limit: MAX_FILE_BYTES,
        });
    }
    // The size checked above may not be what arrives (a file still growing, say): the
    // reading is capped on its own.
    let file = File::open(path)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > MAX_FILE_BYTES {
        return Err(DocumentError::TooLarge {
            bytes: read,
            limit: MAX_FILE_BYTES,
        });
    }
    read_bytes(bytes, DocumentFormat::from_extension(path))
}

/// Reads a document already in memory (dropped on the window, say). `declared` is what the
/// caller believes it is; the content decides where they disagree.
pub fn read_document_bytes(
    bytes: &[u8],
    declared: DocumentFormat,
) -> Result<Document, DocumentError> {
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > MAX_FILE_BYTES {
        return Err(DocumentError::TooLarge {
            bytes: size,
            limit: MAX_FILE_BYTES,
        });
    }
    read_bytes(bytes.to_vec(), Some(declared))
}

fn read_bytes(bytes: Vec<u8>, declared: Option<DocumentFormat>) -> Result<Document, DocumentError> {
    let format = format::resolve(&bytes, declared)?;
    let (raw, pages, pages_left_out) = match format {
        DocumentFormat::Pdf => {
            let extracted = guard::run(format, move || pdf::extract(&bytes))?;
            (
                extracted.text,
                Some(extracted.pages),
                extracted.pages_left_out,
            )
        }
        DocumentFormat::Docx => (
            guard::run(format, move || docx::extract(&bytes))?,
            None,
            false,
        ),
        // Decoding text is linear and cannot panic on bad input: no thread needed.
        DocumentFormat::Text => (text::decode(&bytes)?, None, false),
    };
    let (text, characters_left_out) = normalize::normalize(&raw, MAX_TEXT_CHARACTERS);
    if text.is_empty() {
        return Err(DocumentError::NoText(format));
    }
    Ok(Document {
        format,
        text,
        pages,
        truncated: pages_left_out || characters_left_out,
    })
}
