use std::time::Duration;

use crate::DocumentFormat;

/// Why a document could not be read. Each variant has a stable [`code`](Self::code) for the
/// UI and CLI to look up `documents.error.<code>` in `locales/`, with
/// [`arguments`](Self::arguments) for its placeholders; the `Display` text is English for logs.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the file is {bytes} bytes; files up to {limit} bytes are read")]
    TooLarge { bytes: u64, limit: u64 },
    /// The file is small, but what it unpacks to is not: a zip bomb, or a PDF stream that
    /// inflates past its limit.
    #[error("the {format} unpacks to more than Aira reads: {reason}")]
    ContentTooLarge {
        format: DocumentFormat,
        reason: String,
    },
    #[error("not a PDF, DOCX or text file: {0}")]
    UnsupportedFormat(String),
    /// Word 97-2003's `.doc`, a different format from DOCX that users rarely know apart.
    #[error("an old Word document (.doc), which Aira does not read")]
    OldWordFormat,
    #[error("the {0} is protected with a password")]
    Encrypted(DocumentFormat),
    /// Readable, but without text: a scanned PDF is only pictures of pages.
    #[error("the {0} holds no text")]
    NoText(DocumentFormat),
    #[error("the {format} is damaged: {reason}")]
    Damaged {
        format: DocumentFormat,
        reason: String,
    },
    #[error("reading the file took longer than {} s", .0.as_secs())]
    TooSlow(Duration),
    #[error("too many files are still being read")]
    Busy,
    #[error("the file cannot be opened: {0}")]
    Unreadable(#[from] std::io::Error),
}

impl DocumentError {
    /// Every code [`code`](Self::code) returns, for checks that each has a message.
    pub const CODES: [&'static str; 10] = [
        "too_large",
        "content_too_large",
        "unsupported_format",
        "old_word_format",
        "encrypted",
        "no_text",
        "damaged",
        "too_slow",
        "busy",
        "unreadable",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            DocumentError::TooLarge { .. } => "too_large",
            DocumentError::ContentTooLarge { .. } => "content_too_large",
            DocumentError::UnsupportedFormat(_) => "unsupported_format",
            DocumentError::OldWordFormat => "old_word_format",
            DocumentError::Encrypted(_) => "encrypted",
            DocumentError::NoText(_) => "no_text",
            DocumentError::Damaged { .. } => "damaged",
            DocumentError::TooSlow(_) => "too_slow",
            DocumentError::Busy => "busy",
            DocumentError::Unreadable(_) => "unreadable",
        }
    }

    /// The key of the message in `locales/`: `documents.error.<code>`.
    pub fn message_key(&self) -> String {
        format!("documents.error.{}", self.code())
    }

    /// Values for the message's `{name}` placeholders, as `aira_core::i18n::Catalog::format`
    /// takes them. Technical detail (parser messages) stays out: it is not translatable.
    pub fn arguments(&self) -> Vec<(&'static str, String)> {
        match self {
            DocumentError::TooLarge { bytes, limit } => vec![
                ("size_mb", megabytes(*bytes)),
                ("limit_mb", megabytes(*limit)),
            ],
            DocumentError::TooSlow(deadline) => {
                vec![("seconds", deadline.as_secs().to_string())]
            }
            _ => Vec::new(),
        }
    }
}

/// One decimal place, so a file just over the limit does not read "10 MB; the limit is 10 MB".
fn megabytes(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10).div_ceil(1024 * 1024);
    if tenths.is_multiple_of(10) {
        (tenths / 10).to_string()
    } else {
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One of each variant; the match makes a new variant fail to compile here until it is
    /// listed, and so in `CODES` and the locale files.
    pub(crate) fn one_of_each() -> Vec<DocumentError> {
        let all = vec![
            DocumentError::TooLarge {
                bytes: 12 * 1024 * 1024,
                limit: 10 * 1024 * 1024,
            },
            DocumentError::ContentTooLarge {
                format: DocumentFormat::Docx,
                reason: String::new(),
            },
            DocumentError::UnsupportedFormat(String::new()),
            DocumentError::OldWordFormat,
            DocumentError::Encrypted(DocumentFormat::Pdf),
            DocumentError::NoText(DocumentFormat::Pdf),
            DocumentError::Damaged {
                format: DocumentFormat::Pdf,
                reason: String::new(),
            },
            DocumentError::TooSlow(Duration::from_secs(10)),
            DocumentError::Busy,
            DocumentError::Unreadable(std::io::Error::other("test")),
        ];
        for error in &all {
            match error {
                DocumentError::TooLarge { .. }
                | DocumentError::ContentTooLarge { .. }
                | DocumentError::UnsupportedFormat(_)
                | DocumentError::OldWordFormat
                | DocumentError::Encrypted(_)
                | DocumentError::NoText(_)
                | DocumentError::Damaged { .. }
                | DocumentError::TooSlow(_)
                | DocumentError::Busy
                | DocumentError::Unreadable(_) => {}
            }
        }
        all
    }

    #[test]
    fn codes_are_distinct_and_all_listed() {
        let codes: Vec<&str> = one_of_each().iter().map(DocumentError::code).collect();
        assert_eq!(codes, DocumentError::CODES);
    }

    #[test]
    fn sizes_are_shown_in_megabytes_rounded_up() {
        assert_eq!(megabytes(10 * 1024 * 1024), "10");
        assert_eq!(megabytes(10 * 1024 * 1024 + 1), "10.1");
        assert_eq!(megabytes(12 * 1024 * 1024 + 512 * 1024), "12.5");
    }

    #[test]
    fn too_large_names_both_sizes() {
        let arguments = one_of_each()[0].arguments();
        assert_eq!(
            arguments,
            [("size_mb", "12".to_owned()), ("limit_mb", "10".to_owned())]
        );
    }
}
