//! What the layout draws on. The layout runs twice, first on a `PageCounter` to learn the
//! number of pages the footers name ("Page 3 of 12"), then on the PDF writer; one layout for
//! both keeps the count and the pages from ever disagreeing.

use crate::error::ReportError;
use crate::fonts::Weight;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct TextStyle {
    pub weight: Weight,
    /// Points.
    pub size: f32,
    /// 0 black, 1 white.
    pub gray: f32,
}

pub(crate) trait Canvas {
    fn begin_page(&mut self);
    /// One line of text, already wrapped, its baseline at `baseline` points from the bottom.
    fn text(&mut self, x: f32, baseline: f32, style: TextStyle, text: &str);
    /// A thin horizontal line.
    fn rule(&mut self, from_x: f32, to_x: f32, y: f32);
    fn end_page(&mut self) -> Result<(), ReportError>;
}

/// The first pass: draws nothing, counts pages.
#[derive(Debug, Default)]
pub(crate) struct PageCounter {
    pub pages: usize,
}

impl Canvas for PageCounter {
    fn begin_page(&mut self) {
        self.pages += 1;
    }

    fn text(&mut self, _x: f32, _baseline: f32, _style: TextStyle, _text: &str) {}

    fn rule(&mut self, _from_x: f32, _to_x: f32, _y: f32) {}

    fn end_page(&mut self) -> Result<(), ReportError> {
        Ok(())
    }
}
