//! Text flowing down A4 pages: lines placed from the top margin, a new page when the next
//! line would reach the footer, the footer on every page.

use crate::canvas::{Canvas, TextStyle};
use crate::error::ReportError;
use crate::fonts::{Fonts, Weight};
use crate::labels::ReportLabels;
use crate::pdf_canvas::{PAGE_HEIGHT, PAGE_WIDTH};
use crate::text;

/// 20 mm, inside what any office printer can reach.
const MARGIN: f32 = 56.7;
const TOP: f32 = PAGE_HEIGHT - MARGIN;
/// Text stops here; below are the footer and the margin.
const BOTTOM: f32 = MARGIN + 6.0;
const FOOTER_BASELINE: f32 = MARGIN - 24.0;
pub(crate) const CONTENT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
const FOOTER: TextStyle = TextStyle {
    weight: Weight::Regular,
    size: 8.5,
    gray: 0.4,
};
/// Where a bullet item's text starts, after its bullet.
const BULLET_INDENT: f32 = 11.0;

/// The height of one line of `style`.
pub(crate) fn leading(style: TextStyle) -> f32 {
    style.size * 1.4
}

pub(crate) struct Flow<'a, C: Canvas> {
    canvas: &'a mut C,
    fonts: &'a Fonts,
    labels: &'a ReportLabels,
    /// 0 in the counting pass, where footers are not drawn.
    total_pages: usize,
    page_number: usize,
    /// The top of the next line.
    y: f32,
}

impl<'a, C: Canvas> Flow<'a, C> {
    pub fn start(
        canvas: &'a mut C,
        fonts: &'a Fonts,
        labels: &'a ReportLabels,
        total_pages: usize,
    ) -> Self {
        canvas.begin_page();
        Flow {
            canvas,
            fonts,
            labels,
            total_pages,
            page_number: 1,
            y: TOP,
        }
    }

    fn at_page_top(&self) -> bool {
        self.y >= TOP
    }

    /// Vertical space; none at the top of a page, where it would only push text down.
    pub fn gap(&mut self, points: f32) {
        if !self.at_page_top() {
            self.y -= points;
        }
    }

    /// Starts a new page unless `height` still fits on this one: used before a heading so it
    /// is never the last line of a page, apart from what it introduces.
    pub fn keep(&mut self, height: f32) -> Result<(), ReportError> {
        if self.y - height < BOTTOM && !self.at_page_top() {
            self.next_page()?;
        }
        Ok(())
    }

    /// One line that is known to fit across the page.
    pub fn line(&mut self, indent: f32, style: TextStyle, line: &str) -> Result<(), ReportError> {
        self.keep(leading(style))?;
        let baseline = self.y - style.size;
        self.canvas.text(MARGIN + indent, baseline, style, line);
        self.y -= leading(style);
        Ok(())
    }

    /// Free text: wrapped at word boundaries, flowing onto new pages.
    pub fn paragraphs(
        &mut self,
        indent: f32,
        style: TextStyle,
        text: &str,
    ) -> Result<(), ReportError> {
        for paragraph in text::paragraphs(text) {
            if paragraph.is_empty() {
                self.gap(leading(style) / 2.0);
                continue;
            }
            let fonts = self.fonts;
            let lines = text::wrap(&paragraph, CONTENT_WIDTH - indent, |character| {
                fonts.width(style.weight, style.size, character)
            });
            for line in lines {
                self.line(indent, style, line)?;
            }
        }
        Ok(())
    }

    /// An item of a list: a bullet, then the text wrapped beside it.
    pub fn bullet(&mut self, indent: f32, style: TextStyle, text: &str) -> Result<(), ReportError> {
        let text_indent = indent + BULLET_INDENT;
        let fonts = self.fonts;
        let mut first = true;
        for paragraph in text::paragraphs(text) {
            let lines = text::wrap(&paragraph, CONTENT_WIDTH - text_indent, |character| {
                fonts.width(style.weight, style.size, character)
            });
            for line in lines {
                self.keep(leading(style))?;
                if first {
                    let baseline = self.y - style.size;
                    self.canvas.text(MARGIN + indent, baseline, style, "•");
                    first = false;
                }
                self.line(text_indent, style, line)?;
            }
        }
        Ok(())
    }

    /// A thin line across the page, under a heading.
    pub fn rule(&mut self) {
        let y = self.y - 2.0;
        self.canvas.rule(MARGIN, PAGE_WIDTH - MARGIN, y);
        self.y -= 6.0;
    }

    pub fn finish(mut self) -> Result<usize, ReportError> {
        self.end_page()?;
        Ok(self.page_number)
    }

    fn next_page(&mut self) -> Result<(), ReportError> {
        self.end_page()?;
        self.page_number += 1;
        self.canvas.begin_page();
        self.y = TOP;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), ReportError> {
        if self.total_pages > 0 {
            let footer = self.labels.page_footer(self.page_number, self.total_pages);
            let width = self.fonts.text_width(FOOTER.weight, FOOTER.size, &footer);
            self.canvas
                .text((PAGE_WIDTH - width) / 2.0, FOOTER_BASELINE, FOOTER, &footer);
        }
        self.canvas.end_page()
    }
}
