//! Aira's language setting ("en", "en-IN", "hi"…) as an Amazon Transcribe language code.

use aira_core::ports::TranscribeError;
use aws_sdk_transcribestreaming::types::LanguageCode;

/// The variant used for a bare language code. English defaults to US English, as the
/// service does; `en-IN` (or any listed variant) is chosen by naming it in full.
const DEFAULT_VARIANTS: [(&str, LanguageCode); 4] = [
    ("en", LanguageCode::EnUs),
    ("hi", LanguageCode::HiIn),
    ("ta", LanguageCode::TaIn),
    ("te", LanguageCode::TeIn),
];

/// Maps `language` to the code Transcribe Streaming expects. A bare code must be one of the
/// languages Aira is tested with; a full code ("en-IN", "en-GB") may be any the service lists.
pub fn language_code(language: &str) -> Result<LanguageCode, TranscribeError> {
    let language = language.trim();
    let unsupported = |reason: String| TranscribeError::UnsupportedLanguage {
        language: language.to_owned(),
        reason,
    };
    let Some((base, region)) = language.split_once(['-', '_']) else {
        return DEFAULT_VARIANTS
            .iter()
            .find(|(bare, _)| bare.eq_ignore_ascii_case(language))
            .map(|(_, code)| code.clone())
            .ok_or_else(|| {
                unsupported(
                    "Amazon Transcribe needs one of en, hi, ta or te, or a full code such as en-IN"
                        .into(),
                )
            });
    };
    let full = format!(
        "{}-{}",
        base.to_ascii_lowercase(),
        region.to_ascii_uppercase()
    );
    LanguageCode::values()
        .iter()
        .find(|known| **known == full)
        .map(|known| LanguageCode::from(*known))
        .ok_or_else(|| {
            unsupported(format!(
                "Amazon Transcribe Streaming has no language {full}"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_codes_take_the_default_variant_and_full_codes_are_kept() {
        let code = |language: &str| language_code(language).map(|code| code.as_str().to_owned());
        assert_eq!(code("en"), Ok("en-US".into()));
        assert_eq!(code("en-IN"), Ok("en-IN".into()));
        assert_eq!(code("en_in"), Ok("en-IN".into()));
        assert_eq!(code("hi"), Ok("hi-IN".into()));
        assert_eq!(code("ta"), Ok("ta-IN".into()));
        assert_eq!(code("te"), Ok("te-IN".into()));
        assert_eq!(code("TE-in"), Ok("te-IN".into()));
    }

    #[test]
    fn other_languages_are_refused_with_a_reason() {
        for language in ["auto", "xx", "en-XX", ""] {
            assert!(
                matches!(
                    language_code(language),
                    Err(TranscribeError::UnsupportedLanguage { .. })
                ),
                "{language} should be refused"
            );
        }
    }
}
