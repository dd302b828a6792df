//! Street addresses, line by line. An address has no fixed shape, so a line counts as one
//! only on two pieces of evidence: a house number ("#45", "Flat 402", "Sector 62", "5th
//! Cross") and a second one (another house number, a street word such as "Road" or
//! "Nagar", or a PIN code), or an "Address:" label. A single clue is not enough:
//! "Phase 2 rollout in Mumbai" and "12 years in the banking sector" stay.

use std::sync::LazyLock;

use regex::Regex;

use super::patterns::PLACES;
use super::{Candidate, Kind};

#[expect(
    clippy::expect_used,
    reason = "the patterns are constants; every one is compiled by the tests"
)]
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("an address pattern compiles")
}

static HOUSE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)
        \#\s*\d+[\w/-]*
        | \b(?:flat|house|h\.?\s*no|door|plot|apt|apartment|unit|room|shop|qtr|quarter)\b\.?
          \s*(?:no\b\.?)?\s*[:\#-]?\s*[a-z]?-?\d+[\w/-]*
        | \bno\.?\s*\d+[\w/-]*
        | \b\d{1,4}(?:[/-]\d{1,4})*[a-z]?\s*,\s*[a-z]+(?:\s+[a-z]+)?\s+
          (?:road|rd|street|st|lane|marg|nagar|layout|colony|cross|main|avenue|society|apartments?|enclave|vihar|residency|towers?)\b
        | \b\d{1,4}[a-z]?\s+[a-z]+\s+(?:road|street|lane|marg)\b
        | \b\d{1,3}(?:st|nd|rd|th)\s+(?:cross|main|block|floor|stage|phase|avenue|street|road)\b
        | \bsector\s*-?\s*\d{1,3}[a-z]?\b
        | \b[a-z]-\d{1,4}\b
        ",
    )
});

static STREET_WORD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)\b(?:road|rd|street|lane|marg|\w*nagar|layout|colony|cross|main\s+road|avenue|society|apartments?|apts?|enclave|vihar|residency|towers?|chowk|bagh|\w*puram|\w*palya|\w*halli|peth|gali|mohalla|opposite|opp|behind)\b",
    )
});

static PIN_CODE: LazyLock<Regex> = LazyLock::new(|| compile(r"\b[1-9]\d{2}\s?\d{3}\b"));

static PLACE: LazyLock<Regex> = LazyLock::new(|| compile(&format!(r"(?i)\b(?:{PLACES})\b")));

static ADDRESS_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^\s*(?:permanent\s+|current\s+|residential\s+|present\s+|postal\s+|correspondence\s+|home\s+)?address\s*[:\-–]\s*",
    )
});

/// Where a line's address part ends: resume headers put "address | phone | email" on one line.
const SEPARATORS: &[&str] = &["|", "•", "·", "\t", "  "];

pub fn find_all(text: &str, found: &mut Vec<Candidate>) {
    let lines = lines_with_offsets(text);
    let mut index = 0;
    while index < lines.len() {
        let (offset, line) = lines[index];
        let start_in_line = if let Some(label) = ADDRESS_LABEL.find(line) {
            Some(label.end())
        } else if is_address_line(line) {
            HOUSE_NUMBER.find(line).map(|house| house.start())
        } else {
            None
        };
        let Some(start_in_line) = start_in_line else {
            index += 1;
            continue;
        };
        let mut end = offset + segment_end(line, start_in_line);
        // An address that ends in a comma goes on: "…, Indiranagar," / "Bengaluru 560038".
        while text[..end].trim_end().ends_with(',')
            && lines
                .get(index + 1)
                .is_some_and(|(_, next)| continues_address(next))
        {
            index += 1;
            let (next_offset, next_line) = lines[index];
            end = next_offset + segment_end(next_line, 0);
        }
        let start = offset + start_in_line;
        if start < end {
            found.push(Candidate {
                start,
                end,
                kind: Kind::Address,
                checksum_valid: None,
            });
        }
        index += 1;
    }
}

fn is_address_line(line: &str) -> bool {
    let segment = &line[..segment_end(line, 0)];
    let houses = HOUSE_NUMBER.find_iter(segment).count();
    houses >= 2 || (houses == 1 && (STREET_WORD.is_match(segment) || PIN_CODE.is_match(segment)))
}

fn continues_address(line: &str) -> bool {
    let trimmed = line.trim();
    !trimmed.is_empty()
        && trimmed.len() <= 80
        && (PIN_CODE.is_match(trimmed)
            || STREET_WORD.is_match(trimmed)
            || PLACE.is_match(trimmed)
            || HOUSE_NUMBER.is_match(trimmed))
}

/// The end of the part of `line` from `from` up to the first separator, trailing spaces cut.
fn segment_end(line: &str, from: usize) -> usize {
    let rest = &line[from..];
    let cut = SEPARATORS
        .iter()
        .filter_map(|separator| rest.find(separator))
        .min()
        .unwrap_or(rest.len());
    from + rest[..cut].trim_end().trim_end_matches('.').len()
}

fn lines_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut offset = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = offset;
            offset += line.len();
            (start, line.trim_end_matches(['\n', '\r']))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn addresses(text: &str) -> Vec<&str> {
        let mut found = Vec::new();
        find_all(text, &mut found);
        found
            .iter()
            .map(|candidate| &text[candidate.start..candidate.end])
            .collect()
    }

    #[test]
    fn indian_street_addresses_are_found() {
        assert_eq!(
            addresses("#45, 12th Main, 4th Cross, Indiranagar, Bengaluru 560038 | Mobile"),
            vec!["#45, 12th Main, 4th Cross, Indiranagar, Bengaluru 560038"]
        );
        assert_eq!(
            addresses("Flat 402, Sunrise Apartments, Baner Road,\nPune, Maharashtra - 411045\n"),
            vec!["Flat 402, Sunrise Apartments, Baner Road,\nPune, Maharashtra - 411045"]
        );
        assert_eq!(
            addresses("H.No. 8-2-293/A, Road No. 12, Banjara Hills"),
            vec!["H.No. 8-2-293/A, Road No. 12, Banjara Hills"]
        );
        assert_eq!(
            addresses("Permanent Address: Ward 7, near Shiv Mandir, Gaya"),
            vec!["Ward 7, near Shiv Mandir, Gaya"]
        );
        assert_eq!(
            addresses("C-1104, Sector 62, Noida 201301"),
            vec!["C-1104, Sector 62, Noida 201301"]
        );
    }

    #[test]
    fn experience_lines_with_one_clue_are_not_addresses() {
        for line in [
            "Led the Phase 2 rollout to 12 branches in Mumbai and Pune.",
            "8 years in the banking sector; 3rd place in Smart India Hackathon 2019.",
            "Built 5 REST APIs on AWS (EC2, S3, Lambda) serving 2,00,000 users.",
            "B.Tech, Computer Science, 2016-2020, CGPA 8.5/10, Python 3.11",
            "Ranked No. 1 in the campus coding contest",
        ] {
            assert!(addresses(line).is_empty(), "{line}");
        }
    }
}
