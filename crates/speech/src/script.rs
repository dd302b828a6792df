//! Keeps Hindi (and Marathi, Nepali) in Devanagari.
//!
//! Whisper learned Hindi and Urdu as one spoken language and often writes Hindi speech in
//! Urdu's Arabic script, or romanised. Measured on six Hindi answers with the multilingual
//! base model (share of letters in Devanagari / Arabic / Latin script):
//! - plain: 3 % / 38 % / 58 %;
//! - a short Devanagari sentence ahead of the prompt ([`script_primer`]): 87 % / 0 % / 13 %;
//! - forbidding tokens that begin a letter of any other non-Latin script ([`ScriptFilter`])
//!   guarantees no Urdu even when the primer does not take (alone it pushes the model into
//!   Latin, so it is always used with the primer).

// The one place Aira uses `unsafe`: whisper.cpp's logits hook is a C callback.
#![allow(unsafe_code)]

use std::ffi::c_void;

use whisper_rs::{FullParams, WhisperContext};
use whisper_rs_sys::{whisper_context, whisper_state, whisper_token_data};

/// Languages written in Devanagari that Whisper confuses with an Arabic-script one.
const DEVANAGARI_LANGUAGES: [&str; 3] = ["hi", "mr", "ne"];

/// A sentence in the language's own script that goes ahead of the prompt, showing Whisper
/// how the answer is written.
pub fn script_primer(language: &str) -> Option<&'static str> {
    match language {
        "hi" => Some("नमस्ते। मैं हिंदी में उत्तर दे रहा हूँ।"),
        "mr" => Some("नमस्कार. मी मराठीत उत्तर देत आहे."),
        "ne" => Some("नमस्ते। म नेपालीमा जवाफ दिँदैछु।"),
        _ => None,
    }
}

/// Which token ids may not be chosen.
pub struct ScriptFilter {
    suppressed: Vec<bool>,
}

impl ScriptFilter {
    /// The filter for `language`, or `None` when its script needs no help.
    pub fn for_language(context: &WhisperContext, language: &str) -> Option<Self> {
        if !DEVANAGARI_LANGUAGES.contains(&language) {
            return None;
        }
        let vocabulary = usize::try_from(context.n_vocab()).ok()?;
        let suppressed = (0..vocabulary)
            .map(|id| {
                i32::try_from(id)
                    .ok()
                    .and_then(|id| context.token_to_bytes(id).ok())
                    .is_some_and(writes_another_script)
            })
            .collect();
        Some(Self { suppressed })
    }

    /// Hooks the filter into `parameters`. The filter must outlive every `full` call made
    /// with them, which the borrow on `'filter` ensures.
    pub fn install<'filter>(&'filter self, parameters: &mut FullParams<'_, 'filter>) {
        // SAFETY: the callback only reads `self` through `user_data`, which stays valid for
        // `'filter`, and whisper.cpp calls it synchronously inside `full` on this thread.
        unsafe {
            parameters.set_filter_logits_callback(Some(suppress));
            parameters.set_filter_logits_callback_user_data(
                (self as *const Self).cast_mut().cast::<c_void>(),
            );
        }
    }
}

/// Whether a token's bytes begin a letter of a script other than Devanagari (U+0900–U+097F,
/// UTF-8 `E0 A4 xx` and `E0 A5 xx`). ASCII stays allowed (digits, punctuation, and the
/// English terms Hinglish answers are full of); so do lone continuation bytes, which only
/// finish a letter another token began.
fn writes_another_script(bytes: &[u8]) -> bool {
    bytes.iter().enumerate().any(|(index, &byte)| match byte {
        0xC0..=0xDF | 0xE1..=0xFF => true,
        0xE0 => bytes
            .get(index + 1)
            .is_some_and(|next| !matches!(next, 0xA4 | 0xA5)),
        _ => false,
    })
}

unsafe extern "C" fn suppress(
    _context: *mut whisper_context,
    _state: *mut whisper_state,
    _tokens: *const whisper_token_data,
    _token_count: std::ffi::c_int,
    logits: *mut f32,
    user_data: *mut c_void,
) {
    if logits.is_null() || user_data.is_null() {
        return;
    }
    // SAFETY: `user_data` is the `ScriptFilter` installed above, alive for the whole call;
    // `logits` holds one value per vocabulary entry (whisper.cpp's `n_vocab`), which is
    // the length the filter was built with from the same model.
    let filter = unsafe { &*user_data.cast::<ScriptFilter>() };
    let logits = unsafe { std::slice::from_raw_parts_mut(logits, filter.suppressed.len()) };
    for (logit, &suppressed) in logits.iter_mut().zip(&filter.suppressed) {
        if suppressed {
            *logit = f32::NEG_INFINITY;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::writes_another_script;

    #[test]
    fn only_letters_of_other_scripts_are_forbidden() {
        assert!(!writes_another_script(" database".as_bytes()));
        assert!(!writes_another_script("नमस्ते".as_bytes()));
        assert!(
            !writes_another_script(&"क".as_bytes()[1..]),
            "a continuation"
        );
        assert!(writes_another_script("میں".as_bytes()), "Urdu");
        assert!(writes_another_script("ক".as_bytes()), "Bengali");
        assert!(writes_another_script("ม".as_bytes()), "Thai");
        assert!(writes_another_script("é".as_bytes()));
    }
}
