//! Fillers, hedges and repeated phrases as the feedback quotes them: "“um” ×3, “like” ×2".

use aira_protocol::FillerCount;

use crate::analytics::PhraseCount;

/// How many items a list names; the rest are left out, the most frequent coming first.
const MOST_LISTED: usize = 4;

/// "“um” ×3, “like” ×2": the most frequent first, at most four.
fn counted_list(items: &[(&str, u32)]) -> String {
    items
        .iter()
        .take(MOST_LISTED)
        .map(|(phrase, count)| format!("\u{201c}{}\u{201d} \u{00d7}{count}", capitalized_i(phrase)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn filler_list(fillers: &[FillerCount]) -> String {
    let items: Vec<(&str, u32)> = fillers
        .iter()
        .map(|filler| (filler.filler.as_str(), filler.count))
        .collect();
    counted_list(&items)
}

pub fn phrase_list(phrases: &[PhraseCount]) -> String {
    let items: Vec<(&str, u32)> = phrases
        .iter()
        .map(|phrase| (phrase.phrase.as_str(), phrase.count))
        .collect();
    counted_list(&items)
}

/// "“I led”, “I designed”": phrases quoted without their counts.
pub fn quoted_phrases(phrases: &[PhraseCount]) -> String {
    phrases
        .iter()
        .take(MOST_LISTED)
        .map(|phrase| format!("\u{201c}{}\u{201d}", capitalized_i(&phrase.phrase)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The analytics lower-case every phrase; "i designed" reads better as "I designed".
fn capitalized_i(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|word| match word {
            "i" => "I",
            "i'm" => "I'm",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_quote_counts_and_capitalise_i() {
        let phrases = vec![
            PhraseCount {
                phrase: "i think".into(),
                count: 3,
            },
            PhraseCount {
                phrase: "maybe".into(),
                count: 1,
            },
        ];
        assert_eq!(
            phrase_list(&phrases),
            "\u{201c}I think\u{201d} \u{00d7}3, \u{201c}maybe\u{201d} \u{00d7}1"
        );
        assert_eq!(
            quoted_phrases(&phrases),
            "\u{201c}I think\u{201d}, \u{201c}maybe\u{201d}"
        );
    }
}
