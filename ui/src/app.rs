use aira_protocol::{Preferences, Theme};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{Messages, SiteHeader};
use crate::focus::focus_id_after_render;
use crate::i18n::{self, t, t_with};
use crate::pages::{
    HistoryPage, HomePage, ModelsPage, PracticePage, ProgressPage, ResumePage, SettingsPage,
    SetupPage,
};
use crate::state::{AppState, Screen};

/// The whole app. `preferences` are the user's choices read before the first draw, so it
/// opens in their language, theme and text size (`None` when they could not be read: the
/// defaults).
#[component]
pub fn App(preferences: Option<Preferences>) -> impl IntoView {
    let state = AppState::new(preferences);

    Effect::new(move || document().set_title(&state.screen.get().title()));
    Effect::new(move || apply_display(&state.current_preferences()));
    crate::shortcuts::listen_for_shortcuts(state);
    // For the app's lifetime: the word being spoken, highlighted where its text shows.
    leptos::task::spawn_local(async move {
        match crate::ipc::watch_spoken_words(move |word| state.spoken_word.set(Some(word))).await {
            Ok(stream) => std::mem::forget(stream),
            Err(error) => leptos::logging::warn!("no word highlighting: {error}"),
        }
    });

    let chosen_language = Memo::new(move |_| {
        state
            .preferences
            .with(|preferences| preferences.as_ref().and_then(|p| p.language.clone()))
            .unwrap_or_default()
    });
    let drawn_before = StoredValue::new(false);
    // Every screen is drawn again when the language changes: texts are read as screens are
    // built, so this is what switches them all at once.
    let screens = move || {
        let unavailable = i18n::use_language(&chosen_language.get());
        let language = i18n::language();
        if let Some(element) = document().document_element() {
            set_attribute(&element, "lang", language.code);
        }
        if drawn_before.get_value() {
            let changed = t_with("ui.language.changed", &[("language", language.name)]);
            request_animation_frame(move || state.announce(changed));
            if let Some(id) = state.take_focus_after_redraw() {
                focus_id_after_render(id.to_owned());
            }
        }
        drawn_before.set_value(true);
        let language_note = unavailable.map(|code| {
            view! {
                <p class="warning" id="language-note">
                    {t_with("ui.language.unavailable", &[("code", &code)])}
                </p>
            }
        });
        view! {
            <a class="skip-link" href="#main">
                {t("ui.skip_link")}
            </a>
            <SiteHeader state />
            <main id="main" tabindex="-1">
                {language_note}
                <Messages state />
                {move || page(state)}
            </main>
        }
    };
    view! { {screens} }
}

fn page(state: AppState) -> AnyView {
    match state.screen.get() {
        Screen::Home => view! { <HomePage state /> }.into_any(),
        Screen::Setup => view! { <SetupPage state /> }.into_any(),
        // Reading the question here re-creates the practice screen for each new question,
        // which resets it and moves focus to its heading.
        Screen::Practice => match state.question.get() {
            Some(question) => view! { <PracticePage state question /> }.into_any(),
            None => view! { <HomePage state /> }.into_any(),
        },
        Screen::History => view! { <HistoryPage state /> }.into_any(),
        Screen::Progress => view! { <ProgressPage state /> }.into_any(),
        Screen::Models => view! { <ModelsPage state /> }.into_any(),
        Screen::Resume => view! { <ResumePage state /> }.into_any(),
        Screen::Settings => view! { <SettingsPage state /> }.into_any(),
    }
}

/// Theme and text size go on `<html>`: the style sheet's colours follow `data-theme`, and
/// every size is in rem, so the root font size scales the whole layout.
fn apply_display(preferences: &Preferences) {
    let Some(root) = document()
        .document_element()
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let theme = match preferences.theme {
        Theme::Standard => "standard",
        Theme::HighContrast => "high-contrast",
    };
    set_attribute(&root, "data-theme", theme);
    if let Err(error) = root
        .style()
        .set_property("font-size", &format!("{}%", preferences.text_size))
    {
        leptos::logging::warn!("text size not applied: {error:?}");
    }
}

fn set_attribute(element: &web_sys::Element, name: &str, value: &str) {
    if let Err(error) = element.set_attribute(name, value) {
        leptos::logging::warn!("{name} not set: {error:?}");
    }
}
