//! Transcribe's results as Aira's timed words.

use aira_core::Word;
use aws_sdk_transcribestreaming::types::{ItemType, Result as TranscriptionResult};

/// Adds the words of `results` that are final. Partial results are revised by later ones,
/// so only final ones count; punctuation joins the word before it ("world" + "." →
/// "world."), as Whisper writes it.
pub fn add_final_words(words: &mut Vec<Word>, results: &[TranscriptionResult]) {
    for result in results.iter().filter(|result| !result.is_partial) {
        let Some(best) = result.alternatives().first() else {
            continue;
        };
        for item in best.items() {
            let Some(content) = item.content().filter(|content| !content.trim().is_empty()) else {
                continue;
            };
            match (item.r#type(), words.last_mut()) {
                (Some(ItemType::Punctuation), Some(previous)) => previous.text.push_str(content),
                (Some(ItemType::Punctuation), None) => {}
                _ => words.push(Word::new(
                    content,
                    seconds_to_ms(item.start_time()),
                    seconds_to_ms(item.end_time()),
                )),
            }
        }
    }
}

fn seconds_to_ms(seconds: f64) -> u32 {
    (seconds.max(0.0) * 1000.0).round().min(f64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_transcribestreaming::types::{Alternative, Item};

    fn item(kind: ItemType, content: &str, start: f64, end: f64) -> Item {
        Item::builder()
            .r#type(kind)
            .content(content)
            .start_time(start)
            .end_time(end)
            .build()
    }

    fn result(partial: bool, items: Vec<Item>) -> TranscriptionResult {
        TranscriptionResult::builder()
            .is_partial(partial)
            .alternatives(Alternative::builder().set_items(Some(items)).build())
            .build()
    }

    #[test]
    fn final_pronunciations_become_words_and_punctuation_joins_the_previous_word() {
        let mut words = Vec::new();
        let results = [
            result(
                true,
                vec![item(ItemType::Pronunciation, "hollow", 0.1, 0.4)],
            ),
            result(
                false,
                vec![
                    item(ItemType::Pronunciation, "Hello", 0.1, 0.45),
                    item(ItemType::Punctuation, ",", 0.45, 0.45),
                    item(ItemType::Pronunciation, "world", 0.5, 0.9),
                    item(ItemType::Punctuation, ".", 0.9, 0.9),
                ],
            ),
        ];
        add_final_words(&mut words, &results);
        assert_eq!(
            words,
            vec![Word::new("Hello,", 100, 450), Word::new("world.", 500, 900)]
        );
    }
}
