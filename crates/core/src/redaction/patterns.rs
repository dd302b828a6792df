//! The detectors for personal data that has a fixed shape: emails, phone numbers, Aadhaar,
//! PAN, passport, PIN codes, profile URLs, dates of birth and labelled names.
//!
//! The `regex` crate has no look-around, so word boundaries that `\b` cannot express (a
//! number must not continue a longer number) are checked on the match afterwards.

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, Kind, verhoeff};

/// Indian cities and states: a six-digit number right after one is a PIN code.
pub const PLACES: &str = "bengaluru|bangalore|mumbai|navi mumbai|thane|new delhi|delhi|chennai|\
    hyderabad|secunderabad|kolkata|pune|ahmedabad|jaipur|lucknow|noida|greater noida|gurugram|\
    gurgaon|ghaziabad|faridabad|chandigarh|kochi|cochin|thiruvananthapuram|trivandrum|\
    coimbatore|madurai|mysuru|mysore|mangaluru|mangalore|indore|bhopal|nagpur|nashik|surat|\
    vadodara|patna|ranchi|bhubaneswar|visakhapatnam|vizag|vijayawada|guwahati|dehradun|kanpur|\
    varanasi|agra|raipur|ludhiana|amritsar|jodhpur|udaipur|hubli|belagavi|warangal|tirupati|\
    vellore|salem|tiruchirappalli|trichy|karnataka|maharashtra|tamil nadu|telangana|\
    andhra pradesh|kerala|gujarat|rajasthan|uttar pradesh|madhya pradesh|west bengal|bihar|\
    odisha|punjab|haryana|assam|jharkhand|chhattisgarh|uttarakhand|goa|himachal pradesh";

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|\
    aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

/// Characters that end a URL or handle in running text.
const URL_BODY: &str = r#"[^\s<>()\[\]{}|,;"'•]+"#;

#[expect(
    clippy::expect_used,
    reason = "the patterns are constants; every one is compiled by the tests"
)]
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a redaction pattern compiles")
}

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b")
});

static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?x)
        (?:\+|\b00)\d{1,3}[\s.-]?(?:\(\d{1,4}\)|\d{1,4})(?:[\s.-]?\d{2,5}){2,4}  # +44 20 7946 0958
        | (?:\+91[\s-]?|\b91[\s-]?|\b0)?[6-9]\d{4}[\s-]?\d{5}                 # 98765 43210, 098765-43210
        | (?:\+91[\s-]?|\b0)?[6-9]\d{2}[\s-]\d{3}[\s-]\d{4}                   # 987-654-3210
        | (?:\(0\d{2,4}\)|\b0\d{2,4})[\s-]?\d{3,4}[\s-]?\d{4}                # 080-2345 6789, (011) 23456789
        ",
    )
});

static AADHAAR: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\b[2-9]\d{3}[\s-]?\d{4}[\s-]?\d{4}\b"));

/// The fourth letter says who holds the PAN (P a person, C a company…), which keeps
/// ordinary ten-character codes out.
static PAN: LazyLock<Regex> = LazyLock::new(|| compile(r"\b[A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]\b"));

static PASSPORT: LazyLock<Regex> = LazyLock::new(|| compile(r"\b[A-Z][1-9]\d\s?\d{4}[1-9]\b"));

static PIN_AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?:\b(?:pin|pincode|pin\s*code|postal\s*code|zip|zip\s*code)\b|\b(?:{PLACES}))\s*[:,\-–]?\s*([1-9]\d{{2}}\s?\d{{3}})\b"
    ))
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?ix)
        \b(?:https?://|www\.){URL_BODY}
        | \b(?:[a-z0-9-]+\.)*(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|twitter\.com
            |x\.com|leetcode\.com|medium\.com|behance\.net|dribbble\.com|kaggle\.com
            |stackoverflow\.com|hackerrank\.com|codechef\.com|codeforces\.com|instagram\.com
            |facebook\.com)/{URL_BODY}
        | \b[a-z0-9-]+\.(?:github\.io|gitlab\.io|vercel\.app|netlify\.app|herokuapp\.com
            |wordpress\.com|blogspot\.com|substack\.com|about\.me|carrd\.co)\b(?:/{URL_BODY})?
        | \b(?:[a-z0-9-]+\.)*[a-z0-9-]{{2,}}\.(?:dev|me|tech|site|xyz|page|online|co\.in|in)\b(?:/{URL_BODY})?
        "
    ))
});

/// "GitHub: rahul-codes", "LinkedIn - in/priya": a handle after a profile label.
static PROFILE_HANDLE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)\b(?:linkedin|github|gitlab|portfolio|website|blog|twitter|leetcode|kaggle|hackerrank|codechef|codeforces|behance|dribbble)\s*(?:id|profile|handle)?\s*[:\-–]\s*({URL_BODY})"
    ))
});

static DATE_OF_BIRTH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?ix)
        (?:\bd\.?\s?o\.?\s?b\b\.?|\bdate\s+of\s+birth\b|\bbirth\s*date\b|\bborn\b(?:\s+on)?)
        \s*[:\-–]?\s*
        ( \d{{1,2}}[/.\-]\d{{1,2}}[/.\-](?:\d{{4}}|\d{{2}})
        | \d{{4}}-\d{{2}}-\d{{2}}
        | \d{{1,2}}(?:st|nd|rd|th)?[\s-]+(?:{MONTHS})\.?,?[\s-]+\d{{4}}
        | (?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}
        )"
    ))
});

/// "Name: …", "Father's Name: …" lines of an Indian resume's personal details.
static LABELLED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?im)^[ \t]*(?:(?:father|mother|spouse|husband|wife|guardian)(?:'|’)?s?\s+)?name\s*[:\-–]\s*([^\n|•]+)",
    )
});

pub fn find_all(text: &str, found: &mut Vec<Candidate>) {
    whole_matches(&EMAIL, text, Kind::Email, found);
    for matched in URL.find_iter(text) {
        let end = matched.start() + trim_url_end(matched.as_str()).len();
        push(found, matched.start(), end, Kind::ProfileUrl);
    }
    group_matches(&PROFILE_HANDLE, text, Kind::ProfileUrl, found);
    aadhaar(text, found);
    whole_matches(&PAN, text, Kind::Pan, found);
    whole_matches(&PASSPORT, text, Kind::Passport, found);
    for matched in PHONE.find_iter(text) {
        if phone_stands_alone(text, matched.start(), matched.end()) {
            push(found, matched.start(), matched.end(), Kind::Phone);
        }
    }
    group_matches(&DATE_OF_BIRTH, text, Kind::DateOfBirth, found);
    for captures in LABELLED_NAME.captures_iter(text) {
        if let Some(value) = captures.get(1) {
            let trimmed = value.as_str().trim_end();
            push(
                found,
                value.start(),
                value.start() + trimmed.len(),
                Kind::Name,
            );
        }
    }
    group_matches(&PIN_AFTER_CUE, text, Kind::PinCode, found);
}

fn push(found: &mut Vec<Candidate>, start: usize, end: usize, kind: Kind) {
    if start < end {
        found.push(Candidate {
            start,
            end,
            kind,
            checksum_valid: None,
        });
    }
}

fn whole_matches(pattern: &Regex, text: &str, kind: Kind, found: &mut Vec<Candidate>) {
    for matched in pattern.find_iter(text) {
        push(found, matched.start(), matched.end(), kind);
    }
}

fn group_matches(pattern: &Regex, text: &str, kind: Kind, found: &mut Vec<Candidate>) {
    for captures in pattern.captures_iter(text) {
        if let Some(value) = captures.get(1) {
            push(found, value.start(), value.end(), kind);
        }
    }
}

/// Every Aadhaar-shaped number is redacted, checksum or not: a missed Aadhaar number leaks a
/// national identity number, while a 12-digit number wrongly hidden in a resume is almost
/// always another identifier (a bank account, an application number) that should not leave
/// either. The checksum is recorded so the user sees which ones were certain. The one
/// exception is a failed checksum on 91 followed by a mobile number: that is a phone.
fn aadhaar(text: &str, found: &mut Vec<Candidate>) {
    for matched in AADHAAR.find_iter(text) {
        let number = matched.as_str();
        let valid = verhoeff::is_valid(number);
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let looks_like_phone = digits.starts_with("91")
            && digits
                .as_bytes()
                .get(2)
                .is_some_and(|digit| (b'6'..=b'9').contains(digit));
        if !stands_alone(text, matched.start(), matched.end()) || (!valid && looks_like_phone) {
            continue;
        }
        found.push(Candidate {
            start: matched.start(),
            end: matched.end(),
            kind: Kind::Aadhaar,
            checksum_valid: Some(valid),
        });
    }
}

/// A number that does not continue a longer number, a decimal or a word on either side.
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins_before = before.is_some_and(|character| {
        character.is_alphanumeric()
            || (matches!(character, '.' | ',' | '/')
                && text[..start]
                    .chars()
                    .rev()
                    .nth(1)
                    .is_some_and(|previous| previous.is_ascii_digit()))
    });
    let joins_after = after.is_some_and(|character| {
        character.is_alphanumeric()
            || (matches!(character, '.' | ',' | '/')
                && text[end..]
                    .chars()
                    .nth(1)
                    .is_some_and(|next| next.is_ascii_digit()))
    });
    !joins_before && !joins_after
}

/// A phone number is part of a longer number only when digits touch it. Letters may: text
/// taken from a PDF often loses its line breaks ("+91 98765 43210Projects"), and leaving a
/// number out of the redaction costs more than redacting a product code.
fn phone_stands_alone(text: &str, start: usize, end: usize) -> bool {
    let touches_digit = |character: Option<char>| character.is_some_and(|c| c.is_ascii_digit());
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let after_next = text[end..].chars().nth(1);
    let joins_after = touches_digit(after)
        || (matches!(after, Some('.' | ',' | '/')) && touches_digit(after_next));
    !touches_digit(before) && !joins_after
}

/// A sentence's full stop or a closing bracket after a URL is not part of it.
fn trim_url_end(url: &str) -> &str {
    url.trim_end_matches(['.', ':', '!', '?', ')', '\''])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phone_number_run_into_the_next_line_is_still_found() {
        let mut found = Vec::new();
        find_all(
            "Phone: +91 98765 43210Projects: canteen app. Mobile9876543210",
            &mut found,
        );
        let phones = found
            .iter()
            .filter(|candidate| candidate.kind == Kind::Phone)
            .count();
        assert_eq!(phones, 2);
        let mut found = Vec::new();
        find_all("Order 12398765432101 shipped", &mut found);
        assert!(found.iter().all(|candidate| candidate.kind != Kind::Phone));
    }

    #[test]
    fn every_pattern_compiles() {
        for pattern in [
            &EMAIL,
            &PHONE,
            &AADHAAR,
            &PAN,
            &PASSPORT,
            &PIN_AFTER_CUE,
            &URL,
            &PROFILE_HANDLE,
            &DATE_OF_BIRTH,
            &LABELLED_NAME,
        ] {
            assert!(!pattern.as_str().is_empty());
        }
    }
}
