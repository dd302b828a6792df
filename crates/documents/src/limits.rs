//! How much of a document Aira reads. Each limit is far above what a resume or job
//! description needs, and low enough that a hostile or broken file cannot take the memory,
//! the disk reads or the minutes of a laptop shared with a running interview.

use std::time::Duration;

/// Largest file read at all. A two-page resume is 50-500 KB as PDF or DOCX; 10 MB leaves
/// room for embedded photos and fonts, and refuses a misplaced video or disk image before
/// a byte of it is parsed.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;

/// Characters of text kept, after whitespace is tidied. A dense two-page resume has about
/// 8,000 and a long job description 15,000; a cloud model's prompt needs no more, and the
/// user must be able to read all of it in the redaction preview.
pub const MAX_TEXT_CHARACTERS: usize = 100_000;

/// Pages of a PDF read. Resumes have one to three; a 50-page PDF is a thesis or a
/// brochure, and its first pages say what the user meant to share.
pub const MAX_PDF_PAGES: usize = 50;

/// Bytes one PDF stream may inflate to, while loading and per page's content. Compressed
/// streams can expand a thousandfold; lopdf's own default (256 MB) is set for documents in
/// general, not for a page of text.
pub const MAX_PDF_STREAM_BYTES: usize = 32 * 1024 * 1024;

/// Bytes `word/document.xml` may inflate to. Its markup is about ten times its text: 20 MB
/// is a few thousand pages, while a zip bomb of zeros stops here instead of at the memory's
/// end.
pub const MAX_DOCX_XML_BYTES: u64 = 20 * 1024 * 1024;

/// Entries in a DOCX archive. Word writes 10 to 20, and one per embedded picture; tens of
/// thousands make a tiny file whose directory alone is slow to read.
pub const MAX_DOCX_ENTRIES: usize = 1_000;

/// Longest a file may take to read. Real resumes take well under a second; a parser caught
/// in a crafted loop is left behind after this, and the user told so.
pub const READING_DEADLINE: Duration = Duration::from_secs(10);

/// Readings left running past their deadline, at most. Rust cannot stop a thread, so each
/// holds a processor core until it ends by itself; with this many still running, a new file
/// is refused (`Busy`) rather than slowing the interview further. Readings within their
/// deadline are not counted: a resume and a job description may be read side by side.
pub const MAX_RUNAWAY_READINGS: usize = 2;
