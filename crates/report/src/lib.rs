//! A printable A4 PDF report of practice sessions: each session's average score, and for each
//! turn the question, the score, what was said, the coach's feedback and the delivery figures.
//!
//! Pure Rust and self-contained: the DejaVu Sans fonts are compiled in and embedded as subsets,
//! so the report prints the same on any computer, and nothing here needs the database or Tauri.

mod canvas;
mod document;
mod embed;
mod error;
mod flow;
mod fonts;
mod labels;
mod model;
mod pdf_canvas;
mod pdf_file;
mod text;

use std::io::Write;

pub use error::ReportError;
pub use labels::ReportLabels;
pub use model::{ReportSession, ReportTurn};

use canvas::PageCounter;
use flow::Flow;
use fonts::Fonts;
use pdf_canvas::PdfCanvas;

/// Writes `sessions` as one PDF to `out`. The sessions are laid out twice (once to count the
/// pages the footers name, once to write them) and each page is written out as it is finished,
/// so memory holds one page at a time, not the document. `out` receives many small writes:
/// give it a `BufWriter` when it is a file.
pub fn write_pdf(
    sessions: &[ReportSession],
    labels: &ReportLabels,
    out: &mut impl Write,
) -> Result<(), ReportError> {
    let fonts = Fonts::load()?;

    let mut counter = PageCounter::default();
    let mut flow = Flow::start(&mut counter, &fonts, labels, 0);
    document::lay_out(&mut flow, sessions, labels)?;
    let total_pages = flow.finish()?;

    let mut canvas = PdfCanvas::start(out, &fonts)?;
    let mut flow = Flow::start(&mut canvas, &fonts, labels, total_pages);
    document::lay_out(&mut flow, sessions, labels)?;
    let written_pages = flow.finish()?;
    debug_assert_eq!(
        written_pages, total_pages,
        "both passes lay out the same pages"
    );
    canvas.finish(labels)?;
    Ok(())
}
