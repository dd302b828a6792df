//! The language of the app and of its spoken feedback, each offered in its own name and
//! script. Choosing one redraws every screen in it at once; focus comes back to this list and
//! the change is announced in the new language.

use aira_locales::LANGUAGES;
use aira_protocol::PreferencesPatch;
use leptos::prelude::*;

use crate::i18n::{language, t};
use crate::preferences::save_preferences;
use crate::state::AppState;

#[component]
pub fn LanguageChooser(state: AppState, id: &'static str) -> impl IntoView {
    let shown = language().code;
    let on_change = move |event: leptos::ev::Event| {
        let code = event_target_value(&event);
        // The app redraws every screen in the new language, then announces it and gives
        // focus back to this list (see `app.rs`).
        state.focus_after_redraw(id);
        save_preferences(
            state,
            PreferencesPatch {
                language: Some(Some(code)),
                ..PreferencesPatch::default()
            },
            String::new(),
        );
    };
    view! {
        <section class="settings" aria-labelledby=format!("{id}-heading")>
            <h2 id=format!("{id}-heading")>{t("ui.language.heading")}</h2>
            <div class="field">
                <label for=id>{t("ui.language.label")}</label>
                <select id=id on:change=on_change>
                    {LANGUAGES
                        .iter()
                        .map(|language| {
                            let text = if language.code == shown {
                                language.name.to_owned()
                            } else {
                                format!("{} ({})", language.name, language.english_name)
                            };
                            view! {
                                <option
                                    value=language.code
                                    lang=language.code
                                    selected=language.code == shown
                                >
                                    {text}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </section>
    }
}
