//! Removes personal data from a resume or job description before any of it leaves the
//! device: emails, phone numbers (Indian and international), Aadhaar, PAN, passport
//! numbers, street addresses and PIN codes, profile URLs, dates of birth and labelled names.
//!
//! Placeholders such as `[EMAIL]` are fixed English tokens, not localized text: they are
//! part of what the cloud model reads, and must mean the same whatever the user's language.
//! What the user sees about each finding comes from [`Kind::label_key`].

mod address;
mod patterns;
mod verhoeff;

#[cfg(test)]
mod resume_tests;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Email,
    Phone,
    Aadhaar,
    Pan,
    Passport,
    Address,
    PinCode,
    ProfileUrl,
    DateOfBirth,
    Name,
}

impl Kind {
    pub const ALL: [Kind; 10] = [
        Kind::Email,
        Kind::Phone,
        Kind::Aadhaar,
        Kind::Pan,
        Kind::Passport,
        Kind::Address,
        Kind::PinCode,
        Kind::ProfileUrl,
        Kind::DateOfBirth,
        Kind::Name,
    ];

    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Email => "[EMAIL]",
            Kind::Phone => "[PHONE]",
            Kind::Aadhaar => "[AADHAAR]",
            Kind::Pan => "[PAN]",
            Kind::Passport => "[PASSPORT]",
            Kind::Address => "[ADDRESS]",
            Kind::PinCode => "[PIN]",
            Kind::ProfileUrl => "[URL]",
            Kind::DateOfBirth => "[DOB]",
            Kind::Name => "[NAME]",
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Email => "redaction.kind.email",
            Kind::Phone => "redaction.kind.phone",
            Kind::Aadhaar => "redaction.kind.aadhaar",
            Kind::Pan => "redaction.kind.pan",
            Kind::Passport => "redaction.kind.passport",
            Kind::Address => "redaction.kind.address",
            Kind::PinCode => "redaction.kind.pin_code",
            Kind::ProfileUrl => "redaction.kind.profile_url",
            Kind::DateOfBirth => "redaction.kind.date_of_birth",
            Kind::Name => "redaction.kind.name",
        }
    }

    /// Which detector wins when two claim the same characters: the more specific shape.
    fn precedence(self) -> u8 {
        match self {
            Kind::Email => 0,
            Kind::ProfileUrl => 1,
            Kind::Aadhaar => 2,
            Kind::Pan => 3,
            Kind::Passport => 4,
            Kind::Phone => 5,
            Kind::DateOfBirth => 6,
            Kind::Name => 7,
            Kind::Address => 8,
            Kind::PinCode => 9,
        }
    }
}

/// One piece of personal data that was removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// Byte offsets in the original text.
    pub start: usize,
    pub end: usize,
    pub original: String,
    /// For Aadhaar numbers: whether the Verhoeff check digit is right. A wrong one is
    /// still redacted (see `patterns::aadhaar` for why), and the UI can say it was unsure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub checksum_valid: Option<bool>,
}

/// The text with every finding replaced by its placeholder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Redacted {
    pub text: String,
    pub findings: Vec<Finding>,
}

impl Redacted {
    pub fn count(&self, kind: Kind) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.kind == kind)
            .count()
    }
}

/// A span a detector claims, before overlaps are settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Candidate {
    start: usize,
    end: usize,
    kind: Kind,
    checksum_valid: Option<bool>,
}

pub fn redact(text: &str) -> Redacted {
    let mut candidates = Vec::new();
    patterns::find_all(text, &mut candidates);
    address::find_all(text, &mut candidates);
    let kept = settle_overlaps(candidates);

    let mut redacted = String::with_capacity(text.len());
    let mut findings = Vec::with_capacity(kept.len());
    let mut copied_to = 0;
    for candidate in kept {
        redacted.push_str(&text[copied_to..candidate.start]);
        redacted.push_str(candidate.kind.placeholder());
        copied_to = candidate.end;
        findings.push(Finding {
            kind: candidate.kind,
            start: candidate.start,
            end: candidate.end,
            original: text[candidate.start..candidate.end].to_owned(),
            checksum_valid: candidate.checksum_valid,
        });
    }
    redacted.push_str(&text[copied_to..]);
    Redacted {
        text: redacted,
        findings,
    }
}

/// Keeps non-overlapping spans, left to right. Where spans overlap, a span that starts
/// earlier wins, then the longer one, then the more specific kind; an address that swallows
/// a PIN code or phone number inside it is one finding, not two.
fn settle_overlaps(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|left, right| {
        left.start
            .cmp(&right.start)
            .then((right.end - right.start).cmp(&(left.end - left.start)))
            .then(left.kind.precedence().cmp(&right.kind.precedence()))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for candidate in candidates {
        if kept.last().is_none_or(|last| candidate.start >= last.end) {
            kept.push(candidate);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redacted(text: &str) -> String {
        redact(text).text
    }

    #[test]
    fn indian_and_international_phone_formats_are_redacted() {
        for phone in [
            "+91 98765 43210",
            "+91-9876543210",
            "098765-43210",
            "9876543210",
            "987-654-3210",
            "080-2345 6789",
            "(011) 23456789",
            "+1 (415) 555-2671",
            "+44 20 7946 0958",
            "919876543210",
        ] {
            assert_eq!(
                redacted(&format!("Call {phone}.")),
                "Call [PHONE].",
                "{phone}"
            );
        }
    }

    #[test]
    fn aadhaar_is_redacted_and_its_checksum_recorded() {
        let result = redact("Aadhaar: 2341 2341 2346, old one 2341 2341 2347");
        assert_eq!(result.text, "Aadhaar: [AADHAAR], old one [AADHAAR]");
        let checks: Vec<Option<bool>> = result
            .findings
            .iter()
            .map(|finding| finding.checksum_valid)
            .collect();
        assert_eq!(checks, vec![Some(true), Some(false)]);
    }

    #[test]
    fn pan_passport_email_and_urls_are_redacted() {
        assert_eq!(
            redacted("PAN ABCPK1234F, Passport No: K1234567, mail priya.iyer92@gmail.com"),
            "PAN [PAN], Passport No: [PASSPORT], mail [EMAIL]"
        );
        assert_eq!(
            redacted("linkedin.com/in/priya-iyer | https://github.com/priyai. Blog: priya.dev"),
            "[URL] | [URL]. Blog: [URL]"
        );
        assert_eq!(redacted("GitHub: rahul-codes"), "GitHub: [URL]");
    }

    #[test]
    fn dates_of_birth_are_redacted_but_other_dates_kept() {
        assert_eq!(
            redacted("Date of Birth: 14/08/1998\nDOB - 3rd March, 1999\nBorn on July 4, 2000"),
            "Date of Birth: [DOB]\nDOB - [DOB]\nBorn on [DOB]"
        );
        assert_eq!(
            redacted("Infosys, 06/2019 – 05/2022; joined on 14/08/2022"),
            "Infosys, 06/2019 – 05/2022; joined on 14/08/2022"
        );
    }

    #[test]
    fn numbers_that_are_not_personal_are_kept() {
        let text = "CGPA 8.5/10 (2016–2020). Python 3.11, Java 17. Cut costs by ₹12,00,000 \
            for 1,50,000 users; 99.9% uptime; 10 years; ticket JIRA-12345; order 1234567890123456. \
            Node.js, ASP.NET Core, Socket.IO, Vue.js, scikit-learn 1.4, I like Python.";
        assert_eq!(redacted(text), text);
    }

    #[test]
    fn every_kind_has_a_label_in_the_english_catalog() {
        let catalog = crate::i18n::Catalog::english();
        for kind in Kind::ALL {
            assert_ne!(catalog.get(kind.label_key()), kind.label_key());
        }
        assert_ne!(catalog.get("redaction.summary"), "redaction.summary");
        assert_ne!(
            catalog.get("redaction.aadhaar_unverified"),
            "redaction.aadhaar_unverified"
        );
    }

    #[test]
    fn empty_text_and_huge_text_are_handled() {
        assert_eq!(redact("").findings, Vec::new());
        let huge = "Built dashboards in Power BI for 12 teams. ".repeat(20_000);
        let started = std::time::Instant::now();
        assert_eq!(redact(&huge).findings.len(), 0);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }
}
