//! Files made to break a reader, or broken by accident: each ends in the error that says
//! what is wrong, without a hang, a crash or the memory running out. The large ones are made
//! here, in memory or as sparse files, rather than committed.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use aira_documents::limits::{MAX_FILE_BYTES, MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES};
use aira_documents::{Document, DocumentError, DocumentFormat, read_document, read_document_bytes};
use lopdf::content::{Content, Operation};
use lopdf::{Object, Stream, dictionary};
use tempfile::TempDir;
use zip::ZipWriter;
use zip::write::SimpleFileOptions;

fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn temporary_directory() -> TempDir {
    tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"))
}

fn write_file(directory: &TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = directory.path().join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|error| panic!("{error}"));
    path
}

/// Bytes that look random and are the same on every run (a linear congruential generator).
fn noise(length: usize) -> Vec<u8> {
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    (0..length)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 56) as u8
        })
        .collect()
}

fn expect_error(result: Result<Document, DocumentError>) -> DocumentError {
    match result {
        Ok(document) => panic!("expected an error, read {:?}", document.text),
        Err(error) => error,
    }
}

// PDF

/// A PDF with one page per entry of `page_contents`, each a raw content stream, with the
/// standard Helvetica font, written by lopdf.
fn pdf_with_pages(page_contents: Vec<Stream>) -> Vec<u8> {
    let mut document = lopdf::Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let font_id = document.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let resources_id = document.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for content in page_contents {
        let content_id = document.add_object(content);
        kids.push(Object::from(document.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        })));
    }
    let count = i64::try_from(kids.len()).unwrap_or(i64::MAX);
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    document
        .save_to(&mut bytes)
        .unwrap_or_else(|error| panic!("{error}"));
    bytes
}

fn text_page(text: &str) -> Stream {
    let content = Content {
        operations: vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 12.into()]),
            Operation::new("Td", vec![72.into(), 720.into()]),
            Operation::new("Tj", vec![Object::string_literal(text)]),
            Operation::new("ET", vec![]),
        ],
    };
    let encoded = content.encode().unwrap_or_else(|error| panic!("{error}"));
    Stream::new(dictionary! {}, encoded)
}

#[test]
fn a_pdf_cut_short_is_damaged() {
    let whole = fixture_bytes("experienced_resume.pdf");
    let half = &whole[..whole.len() / 2];
    let error = expect_error(read_document_bytes(half, DocumentFormat::Pdf));
    assert!(
        matches!(
            error,
            DocumentError::Damaged {
                format: DocumentFormat::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn random_bytes_named_pdf_are_a_damaged_pdf() {
    let directory = temporary_directory();
    let path = write_file(&directory, "resume.pdf", &noise(64 * 1024));
    let error = expect_error(read_document(&path));
    assert!(
        matches!(
            error,
            DocumentError::Damaged {
                format: DocumentFormat::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn random_bytes_without_a_name_are_unsupported() {
    let directory = temporary_directory();
    let path = write_file(&directory, "upload", &noise(64 * 1024));
    let error = expect_error(read_document(&path));
    assert!(
        matches!(error, DocumentError::UnsupportedFormat(_)),
        "{error:?}"
    );
}

#[test]
fn random_bytes_after_a_pdf_header_are_damaged() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(noise(64 * 1024));
    let error = expect_error(read_document_bytes(&bytes, DocumentFormat::Pdf));
    assert!(
        matches!(
            error,
            DocumentError::Damaged {
                format: DocumentFormat::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_page_stream_that_inflates_past_its_limit_is_too_large() {
    // Zeros compress about a thousandfold: a 40 KB file standing for 40 MB of content.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..=MAX_PDF_STREAM_BYTES / zeros.len() {
        encoder
            .write_all(&zeros)
            .unwrap_or_else(|error| panic!("{error}"));
    }
    let compressed = encoder.finish().unwrap_or_else(|error| panic!("{error}"));
    let bomb = Stream::new(dictionary! { "Filter" => "FlateDecode" }, compressed);
    let bytes = pdf_with_pages(vec![bomb]);
    let error = expect_error(read_document_bytes(&bytes, DocumentFormat::Pdf));
    assert!(
        matches!(
            error,
            DocumentError::ContentTooLarge {
                format: DocumentFormat::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn only_the_first_pages_of_a_long_pdf_are_read() {
    let pages = (1..=MAX_PDF_PAGES + 5)
        .map(|page| text_page(&format!("Page marker {page} end")))
        .collect();
    let bytes = pdf_with_pages(pages);
    let document =
        read_document_bytes(&bytes, DocumentFormat::Pdf).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(document.pages, Some(55));
    assert!(document.truncated);
    assert!(
        document
            .text
            .contains(&format!("Page marker {MAX_PDF_PAGES} end"))
    );
    let first_unread = MAX_PDF_PAGES + 1;
    assert!(
        !document
            .text
            .contains(&format!("Page marker {first_unread} end"))
    );
}

/// A million open brackets: a recursive parser without a depth limit would overflow its
/// stack and abort the process, which no panic handling can catch.
fn deeply_nested() -> String {
    let depth = 1_000_000;
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn a_deeply_nested_catalog_does_not_overflow_the_stack() {
    let mut bytes = pdf_with_pages(vec![text_page("Arjun Nair")]);
    let marker = b"/Type/Catalog";
    let at = bytes
        .windows(marker.len())
        .position(|window| window == marker)
        .unwrap_or_else(|| panic!("no catalog in {}", String::from_utf8_lossy(&bytes)));
    let tail = bytes.split_off(at);
    bytes.extend_from_slice(format!("/Deep {} ", deeply_nested()).as_bytes());
    bytes.extend(tail);
    let error = expect_error(read_document_bytes(&bytes, DocumentFormat::Pdf));
    assert!(
        matches!(
            error,
            DocumentError::Damaged {
                format: DocumentFormat::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn deeply_nested_page_content_does_not_overflow_the_stack() {
    let content = format!("BT /F1 12 Tf {} Tj ET", deeply_nested());
    let bytes = pdf_with_pages(vec![Stream::new(dictionary! {}, content.into_bytes())]);
    let error = expect_error(read_document_bytes(&bytes, DocumentFormat::Pdf));
    assert!(
        matches!(
            error,
            DocumentError::Damaged {
                format: DocumentFormat::Pdf,
                ..
            }
        ),
        "{error:?}"
    );
}

// DOCX

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in entries {
        writer
            .start_file(*name, options)
            .unwrap_or_else(|error| panic!("{error}"));
        writer
            .write_all(content)
            .unwrap_or_else(|error| panic!("{error}"));
    }
    writer
        .finish()
        .unwrap_or_else(|error| panic!("{error}"))
        .into_inner()
}

#[test]
fn a_docx_zip_bomb_stops_at_the_cap() {
    // 200 MB of zeros as word/document.xml, about 200 KB compressed; written a megabyte at
    // a time so the test itself never holds it.
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    writer
        .start_file("word/document.xml", options)
        .unwrap_or_else(|error| panic!("{error}"));
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..200 {
        writer
            .write_all(&zeros)
            .unwrap_or_else(|error| panic!("{error}"));
    }
    let bomb = writer
        .finish()
        .unwrap_or_else(|error| panic!("{error}"))
        .into_inner();
    assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
    let error = expect_error(read_document_bytes(&bomb, DocumentFormat::Docx));
    assert!(
        matches!(
            error,
            DocumentError::ContentTooLarge {
                format: DocumentFormat::Docx,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_docx_with_too_many_entries_is_too_large() {
    let names: Vec<String> = (0..1_100)
        .map(|index| format!("word/media/{index}.bin"))
        .collect();
    let mut entries: Vec<(&str, &[u8])> =
        names.iter().map(|name| (name.as_str(), &b""[..])).collect();
    entries.push(("word/document.xml", b"<w:document/>"));
    let error = expect_error(read_document_bytes(
        &zip_with(&entries),
        DocumentFormat::Docx,
    ));
    assert!(
        matches!(
            error,
            DocumentError::ContentTooLarge {
                format: DocumentFormat::Docx,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_zip_that_is_not_a_word_document_is_unsupported() {
    let spreadsheet = zip_with(&[("xl/workbook.xml", b"<workbook/>")]);
    let error = expect_error(read_document_bytes(&spreadsheet, DocumentFormat::Docx));
    assert!(
        matches!(error, DocumentError::UnsupportedFormat(_)),
        "{error:?}"
    );
}

#[test]
fn a_docx_cut_short_is_damaged() {
    let whole = fixture_bytes("fresher_resume.docx");
    let error = expect_error(read_document_bytes(
        &whole[..whole.len() / 2],
        DocumentFormat::Docx,
    ));
    assert!(
        matches!(
            error,
            DocumentError::Damaged {
                format: DocumentFormat::Docx,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn a_docx_with_malformed_xml_is_damaged() {
    let broken = zip_with(&[("word/document.xml", b"<w:document><w:body><w:p>")]);
    let error = expect_error(read_document_bytes(&broken, DocumentFormat::Docx));
    assert!(
        matches!(
            error,
            DocumentError::Damaged {
                format: DocumentFormat::Docx,
                ..
            }
        ),
        "{error:?}"
    );
}

#[test]
fn an_empty_docx_has_no_text() {
    let empty = zip_with(&[(
        "word/document.xml",
        br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>"#,
    )]);
    let error = expect_error(read_document_bytes(&empty, DocumentFormat::Docx));
    assert!(
        matches!(error, DocumentError::NoText(DocumentFormat::Docx)),
        "{error:?}"
    );
}

// Any format

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let directory = temporary_directory();
    let path = directory.path().join("huge.pdf");
    let file = std::fs::File::create(&path).unwrap_or_else(|error| panic!("{error}"));
    // Sparse: no disk is used for the hole.
    file.set_len(MAX_FILE_BYTES + 1)
        .unwrap_or_else(|error| panic!("{error}"));
    let error = expect_error(read_document(&path));
    assert!(
        matches!(error, DocumentError::TooLarge { bytes, limit } if bytes == MAX_FILE_BYTES + 1 && limit == MAX_FILE_BYTES),
        "{error:?}"
    );
}

#[test]
fn bytes_over_the_size_limit_are_refused() {
    let bytes = vec![b'a'; usize::try_from(MAX_FILE_BYTES).unwrap_or(usize::MAX) + 1];
    let error = expect_error(read_document_bytes(&bytes, DocumentFormat::Text));
    assert!(matches!(error, DocumentError::TooLarge { .. }), "{error:?}");
}

#[test]
fn long_text_is_truncated_not_refused() {
    let paragraph = "Built a payments service in Go and Kafka for 2,00,000 orders a minute.\n";
    let bytes = paragraph.repeat(3_000);
    let document = read_document_bytes(bytes.as_bytes(), DocumentFormat::Text)
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(document.truncated);
    assert!(document.text.chars().count() <= aira_documents::limits::MAX_TEXT_CHARACTERS);
    // Cut after a whole word: the last line is the start of the paragraph up to a space.
    let last_line = document.text.lines().last().unwrap_or_default();
    assert!(
        paragraph.starts_with(&format!("{last_line} ")),
        "cut mid-word: {last_line:?}"
    );
}

#[test]
fn an_empty_text_file_has_no_text() {
    let error = expect_error(read_document_bytes(b" \n\t\r\n", DocumentFormat::Text));
    assert!(
        matches!(error, DocumentError::NoText(DocumentFormat::Text)),
        "{error:?}"
    );
}

#[test]
fn a_missing_file_or_a_folder_is_unreadable() {
    let directory = temporary_directory();
    let missing = expect_error(read_document(&directory.path().join("gone.pdf")));
    assert!(
        matches!(missing, DocumentError::Unreadable(_)),
        "{missing:?}"
    );
    let folder = expect_error(read_document(directory.path()));
    assert!(matches!(folder, DocumentError::Unreadable(_)), "{folder:?}");
}

#[test]
fn an_old_word_document_is_named_as_such() {
    let mut old_word = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    old_word.extend(noise(4096));
    let directory = temporary_directory();
    let path = write_file(&directory, "resume.doc", &old_word);
    let error = expect_error(read_document(&path));
    assert!(matches!(error, DocumentError::OldWordFormat), "{error:?}");
}
