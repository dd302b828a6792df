//! Plain-text files: UTF-8 as most editors save it, UTF-16 as Windows Notepad did for
//! years ("Unicode"), and Windows-1252 from older Windows software.

use encoding_rs::{Encoding, WINDOWS_1252};

use crate::DocumentError;

/// Share of control bytes (other than tab, line breaks and form feed) above which bytes are
/// taken for binary data. Real text has none; 1 % allows a few stray ones from copy and paste.
const MAX_CONTROL_BYTES_PERCENT: usize = 1;

/// Whether `bytes` could be text in one of the encodings [`decode`] reads.
pub(crate) fn looks_like_text(bytes: &[u8]) -> bool {
    if Encoding::for_bom(bytes).is_some() {
        return true;
    }
    let mut control_bytes = 0;
    for &byte in bytes {
        match byte {
            // No text encoding without a byte order mark has NUL bytes; binary formats have many.
            0 => return false,
            b'\t' | b'\n' | b'\r' | 0x0C => {}
            0x01..=0x1F | 0x7F => control_bytes += 1,
            _ => {}
        }
    }
    control_bytes * 100 <= bytes.len() * MAX_CONTROL_BYTES_PERCENT
}

pub(crate) fn decode(bytes: &[u8]) -> Result<String, DocumentError> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _had_errors) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return Ok(text.into_owned());
    }
    if !looks_like_text(bytes) {
        return Err(DocumentError::UnsupportedFormat(
            "binary data that is neither a PDF nor a DOCX".to_owned(),
        ));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_owned());
    }
    // Invalid UTF-8 with valid multi-byte sequences too is UTF-8 with a few damaged bytes
    // (a file cut mid-character, say); decoding it as Windows-1252 would garble every ₹ and
    // accented letter. Without any, it is a single-byte encoding, almost always Windows-1252.
    let has_utf8_sequences = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
    if has_utf8_sequences {
        Ok(String::from_utf8_lossy(bytes).into_owned())
    } else {
        let (text, _had_errors) = WINDOWS_1252.decode_without_bom_handling(bytes);
        Ok(text.into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> String {
        decode(bytes).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn utf8_with_and_without_a_byte_order_mark() {
        assert_eq!(decoded("CTC: ₹18 LPA".as_bytes()), "CTC: ₹18 LPA");
        assert_eq!(decoded(b"\xEF\xBB\xBFName"), "Name");
    }

    #[test]
    fn utf16_with_a_byte_order_mark() {
        let mut little_endian = vec![0xFF, 0xFE];
        little_endian.extend("Résumé ₹".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decoded(&little_endian), "Résumé ₹");
        let mut big_endian = vec![0xFE, 0xFF];
        big_endian.extend("Pune".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decoded(&big_endian), "Pune");
    }

    #[test]
    fn windows_1252_is_the_fallback() {
        // "Résumé – 2024" as Windows Notepad wrote it in the ANSI code page.
        assert_eq!(decoded(b"R\xE9sum\xE9 \x96 2024"), "Résumé – 2024");
    }

    #[test]
    fn damaged_utf8_stays_utf8() {
        let mut bytes = "₹40 LPA, Bengaluru".as_bytes().to_vec();
        bytes.push(0xE2); // the first byte of a character cut off
        assert_eq!(decoded(&bytes), "₹40 LPA, Bengaluru\u{FFFD}");
    }

    #[test]
    fn binary_data_is_refused() {
        assert!(matches!(
            decode(b"\x7FELF\x02\x01\x01\x00\x00\x00"),
            Err(DocumentError::UnsupportedFormat(_))
        ));
        assert!(!looks_like_text(&[1, 2, 3, 4, 5, 6, b'a', b'b']));
        assert!(looks_like_text(b"Line one\r\nLine two\tend\x0C"));
    }
}
