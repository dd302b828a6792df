use leptos::prelude::*;

use crate::components::{Messages, SiteHeader};
use crate::i18n::t;
use crate::pages::{HistoryPage, HomePage, ModelsPage, PracticePage, ProgressPage, ResumePage};
use crate::state::{AppState, Screen};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();

    Effect::new(move || document().set_title(&state.screen.get().title()));
    // For the app's lifetime: the word being spoken, highlighted where its text shows.
    leptos::task::spawn_local(async move {
        match crate::ipc::watch_spoken_words(move |word| state.spoken_word.set(Some(word))).await {
            Ok(stream) => std::mem::forget(stream),
            Err(error) => leptos::logging::warn!("no word highlighting: {error}"),
        }
    });

    let page = move || match state.screen.get() {
        Screen::Home => view! { <HomePage state /> }.into_any(),
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
    };

    view! {
        <a class="skip-link" href="#main">
            {t("ui.skip_link")}
        </a>
        <SiteHeader state />
        <main id="main" tabindex="-1">
            <Messages state />
            {page}
        </main>
    }
}
