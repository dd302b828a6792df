//! Localized phrases for text the backend produces (spoken and written feedback), read from
//! the same `locales/` files as the UI through `aira-locales`.

pub use aira_locales::{Catalog, Chosen, LANGUAGES, Language, choose, primary_language};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_message() {
        let catalog = Catalog::english();
        for code in aira_protocol::ErrorCode::ALL {
            let key = format!("error.{}", code.as_str());
            assert_ne!(catalog.get(&key), key, "locales/en.json lacks {key}");
        }
    }
}
