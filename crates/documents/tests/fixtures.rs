//! Real resumes and a job description, as PDF (two font encodings), DOCX and text, made by
//! `fixtures/make_fixtures.py`: each reader finds the same content.

use std::path::{Path, PathBuf};

use aira_documents::{Document, DocumentError, DocumentFormat, read_document};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

fn read(name: &str) -> Document {
    read_document(&fixture(name)).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn assert_contains_all(document: &Document, phrases: &[&str]) {
    for phrase in phrases {
        assert!(
            document.text.contains(phrase),
            "{phrase:?} is missing from:\n{}",
            document.text
        );
    }
}

/// What tidying promises, whatever the format.
fn assert_tidy(document: &Document) {
    let text = &document.text;
    assert!(!text.contains("  "), "double space in:\n{text}");
    assert!(!text.contains("\n\n\n"), "blank lines in a row in:\n{text}");
    assert!(
        text.lines().all(|line| line.trim() == line),
        "a line starts or ends with a space in:\n{text}"
    );
    assert!(!text.contains('\t'), "tab in:\n{text}");
    assert_eq!(text.trim(), text);
    assert!(
        !text
            .chars()
            .any(|character| character.is_control() && character != '\n'),
        "control character in:\n{text}"
    );
}

const FRESHER_PHRASES: &[&str] = &[
    "ANANYA KRISHNAN",
    "ananya.krishnan02@gmail.com",
    "+91 98450 12345",
    "Jayanagar 4th Block, Bengaluru 560011",
    "linkedin.com/in/ananya-krishnan-02",
    "https://github.com/ananyak02",
    "CAREER OBJECTIVE",
    "B.Tech Computer Science, PES University, Bengaluru, 2021-2025, CGPA 8.7/10",
    "Class XII (CBSE), Delhi Public School, Bengaluru South, 2021, 94.2%",
    "Software Development Intern, Infosys, Mysuru (June 2024 - August 2024)",
    "- Kannada handwriting recogniser: PyTorch CNN with 91% accuracy on 20,000 samples.",
    "Python, Java, C, SQL",
    "Date of Birth: 09/03/2003",
];

const EXPERIENCED_PHRASES: &[&str] = &[
    "Arjun Nair",
    "Senior Software Engineer · 8 years of experience",
    "arjun.nair.dev@outlook.com · +91-99001 23456 · Pune",
    "Address: Flat 504, Kumar Palms, Kondhwa Road, Pune, Maharashtra - 411048",
    "github.com/arjun-nair-dev · https://www.linkedin.com/in/arjunnair91",
    "handling ₹1,200 crore a day.",
    "Apr 2021 – present",
    "• Designed the UPI settlement pipeline on Kafka and Go; p99 latency fell from 2 s to 300 ms.",
    "B.Tech Electronics and Communication, NIT Calicut, 2012–2016, CGPA 8.1",
    "Talk at GopherCon India 2023: Exactly-once payments without distributed locks.",
    "Go, Java, Kotlin, PostgreSQL, Kafka",
    "DOB: 12th July 1991",
];

#[test]
fn fresher_resume_pdf_with_a_standard_font() {
    let document = read("fresher_resume.pdf");
    assert_eq!(document.format, DocumentFormat::Pdf);
    assert_eq!(document.pages, Some(1));
    assert!(!document.truncated);
    assert_contains_all(&document, FRESHER_PHRASES);
    assert_contains_all(
        &document,
        &["Python, Java, C, SQL, React, Flask, Git, Docker, Linux"],
    );
    assert_tidy(&document);
}

#[test]
fn experienced_resume_pdf_with_an_embedded_font_over_two_pages() {
    let document = read("experienced_resume.pdf");
    assert_eq!(document.format, DocumentFormat::Pdf);
    assert_eq!(document.pages, Some(2));
    assert!(!document.truncated);
    assert_contains_all(&document, EXPERIENCED_PHRASES);
    assert_contains_all(
        &document,
        &["Senior Software Engineer, Razorpay, Bengaluru — Apr 2021 – present"],
    );
    // The second page starts at PROJECTS: the page break is a paragraph break.
    assert_contains_all(&document, &["CGPA 8.1\n\nPROJECTS"]);
    assert_tidy(&document);
}

#[test]
fn fresher_resume_docx() {
    let document = read("fresher_resume.docx");
    assert_eq!(document.format, DocumentFormat::Docx);
    assert_eq!(document.pages, None);
    assert!(!document.truncated);
    assert_contains_all(&document, FRESHER_PHRASES);
    // The contact lines are one paragraph split by line breaks; skills are a table's cells.
    assert_contains_all(
        &document,
        &[
            "Mobile: +91 98450 12345\nAddress:",
            "Python, Java, C, SQL\nReact, Flask, Git, Docker, Linux",
        ],
    );
    assert_tidy(&document);
}

#[test]
fn experienced_resume_docx() {
    let document = read("experienced_resume.docx");
    assert_eq!(document.format, DocumentFormat::Docx);
    assert_contains_all(&document, EXPERIENCED_PHRASES);
    // The tab between role and dates becomes a space.
    assert_contains_all(
        &document,
        &["Senior Software Engineer, Razorpay, Bengaluru Apr 2021 – present"],
    );
    assert_tidy(&document);
}

#[test]
fn job_description_text() {
    let document = read("job_description.txt");
    assert_eq!(document.format, DocumentFormat::Text);
    assert_eq!(document.pages, None);
    assert_contains_all(
        &document,
        &[
            "Software Development Engineer I — Meesho, Bengaluru",
            "Experience: 0–2 years. CTC: ₹18–24 LPA.",
            "• Strong data structures and algorithms; one of Java, Go or C++.",
            "campus.hiring@meesho.com",
        ],
    );
    assert!(document.text.contains("rollout.\n\nRequirements\n"));
    assert_tidy(&document);
}

#[test]
fn a_pdf_protected_only_against_editing_opens() {
    let document = read("protected_resume.pdf");
    assert_contains_all(&document, &["Meera Pillai, meera.pillai@example.in"]);
}

#[test]
fn a_pdf_that_needs_a_password_is_refused_as_encrypted() {
    let error = read_document(&fixture("encrypted_resume.pdf")).err();
    assert!(
        matches!(error, Some(DocumentError::Encrypted(DocumentFormat::Pdf))),
        "{error:?}"
    );
}

#[test]
fn a_scanned_pdf_has_no_text() {
    let error = read_document(&fixture("scanned_resume.pdf")).err();
    assert!(
        matches!(error, Some(DocumentError::NoText(DocumentFormat::Pdf))),
        "{error:?}"
    );
}

#[test]
fn content_decides_over_a_wrong_extension() {
    let directory = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let misnamed = directory.path().join("resume.txt");
    std::fs::copy(fixture("fresher_resume.docx"), &misnamed)
        .unwrap_or_else(|error| panic!("{error}"));
    let document = read_document(&misnamed).unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(document.format, DocumentFormat::Docx);
    assert_contains_all(&document, &["ANANYA KRISHNAN"]);
}
