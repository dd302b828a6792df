//! The theme (Aira's colours, or high contrast) and the text size, 100 % to 200 %.

use aira_protocol::{PreferencesPatch, TEXT_SIZES, Theme};
use leptos::prelude::*;

use crate::i18n::{t, t_with};
use crate::preferences::remembered_preferences;
use crate::state::AppState;

#[component]
pub fn Appearance(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let current = move || preferences.get().unwrap_or_default();
    view! {
        <section class="settings" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">{t("ui.appearance.heading")}</h2>
            <fieldset class="field">
                <legend>{t("ui.appearance.theme")}</legend>
                {Theme::ALL
                    .into_iter()
                    .map(|theme| {
                        let id = format!("theme-{}", theme.as_str());
                        view! {
                            <div class="choice">
                                <input
                                    type="radio"
                                    name="theme"
                                    id=id.clone()
                                    value=theme.as_str()
                                    prop:checked=move || current().theme == theme
                                    on:change=move |_| {
                                        save(PreferencesPatch {
                                            theme: Some(theme),
                                            ..PreferencesPatch::default()
                                        })
                                    }
                                />
                                <label for=id>{t(&format!("ui.appearance.theme.{}", theme.as_str()))}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for="text-size">{t("ui.appearance.text_size")}</label>
                <select
                    id="text-size"
                    on:change=move |event| {
                        if let Ok(size) = event_target_value(&event).parse::<u16>() {
                            save(PreferencesPatch {
                                text_size: Some(size),
                                ..PreferencesPatch::default()
                            });
                        }
                    }
                >
                    {TEXT_SIZES
                        .into_iter()
                        .map(|size| {
                            let percent = size.to_string();
                            view! {
                                <option
                                    value=percent.clone()
                                    selected=move || current().text_size == size
                                >
                                    {t_with("ui.appearance.percent", &[("percent", &percent)])}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
        </section>
    }
}
