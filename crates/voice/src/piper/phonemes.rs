//! Phonemes from the `espeak-ng` program, shaped as piper-phonemize shapes them (the
//! library Piper voices were trained with), and their model ids.

use std::collections::HashMap;
use std::process::Command;

use aira_core::ports::SpeakError;
use unicode_normalization::UnicodeNormalization;

use super::config::{BEGIN, END, PAD};
use super::text::Clause;

/// Runs `espeak-ng -q --ipa` for one voice.
#[derive(Debug, Clone)]
pub struct Phonemizer {
    program: String,
    voice: String,
}

impl Phonemizer {
    /// Checks that espeak-ng runs and knows `voice`, so a missing program is reported when
    /// the voice loads rather than on its first sentence.
    pub fn new(voice: &str) -> Result<Self, SpeakError> {
        let phonemizer = Self {
            program: "espeak-ng".to_owned(),
            voice: voice.to_owned(),
        };
        phonemizer.run("test").map_err(|error| match error {
            SpeakError::Failed(message) => SpeakError::Unavailable(message),
            unavailable => unavailable,
        })?;
        Ok(phonemizer)
    }

    /// The phonemes of one clause, one Unicode scalar each, followed by its punctuation as
    /// piper-phonemize adds it: `. ? !` alone, `, : ;` with a space.
    pub fn clause(&self, clause: &Clause<'_>) -> Result<Vec<char>, SpeakError> {
        let mut phonemes = decompose(&without_language_flags(&self.run(clause.text)?));
        match clause.terminator {
            Some(terminator @ ('.' | '?' | '!')) => phonemes.push(terminator),
            Some(terminator @ (',' | ':' | ';')) => phonemes.extend([terminator, ' ']),
            _ => {}
        }
        Ok(phonemes)
    }

    /// espeak-ng's IPA for `text`. It prints a line per clause it finds; piper-phonemize
    /// would join those with nothing (their terminators, if any, are not one it keeps), a
    /// space keeps their words apart.
    fn run(&self, text: &str) -> Result<String, SpeakError> {
        // A NUL cannot pass as an argument, and other control characters mean nothing to
        // espeak-ng: spaces keep the words apart.
        let text: String = text
            .chars()
            .map(|character| {
                if character.is_control() {
                    ' '
                } else {
                    character
                }
            })
            .collect();
        let output = Command::new(&self.program)
            .args(["-q", "--ipa", "-v", &self.voice, "--", &text])
            .output()
            .map_err(|error| {
                if error.kind() == std::io::ErrorKind::NotFound {
                    SpeakError::Unavailable(
                        "espeak-ng is not installed, and Piper voices take their phonemes \
                         from it: install the espeak-ng package"
                            .into(),
                    )
                } else {
                    SpeakError::Failed(format!("could not run espeak-ng: {error}"))
                }
            })?;
        if !output.status.success() {
            return Err(SpeakError::Failed(format!(
                "espeak-ng could not phonemize with voice \"{}\": {}",
                self.voice,
                String::from_utf8_lossy(&output.stderr).trim()
            )));
        }
        let phonemes = String::from_utf8_lossy(&output.stdout);
        Ok(phonemes
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(" "))
    }
}

/// Removes espeak-ng's language switches, `(fr)` before and `(en)` after a word read as
/// another language's, as piper-phonemize does; the word's phonemes stay.
fn without_language_flags(phonemes: &str) -> String {
    let mut kept = String::with_capacity(phonemes.len());
    let mut in_flag = false;
    for character in phonemes.chars() {
        match (in_flag, character) {
            (false, '(') => in_flag = true,
            (true, ')') => in_flag = false,
            (false, _) => kept.push(character),
            (true, _) => {}
        }
    }
    kept
}

/// Canonical decomposition (NFD), one phoneme per scalar: "ç" becomes "c" and a combining
/// cedilla, as the voices saw it in training.
fn decompose(phonemes: &str) -> Vec<char> {
    phonemes.nfd().collect()
}

/// Whether `phonemes` hold anything to say: punctuation and spaces alone (text of emoji
/// espeak-ng does not know, or stray dots) would make the voice produce a click or a breath.
pub fn has_speech(phonemes: &[char]) -> bool {
    phonemes
        .iter()
        .any(|phoneme| !phoneme.is_whitespace() && !".?!,:;".contains(*phoneme))
}

/// A sentence's clauses (phonemes each) grouped into utterances of at most `most`
/// phonemes: whole clauses while they fit; a clause longer on its own is cut between words,
/// and a word longer still (a run of digits, say) anywhere.
pub fn utterances(clauses: Vec<Vec<char>>, most: usize) -> Vec<Vec<char>> {
    let most = most.max(1);
    let mut utterances = Vec::new();
    let mut current = Vec::new();
    let mut append = |piece: &[char], current: &mut Vec<char>| {
        if !current.is_empty() && current.len() + piece.len() > most {
            utterances.push(std::mem::take(current));
        }
        current.extend_from_slice(piece);
    };
    for clause in clauses {
        if clause.len() <= most {
            append(&clause, &mut current);
            continue;
        }
        for word in clause.split_inclusive(|phoneme| *phoneme == ' ') {
            for piece in word.chunks(most) {
                append(piece, &mut current);
            }
        }
    }
    if !current.is_empty() {
        utterances.push(current);
    }
    utterances
}

/// Piper's model input for one utterance: `^`, then each phoneme's ids followed by the pad
/// `_`, then `$`. Phonemes the voice has no id for are passed to `unknown` and skipped.
pub fn phoneme_ids(
    phonemes: &[char],
    map: &HashMap<char, Vec<i64>>,
    mut unknown: impl FnMut(char),
) -> Vec<i64> {
    let marker = |character: char| map.get(&character).map_or(&[][..], Vec::as_slice);
    let mut ids = Vec::with_capacity(phonemes.len() * 2 + 3);
    ids.extend_from_slice(marker(BEGIN));
    ids.extend_from_slice(marker(PAD));
    for &phoneme in phonemes {
        match map.get(&phoneme) {
            Some(phoneme_ids) => {
                ids.extend_from_slice(phoneme_ids);
                ids.extend_from_slice(marker(PAD));
            }
            None => unknown(phoneme),
        }
    }
    ids.extend_from_slice(marker(END));
    ids
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> HashMap<char, Vec<i64>> {
        [
            ('_', 0),
            ('^', 1),
            ('$', 2),
            (' ', 3),
            ('.', 10),
            ('h', 20),
            ('i', 21),
        ]
        .into_iter()
        .map(|(phoneme, id)| (phoneme, vec![id]))
        .collect()
    }

    #[test]
    fn ids_are_framed_and_padded_as_piper_does() {
        let mut unknown = Vec::new();
        let ids = phoneme_ids(&['h', 'ˈ', 'i', '.'], &map(), |phoneme| {
            unknown.push(phoneme)
        });
        assert_eq!(ids, vec![1, 0, 20, 0, 21, 0, 10, 0, 2]);
        assert_eq!(
            unknown,
            vec!['ˈ'],
            "an unknown phoneme is reported and skipped"
        );
    }

    #[test]
    fn language_switches_are_dropped_and_phonemes_decomposed() {
        assert_eq!(without_language_flags("(fr)bɔ̃ʒuʁ(en) tə"), "bɔ̃ʒuʁ tə");
        assert_eq!(decompose("ç"), vec!['c', '\u{327}']);
    }

    #[test]
    fn long_sentences_are_cut_between_clauses_then_between_words() {
        let clause = |text: &str| text.chars().collect::<Vec<_>>();
        let text = |utterances: Vec<Vec<char>>| {
            utterances
                .into_iter()
                .map(|utterance| utterance.into_iter().collect::<String>())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            text(utterances(
                vec![clause("ab, "), clause("cd, "), clause("ef.")],
                8
            )),
            vec!["ab, cd, ", "ef."]
        );
        assert_eq!(
            text(utterances(vec![clause("ab cd efghijkl mn.")], 6)),
            vec!["ab cd ", "efghij", "kl mn."]
        );
        assert!(utterances(Vec::new(), 8).is_empty());
    }

    #[test]
    fn punctuation_alone_is_not_speech() {
        assert!(!has_speech(&['.', ' ', '?', ',', ' ']));
        assert!(has_speech(&['h', '.']));
    }

    #[test]
    fn espeak_ng_phonemes_keep_stress_and_get_their_punctuation() {
        let phonemizer = Phonemizer::new("en-us").unwrap_or_else(|error| panic!("{error}"));
        let comma = Clause {
            text: "Hello,",
            terminator: Some(','),
        };
        let phonemes: String = phonemizer
            .clause(&comma)
            .unwrap_or_else(|error| panic!("{error}"))
            .into_iter()
            .collect();
        assert_eq!(phonemes, "həlˈoʊ, ");
        assert!(matches!(
            Phonemizer::new("xx-missing"),
            Err(SpeakError::Unavailable(message)) if message.contains("xx-missing")
        ));
    }
}
