//! The whole path before anything leaves the device: read a real file, redact it with
//! aira-core, and nothing personal is left while what a coach needs stays.

use std::path::Path;

use aira_core::redaction::{Kind, Redacted, redact};
use aira_documents::read_document;

fn redacted(name: &str) -> Redacted {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let document = read_document(&path).unwrap_or_else(|error| panic!("{name}: {error}"));
    redact(&document.text)
}

fn check(name: &str, personal: &[&str], kept: &[&str]) -> Redacted {
    let result = redacted(name);
    for item in personal {
        assert!(
            !result.text.contains(item),
            "{name}: {item:?} survived in:\n{}",
            result.text
        );
    }
    for item in kept {
        assert!(
            result.text.contains(item),
            "{name}: {item:?} is missing from:\n{}",
            result.text
        );
    }
    result
}

const FRESHER_PERSONAL: &[&str] = &[
    "ananya.krishnan02",
    "98450",
    "12345",
    "Jayanagar",
    "560011",
    "ananya-krishnan-02",
    "ananyak02",
    "09/03/2003",
];

const FRESHER_KEPT: &[&str] = &[
    "Date of Birth: [DOB]",
    "PES University, Bengaluru, 2021-2025, CGPA 8.7/10",
    "Infosys, Mysuru (June 2024 - August 2024)",
    "4,000 test reports",
    "91% accuracy on 20,000 samples",
];

const EXPERIENCED_PERSONAL: &[&str] = &[
    "arjun.nair.dev",
    "99001",
    "Kumar Palms",
    "Kondhwa",
    "411048",
    "arjun-nair-dev",
    "arjunnair91",
    "12th July 1991",
];

const EXPERIENCED_KEPT: &[&str] = &[
    "DOB: [DOB]",
    "₹1,200 crore a day",
    "Apr 2021 – present",
    "p99 latency fell from 2 s to 300 ms",
    "NIT Calicut, 2012–2016, CGPA 8.1",
    "GopherCon India 2023",
];

fn assert_each_kind(result: &Redacted, kinds: &[Kind]) {
    for &kind in kinds {
        assert!(
            result.count(kind) > 0,
            "no {kind:?} found in:\n{}",
            result.text
        );
    }
}

const RESUME_KINDS: [Kind; 5] = [
    Kind::Email,
    Kind::Phone,
    Kind::Address,
    Kind::ProfileUrl,
    Kind::DateOfBirth,
];

#[test]
fn fresher_resume_pdf_and_docx_are_redacted_alike() {
    let from_pdf = check("fresher_resume.pdf", FRESHER_PERSONAL, FRESHER_KEPT);
    let from_docx = check("fresher_resume.docx", FRESHER_PERSONAL, FRESHER_KEPT);
    assert_each_kind(&from_pdf, &RESUME_KINDS);
    assert_eq!(from_pdf.count(Kind::ProfileUrl), 2);
    for kind in RESUME_KINDS {
        assert_eq!(from_pdf.count(kind), from_docx.count(kind), "{kind:?}");
    }
}

#[test]
fn experienced_resume_pdf_and_docx_are_redacted_alike() {
    let from_pdf = check(
        "experienced_resume.pdf",
        EXPERIENCED_PERSONAL,
        EXPERIENCED_KEPT,
    );
    let from_docx = check(
        "experienced_resume.docx",
        EXPERIENCED_PERSONAL,
        EXPERIENCED_KEPT,
    );
    assert_each_kind(&from_pdf, &RESUME_KINDS);
    for kind in RESUME_KINDS {
        assert_eq!(from_pdf.count(kind), from_docx.count(kind), "{kind:?}");
    }
}

#[test]
fn job_description_keeps_the_role_and_loses_the_recruiter_email() {
    let result = check(
        "job_description.txt",
        &["campus.hiring@meesho.com"],
        &[
            "Meesho, Bengaluru",
            "CTC: ₹18–24 LPA",
            "15 crore monthly users",
        ],
    );
    assert_eq!(result.count(Kind::Email), 1);
}
