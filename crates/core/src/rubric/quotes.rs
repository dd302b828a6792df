//! The answer's own words, for feedback that quotes them: the sentence a STAR cue opened, the
//! clause with the number in a result, the one word of a one-word answer.

use crate::text::{ends_sentence, normalize_word, normalized_words};
use crate::transcript::Transcript;

/// A quoted sentence stops after this many words, so a transcript without punctuation (an
/// hour of it, say) does not become one enormous quote.
const MOST_WORDS_QUOTED: usize = 30;
/// How far back from a cue to look for the start of its sentence.
const MOST_WORDS_BEFORE: usize = 12;
/// A clause quoted for its number is cut beyond this many words…
const MOST_WORDS_IN_CLAUSE: usize = 12;
/// …to this many on either side of the number.
const WORDS_AROUND_QUANTITY: usize = 4;

/// The transcript's words as spoken, punctuation kept, beside their normalised forms, with
/// punctuation-only tokens dropped so indexes match the analytics' word lists.
pub struct SpokenWords<'a> {
    raw: Vec<&'a str>,
    normalized: Vec<String>,
}

impl<'a> SpokenWords<'a> {
    pub fn new(transcript: &'a Transcript) -> Self {
        let mut raw = Vec::new();
        let mut normalized = Vec::new();
        for token in transcript
            .words
            .iter()
            .flat_map(|word| word.text.split_whitespace())
        {
            let word = normalize_word(token);
            if !word.is_empty() {
                raw.push(token);
                normalized.push(word);
            }
        }
        Self { raw, normalized }
    }

    /// The first word, as said, without its punctuation.
    pub fn first_word(&self) -> Option<String> {
        self.raw.first().map(|raw| trim_punctuation(raw).to_owned())
    }

    /// Where `phrase` is said, and how many words it has: at `start` (the word index the
    /// analytics heard it at) when it is there, else where it is first said. The fallback
    /// covers a report made from other words than these, and callers that know no index.
    fn find(&self, phrase: &str, start: Option<usize>) -> Option<(usize, usize)> {
        let needle = normalized_words([phrase]);
        if needle.is_empty() {
            return None;
        }
        if let Some(start) = start
            && self.normalized[start.min(self.normalized.len())..].starts_with(&needle)
        {
            return Some((start, needle.len()));
        }
        self.normalized
            .windows(needle.len())
            .position(|window| window == needle.as_slice())
            .map(|start| (start, needle.len()))
    }

    /// The sentence in which `phrase` is said (see [`Self::find`] for which time), as said:
    /// "During my internship at Razorpay, my teammate and I disagreed…". Long sentences are
    /// cut, marked with "…".
    pub fn sentence_with(&self, phrase: &str, start: Option<usize>) -> Option<String> {
        let (start, length) = self.find(phrase, start)?;
        let mut begin = start;
        while begin > 0 && start - begin < MOST_WORDS_BEFORE && !ends_sentence(self.raw[begin - 1])
        {
            begin -= 1;
        }
        let mut end = (start + length).min(self.raw.len()) - 1;
        while end + 1 < self.raw.len()
            && end + 1 - begin < MOST_WORDS_QUOTED
            && !ends_sentence(self.raw[end])
        {
            end += 1;
        }
        let mut quote = self.raw[begin..=end].join(" ");
        if begin > 0 && !ends_sentence(self.raw[begin - 1]) {
            quote.insert(0, '…');
        }
        if !ends_sentence(self.raw[end]) && end + 1 < self.raw.len() {
            quote = format!("{}…", trim_punctuation_end(&quote));
        }
        Some(quote)
    }

    /// The clause holding the first quantity said from where `phrase` is said: "and we
    /// finished in the top five out of sixty teams". A long clause is cut to the words around
    /// the quantity, marked with "…".
    pub fn clause_with_quantity_after(&self, phrase: &str, start: Option<usize>) -> Option<String> {
        let (start, _) = self.find(phrase, start)?;
        let quantity = (start..self.normalized.len())
            .find(|&index| crate::analytics::is_quantity(&self.normalized[index]))?;
        let mut begin = quantity;
        while begin > 0 && !ends_clause(self.raw[begin - 1]) {
            begin -= 1;
        }
        let mut end = quantity;
        while end + 1 < self.raw.len() && !ends_clause(self.raw[end]) {
            end += 1;
        }
        let (mut first, mut last) = (begin, end);
        if end - begin + 1 > MOST_WORDS_IN_CLAUSE {
            first = begin.max(quantity.saturating_sub(WORDS_AROUND_QUANTITY));
            last = end.min(quantity + WORDS_AROUND_QUANTITY);
        }
        let mut clause = trim_punctuation_end(&self.raw[first..=last].join(" ")).to_owned();
        if first > begin {
            clause.insert(0, '…');
        }
        if last < end {
            clause.push('…');
        }
        Some(clause)
    }

    /// The share of words written in a script other than Latin (Devanagari, for one), 0 to 1.
    pub fn non_latin_share(&self) -> f32 {
        if self.normalized.is_empty() {
            return 0.0;
        }
        let non_latin = self
            .normalized
            .iter()
            .filter(|word| word.chars().any(is_non_latin_letter))
            .count();
        non_latin as f32 / self.normalized.len() as f32
    }
}

/// Letters beyond Latin and its extensions; digits and punctuation are neither.
fn is_non_latin_letter(character: char) -> bool {
    character > '\u{024F}' && character.is_alphabetic()
}

fn ends_clause(raw: &str) -> bool {
    ends_sentence(raw) || raw.ends_with([',', ';', ':'])
}

fn trim_punctuation(raw: &str) -> &str {
    raw.trim_matches(|character: char| {
        character.is_ascii_punctuation() && character != '%' || "“”‘’।॥…".contains(character)
    })
}

fn trim_punctuation_end(text: &str) -> &str {
    text.trim_end_matches(|character: char| {
        character.is_ascii_punctuation() && character != '%' || "।॥".contains(character)
    })
}

/// A quote trimmed of the sentence's closing punctuation, for use inside another sentence.
pub fn inline(quote: &str) -> &str {
    trim_punctuation_end(quote)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::Word;

    fn words(text: &str) -> Transcript {
        let words = text
            .split_whitespace()
            .enumerate()
            .map(|(index, word)| Word::new(word, index as u32 * 400, index as u32 * 400 + 300))
            .collect();
        Transcript::from_words(words, 60_000)
    }

    #[test]
    fn the_sentence_around_a_cue_is_quoted_whole() {
        let transcript = words(
            "I joined in June. My task was to fix the flaky tests. As a result, failures fell \
             by 38 percent in two weeks.",
        );
        let spoken = SpokenWords::new(&transcript);
        assert_eq!(
            spoken.sentence_with("my task", None).as_deref(),
            Some("My task was to fix the flaky tests.")
        );
        assert_eq!(
            spoken
                .clause_with_quantity_after("as a result", None)
                .as_deref(),
            Some("failures fell by 38 percent in two weeks")
        );
        assert_eq!(
            spoken
                .clause_with_quantity_after("my task", None)
                .as_deref(),
            Some("failures fell by 38 percent in two weeks"),
            "the first quantity from the cue on, in whichever sentence"
        );
        assert_eq!(spoken.sentence_with("never said", None), None);
    }

    #[test]
    fn a_cue_is_quoted_where_the_analytics_heard_it() {
        let transcript = words(
            "So I was nervous. Then my lead left, so I took over the release. It shipped in \
             2 days.",
        );
        let spoken = SpokenWords::new(&transcript);
        assert_eq!(
            spoken.sentence_with("so i", Some(8)).as_deref(),
            Some("Then my lead left, so I took over the release.")
        );
        assert_eq!(
            spoken.sentence_with("so i", None).as_deref(),
            Some("So I was nervous."),
            "no index: where the words are first said"
        );
        assert_eq!(
            spoken.sentence_with("so i", Some(2)).as_deref(),
            Some("So I was nervous."),
            "an index where the words are not: the same"
        );
        assert_eq!(
            spoken.sentence_with("so i", Some(99)).as_deref(),
            Some("So I was nervous.")
        );
        assert_eq!(
            spoken
                .clause_with_quantity_after("so i", Some(8))
                .as_deref(),
            Some("It shipped in 2 days")
        );
    }

    #[test]
    fn a_long_clause_is_cut_around_its_number() {
        let transcript = words(
            "As a result we shipped it in one sprint and failed deliveries fell by 38 percent \
             during the sale.",
        );
        assert_eq!(
            SpokenWords::new(&transcript)
                .clause_with_quantity_after("as a result", None)
                .as_deref(),
            Some("…failed deliveries fell by 38 percent during the sale")
        );
    }

    #[test]
    fn unpunctuated_speech_is_quoted_in_a_window() {
        let text = "and then we ".repeat(40) + "finally shipped it " + &"and so on ".repeat(40);
        let transcript = words(&text);
        let quote = SpokenWords::new(&transcript)
            .sentence_with("finally", None)
            .unwrap_or_default();
        assert!(quote.starts_with('…') && quote.ends_with('…'), "{quote}");
        assert!(quote.contains("finally shipped it"), "{quote}");
        assert!(
            quote.split_whitespace().count() <= MOST_WORDS_QUOTED,
            "{quote}"
        );
    }

    #[test]
    fn devanagari_words_count_as_non_latin() {
        let transcript = words("मैंने API बनाया और deploy किया");
        let share = SpokenWords::new(&transcript).non_latin_share();
        assert!((share - 4.0 / 6.0).abs() < 1e-4, "{share}");
        assert_eq!(
            SpokenWords::new(&words("")).non_latin_share(),
            0.0,
            "no words, no NaN"
        );
    }
}
