//! Which reader a file goes to. The content decides, not the name: files arrive renamed,
//! downloaded as `resume (1)` or saved by phones without an extension.

use std::fmt;
use std::path::Path;

use crate::DocumentError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentFormat {
    Pdf,
    Docx,
    Text,
}

impl DocumentFormat {
    /// The format a file's extension claims, if it names one Aira reads.
    pub fn from_extension(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "pdf" => Some(DocumentFormat::Pdf),
            "docx" => Some(DocumentFormat::Docx),
            "txt" | "text" | "md" => Some(DocumentFormat::Text),
            _ => None,
        }
    }
}

impl fmt::Display for DocumentFormat {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(match self {
            DocumentFormat::Pdf => "PDF",
            DocumentFormat::Docx => "DOCX",
            DocumentFormat::Text => "text file",
        })
    }
}

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Pdf,
    /// A zip archive; only its entries tell a DOCX from a spreadsheet or a plain zip.
    Zip,
    /// An OLE2 compound file: Word 97-2003, or a DOCX encrypted by Word, which wraps the
    /// encrypted package in the same container.
    Compound {
        encrypted_package: bool,
    },
    Unknown,
}

/// Readers skip up to 1,024 bytes of junk before `%PDF-` (PDF 32000-1, annex H), and
/// files from some mail gateways and web forms carry it.
const PDF_HEADER_WINDOW: usize = 1024;
const PDF_MAGIC: &[u8] = b"%PDF-";
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const COMPOUND_MAGIC: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    let window = &bytes[..bytes.len().min(PDF_HEADER_WINDOW)];
    if window
        .windows(PDF_MAGIC.len())
        .any(|candidate| candidate == PDF_MAGIC)
    {
        Sniffed::Pdf
    } else if bytes.starts_with(ZIP_MAGIC) {
        Sniffed::Zip
    } else if bytes.starts_with(COMPOUND_MAGIC) {
        Sniffed::Compound {
            encrypted_package: contains_utf16_name(bytes, "EncryptedPackage"),
        }
    } else {
        Sniffed::Unknown
    }
}

/// Whether a compound file's directory names a stream `name` (stored as UTF-16LE).
fn contains_utf16_name(bytes: &[u8], name: &str) -> bool {
    let needle: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes
        .windows(needle.len())
        .any(|candidate| candidate == needle)
}

/// The reader for `bytes`: the content's format where it has a signature, else the text
/// reader, which refuses binary data itself. `declared` (from the extension or the caller)
/// only shapes the error for a file that is neither: random bytes named `.pdf` are a damaged
/// PDF to the user, not an unknown format.
pub(crate) fn resolve(
    bytes: &[u8],
    declared: Option<DocumentFormat>,
) -> Result<DocumentFormat, DocumentError> {
    match sniff(bytes) {
        Sniffed::Pdf => Ok(DocumentFormat::Pdf),
        Sniffed::Zip => Ok(DocumentFormat::Docx),
        Sniffed::Compound {
            encrypted_package: true,
        } => Err(DocumentError::Encrypted(DocumentFormat::Docx)),
        Sniffed::Compound {
            encrypted_package: false,
        } => Err(DocumentError::OldWordFormat),
        Sniffed::Unknown => match declared {
            Some(format @ (DocumentFormat::Pdf | DocumentFormat::Docx))
                if !crate::text::looks_like_text(bytes) =>
            {
                Err(DocumentError::Damaged {
                    format,
                    reason: format!("it does not start as a {format} does"),
                })
            }
            _ => Ok(DocumentFormat::Text),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_matched_without_case() {
        assert_eq!(
            DocumentFormat::from_extension(Path::new("Resume.PDF")),
            Some(DocumentFormat::Pdf)
        );
        assert_eq!(
            DocumentFormat::from_extension(Path::new("cv.docx")),
            Some(DocumentFormat::Docx)
        );
        assert_eq!(
            DocumentFormat::from_extension(Path::new("jd.txt")),
            Some(DocumentFormat::Text)
        );
        assert_eq!(DocumentFormat::from_extension(Path::new("cv.doc")), None);
        assert_eq!(DocumentFormat::from_extension(Path::new("resume")), None);
    }

    #[test]
    fn a_pdf_header_after_junk_is_found() {
        let mut bytes = vec![b' '; 300];
        bytes.extend_from_slice(b"%PDF-1.4\n");
        assert_eq!(sniff(&bytes), Sniffed::Pdf);
        let mut too_late = vec![b' '; PDF_HEADER_WINDOW];
        too_late.extend_from_slice(b"%PDF-1.4\n");
        assert_eq!(sniff(&too_late), Sniffed::Unknown);
    }

    #[test]
    fn content_wins_over_the_declared_format() {
        assert_eq!(
            resolve(b"%PDF-1.7\n", Some(DocumentFormat::Docx)).ok(),
            Some(DocumentFormat::Pdf)
        );
        assert_eq!(
            resolve(b"PK\x03\x04rest", Some(DocumentFormat::Pdf)).ok(),
            Some(DocumentFormat::Docx)
        );
        assert_eq!(
            resolve(b"Plain resume text", Some(DocumentFormat::Pdf)).ok(),
            Some(DocumentFormat::Text)
        );
    }

    #[test]
    fn old_word_and_encrypted_word_are_told_apart() {
        let mut old_word = COMPOUND_MAGIC.to_vec();
        old_word.extend_from_slice(&[0; 600]);
        assert!(matches!(
            resolve(&old_word, None),
            Err(DocumentError::OldWordFormat)
        ));
        let mut encrypted = old_word.clone();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        assert!(matches!(
            resolve(&encrypted, Some(DocumentFormat::Docx)),
            Err(DocumentError::Encrypted(DocumentFormat::Docx))
        ));
    }

    #[test]
    fn binary_named_as_a_document_is_damaged_and_unnamed_is_unsupported() {
        let binary = [0u8, 159, 146, 150, 0, 1, 2, 3];
        assert!(matches!(
            resolve(&binary, Some(DocumentFormat::Pdf)),
            Err(DocumentError::Damaged {
                format: DocumentFormat::Pdf,
                ..
            })
        ));
        // The text reader refuses it, with its own error.
        assert_eq!(resolve(&binary, None).ok(), Some(DocumentFormat::Text));
    }
}
