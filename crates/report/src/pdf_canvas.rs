//! The second pass: each page is drawn into a content stream and written out as soon as it
//! ends, so memory holds one page, the glyphs used so far and the list of page references.

use std::io::Write;

use pdf_writer::{Content, Filter, Name, Rect, Ref, Str, TextStr};

use crate::canvas::{Canvas, TextStyle};
use crate::embed::{self, FontRefs, FontUsage};
use crate::error::ReportError;
use crate::fonts::{Fonts, Weight};
use crate::labels::ReportLabels;
use crate::pdf_file::PdfFile;

/// A4 in points.
pub(crate) const PAGE_WIDTH: f32 = 595.28;
pub(crate) const PAGE_HEIGHT: f32 = 841.89;

const REGULAR_RESOURCE: Name<'static> = Name(b"R");
const BOLD_RESOURCE: Name<'static> = Name(b"B");

pub(crate) struct PdfCanvas<'f, 'w, W: Write> {
    file: PdfFile<'w, W>,
    fonts: &'f Fonts,
    catalog: Ref,
    info: Ref,
    page_tree: Ref,
    regular: (FontRefs, FontUsage),
    bold: (FontRefs, FontUsage),
    content: Content,
    page_refs: Vec<Ref>,
}

impl<'f, 'w, W: Write> PdfCanvas<'f, 'w, W> {
    pub fn start(out: &'w mut W, fonts: &'f Fonts) -> std::io::Result<Self> {
        let mut file = PdfFile::start(out)?;
        let catalog = file.allocate();
        let info = file.allocate();
        let page_tree = file.allocate();
        let regular = FontRefs::allocate(&mut file);
        let bold = FontRefs::allocate(&mut file);
        Ok(PdfCanvas {
            file,
            fonts,
            catalog,
            info,
            page_tree,
            regular: (regular, FontUsage::new(fonts.face(Weight::Regular))),
            bold: (bold, FontUsage::new(fonts.face(Weight::Bold))),
            content: Content::new(),
            page_refs: Vec::new(),
        })
    }

    /// The fonts (subset to what the pages used), the page tree, catalog and metadata.
    pub fn finish(mut self, labels: &ReportLabels) -> Result<usize, ReportError> {
        for weight in [Weight::Regular, Weight::Bold] {
            let (refs, usage) = match weight {
                Weight::Regular => &self.regular,
                Weight::Bold => &self.bold,
            };
            embed::write_font(&mut self.file, *refs, self.fonts.face(weight), usage)?;
        }
        let (page_tree, page_refs) = (self.page_tree, &self.page_refs);
        self.file.object(page_tree, |chunk| {
            chunk
                .pages(page_tree)
                .kids(page_refs.iter().copied())
                .count(page_refs.len() as i32);
        })?;
        let catalog = self.catalog;
        self.file.object(catalog, |chunk| {
            let mut writer = chunk
                .indirect(catalog)
                .start::<pdf_writer::writers::Catalog>();
            writer.pages(page_tree).lang(TextStr(&labels.language));
            // Viewers show the report's title, not the file name, in their window.
            writer.viewer_preferences().display_doc_title(true);
        })?;
        let info = self.info;
        self.file.object(info, |chunk| {
            chunk
                .indirect(info)
                .start::<pdf_writer::writers::DocumentInfo>()
                .title(TextStr(&labels.report_title))
                .creator(TextStr("Aira"))
                .producer(TextStr("Aira"));
        })?;
        let pages = self.page_refs.len();
        self.file.finish(catalog, info)?;
        Ok(pages)
    }

    fn usage(&mut self, weight: Weight) -> &mut FontUsage {
        match weight {
            Weight::Regular => &mut self.regular.1,
            Weight::Bold => &mut self.bold.1,
        }
    }
}

fn resource(weight: Weight) -> Name<'static> {
    match weight {
        Weight::Regular => REGULAR_RESOURCE,
        Weight::Bold => BOLD_RESOURCE,
    }
}

impl<W: Write> Canvas for PdfCanvas<'_, '_, W> {
    fn begin_page(&mut self) {
        self.content = Content::new();
    }

    fn text(&mut self, x: f32, baseline: f32, style: TextStyle, text: &str) {
        let fonts = self.fonts;
        let mut content = std::mem::replace(&mut self.content, Content::new());
        content.set_fill_gray(style.gray);
        content.begin_text();
        content.set_text_matrix([1.0, 0.0, 0.0, 1.0, x, baseline]);
        // A run is a stretch of glyphs from one face; a character the bold face lacks
        // switches to the regular face for that character.
        let mut run: Vec<u8> = Vec::with_capacity(text.len() * 2);
        let mut run_weight = None;
        for character in text.chars() {
            let glyph = fonts.glyph(style.weight, character);
            if run_weight != Some(glyph.weight) {
                if !run.is_empty() {
                    content.show(Str(&run));
                    run.clear();
                }
                content.set_font(resource(glyph.weight), style.size);
                run_weight = Some(glyph.weight);
            }
            let id = self.usage(glyph.weight).subset_id(glyph);
            run.extend_from_slice(&id.to_be_bytes());
        }
        if !run.is_empty() {
            content.show(Str(&run));
        }
        content.end_text();
        self.content = content;
    }

    fn rule(&mut self, from_x: f32, to_x: f32, y: f32) {
        self.content
            .set_stroke_gray(0.75)
            .set_line_width(0.5)
            .move_to(from_x, y)
            .line_to(to_x, y)
            .stroke();
    }

    fn end_page(&mut self) -> Result<(), ReportError> {
        let content = std::mem::replace(&mut self.content, Content::new()).finish();
        let compressed = embed::compress(content.as_slice())?;
        let page = self.file.allocate();
        let stream = self.file.allocate();
        self.file.object(stream, |chunk| {
            chunk
                .stream(stream, &compressed)
                .filter(Filter::FlateDecode);
        })?;
        let (page_tree, regular, bold) = (self.page_tree, self.regular.0.font, self.bold.0.font);
        self.file.object(page, |chunk| {
            let mut writer = chunk.page(page);
            writer
                .parent(page_tree)
                .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .contents(stream);
            writer
                .resources()
                .fonts()
                .pair(REGULAR_RESOURCE, regular)
                .pair(BOLD_RESOURCE, bold);
        })?;
        self.page_refs.push(page);
        Ok(())
    }
}
