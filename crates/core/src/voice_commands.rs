//! What a short spoken command means: "repeat", "next", "pause", "stop", "read feedback",
//! "my score". The phrases come from `locales/` (`voice_command.<action>`, alternatives
//! separated by `|`), so each language has its own; English phrases are always understood
//! too, since the default speech model (tiny.en) only writes English.

use aira_protocol::InterviewAction;

use crate::i18n::{Catalog, Language};

/// Every command phrase of `catalog`, as a prompt that tells a transcriber which words to
/// expect.
pub fn prompt(catalog: &Catalog) -> String {
    InterviewAction::ALL
        .iter()
        .map(|action| catalog.get(&format!("voice_command.{}", action.as_str())))
        .collect::<Vec<_>>()
        .join(", ")
        .replace('|', ", ")
}

/// The action `heard` asks for, or `None` when it is not one of the commands (the caller
/// says "I did not catch that" and nothing else happens). Where several phrases occur, the
/// longest wins: "stop reading the feedback" is not "stop".
pub fn recognise(heard: &str, catalog: &Catalog) -> Option<InterviewAction> {
    let heard = normalise(heard);
    if heard.is_empty() {
        return None;
    }
    let english = Catalog::of(Language::english());
    let mut best: Option<(usize, InterviewAction)> = None;
    for action in InterviewAction::ALL {
        let key = format!("voice_command.{}", action.as_str());
        let phrases = [catalog.get(&key), english.get(&key)];
        for phrase in phrases.iter().flat_map(|list| list.split('|')) {
            let phrase = normalise(phrase);
            if !phrase.is_empty()
                && contains_words(&heard, &phrase)
                && best.is_none_or(|(length, _)| phrase.len() > length)
            {
                best = Some((phrase.len(), action));
            }
        }
    }
    best.map(|(_, action)| action)
}

/// Lower case, letters and digits only, single spaces: "My score?" → "my score". The
/// Devanagari nukta is dropped (फ़ीडबैक → फीडबैक): speech recognisers write it or not.
fn normalise(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .filter_map(without_nukta)
        .map(|c| {
            if c.is_alphanumeric() || is_combining(c) {
                c
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn without_nukta(c: char) -> Option<char> {
    // The precomposed letters with a nukta (क़ ख़ ग़ ज़ ड़ ढ़ फ़ य़), U+0958 to U+095F, and the
    // nukta itself, U+093C.
    const PLAIN: [char; 8] = [
        '\u{0915}', '\u{0916}', '\u{0917}', '\u{091C}', '\u{0921}', '\u{0922}', '\u{092B}',
        '\u{092F}',
    ];
    match c as u32 {
        0x093C => None,
        code @ 0x0958..=0x095F => Some(PLAIN[(code - 0x0958) as usize]),
        _ => Some(c),
    }
}

/// Vowel signs and viramas of Indian scripts are marks, not letters, but belong to words.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0900..=0x0DFF) && !c.is_whitespace()
}

/// Whether `phrase` occurs in `text` as whole words.
fn contains_words(text: &str, phrase: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {phrase} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english(heard: &str) -> Option<InterviewAction> {
        recognise(heard, &Catalog::english())
    }

    #[test]
    fn each_command_is_understood_in_english_as_whisper_writes_it() {
        assert_eq!(english(" Repeat."), Some(InterviewAction::RepeatQuestion));
        assert_eq!(english("Next!"), Some(InterviewAction::NextQuestion));
        assert_eq!(english("Pause."), Some(InterviewAction::Pause));
        assert_eq!(english("Stop."), Some(InterviewAction::Stop));
        assert_eq!(
            english("Read feedback."),
            Some(InterviewAction::ReadFeedback)
        );
        assert_eq!(english("My score?"), Some(InterviewAction::MyScore));
        assert_eq!(english("What is my score"), Some(InterviewAction::MyScore));
    }

    #[test]
    fn anything_else_is_not_a_command() {
        assert_eq!(english(""), None);
        assert_eq!(english("Banana bread."), None);
        // Whole words only: "nextdoor" is not "next", "unstoppable" is not "stop".
        assert_eq!(english("nextdoor unstoppable"), None);
    }

    #[test]
    fn the_longest_phrase_wins() {
        assert_eq!(
            english("stop and read the feedback"),
            Some(InterviewAction::ReadFeedback)
        );
    }

    #[test]
    fn hindi_phrases_are_understood_and_english_still_is() {
        let hindi = Catalog::of(Language::find("hi").unwrap_or_else(Language::english));
        let phrase = hindi.get("voice_command.next_question");
        let first = phrase.split('|').next().unwrap_or_default();
        assert!(!first.is_ascii(), "a Hindi phrase: {phrase}");
        assert_eq!(recognise(first, hindi), Some(InterviewAction::NextQuestion));
        assert_eq!(
            recognise("next", hindi),
            Some(InterviewAction::NextQuestion)
        );
    }
}
