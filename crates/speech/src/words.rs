//! Whisper emits sub-word tokens; a token whose text starts with a space begins a new word.
//! Bytes are joined before decoding because one Devanagari letter can span two tokens.

use aira_core::Word;

/// One text token with its timing in milliseconds.
pub struct TimedToken<'a> {
    pub bytes: &'a [u8],
    pub start_ms: u32,
    pub end_ms: u32,
}

pub fn join_tokens<'a>(tokens: impl IntoIterator<Item = TimedToken<'a>>) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<(Vec<u8>, u32, u32)> = None;
    for token in tokens {
        let starts_word = token.bytes.first() == Some(&b' ');
        match current.as_mut() {
            Some((bytes, _, end_ms)) if !starts_word => {
                bytes.extend_from_slice(token.bytes);
                *end_ms = token.end_ms;
            }
            _ => {
                if let Some(finished) = current.take() {
                    words.extend(to_word(finished));
                }
                current = Some((token.bytes.to_vec(), token.start_ms, token.end_ms));
            }
        }
    }
    words.extend(current.and_then(to_word));
    words
}

fn to_word((bytes, start_ms, end_ms): (Vec<u8>, u32, u32)) -> Option<Word> {
    let text = String::from_utf8_lossy(&bytes).trim().to_owned();
    (!text.is_empty()).then(|| Word::new(text, start_ms, end_ms.max(start_ms)))
}

/// Whisper's notes about sound rather than speech: "[BLANK_AUDIO]", "(music)", "[Applause]".
pub fn is_sound_annotation(segment_text: &str) -> bool {
    let text = segment_text.trim();
    let bracketed = |open: char, close: char| text.starts_with(open) && text.ends_with(close);
    text.is_empty() || bracketed('[', ']') || bracketed('(', ')') || bracketed('*', '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(text: &str, start_ms: u32, end_ms: u32) -> TimedToken<'_> {
        TimedToken {
            bytes: text.as_bytes(),
            start_ms,
            end_ms,
        }
    }

    #[test]
    fn tokens_join_into_timed_words() {
        let words = join_tokens([
            token(" Hel", 0, 100),
            token("lo", 100, 300),
            token(",", 300, 320),
            token(" world", 500, 900),
        ]);
        assert_eq!(
            words,
            vec![Word::new("Hello,", 0, 320), Word::new("world", 500, 900)]
        );
    }

    #[test]
    fn a_letter_split_across_tokens_is_decoded_whole() {
        let namaste = " नमस्ते".as_bytes();
        let (first, second) = namaste.split_at(5); // inside a three-byte letter
        let words = join_tokens([
            TimedToken {
                bytes: first,
                start_ms: 0,
                end_ms: 50,
            },
            TimedToken {
                bytes: second,
                start_ms: 50,
                end_ms: 400,
            },
        ]);
        assert_eq!(words, vec![Word::new("नमस्ते", 0, 400)]);
    }

    #[test]
    fn annotations_are_recognised() {
        assert!(is_sound_annotation(" [BLANK_AUDIO]"));
        assert!(is_sound_annotation("(music playing)"));
        assert!(!is_sound_annotation(" I built a (small) app."));
    }
}
