//! Tidies extracted text for the redaction preview and the cloud model: one space between
//! words, one line break between lines, one blank line between paragraphs, no invisible
//! characters.

/// What a character becomes in the tidied text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Kept,
    Space,
    /// Line breaks it stands for: a page break (form feed) ends a paragraph.
    Break(u8),
    Dropped,
}

fn role(character: char) -> Role {
    match character {
        '\n' | '\r' | '\u{0B}' | '\u{2028}' | '\u{85}' => Role::Break(1),
        '\u{0C}' | '\u{2029}' => Role::Break(2),
        // Soft hyphens, zero-width spaces and joiners, byte order marks: invisible, and
        // they split words the redaction patterns must see whole ("rahul\u{AD}@gmail.com").
        '\u{AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' => Role::Dropped,
        // Direction overrides and isolates reorder what is shown: the preview could
        // display one thing while another is sent.
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
            Role::Dropped
        }
        // Zero-width (non-)joiners, U+200C and U+200D, are kept: Devanagari, Malayalam
        // and other Indian scripts need them to spell words.
        _ if character.is_whitespace() => Role::Space,
        _ if character.is_control() => Role::Dropped,
        _ => Role::Kept,
    }
}

/// The tidied text, at most `max_characters` long, and whether it was cut.
pub(crate) fn normalize(raw: &str, max_characters: usize) -> (String, bool) {
    let mut output = String::with_capacity(raw.len().min(max_characters.saturating_mul(4)));
    let mut written = 0;
    let mut pending_space = false;
    let mut pending_breaks: u8 = 0;
    let mut previous = '\0';
    for character in raw.chars() {
        let current_role = if previous == '\r' && character == '\n' {
            Role::Dropped // the second half of a Windows line break
        } else {
            role(character)
        };
        previous = character;
        match current_role {
            Role::Dropped => {}
            Role::Space => pending_space = true,
            Role::Break(count) => {
                pending_breaks = pending_breaks.saturating_add(count).min(2);
                pending_space = false;
            }
            Role::Kept => {
                let separator = match (output.is_empty(), pending_breaks, pending_space) {
                    (true, _, _) => "",
                    (false, 0, true) => " ",
                    (false, 0, false) => "",
                    (false, 1, _) => "\n",
                    (false, _, _) => "\n\n",
                };
                let needed = separator.chars().count() + 1;
                if written + needed > max_characters {
                    // With a separator due, the text already ends at a word's end.
                    let mid_word = separator.is_empty();
                    return (
                        if mid_word {
                            cut_at_word_end(output)
                        } else {
                            output
                        },
                        true,
                    );
                }
                output.push_str(separator);
                output.push(character);
                written += needed;
                pending_space = false;
                pending_breaks = 0;
            }
        }
    }
    (output, false)
}

/// Text cut at the limit, ending at the last whole word. A cut mid-word could leave half an
/// email address or phone number that the redaction patterns no longer recognise and so
/// would send. Text without any space keeps the hard cut.
fn cut_at_word_end(mut text: String) -> String {
    if let Some(end) = text.rfind([' ', '\n']) {
        text.truncate(end);
        // The word may have followed a paragraph break: drop the break's first half too.
        let trimmed_length = text.trim_end().len();
        text.truncate(trimmed_length);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tidy(raw: &str) -> String {
        normalize(raw, usize::MAX).0
    }

    #[test]
    fn runs_of_spaces_collapse_and_lines_are_trimmed() {
        assert_eq!(
            tidy("  Java,\t\tSpring\u{A0}Boot   \n   React  "),
            "Java, Spring Boot\nReact"
        );
    }

    #[test]
    fn paragraph_breaks_survive_but_blank_runs_collapse() {
        assert_eq!(
            tidy("EDUCATION\r\nB.Tech\r\n\r\n\r\n\r\nSKILLS\n \n\t\nGo"),
            "EDUCATION\nB.Tech\n\nSKILLS\n\nGo"
        );
        assert_eq!(tidy("Page one\u{0C}Page two"), "Page one\n\nPage two");
        assert_eq!(tidy("\n\n  Name\n\n"), "Name");
    }

    #[test]
    fn invisible_and_control_characters_go() {
        assert_eq!(
            tidy("rahul\u{AD}.verma\u{200B}@gmail.com\u{7}\u{1B}[0m"),
            "rahul.verma@gmail.com[0m"
        );
        assert_eq!(tidy("\u{202E}moc.liamg@luhar"), "moc.liamg@luhar");
    }

    #[test]
    fn joiners_of_indian_scripts_are_kept() {
        // क्‍ष with a zero-width joiner, as Marathi and Nepali spell some conjuncts.
        assert_eq!(tidy("क्\u{200D}ष"), "क्\u{200D}ष");
    }

    #[test]
    fn long_text_is_cut_at_a_word_end() {
        let (text, truncated) = normalize("Email me at rahul.verma98@gmail.com today", 30);
        assert!(truncated);
        assert_eq!(text, "Email me at");
        let (text, truncated) = normalize("Email me at", 11);
        assert_eq!((text.as_str(), truncated), ("Email me at", false));
        let (text, truncated) = normalize("Email me at once", 12);
        assert_eq!((text.as_str(), truncated), ("Email me at", true));
        let (text, truncated) = normalize("SKILLS\n\nJava", 9);
        assert_eq!((text.as_str(), truncated), ("SKILLS", true));
        let (text, truncated) = normalize("short text", 30);
        assert!(!truncated);
        assert_eq!(text, "short text");
    }

    #[test]
    fn the_limit_counts_characters_not_bytes() {
        let (text, truncated) = normalize("₹₹₹₹₹", 5);
        assert_eq!((text.as_str(), truncated), ("₹₹₹₹₹", false));
        let (text, truncated) = normalize(&"a".repeat(50), 10);
        assert_eq!((text.len(), truncated), (10, true));
    }
}
