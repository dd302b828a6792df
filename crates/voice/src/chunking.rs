//! Long text cut at sentence ends, so each piece fits what an engine takes in one request
//! (Polly: 3,000 billed characters) and the first piece starts playing while the rest are
//! made. A sentence longer than a piece is cut at a space, and a word longer than that at
//! a character boundary, so no text is ever dropped.

/// Characters per piece: well inside Polly's limit, and a few seconds of speech, so the
/// first sound comes quickly.
pub const CHUNK_CHARACTERS: usize = 600;

/// Sentence-ending punctuation, Latin and Indian (the danda).
fn ends_sentence(character: char) -> bool {
    matches!(character, '.' | '!' | '?' | '।' | '॥' | '\n')
}

/// Pieces of `text` of at most `limit` characters each, trimmed, none empty; joined with
/// spaces they give back the words of `text` in order. A blank line always starts a new
/// piece, so a phrase said often (a score) stays a piece of its own and is cached as one.
pub fn chunk_text(text: &str, limit: usize) -> Vec<String> {
    text.split("\n\n")
        .flat_map(|paragraph| chunk_paragraph(paragraph, limit.max(1)))
        .collect()
}

fn chunk_paragraph(text: &str, limit: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for sentence in sentences(text) {
        let length = current.chars().count();
        let sentence_length = sentence.chars().count();
        if length > 0 && length + 1 + sentence_length > limit {
            pieces.push(std::mem::take(&mut current));
        }
        if sentence_length > limit {
            pieces.extend(split_long(sentence, limit));
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(sentence);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

/// Sentences, trimmed, with their ending punctuation.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(ends_sentence)
        .map(str::trim)
        .filter(|sentence| !sentence.is_empty())
}

/// A sentence longer than `limit`, cut at spaces (or, for one huge word, anywhere).
fn split_long(sentence: &str, limit: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    for word in sentence.split_whitespace() {
        let mut word = word;
        while word.chars().count() > limit {
            if !current.is_empty() {
                pieces.push(std::mem::take(&mut current));
            }
            let cut = word
                .char_indices()
                .nth(limit)
                .map_or(word.len(), |(index, _)| index);
            pieces.push(word[..cut].to_owned());
            word = &word[cut..];
        }
        if word.is_empty() {
            continue;
        }
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > limit {
            pieces.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        text.split_whitespace().collect()
    }

    #[test]
    fn short_text_is_one_piece_and_empty_text_none() {
        assert_eq!(
            chunk_text("Tell me about yourself.", 600),
            ["Tell me about yourself."]
        );
        assert!(chunk_text("  \n ", 600).is_empty());
    }

    #[test]
    fn a_blank_line_starts_a_new_piece() {
        assert_eq!(
            chunk_text(
                "Your score is 7 out of 10.\n\nGood example. Add a number.",
                600
            ),
            ["Your score is 7 out of 10.", "Good example. Add a number."]
        );
    }

    #[test]
    fn pieces_end_at_sentence_ends() {
        let text = "One two three. Four five six? Seven eight nine! Ten.";
        let pieces = chunk_text(text, 30);
        assert_eq!(
            pieces,
            ["One two three. Four five six?", "Seven eight nine! Ten."]
        );
    }

    #[test]
    fn hundred_thousand_characters_lose_no_word_and_respect_the_limit() {
        let sentence = "मैंने टीम के साथ एक ऐप बनाया। Then I measured the latency again. ";
        let text = sentence.repeat(100_000 / sentence.chars().count() + 1);
        let pieces = chunk_text(&text, CHUNK_CHARACTERS);
        assert!(
            pieces
                .iter()
                .all(|piece| piece.chars().count() <= CHUNK_CHARACTERS)
        );
        assert!(
            pieces
                .iter()
                .all(|piece| piece.ends_with('।') || piece.ends_with('.'))
        );
        assert_eq!(words(&pieces.join(" ")), words(&text));
        assert!(pieces.len() > 150, "{} pieces", pieces.len());
    }

    #[test]
    fn a_sentence_or_word_longer_than_a_piece_is_still_cut() {
        let long_word = "a".repeat(25);
        let text = format!("short words here and more words {long_word} end");
        let pieces = chunk_text(&text, 10);
        assert!(
            pieces.iter().all(|piece| piece.chars().count() <= 10),
            "{pieces:?}"
        );
        assert_eq!(pieces.concat().replace(' ', ""), text.replace(' ', ""));
    }
}
