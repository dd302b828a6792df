//! Word marks for voices that give none (espeak-ng and Piper through this crate): each
//! word's start estimated from its share of the spoken characters, so highlighting follows
//! the voice closely enough to read along. Polly's own marks replace these when it speaks.

use aira_protocol::WordMark;

/// Marks for the words of `text` spread over `duration_ms` of speech by their length, with
/// a pause's worth of weight after sentence punctuation. Offsets are characters.
pub fn estimated_marks(text: &str, duration_ms: u32) -> Vec<WordMark> {
    let words = word_spans(text);
    let weight = |(start, end): (usize, usize), next_pause: bool| {
        (end - start) as f32 + 1.0 + if next_pause { 4.0 } else { 0.0 }
    };
    let characters: Vec<char> = text.chars().collect();
    let pause_after = |end: usize| {
        characters
            .get(end)
            .is_some_and(|character| matches!(character, '.' | ',' | '?' | '!' | ';' | ':' | '।'))
    };
    let total: f32 = words
        .iter()
        .map(|&span| weight(span, pause_after(span.1)))
        .sum();
    if total <= 0.0 {
        return Vec::new();
    }
    let mut elapsed = 0.0_f32;
    words
        .into_iter()
        .map(|span| {
            let mark = WordMark {
                time_ms: (elapsed / total * duration_ms as f32) as u32,
                start: span.0 as u32,
                end: span.1 as u32,
            };
            elapsed += weight(span, pause_after(span.1));
            mark
        })
        .collect()
}

/// Character ranges of the words (letters, digits and joined marks) of `text`.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (index, character) in text.chars().enumerate() {
        let in_word = character.is_alphanumeric()
            || is_combining_mark(character)
            || matches!(character, '\'' | '’' | '-' | '&');
        match (start, in_word) {
            (None, true) => start = Some(index),
            (Some(begun), false) => {
                spans.push((begun, index));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begun) = start {
        spans.push((begun, text.chars().count()));
    }
    spans
}

/// Vowel signs and viramas of Indian scripts are not alphanumeric to Rust, but belong to
/// their word ("नमस्ते"). The danda and double danda end sentences instead.
fn is_combining_mark(character: char) -> bool {
    (matches!(u32::from(character), 0x0900..=0x0DFF) && !matches!(character, '।' | '॥'))
        || matches!(character, '\u{200C}' | '\u{200D}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_indian_scripts_stay_whole() {
        let text = "नमस्ते, मैं ठीक हूँ।";
        let words: Vec<String> = word_spans(text)
            .into_iter()
            .map(|(start, end)| text.chars().skip(start).take(end - start).collect())
            .collect();
        assert_eq!(words, ["नमस्ते", "मैं", "ठीक", "हूँ"]);
    }

    #[test]
    fn marks_rise_through_the_duration_and_cover_every_word() {
        let marks = estimated_marks("Tell me about yourself. Then stop.", 3_000);
        assert_eq!(marks.len(), 6);
        assert_eq!(marks[0].time_ms, 0);
        assert!(
            marks
                .windows(2)
                .all(|pair| pair[0].time_ms < pair[1].time_ms)
        );
        assert!(marks[5].time_ms < 3_000);
        // "Then" comes after the sentence pause: a bigger step than between plain words.
        let step_to_then = marks[4].time_ms - marks[3].time_ms;
        let step_to_about = marks[2].time_ms - marks[1].time_ms;
        assert!(step_to_then > step_to_about);
        assert_eq!((marks[4].start, marks[4].end), (24, 28));
        assert!(estimated_marks(" … ", 500).is_empty());
    }
}
