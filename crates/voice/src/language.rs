//! Which language a piece of text is in, judged by its script, so that the default voices
//! speak it: in one Hindi interview the questions (from the English question bank) are
//! English and the feedback is Hindi, and each needs its own voice.

use aira_core::i18n::{Language, primary_language};

/// The language `text` is written in: `"en"` for Latin letters, otherwise the Indian
/// language whose script most of its letters are in. Devanagari serves both Hindi and
/// Marathi, so `preferred` (the user's language, `hi-IN` or `mr`) decides between them;
/// text with no letters is in `preferred`.
pub fn spoken_language(text: &str, preferred: &str) -> &'static str {
    let preferred = primary_language(preferred);
    let mut counts = [0_usize; Script::ALL.len()];
    for character in text.chars() {
        if let Some(script) = Script::of(character) {
            counts[script as usize] += 1;
        }
    }
    let most = Script::ALL
        .iter()
        .zip(counts)
        .filter(|(_, count)| *count > 0)
        .max_by_key(|(_, count)| *count)
        .map(|(script, _)| *script);
    match most {
        Some(Script::Latin) => "en",
        Some(Script::Devanagari) if preferred == "mr" => "mr",
        Some(Script::Devanagari) => "hi",
        Some(Script::Tamil) => "ta",
        Some(Script::Telugu) => "te",
        Some(Script::Bengali) => "bn",
        None => Language::find(&preferred).map_or("en", |language| language.code),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin = 0,
    Devanagari = 1,
    Bengali = 2,
    Tamil = 3,
    Telugu = 4,
}

impl Script {
    const ALL: [Script; 5] = [
        Script::Latin,
        Script::Devanagari,
        Script::Bengali,
        Script::Tamil,
        Script::Telugu,
    ];

    /// Letters only: digits, spaces and punctuation are shared by every script.
    fn of(character: char) -> Option<Script> {
        match character {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => Some(Script::Latin),
            '\u{0900}'..='\u{0963}' | '\u{0971}'..='\u{097F}' => Some(Script::Devanagari),
            '\u{0980}'..='\u{09E5}' | '\u{09F0}'..='\u{09FF}' => Some(Script::Bengali),
            '\u{0B80}'..='\u{0BE5}' | '\u{0BF0}'..='\u{0BFF}' => Some(Script::Tamil),
            '\u{0C00}'..='\u{0C65}' | '\u{0C70}'..='\u{0C7F}' => Some(Script::Telugu),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_script_names_its_language() {
        assert_eq!(spoken_language("Tell me about yourself.", "hi"), "en");
        assert_eq!(spoken_language("अपने बारे में बताइए।", "en"), "hi");
        assert_eq!(spoken_language("तुमच्याबद्दल सांगा.", "mr-IN"), "mr");
        assert_eq!(spoken_language("உங்களைப் பற்றி சொல்லுங்கள்.", "en"), "ta");
        assert_eq!(spoken_language("మీ గురించి చెప్పండి.", "en"), "te");
        assert_eq!(spoken_language("আপনার সম্পর্কে বলুন।", "en"), "bn");
    }

    #[test]
    fn mixed_text_goes_by_most_letters_and_bare_text_by_the_preference() {
        assert_eq!(spoken_language("स्कोर 7/10: STAR संरचना अच्छी है", "hi"), "hi");
        assert_eq!(spoken_language("Score 7 of 10 (अच्छा)", "hi"), "en");
        assert_eq!(spoken_language("7 / 10", "ta-IN"), "ta");
        assert_eq!(spoken_language("7 / 10", "xx"), "en");
        assert_eq!(spoken_language("", ""), "en");
    }
}
