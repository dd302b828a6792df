//! The tokenizer vocabulary: CTranslate2 keeps it beside `model.bin` as text, whisper.cpp
//! wants raw token bytes.
//!
//! Whisper uses GPT-2's byte-level BPE, whose token strings spell every byte as a printable
//! character ("Ġhello" is the bytes " hello"), so that tokens that are not valid UTF-8 on their
//! own can still be written as text. The importer maps those characters back to bytes.

use std::fs;
use std::path::{Path, PathBuf};

use super::ImportError;

/// Where the vocabulary can come from, in order of preference: CTranslate2's own files, then
/// the Hugging Face `tokenizer.json` that faster-whisper downloads next to them.
const VOCABULARY_FILE_NAMES: [&str; 3] = ["vocabulary.txt", "vocabulary.json", "tokenizer.json"];

/// How many tokens a GGML file lists: GPT-2's 50,257 byte-level tokens, the size of the
/// tokenizer `vocab.json` that OpenAI's models came with. whisper.cpp names the remaining ids
/// (`<|startoftranscript|>`, languages, timestamps …) itself, so the official files stop here.
/// In English-only models token 50,256 is `<|endoftext|>`; in multilingual ones it is an empty
/// token and `<|endoftext|>` is the first id whisper.cpp fills in.
pub(super) const GGML_TOKEN_COUNT: usize = 50_257;

/// The vocabulary file in `directory`, if it has one.
pub(super) fn find_vocabulary(directory: &Path) -> Option<PathBuf> {
    VOCABULARY_FILE_NAMES
        .iter()
        .map(|name| directory.join(name))
        .find(|path| path.is_file())
}

/// The tokens whisper.cpp's file lists, as raw bytes.
pub(super) fn read_ggml_tokens(path: &Path) -> Result<Vec<Vec<u8>>, ImportError> {
    let invalid = |reason: String| ImportError::InvalidVocabulary {
        path: path.to_path_buf(),
        reason,
    };
    let text = fs::read_to_string(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let tokens = match path.file_name().and_then(|name| name.to_str()) {
        Some("tokenizer.json") => tokenizer_json_tokens(&text).map_err(invalid)?,
        Some(name) if name.ends_with(".json") => serde_json::from_str::<Vec<String>>(&text)
            .map_err(|error| invalid(format!("it is not a JSON list of tokens ({error})")))?,
        _ => text_lines(&text),
    };
    if tokens.len() < GGML_TOKEN_COUNT {
        return Err(invalid(format!(
            "it has {} tokens; a Whisper vocabulary has at least {GGML_TOKEN_COUNT}",
            tokens.len()
        )));
    }
    tokens
        .iter()
        .take(GGML_TOKEN_COUNT)
        .enumerate()
        .map(|(id, token)| {
            decode_byte_level(token).ok_or_else(|| {
                invalid(format!(
                    "token {id} ({token:?}) is not a byte-level BPE token"
                ))
            })
        })
        .collect()
}

/// The part of a Hugging Face `tokenizer.json` the importer reads: `model.vocab`, token → id.
#[derive(serde::Deserialize)]
struct Tokenizer {
    model: TokenizerModel,
}

#[derive(serde::Deserialize)]
struct TokenizerModel {
    vocab: std::collections::HashMap<String, usize>,
}

/// The first [`GGML_TOKEN_COUNT`] tokens of a `tokenizer.json`, in id order.
fn tokenizer_json_tokens(text: &str) -> Result<Vec<String>, String> {
    let tokenizer: Tokenizer = serde_json::from_str(text)
        .map_err(|error| format!("it is not a tokenizer.json with a model vocabulary ({error})"))?;
    let mut tokens = vec![None; GGML_TOKEN_COUNT];
    for (token, id) in tokenizer.model.vocab {
        if let Some(slot) = tokens.get_mut(id) {
            *slot = Some(token);
        }
    }
    tokens
        .into_iter()
        .enumerate()
        .map(|(id, token)| token.ok_or_else(|| format!("it has no token with id {id}")))
        .collect()
}

/// One token per line. Empty lines are tokens too (multilingual models have an empty token at
/// id 50,256); only the newline after the last token ends the file rather than adding one.
fn text_lines(text: &str) -> Vec<String> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    text.split('\n').map(str::to_string).collect()
}

/// The character GPT-2 uses to spell `byte` (its `bytes_to_unicode` table): printable Latin-1
/// bytes stand for themselves, the other 68 bytes are moved to U+0100 onwards in byte order.
fn byte_character(byte: u8) -> char {
    let printable = matches!(byte, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF);
    if printable {
        return char::from(byte);
    }
    let moved_before = (0..byte)
        .filter(|&earlier| !matches!(earlier, b'!'..=b'~' | 0xA1..=0xAC | 0xAE..=0xFF))
        .count() as u32;
    char::from_u32(0x100 + moved_before).unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// The bytes a byte-level BPE token string stands for, or `None` if it holds a character no
/// byte maps to.
pub(super) fn decode_byte_level(token: &str) -> Option<Vec<u8>> {
    let table = byte_table();
    token
        .chars()
        .map(|character| {
            let code = character as usize;
            table.get(code).copied().flatten()
        })
        .collect()
}

/// Inverse of [`byte_character`], indexed by code point (all lie below U+0144).
fn byte_table() -> &'static [Option<u8>] {
    static TABLE: std::sync::OnceLock<Vec<Option<u8>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![None; 0x144];
        for byte in 0..=u8::MAX {
            let code = byte_character(byte) as usize;
            if let Some(slot) = table.get_mut(code) {
                *slot = Some(byte);
            }
        }
        table
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_bytes_spell_themselves_and_the_rest_move_up() {
        assert_eq!(byte_character(b'a'), 'a');
        assert_eq!(byte_character(0xE9), 'é');
        // GPT-2's well-known spellings: NUL, space, newline, DEL, the soft hyphen.
        assert_eq!(byte_character(0x00), '\u{100}');
        assert_eq!(byte_character(b' '), 'Ġ');
        assert_eq!(byte_character(b'\n'), 'Ċ');
        assert_eq!(byte_character(0x7F), '\u{121}');
        assert_eq!(byte_character(0xAD), '\u{143}');
        let mut characters: Vec<char> = (0..=u8::MAX).map(byte_character).collect();
        characters.sort_unstable();
        characters.dedup();
        assert_eq!(characters.len(), 256, "the table is one-to-one");
    }

    #[test]
    fn tokens_decode_to_their_bytes() {
        assert_eq!(decode_byte_level("Ġhello"), Some(b" hello".to_vec()));
        assert_eq!(
            decode_byte_level("<|endoftext|>"),
            Some(b"<|endoftext|>".to_vec())
        );
        // "é" in UTF-8 is C3 A9, which byte-level BPE spells "Ã©".
        assert_eq!(decode_byte_level("Ã©"), Some("é".as_bytes().to_vec()));
        // Half of a multi-byte character is a valid token.
        assert_eq!(decode_byte_level("å"), Some(vec![0xE5]));
        assert_eq!(decode_byte_level(""), Some(Vec::new()));
        assert_eq!(decode_byte_level("日本"), None);
    }

    #[test]
    fn tokenizer_json_lists_tokens_by_id() {
        let vocab: String = (0..GGML_TOKEN_COUNT)
            .rev()
            .map(|id| format!("\"t{id}\": {id}, "))
            .collect();
        let text = format!("{{\"model\": {{\"vocab\": {{{vocab}\"extra\": 60000}}}}}}");
        let tokens = tokenizer_json_tokens(&text);
        assert_eq!(
            tokens.as_ref().map(|tokens| &tokens[..2]),
            Ok(&["t0".to_string(), "t1".to_string()][..])
        );
        let gap = text.replace("\"t7\": 7, ", "");
        assert_eq!(
            tokenizer_json_tokens(&gap),
            Err("it has no token with id 7".to_string())
        );
    }

    #[test]
    fn empty_lines_are_tokens_but_the_final_newline_is_not() {
        assert_eq!(text_lines("a\n\nb\n"), vec!["a", "", "b"]);
        assert_eq!(text_lines("a\nb"), vec!["a", "b"]);
    }
}
