//! What can go wrong while writing a report.

/// Writing a report fails only when the output refuses bytes, or when an embedded font cannot be
/// read or subset (the fonts are compiled in, so that would be a bug caught by the tests).
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("could not write the PDF report: {0}")]
    Write(#[from] std::io::Error),
    #[error("the embedded font {font} could not be read: {source}")]
    FontUnreadable {
        font: &'static str,
        #[source]
        source: ttf_parser::FaceParsingError,
    },
    #[error("the embedded font {font} could not be subset: {source}")]
    FontSubset {
        font: &'static str,
        #[source]
        source: subsetter::Error,
    },
}
