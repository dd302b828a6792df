//! Embeds a face as a subset holding only the glyphs the report printed, with the widths
//! and the glyph-to-character map that let viewers copy and search the text.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Name, Rect, Ref, Str};
use subsetter::GlyphRemapper;

use crate::error::ReportError;
use crate::fonts::{Glyph, Typeface};
use crate::pdf_file::PdfFile;

/// Identity: the content streams name glyphs by their number in the subset.
const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// The glyphs of one face used so far, numbered as they will be in the subset.
pub(crate) struct FontUsage {
    remapper: GlyphRemapper,
    /// By subset glyph number: the character copied text gives for it.
    characters: Vec<Option<char>>,
    /// By subset glyph number, in font units.
    advances: Vec<u16>,
}

impl FontUsage {
    pub fn new(face: &Typeface) -> Self {
        // The remapper always keeps .notdef as glyph 0.
        FontUsage {
            remapper: GlyphRemapper::new(),
            characters: vec![None],
            advances: vec![face.advance_of(0)],
        }
    }

    /// The glyph's number in the subset, which is what content streams write.
    pub fn subset_id(&mut self, glyph: Glyph) -> u16 {
        let id = self.remapper.remap(glyph.id);
        let index = usize::from(id);
        if index == self.characters.len() {
            self.characters.push(Some(glyph.character));
            self.advances.push(glyph.advance);
        } else if let Some(slot @ None) = self.characters.get_mut(index) {
            *slot = Some(glyph.character);
        }
        id
    }
}

/// The objects of one embedded font, allocated before the pages that use it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FontRefs {
    pub font: Ref,
    cid_font: Ref,
    descriptor: Ref,
    to_unicode: Ref,
    file: Ref,
}

impl FontRefs {
    pub fn allocate<W: Write>(file: &mut PdfFile<'_, W>) -> Self {
        FontRefs {
            font: file.allocate(),
            cid_font: file.allocate(),
            descriptor: file.allocate(),
            to_unicode: file.allocate(),
            file: file.allocate(),
        }
    }
}

pub(crate) fn compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = ZlibEncoder::new(Vec::with_capacity(bytes.len() / 3), Compression::default());
    encoder.write_all(bytes)?;
    encoder.finish()
}

pub(crate) fn write_font<W: Write>(
    file: &mut PdfFile<'_, W>,
    refs: FontRefs,
    face: &Typeface,
    usage: &FontUsage,
) -> Result<(), ReportError> {
    let subset = subsetter::subset(face.data, 0, &usage.remapper).map_err(|source| {
        ReportError::FontSubset {
            font: face.name,
            source,
        }
    })?;
    let base_font = format!("{}+{}", subset_tag(&usage.remapper), face.name);
    let to_pdf_units = 1000.0 / face.units_per_em();

    file.object(refs.font, |chunk| {
        chunk
            .type0_font(refs.font)
            .base_font(Name(base_font.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(refs.cid_font)
            .to_unicode(refs.to_unicode);
    })?;

    file.object(refs.cid_font, |chunk| {
        let mut cid_font = chunk.cid_font(refs.cid_font);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(Name(base_font.as_bytes()))
            .system_info(IDENTITY)
            .font_descriptor(refs.descriptor)
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid_font.widths().consecutive(
            0,
            usage
                .advances
                .iter()
                .map(|advance| f32::from(*advance) * to_pdf_units),
        );
    })?;

    let font = &face.face;
    let bounds = font.global_bounding_box();
    let ascender = f32::from(font.ascender()) * to_pdf_units;
    file.object(refs.descriptor, |chunk| {
        chunk
            .font_descriptor(refs.descriptor)
            .name(Name(base_font.as_bytes()))
            // Symbolic: glyphs are reached by number, not through a standard Latin encoding.
            .flags(FontFlags::SYMBOLIC)
            .bbox(Rect::new(
                f32::from(bounds.x_min) * to_pdf_units,
                f32::from(bounds.y_min) * to_pdf_units,
                f32::from(bounds.x_max) * to_pdf_units,
                f32::from(bounds.y_max) * to_pdf_units,
            ))
            .italic_angle(0.0)
            .ascent(ascender)
            .descent(f32::from(font.descender()) * to_pdf_units)
            .cap_height(
                font.capital_height()
                    .map_or(ascender, |height| f32::from(height) * to_pdf_units),
            )
            // Required but unused by viewers that have the font program; the usual estimate.
            .stem_v(80.0)
            .font_file2(refs.file);
    })?;

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), IDENTITY);
    for (id, character) in usage.characters.iter().enumerate() {
        if let (Ok(id), Some(character)) = (u16::try_from(id), character) {
            cmap.pair(id, *character);
        }
    }
    let cmap = compress(cmap.finish().as_slice())?;
    file.object(refs.to_unicode, |chunk| {
        chunk
            .stream(refs.to_unicode, &cmap)
            .filter(Filter::FlateDecode);
    })?;

    let program = compress(&subset)?;
    file.object(refs.file, |chunk| {
        chunk
            .stream(refs.file, &program)
            .filter(Filter::FlateDecode)
            .pair(Name(b"Length1"), subset.len() as i32);
    })?;
    Ok(())
}

/// The six capital letters PDF puts before a subset's name, here from a hash of its glyphs,
/// so that two different subsets of one face never share a name.
fn subset_tag(remapper: &GlyphRemapper) -> String {
    // FNV-1a: tiny, and stable from one build to the next (unlike std's hasher).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for glyph in remapper.remapped_gids() {
        for byte in glyph.to_be_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    (0..6)
        .map(|_| {
            let letter = char::from(b'A' + (hash % 26) as u8);
            hash /= 26;
            letter
        })
        .collect()
}
