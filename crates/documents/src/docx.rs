//! DOCX text: the paragraphs of `word/document.xml`, read as a stream so that neither a
//! large document nor a zip bomb is ever held whole in memory.

use std::io::{self, BufReader, Cursor, ErrorKind, Read};

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::{Namespace, ResolveResult};
use zip::ZipArchive;
use zip::result::ZipError;

use crate::limits::{MAX_DOCX_ENTRIES, MAX_DOCX_XML_BYTES};
use crate::{DocumentError, DocumentFormat};

/// The main part of every document Word, LibreOffice and Google Docs write.
const DOCUMENT_PART: &str = "word/document.xml";

/// WordprocessingML, as written by everyone ("transitional") and as ISO 29500 strict.
const WORD_NAMESPACES: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const COMPATIBILITY_NAMESPACE: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

pub(crate) fn extract(bytes: &[u8]) -> Result<String, DocumentError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(failure)?;
    if archive.len() > MAX_DOCX_ENTRIES {
        return Err(too_large(format!(
            "{} entries in the archive; Word writes a few dozen",
            archive.len()
        )));
    }
    let part = match archive.by_name(DOCUMENT_PART) {
        Ok(part) => part,
        Err(ZipError::FileNotFound) => {
            return Err(DocumentError::UnsupportedFormat(format!(
                "a zip archive without {DOCUMENT_PART}, so not a Word document"
            )));
        }
        Err(error) => return Err(failure(error)),
    };
    // The declared size can lie; the cap while reading holds either way.
    if part.size() > MAX_DOCX_XML_BYTES {
        return Err(too_large(format!(
            "{DOCUMENT_PART} declares {} bytes",
            part.size()
        )));
    }
    paragraphs(BufReader::new(Capped {
        inner: part,
        left: MAX_DOCX_XML_BYTES,
    }))
}

/// The text of a WordprocessingML body: a line per paragraph (`w:p`, table cells included),
/// runs' text (`w:t`), tabs and line breaks. Deleted text (`w:delText`) and field codes
/// (`w:instrText`) are other elements, so they are left out, as Word shows them.
fn paragraphs(source: impl io::BufRead) -> Result<String, DocumentError> {
    let mut reader = NsReader::from_reader(source);
    let mut buffer = Vec::new();
    let mut text = String::new();
    let mut in_text = false;
    let mut open_elements = 0usize;
    let mut run_depth = 0usize;
    // Inside `mc:Fallback`: the same content again for older readers (text boxes come twice).
    let mut fallback_depth = 0usize;
    loop {
        buffer.clear();
        let (namespace, event) = reader
            .read_resolved_event_into(&mut buffer)
            .map_err(xml_failure)?;
        let element = |local: &str| Element::of(&namespace, local);
        match event {
            Event::Start(start) => {
                open_elements += 1;
                let kind = element(start.local_name().as_ref());
                if fallback_depth > 0 || kind == Element::Fallback {
                    fallback_depth += 1;
                    continue;
                }
                match kind {
                    Element::Text => in_text = true,
                    Element::Run => run_depth += 1,
                    _ => {}
                }
            }
            Event::Empty(empty) => {
                if fallback_depth > 0 {
                    continue;
                }
                match element(empty.local_name().as_ref()) {
                    Element::Paragraph => text.push('\n'),
                    // `w:tab` also defines tab stops in paragraph properties; only one in a
                    // run is a character.
                    Element::Tab if run_depth > 0 => text.push('\t'),
                    Element::Break if run_depth > 0 => text.push('\n'),
                    Element::NonBreakingHyphen if run_depth > 0 => text.push('-'),
                    _ => {}
                }
            }
            Event::End(end) => {
                open_elements = open_elements.saturating_sub(1);
                if fallback_depth > 0 {
                    fallback_depth -= 1;
                    continue;
                }
                match element(end.local_name().as_ref()) {
                    Element::Paragraph => text.push('\n'),
                    Element::Text => in_text = false,
                    Element::Run => run_depth = run_depth.saturating_sub(1),
                    _ => {}
                }
            }
            Event::Text(content) if in_text && fallback_depth == 0 => {
                text.push_str(&content.xml10_content());
            }
            Event::CData(content) if in_text && fallback_depth == 0 => {
                text.push_str(&content.xml10_content());
            }
            // `&amp;`, `&#8377;` and the like arrive apart from the text around them. Entities
            // a DTD defines are left unexpanded, so "billion laughs" has nothing to multiply.
            Event::GeneralRef(reference) if in_text && fallback_depth == 0 => {
                if let Ok(Some(character)) = reference.resolve_char_ref() {
                    text.push(character);
                } else if let Some(predefined) =
                    quick_xml::escape::resolve_predefined_entity(&reference)
                {
                    text.push_str(predefined);
                }
            }
            // The reader accepts an end of file with elements still open; a whole
            // document.xml never has that, a cut one does.
            Event::Eof if open_elements > 0 => {
                return Err(damaged(format!(
                    "{DOCUMENT_PART} ends before its elements do"
                )));
            }
            Event::Eof => return Ok(text),
            _ => {}
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Element {
    Paragraph,
    Run,
    Text,
    Tab,
    Break,
    NonBreakingHyphen,
    Fallback,
    Other,
}

impl Element {
    fn of(namespace: &ResolveResult<'_>, local: &str) -> Self {
        let ResolveResult::Bound(Namespace(namespace)) = namespace else {
            return Element::Other;
        };
        if WORD_NAMESPACES.contains(namespace) {
            match local {
                "p" => Element::Paragraph,
                "r" => Element::Run,
                "t" => Element::Text,
                "tab" | "ptab" => Element::Tab,
                "br" | "cr" => Element::Break,
                "noBreakHyphen" => Element::NonBreakingHyphen,
                _ => Element::Other,
            }
        } else if *namespace == COMPATIBILITY_NAMESPACE && local == "Fallback" {
            Element::Fallback
        } else {
            Element::Other
        }
    }
}

/// A reader that fails, rather than ends, past `left` bytes, so that a document cut at the
/// cap is never taken for a whole one.
struct Capped<R> {
    inner: R,
    left: u64,
}

impl<R: Read> Read for Capped<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        // One byte past the cap is allowed to arrive, to tell "exactly at" from "over".
        let allowed = usize::try_from(self.left.saturating_add(1)).unwrap_or(usize::MAX);
        let length = buffer.len().min(allowed);
        let read = self.inner.read(&mut buffer[..length])?;
        let read_bytes = u64::try_from(read).unwrap_or(u64::MAX);
        if read_bytes > self.left {
            return Err(io::Error::new(
                ErrorKind::FileTooLarge,
                format!("{DOCUMENT_PART} inflates past {MAX_DOCX_XML_BYTES} bytes"),
            ));
        }
        self.left -= read_bytes;
        Ok(read)
    }
}

fn xml_failure(error: quick_xml::Error) -> DocumentError {
    match error {
        quick_xml::Error::Io(io_error) if io_error.kind() == ErrorKind::FileTooLarge => {
            too_large(io_error.to_string())
        }
        other => damaged(format!("{DOCUMENT_PART}: {other}")),
    }
}

fn failure(error: ZipError) -> DocumentError {
    match error {
        ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED) | ZipError::InvalidPassword => {
            DocumentError::Encrypted(DocumentFormat::Docx)
        }
        other => damaged(other.to_string()),
    }
}

fn too_large(reason: String) -> DocumentError {
    DocumentError::ContentTooLarge {
        format: DocumentFormat::Docx,
        reason,
    }
}

fn damaged(reason: String) -> DocumentError {
    DocumentError::Damaged {
        format: DocumentFormat::Docx,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPEN: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>"#;
    const CLOSE: &str = "</w:body></w:document>";

    fn body_text(body: &str) -> String {
        let xml = format!("{OPEN}{body}{CLOSE}");
        paragraphs(xml.as_bytes()).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn paragraphs_runs_tabs_and_breaks() {
        let text = body_text(
            r#"<w:p><w:pPr><w:tabs><w:tab w:val="right" w:pos="9000"/></w:tabs></w:pPr>
               <w:r><w:t>Software Engineer</w:t></w:r><w:r><w:tab/><w:t xml:space="preserve">2021 </w:t></w:r>
               <w:r><w:t>– present</w:t></w:r></w:p>
               <w:p><w:r><w:t>Line one</w:t><w:br/><w:t>Line two</w:t></w:r></w:p><w:p/>"#,
        );
        assert_eq!(
            text,
            "Software Engineer\t2021 – present\nLine one\nLine two\n\n"
        );
    }

    #[test]
    fn entities_and_character_references_are_resolved() {
        let text = body_text(
            "<w:p><w:r><w:t>R&amp;D, CTC &#8377;12 LPA, &lt;Go&gt; &#x2013; pre&#45;final</w:t></w:r></w:p>",
        );
        assert_eq!(text, "R&D, CTC ₹12 LPA, <Go> – pre-final\n");
    }

    #[test]
    fn entities_a_dtd_defines_are_not_expanded() {
        let xml = r#"<?xml version="1.0"?>
<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>Skills: &lol2;Go</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            paragraphs(xml.as_bytes()).ok().as_deref(),
            Some("Skills: Go\n")
        );
    }

    #[test]
    fn deleted_text_field_codes_and_fallbacks_are_left_out() {
        let text = body_text(
            r#"<w:p><w:del><w:r><w:delText>old phone</w:delText></w:r></w:del>
               <w:r><w:instrText> HYPERLINK "https://example.in" </w:instrText></w:r>
               <w:r><w:t>Kept</w:t></w:r>
               <mc:AlternateContent><mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></mc:Choice>
               <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Box</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:p>"#,
        );
        assert_eq!(text, "KeptBox\n\n");
    }

    #[test]
    fn any_prefix_bound_to_the_word_namespace_is_read() {
        let xml = r#"<doc:document xmlns:doc="http://purl.oclc.org/ooxml/wordprocessingml/main"><doc:body>
            <doc:p><doc:r><doc:t>Strict</doc:t></doc:r></doc:p>
            <p><r><t>unbound elements are not Word's</t></r></p></doc:body></doc:document>"#;
        assert_eq!(paragraphs(xml.as_bytes()).ok().as_deref(), Some("Strict\n"));
    }

    #[test]
    fn malformed_xml_is_damaged() {
        let xml = format!("{OPEN}<w:p><w:r><w:t>cut</w:r></w:p>{CLOSE}");
        assert!(matches!(
            paragraphs(xml.as_bytes()),
            Err(DocumentError::Damaged { .. })
        ));
    }

    #[test]
    fn a_document_cut_short_is_damaged() {
        let xml = format!("{OPEN}<w:p><w:r><w:t>Arjun Nair</w:t></w:r>");
        assert!(matches!(
            paragraphs(xml.as_bytes()),
            Err(DocumentError::Damaged { .. })
        ));
    }

    #[test]
    fn the_cap_fails_one_byte_past_it_and_not_at_it() {
        let mut exact = Capped {
            inner: &[7u8; 10][..],
            left: 10,
        };
        let mut sink = Vec::new();
        assert_eq!(exact.read_to_end(&mut sink).ok(), Some(10));
        let mut over = Capped {
            inner: &[7u8; 11][..],
            left: 10,
        };
        let error = over.read_to_end(&mut Vec::new()).err();
        assert_eq!(
            error.map(|error| error.kind()),
            Some(ErrorKind::FileTooLarge)
        );
    }
}
