//! Text as SSML for Polly: escaped so no text can break the markup, the rate as
//! `<prosody>`, a pause as `<break>` where the text has a line break. Polly's speech marks
//! count bytes of this SSML, so the builder keeps, for every character of the text, the
//! byte where it landed — [`SsmlText::character_at`] maps a mark back to the text.

/// SSML and where each character of the original text sits in it.
#[derive(Debug, Clone)]
pub struct SsmlText {
    pub ssml: String,
    /// Byte offset in `ssml` of each character of the text, in order.
    character_bytes: Vec<usize>,
}

/// The pause a line break in the text becomes.
const LINE_BREAK_PAUSE: &str = "<break time=\"500ms\"/>";

impl SsmlText {
    /// `rate` 1.0 is the voice's own pace; Polly takes 20 % to 200 %.
    pub fn build(text: &str, rate: f32) -> Self {
        let percent = (rate * 100.0).round().clamp(20.0, 200.0) as u32;
        let mut ssml = format!("<speak><prosody rate=\"{percent}%\">");
        let mut character_bytes = Vec::with_capacity(text.chars().count());
        let mut last_was_break = false;
        for character in text.chars() {
            character_bytes.push(ssml.len());
            match character {
                '&' => ssml.push_str("&amp;"),
                '<' => ssml.push_str("&lt;"),
                '>' => ssml.push_str("&gt;"),
                '"' => ssml.push_str("&quot;"),
                '\'' => ssml.push_str("&apos;"),
                '\n' if !last_was_break => ssml.push_str(LINE_BREAK_PAUSE),
                '\n' => {}
                // Control characters are not allowed in XML.
                control if control.is_control() => ssml.push(' '),
                other => ssml.push(other),
            }
            last_was_break = character == '\n';
        }
        ssml.push_str("</prosody></speak>");
        Self {
            ssml,
            character_bytes,
        }
    }

    /// Plain text, for when Polly refuses the SSML: offsets are the text's own bytes.
    pub fn plain(text: &str) -> Self {
        Self {
            ssml: text.to_owned(),
            character_bytes: text.char_indices().map(|(index, _)| index).collect(),
        }
    }

    /// The character of the text at or just before SSML byte `byte` (a mark's start).
    pub fn character_at(&self, byte: usize) -> usize {
        self.character_bytes
            .partition_point(|&start| start <= byte)
            .saturating_sub(1)
    }

    /// The character just after the one ending before SSML byte `byte` (a mark's end).
    pub fn character_after(&self, byte: usize) -> usize {
        self.character_bytes.partition_point(|&start| start < byte)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_break_the_markup() {
        let built = SsmlText::build("R&D <b>\"quoted\"</b> it's", 1.0);
        assert_eq!(
            built.ssml,
            "<speak><prosody rate=\"100%\">R&amp;D &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; it&apos;s</prosody></speak>"
        );
    }

    #[test]
    fn rate_and_pauses_are_marked_up_within_polly_limits() {
        assert!(SsmlText::build("a", 1.25).ssml.contains("rate=\"125%\""));
        assert!(SsmlText::build("a", 5.0).ssml.contains("rate=\"200%\""));
        let paused = SsmlText::build("First.\n\nSecond.", 1.0).ssml;
        assert_eq!(paused.matches("<break").count(), 1, "{paused}");
    }

    #[test]
    fn byte_offsets_map_back_to_characters_in_devanagari() {
        let text = "नमस्ते & welcome";
        let built = SsmlText::build(text, 1.0);
        // "welcome" in the SSML, as Polly's mark would give it.
        let start = built.ssml.find("welcome").unwrap_or_default();
        let end = start + "welcome".len();
        let (first, last) = (built.character_at(start), built.character_after(end));
        let word: String = text.chars().skip(first).take(last - first).collect();
        assert_eq!(word, "welcome");
        assert_eq!(first, 9);
        // The Devanagari word: 6 characters, 18 bytes.
        let start = built.ssml.find('न').unwrap_or_default();
        let end = start + "नमस्ते".len();
        assert_eq!(
            (built.character_at(start), built.character_after(end)),
            (0, 6)
        );
        // The escaped ampersand is one character of the text.
        let start = built.ssml.find("&amp;").unwrap_or_default();
        assert_eq!(
            (built.character_at(start), built.character_after(start + 5)),
            (7, 8)
        );
    }
}
