//! The two embedded faces (DejaVu Sans and its bold) and how a character becomes a glyph.
//!
//! There is no shaping: one character is one glyph, which is right for Latin, Greek and Cyrillic
//! but not for Devanagari, Tamil or other scripts that combine letters. DejaVu has no glyphs
//! for those scripts anyway, so their characters print as the replacement glyph (�) rather than
//! vanish; see `glyph`.

use ttf_parser::{Face, GlyphId};

use crate::error::ReportError;

// Compiled in so a report never depends on the fonts installed on the user's computer.
static REGULAR_DATA: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD_DATA: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

/// Printed for characters neither face has.
const REPLACEMENT: char = '\u{FFFD}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn other(self) -> Weight {
        match self {
            Weight::Regular => Weight::Bold,
            Weight::Bold => Weight::Regular,
        }
    }
}

/// A character as printed: which face draws it, with which glyph, and the character it stands
/// for in copied text (the replacement character when the faces lack the original).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Glyph {
    pub weight: Weight,
    pub id: u16,
    /// In font units.
    pub advance: u16,
    pub character: char,
}

pub(crate) struct Typeface {
    /// PostScript name, as the PDF names the font.
    pub name: &'static str,
    pub data: &'static [u8],
    pub face: Face<'static>,
    /// Glyph and advance of each ASCII character: most of any report, and the cmap lookup
    /// would otherwise run twice for every character (once to lay out, once to write).
    ascii: [Option<(u16, u16)>; 128],
}

impl Typeface {
    fn load(name: &'static str, data: &'static [u8]) -> Result<Self, ReportError> {
        let face = Face::parse(data, 0)
            .map_err(|source| ReportError::FontUnreadable { font: name, source })?;
        let mut ascii = [None; 128];
        for (code, slot) in ascii.iter_mut().enumerate() {
            let character = char::from(code as u8);
            *slot = face
                .glyph_index(character)
                .map(|glyph| (glyph.0, face.glyph_hor_advance(glyph).unwrap_or(0)));
        }
        Ok(Typeface {
            name,
            data,
            face,
            ascii,
        })
    }

    fn lookup(&self, character: char) -> Option<(u16, u16)> {
        match self.ascii.get(character as usize) {
            Some(cached) => *cached,
            None => self
                .face
                .glyph_index(character)
                .map(|glyph| (glyph.0, self.face.glyph_hor_advance(glyph).unwrap_or(0))),
        }
    }

    pub fn units_per_em(&self) -> f32 {
        f32::from(self.face.units_per_em())
    }

    pub fn advance_of(&self, glyph: u16) -> u16 {
        self.face.glyph_hor_advance(GlyphId(glyph)).unwrap_or(0)
    }
}

pub(crate) struct Fonts {
    regular: Typeface,
    bold: Typeface,
}

impl Fonts {
    pub fn load() -> Result<Self, ReportError> {
        Ok(Fonts {
            regular: Typeface::load("DejaVuSans", REGULAR_DATA)?,
            bold: Typeface::load("DejaVuSans-Bold", BOLD_DATA)?,
        })
    }

    pub fn face(&self, weight: Weight) -> &Typeface {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The glyph for `character`: from the asked face, else from the other face (DejaVu Bold
    /// lacks a few symbols the regular face has), else the replacement glyph, so that no
    /// character silently disappears from the page.
    pub fn glyph(&self, weight: Weight, character: char) -> Glyph {
        for candidate in [weight, weight.other()] {
            if let Some((id, advance)) = self.face(candidate).lookup(character) {
                return Glyph {
                    weight: candidate,
                    id,
                    advance,
                    character,
                };
            }
        }
        let face = self.face(weight);
        let (id, advance) = face.lookup(REPLACEMENT).unwrap_or((0, face.advance_of(0)));
        Glyph {
            weight,
            id,
            advance,
            character: REPLACEMENT,
        }
    }

    /// How far `character` moves the pen, in points, at `size` points.
    pub fn width(&self, weight: Weight, size: f32, character: char) -> f32 {
        let glyph = self.glyph(weight, character);
        f32::from(glyph.advance) * size / self.face(glyph.weight).units_per_em()
    }

    pub fn text_width(&self, weight: Weight, size: f32, text: &str) -> f32 {
        text.chars()
            .map(|character| self.width(weight, size, character))
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_gets_a_glyph() -> Result<(), ReportError> {
        let fonts = Fonts::load()?;
        for character in ['a', 'é', '₹', '—', '“', '&', '<'] {
            for weight in [Weight::Regular, Weight::Bold] {
                let glyph = fonts.glyph(weight, character);
                assert_ne!(glyph.id, 0, "{character} in {weight:?}");
                assert_eq!(glyph.character, character);
            }
        }
        Ok(())
    }

    #[test]
    fn hindi_prints_the_replacement_glyph_not_nothing() -> Result<(), ReportError> {
        let fonts = Fonts::load()?;
        let glyph = fonts.glyph(Weight::Regular, 'न');
        assert_eq!(glyph.character, REPLACEMENT);
        assert_ne!(glyph.id, 0, "DejaVu has a glyph for U+FFFD");
        assert!(glyph.advance > 0);
        Ok(())
    }
}
