//! Turning free text (transcripts, feedback) into paragraphs and lines that fit the page.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The paragraphs of `text`: composed (NFC, so "e" + combining acute prints as the one glyph
/// "é" instead of a mark the unshaped text would misplace), line breaks as paragraph breaks,
/// tabs and control characters as spaces, runs of spaces as one. Empty paragraphs are kept
/// as `""` so a blank line in a transcript stays a gap.
pub(crate) fn paragraphs(text: &str) -> Vec<String> {
    // Nearly all text is composed already; checking is far cheaper than recomposing.
    let composed = match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => text.to_owned(),
        IsNormalized::No | IsNormalized::Maybe => text.nfc().collect(),
    };
    let mut result = Vec::new();
    for line in composed.replace("\r\n", "\n").split(['\n', '\r']) {
        let mut paragraph = String::with_capacity(line.len());
        for character in line.chars() {
            let character = if character.is_control() {
                ' '
            } else {
                character
            };
            if character == ' ' && (paragraph.is_empty() || paragraph.ends_with(' ')) {
                continue;
            }
            paragraph.push(character);
        }
        let trimmed_length = paragraph.trim_end_matches(' ').len();
        paragraph.truncate(trimmed_length);
        result.push(paragraph);
    }
    // A trailing line break is not a blank paragraph.
    while result.len() > 1 && result.last().is_some_and(String::is_empty) {
        result.pop();
    }
    result
}

/// Splits one paragraph (single spaces, as `paragraphs` makes them) into lines no wider than
/// `max_width`, breaking at spaces; a word wider than a whole line is broken between characters
/// rather than left to run off the page.
pub(crate) fn wrap(
    paragraph: &str,
    max_width: f32,
    mut width_of: impl FnMut(char) -> f32,
) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_width = 0.0;
    let mut last_space: Option<usize> = None;
    for (index, character) in paragraph.char_indices() {
        let width = width_of(character);
        if character == ' ' {
            last_space = Some(index);
            line_width += width;
            continue;
        }
        if line_width + width > max_width && index > line_start {
            match last_space {
                Some(space) => {
                    lines.push(&paragraph[line_start..space]);
                    line_start = space + 1;
                    line_width = paragraph[line_start..index]
                        .chars()
                        .map(&mut width_of)
                        .sum();
                }
                None => {
                    lines.push(&paragraph[line_start..index]);
                    line_start = index;
                    line_width = 0.0;
                }
            }
            last_space = None;
        }
        line_width += width;
    }
    if line_start < paragraph.len() || lines.is_empty() {
        lines.push(&paragraph[line_start..]);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character one unit wide, so widths are character counts.
    fn wrap_monospace(text: &str, width: f32) -> Vec<&str> {
        wrap(text, width, |_| 1.0)
    }

    #[test]
    fn breaks_at_the_last_space_that_fits() {
        assert_eq!(
            wrap_monospace("the quick brown fox jumps", 10.0),
            ["the quick", "brown fox", "jumps"]
        );
    }

    #[test]
    fn a_line_may_be_exactly_full() {
        assert_eq!(wrap_monospace("abcde fghij", 5.0), ["abcde", "fghij"]);
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_between_characters() {
        assert_eq!(
            wrap_monospace("ab abcdefghijkl cd", 5.0),
            ["ab", "abcde", "fghij", "kl cd"]
        );
    }

    #[test]
    fn multibyte_characters_are_never_split() {
        assert_eq!(wrap_monospace("₹₹₹₹ éé", 3.0), ["₹₹₹", "₹", "éé"]);
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap_monospace("", 5.0), [""]);
    }

    #[test]
    fn nothing_is_lost_or_added_but_the_break_spaces() {
        let text =
            "Interviewers listen for a clear situation, a task, what you did and what came of it.";
        // From the longest word up: narrower, words are cut and the spaces test does not hold.
        for width in 12..40 {
            let lines = wrap_monospace(text, width as f32);
            assert_eq!(lines.join(" "), text, "width {width}");
            assert!(
                lines.iter().all(|line| line.chars().count() <= width),
                "width {width}"
            );
        }
    }

    #[test]
    fn paragraphs_are_composed_and_spaced_once() {
        assert_eq!(
            paragraphs("Cafe\u{301}\t au  lait\r\n\r\nSecond \u{7}line\n"),
            ["Café au lait", "", "Second line"]
        );
    }
}
