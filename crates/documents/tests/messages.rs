//! Every error code has an English message in `locales/en.json`, with each placeholder the
//! error fills, so the UI and CLI never show a bare key.

use aira_core::i18n::Catalog;
use aira_documents::{DocumentError, DocumentFormat};

#[test]
fn every_code_has_an_english_message() {
    let catalog = Catalog::english();
    for code in DocumentError::CODES {
        let key = format!("documents.error.{code}");
        assert_ne!(catalog.get(&key), key, "locales/en.json lacks {key}");
    }
}

#[test]
fn placeholders_are_all_filled() {
    let catalog = Catalog::english();
    let errors = [
        DocumentError::TooLarge {
            bytes: 25 * 1024 * 1024,
            limit: 10 * 1024 * 1024,
        },
        DocumentError::TooSlow(std::time::Duration::from_secs(10)),
        DocumentError::NoText(DocumentFormat::Pdf),
    ];
    for error in errors {
        let message = catalog.format(&error.message_key(), &error.arguments());
        assert!(
            !message.contains('{'),
            "unfilled placeholder in {message:?}"
        );
        assert!(
            !message.starts_with("documents."),
            "no message for {error:?}"
        );
    }
    let too_large = DocumentError::TooLarge {
        bytes: 25 * 1024 * 1024,
        limit: 10 * 1024 * 1024,
    };
    let message = catalog.format(&too_large.message_key(), &too_large.arguments());
    assert!(
        message.contains("25 MB") && message.contains("10 MB"),
        "{message}"
    );
}
