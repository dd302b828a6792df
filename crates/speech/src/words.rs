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

/// Runs of at least this many words said twice in a row are Whisper looping, not speech.
const SHORTEST_LOOP_WORDS: usize = 4;
/// Longer runs are not looked for (a run is one or two sentences).
const LONGEST_LOOP_WORDS: usize = 64;

/// Drops Whisper's repetition loops: a run of four or more words repeated right after
/// itself ("… they belong to. A process … they belong to.") keeps its first copy. Whisper
/// falls into such loops in the silence after speech, beam search more often than greedy
/// decoding; people do not repeat four words word for word.
pub fn drop_repetition_loops(mut words: Vec<Word>) -> Vec<Word> {
    let key = |word: &Word| -> String {
        word.text
            .chars()
            .filter(|character| character.is_alphanumeric() || *character == '\'')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let mut keys: Vec<String> = words.iter().map(key).collect();
    let mut start = 0;
    while start < keys.len() {
        let longest = LONGEST_LOOP_WORDS.min((keys.len() - start) / 2);
        let repeated = (SHORTEST_LOOP_WORDS..=longest)
            .find(|&run| keys[start..start + run] == keys[start + run..start + 2 * run]);
        match repeated {
            Some(run) => {
                tracing::debug!(run, at = start, "dropped a repetition loop");
                words.drain(start + run..start + 2 * run);
                keys.drain(start + run..start + 2 * run);
            }
            None => start += 1,
        }
    }
    words
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

    fn words(text: &str) -> Vec<Word> {
        text.split_whitespace()
            .enumerate()
            .map(|(index, word)| Word::new(word, index as u32 * 100, index as u32 * 100 + 90))
            .collect()
    }

    fn text(words: &[Word]) -> String {
        words
            .iter()
            .map(|word| word.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn repetition_loops_keep_their_first_copy() {
        let looped = words(
            "A process has memory, while threads share it. A process has memory, while threads \
             share it. a process has memory while threads share it.",
        );
        assert_eq!(
            text(&drop_repetition_loops(looped)),
            "A process has memory, while threads share it."
        );
        let kept = drop_repetition_loops(words("So I think that I think that we did well"));
        assert_eq!(text(&kept), "So I think that I think that we did well");
        let stutter = drop_repetition_loops(words("we did it we did it on time"));
        assert_eq!(text(&stutter), "we did it we did it on time");
        assert_eq!(
            text(&drop_repetition_loops(words(
                "first the plan was good then the plan was good then the end"
            ))),
            "first the plan was good then the end"
        );
        // Timings of the words kept are unchanged.
        let timed = drop_repetition_loops(words("one two three four one two three four five"));
        assert_eq!(timed.last().map(|word| word.start_ms), Some(800));
    }

    #[test]
    fn annotations_are_recognised() {
        assert!(is_sound_annotation(" [BLANK_AUDIO]"));
        assert!(is_sound_annotation("(music playing)"));
        assert!(!is_sound_annotation(" I built a (small) app."));
    }
}
