//! Poppler's command-line tools, to look at a PDF as a reader would: rendered to pixels and
//! read back as text. Missing tools fail the test with the package to install; a test that
//! skipped itself here would pass without having looked at anything.

use std::path::{Path, PathBuf};
use std::process::Command;

pub type TestResult<T = ()> = Result<T, Box<dyn std::error::Error>>;

/// Runs one Poppler tool and returns its standard output.
pub fn run(tool: &str, arguments: &[&str]) -> TestResult<Vec<u8>> {
    let output = Command::new(tool)
        .args(arguments)
        .output()
        .map_err(|error| {
            format!("{tool} could not run ({error}): apt-get install poppler-utils")
        })?;
    // Poppler reads past damage (a wrong cross-reference offset, a bad font) with only a
    // "Syntax Error" on stderr, so any message there fails the test too.
    if !output.status.success() || !output.stderr.is_empty() {
        return Err(format!(
            "{tool} {arguments:?} failed ({}): {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(output.stdout)
}

/// A rendered page in shades of gray, 0 black to 255 white.
pub struct GrayPage {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

impl GrayPage {
    /// The share of pixels dark enough to be ink.
    pub fn dark_share(&self) -> f64 {
        let dark = self.pixels.iter().filter(|pixel| **pixel < 128).count();
        dark as f64 / self.pixels.len() as f64
    }
}

/// Every page of `pdf`, rendered by `pdftoppm` at `dpi`.
pub fn render(pdf: &Path, dpi: u32, directory: &Path) -> TestResult<Vec<GrayPage>> {
    let prefix = directory.join("page");
    let (pdf_argument, prefix_argument) = (path_str(pdf)?, path_str(&prefix)?);
    run(
        "pdftoppm",
        &[
            "-r",
            &dpi.to_string(),
            "-gray",
            pdf_argument,
            prefix_argument,
        ],
    )?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(directory)?
        .map(|entry| entry.map(|entry| entry.path()))
        .collect::<Result<_, _>>()?;
    files.retain(|path| path.extension().is_some_and(|extension| extension == "pgm"));
    // pdftoppm pads page numbers to one width, so names sort in page order.
    files.sort();
    files
        .iter()
        .map(|path| read_pgm(&std::fs::read(path)?))
        .collect()
}

/// The text of `pdf` in reading order, pages separated by form feeds.
pub fn text(pdf: &Path) -> TestResult<String> {
    Ok(String::from_utf8(run(
        "pdftotext",
        &["-enc", "UTF-8", path_str(pdf)?, "-"],
    )?)?)
}

/// A binary PGM (P5) with 8-bit samples, as pdftoppm -gray writes it.
fn read_pgm(bytes: &[u8]) -> TestResult<GrayPage> {
    let mut fields = Vec::new();
    let mut position = 0;
    while fields.len() < 4 {
        while bytes.get(position).is_some_and(u8::is_ascii_whitespace) {
            position += 1;
        }
        let start = position;
        while bytes
            .get(position)
            .is_some_and(|byte| !byte.is_ascii_whitespace())
        {
            position += 1;
        }
        fields.push(std::str::from_utf8(&bytes[start..position])?);
    }
    if fields[0] != "P5" || fields[3] != "255" {
        return Err(format!("not an 8-bit binary PGM: {fields:?}").into());
    }
    let (width, height): (usize, usize) = (fields[1].parse()?, fields[2].parse()?);
    // One whitespace byte separates the header from the samples.
    let pixels = bytes[position + 1..].to_vec();
    if pixels.len() != width * height {
        return Err(format!("{} samples for {width}×{height}", pixels.len()).into());
    }
    Ok(GrayPage {
        width,
        height,
        pixels,
    })
}

fn path_str(path: &Path) -> TestResult<&str> {
    path.to_str()
        .ok_or_else(|| format!("not UTF-8: {}", path.display()).into())
}

/// Asserts that `expected` appear in `text` in this order, each after the previous one.
pub fn assert_in_order(text: &str, expected: &[&str]) {
    let mut from = 0;
    for wanted in expected {
        match text[from..].find(wanted) {
            Some(found) => from += found + wanted.len(),
            None => panic!("{wanted:?} is missing, or out of order, after byte {from} of:\n{text}"),
        }
    }
}
