//! Polly's word speech marks: JSON lines `{"time":…,"type":"word","start":…,"end":…,
//! "value":…}` whose `start` and `end` are byte offsets into the text sent (SSML
//! included). They become [`WordMark`]s by characters of the text shown.

use aira_protocol::WordMark;
use serde::Deserialize;

use super::ssml::SsmlText;

#[derive(Deserialize)]
struct PollyMark {
    time: u64,
    #[serde(rename = "type")]
    kind: String,
    start: usize,
    end: usize,
}

/// Word marks from Polly's JSON lines; lines that are not word marks or not JSON are
/// skipped (a damaged mark costs one highlight, not the speech).
pub fn parse_word_marks(body: &[u8], sent: &SsmlText) -> Vec<WordMark> {
    String::from_utf8_lossy(body)
        .lines()
        .filter_map(|line| serde_json::from_str::<PollyMark>(line).ok())
        .filter(|mark| mark.kind == "word" && mark.end > mark.start)
        .map(|mark| WordMark {
            time_ms: u32::try_from(mark.time).unwrap_or(u32::MAX),
            start: sent.character_at(mark.start) as u32,
            end: sent.character_after(mark.end) as u32,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_over_hindi_ssml_point_at_the_right_characters() {
        let text = "मैंने API बनाई";
        let sent = SsmlText::build(text, 1.0);
        let line = |word: &str, time: u64| {
            let start = sent.ssml.find(word).unwrap_or_default();
            format!(
                "{{\"time\":{time},\"type\":\"word\",\"start\":{start},\"end\":{},\"value\":\"{word}\"}}",
                start + word.len()
            )
        };
        let body = [
            "{\"time\":0,\"type\":\"sentence\",\"start\":0,\"end\":99,\"value\":\"…\"}".to_owned(),
            line("मैंने", 6),
            line("API", 420),
            "not json".to_owned(),
            line("बनाई", 800),
        ]
        .join("\n");
        let marks = parse_word_marks(body.as_bytes(), &sent);
        let words: Vec<String> = marks
            .iter()
            .map(|mark| {
                text.chars()
                    .skip(mark.start as usize)
                    .take((mark.end - mark.start) as usize)
                    .collect()
            })
            .collect();
        assert_eq!(words, ["मैंने", "API", "बनाई"]);
        assert_eq!(marks[1].time_ms, 420);
    }
}
