//! What `say` reports: which voice spoke how many pieces, from the cache or not, at what
//! cost, and why another voice spoke if one did.

use aira_protocol::{SayOutput, SpeechUsage, VoiceEngine, VoiceInfo};

use crate::speech::Speech;

/// One piece of text made into speech, and how.
pub(super) struct Rendered {
    pub speech: Speech,
    pub voice: VoiceInfo,
    pub cached: bool,
    pub fallback: Option<String>,
}

pub(super) fn empty_report() -> SayOutput {
    SayOutput {
        voice: String::new(),
        engine: VoiceEngine::Espeak,
        out: None,
        seconds: 0.0,
        sample_rate: 0,
        chunks: 0,
        cached_chunks: 0,
        usage: SpeechUsage::default(),
        fallback: None,
        marks: Vec::new(),
    }
}

pub(super) fn add_to_report(report: &mut SayOutput, rendered: &Rendered) {
    if report.chunks == 0 {
        report.voice = rendered.voice.id.clone();
        report.engine = rendered.voice.engine;
    }
    report.chunks += 1;
    report.cached_chunks += u32::from(rendered.cached);
    report.usage.characters += rendered.speech.usage.characters;
    report.usage.estimated_cost_usd += rendered.speech.usage.estimated_cost_usd;
    report.seconds += rendered.speech.seconds();
    report.sample_rate = rendered.speech.sample_rate;
    if report.fallback.is_none() {
        report.fallback.clone_from(&rendered.fallback);
    }
}

/// The character offset of `piece` in `text`, searching from `*from` (bytes) on; pieces
/// are trimmed copies of the text's sentences, so each is found in order.
pub(super) fn find_piece(text: &str, piece: &str, from: &mut usize) -> usize {
    let first_word = piece.split_whitespace().next().unwrap_or(piece);
    match text.get(*from..).and_then(|rest| rest.find(first_word)) {
        Some(found) => {
            let start = *from + found;
            *from = start + first_word.len();
            text[..start].chars().count()
        }
        None => 0,
    }
}

pub(super) fn fallback(reasons: &[String]) -> Option<String> {
    (!reasons.is_empty()).then(|| reasons.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_found_in_order_by_character() {
        let text = "नमस्ते। Tell me more. Tell me more.";
        let mut from = 0;
        assert_eq!(find_piece(text, "नमस्ते।", &mut from), 0);
        assert_eq!(find_piece(text, "Tell me more.", &mut from), 8);
        assert_eq!(find_piece(text, "Tell me more.", &mut from), 22);
    }
}
