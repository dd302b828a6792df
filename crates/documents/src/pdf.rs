//! PDF text through lopdf: pure Rust, and since 0.47 bounded in how far it inflates streams
//! and how deep it nests. Text comes out in the order it was drawn, which for resumes
//! exported from Word, Google Docs or LaTeX is reading order.

use lopdf::xref::XrefRecovery;
use lopdf::{DecompressError, LoadOptions};

use crate::limits::{MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES};
use crate::{DocumentError, DocumentFormat};

/// Raw text of a PDF, before tidying.
#[derive(Debug)]
pub(crate) struct PdfText {
    pub text: String,
    pub pages: u32,
    /// Whether pages past [`MAX_PDF_PAGES`] were left unread.
    pub pages_left_out: bool,
}

pub(crate) fn extract(bytes: &[u8]) -> Result<PdfText, DocumentError> {
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_PDF_STREAM_BYTES),
        ..LoadOptions::default()
    };
    let document = lopdf::Document::load_mem_with_options(bytes, options).map_err(failure)?;
    // lopdf opens files encrypted without a user password (those that restrict only
    // editing or printing) by itself; a document still encrypted after loading needs one.
    if document.is_encrypted() {
        return Err(DocumentError::Encrypted(DocumentFormat::Pdf));
    }
    let page_numbers: Vec<u32> = document.get_pages().into_keys().collect();
    if page_numbers.is_empty() {
        return Err(damaged("it has no pages that can be read"));
    }

    let mut text = String::new();
    let mut first_error = None;
    let mut pages_with_text = 0;
    for &page_number in page_numbers.iter().take(MAX_PDF_PAGES) {
        let mut page_text = String::new();
        for chunk in document.extract_text_chunks_with_limit(&[page_number], MAX_PDF_STREAM_BYTES) {
            match chunk {
                Ok(chunk) => page_text.push_str(&chunk),
                // One unreadable text object (an odd font, say) should not cost the page.
                Err(error) => {
                    first_error.get_or_insert(error);
                }
            }
        }
        if !page_text.trim().is_empty() {
            pages_with_text += 1;
            // A form feed: the tidying turns it into a paragraph break between pages.
            text.push_str(&page_text);
            text.push('\u{0C}');
        }
    }
    if pages_with_text == 0 {
        if let Some(error) = first_error {
            return Err(failure(error));
        }
        // A file cut short still opens, its objects found by scanning, but its pages' text
        // went with the missing end: damaged, which "scanned" would misdescribe.
        if document.xref_recovery == Some(XrefRecovery::Reconstructed) {
            return Err(damaged(
                "it is incomplete: its index had to be rebuilt and no text was found",
            ));
        }
        return Err(DocumentError::NoText(DocumentFormat::Pdf));
    }
    Ok(PdfText {
        text,
        pages: u32::try_from(page_numbers.len()).unwrap_or(u32::MAX),
        pages_left_out: page_numbers.len() > MAX_PDF_PAGES,
    })
}

fn failure(error: lopdf::Error) -> DocumentError {
    match error {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword => {
            DocumentError::Encrypted(DocumentFormat::Pdf)
        }
        lopdf::Error::Decompress(
            error @ (DecompressError::MemoryLimitExceeded { .. }
            | DecompressError::TooManyFilters { .. }),
        ) => DocumentError::ContentTooLarge {
            format: DocumentFormat::Pdf,
            reason: error.to_string(),
        },
        other => damaged(&other.to_string()),
    }
}

fn damaged(reason: &str) -> DocumentError {
    DocumentError::Damaged {
        format: DocumentFormat::Pdf,
        reason: reason.to_owned(),
    }
}
