//! Cuts text into sentences and clauses where espeak-ng does, so the punctuation that
//! piper-phonemize keeps (and Piper voices were trained with) can be put back: the
//! `espeak-ng` program prints each clause's phonemes on a line but drops its punctuation.

/// A stretch of text espeak-ng reads as one clause, and the punctuation that ended it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause<'text> {
    pub text: &'text str,
    pub terminator: Option<char>,
}

/// The clauses of `text`, grouped in sentences, cut where espeak-ng cuts them: after
/// `. ? ! , ; :` or a spaced dash followed by whitespace or the end (closing quotes and
/// brackets may come between). As in espeak-ng, a full stop ends no clause before a
/// lower-case word ("e.g. this") or when no letter or digit came before it; an ellipsis
/// only pauses; of a run like `?!` the first mark counts. A sentence ends after `. ? !` and
/// at a blank line. Whitespace-only clauses are left out.
pub fn sentences(text: &str) -> Vec<Vec<Clause<'_>>> {
    let characters: Vec<(usize, char)> = text.char_indices().collect();
    let offset_of = |index: usize| characters.get(index).map_or(text.len(), |&(at, _)| at);
    let mut sentences = Vec::new();
    let mut sentence = Vec::new();
    let mut clause_start = 0;
    // Whether the clause so far holds a letter or digit, kept as it goes so that text full
    // of stray dots is not scanned again at each one.
    let mut said_something = false;
    let mut index = 0;
    while index < characters.len() {
        let (position, character) = characters[index];
        let mut last = index;
        if is_clause_punctuation(character) {
            while characters
                .get(last + 1)
                .is_some_and(|&(_, next)| is_clause_punctuation(next))
            {
                last += 1;
            }
        } else if !is_spaced_dash(&characters, index) {
            if character == '\n' && is_blank_line_after(&characters[index + 1..]) {
                push_clause(&mut sentence, &text[clause_start..position], None);
                finish_sentence(&mut sentences, &mut sentence);
                clause_start = position;
                said_something = false;
            }
            said_something |= character.is_alphanumeric();
            index += 1;
            continue;
        }
        let mut after = last + 1;
        while characters
            .get(after)
            .is_some_and(|&(_, next)| is_closing(next))
        {
            after += 1;
        }
        let next_word = characters[after..]
            .iter()
            .map(|&(_, next)| next)
            .find(|next| !next.is_whitespace());
        // "3.50", "e-mail:x" or "a,b" do not end a clause: espeak-ng wants a space after.
        let spaced = characters
            .get(after)
            .is_none_or(|&(_, next)| next.is_whitespace());
        let ellipsis = characters[index..=last]
            .iter()
            .filter(|&&(_, mark)| mark == '.')
            .count()
            > 1;
        let abbreviation =
            character == '.' && (next_word.is_some_and(char::is_lowercase) || !said_something);
        if spaced && !ellipsis && !abbreviation {
            let terminator = if is_clause_punctuation(character) {
                character
            } else {
                // espeak-ng pauses at a dash as at a semicolon, and piper-phonemize marks it so.
                ';'
            };
            push_clause(
                &mut sentence,
                &text[clause_start..offset_of(after)],
                Some(terminator),
            );
            if ends_sentence(terminator) {
                finish_sentence(&mut sentences, &mut sentence);
            }
            clause_start = offset_of(after);
            said_something = false;
        }
        index = after.max(index + 1);
    }
    push_clause(&mut sentence, &text[clause_start..], None);
    finish_sentence(&mut sentences, &mut sentence);
    sentences
}

fn is_clause_punctuation(character: char) -> bool {
    matches!(character, '.' | '?' | '!' | ',' | ';' | ':')
}

/// An en or em dash with a space before it ("one – two"); "3–4" and "yes—no" are not.
fn is_spaced_dash(characters: &[(usize, char)], index: usize) -> bool {
    matches!(characters[index].1, '–' | '—')
        && index
            .checked_sub(1)
            .is_some_and(|before| characters[before].1.is_whitespace())
}

fn ends_sentence(terminator: char) -> bool {
    matches!(terminator, '.' | '?' | '!')
}

fn is_closing(character: char) -> bool {
    matches!(character, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// Whether the line after a newline is empty: a paragraph break, which espeak-ng ends a
/// clause at.
fn is_blank_line_after(rest: &[(usize, char)]) -> bool {
    rest.iter()
        .map(|&(_, character)| character)
        .find(|character| !matches!(character, ' ' | '\t' | '\r'))
        .is_some_and(|character| character == '\n')
}

fn push_clause<'text>(
    sentence: &mut Vec<Clause<'text>>,
    text: &'text str,
    terminator: Option<char>,
) {
    let text = text.trim();
    if !text.is_empty() {
        sentence.push(Clause { text, terminator });
    }
}

fn finish_sentence<'text>(
    sentences: &mut Vec<Vec<Clause<'text>>>,
    sentence: &mut Vec<Clause<'text>>,
) {
    if !sentence.is_empty() {
        sentences.push(std::mem::take(sentence));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<Vec<(&str, Option<char>)>> {
        sentences(text)
            .into_iter()
            .map(|sentence| {
                sentence
                    .into_iter()
                    .map(|clause| (clause.text, clause.terminator))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn sentences_end_at_full_stops_and_clauses_at_commas() {
        assert_eq!(
            shape("Hello, world. How are you? Fine: thanks; really!"),
            vec![
                vec![("Hello,", Some(',')), ("world.", Some('.'))],
                vec![("How are you?", Some('?'))],
                vec![
                    ("Fine:", Some(':')),
                    ("thanks;", Some(';')),
                    ("really!", Some('!'))
                ],
            ]
        );
    }

    #[test]
    fn punctuation_inside_words_and_numbers_does_not_cut() {
        assert_eq!(
            shape("It costs $3.50, i.e.no more"),
            vec![vec![("It costs $3.50,", Some(',')), ("i.e.no more", None)]]
        );
    }

    #[test]
    fn a_full_stop_before_a_lower_case_word_is_an_abbreviation() {
        assert_eq!(
            shape("Say e.g. this. Dr. Smith came. . Then"),
            vec![
                vec![("Say e.g. this.", Some('.'))],
                vec![("Dr.", Some('.'))],
                vec![("Smith came.", Some('.'))],
                vec![(". Then", None)],
            ]
        );
    }

    #[test]
    fn runs_of_punctuation_ellipses_dashes_and_closing_quotes() {
        assert_eq!(
            shape("Really?! He said \"no.\" Then... nothing. One – two, yes—no"),
            vec![
                vec![("Really?!", Some('?'))],
                vec![("He said \"no.\"", Some('.'))],
                vec![("Then... nothing.", Some('.'))],
                vec![("One –", Some(';')), ("two,", Some(',')), ("yes—no", None)],
            ]
        );
    }

    #[test]
    fn a_blank_line_ends_a_sentence_and_a_single_newline_does_not() {
        assert_eq!(
            shape("Introduction\n\nFirst line\nsecond line"),
            vec![
                vec![("Introduction", None)],
                vec![("First line\nsecond line", None)],
            ]
        );
    }

    #[test]
    fn nothing_but_whitespace_gives_no_sentences() {
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n \t").is_empty());
        assert_eq!(
            shape("?! ..."),
            vec![vec![("?!", Some('?'))], vec![("...", None)]]
        );
    }
}
