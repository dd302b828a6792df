use leptos::prelude::*;

use crate::i18n::t;
use crate::state::{AppState, Screen};

#[component]
pub fn SiteHeader(state: AppState) -> impl IntoView {
    view! {
        <header class="site-header">
            <p class="app-name">{t("ui.app.name")}</p>
            <nav aria-label=t("ui.nav.label")>
                <ul class="nav-list">
                    <li>
                        <NavButton state id="nav-home" screen=Screen::Home text=t("ui.nav.home") />
                    </li>
                    <li>
                        <NavButton state id="nav-setup" screen=Screen::Setup text=t("ui.nav.setup") />
                    </li>
                    <li>
                        <NavButton
                            state
                            id="nav-history"
                            screen=Screen::History
                            text=t("ui.nav.history")
                        />
                    </li>
                    <li>
                        <NavButton
                            state
                            id="nav-progress"
                            screen=Screen::Progress
                            text=t("ui.nav.progress")
                        />
                    </li>
                    <li>
                        <NavButton
                            state
                            id="nav-resume"
                            screen=Screen::Resume
                            text=t("ui.nav.resume")
                        />
                    </li>
                    <li>
                        <NavButton
                            state
                            id="nav-models"
                            screen=Screen::Models
                            text=t("ui.nav.models")
                        />
                    </li>
                    <li>
                        <NavButton
                            state
                            id="nav-settings"
                            screen=Screen::Settings
                            text=t("ui.nav.settings")
                        />
                    </li>
                </ul>
            </nav>
        </header>
    }
}

#[component]
fn NavButton(state: AppState, id: &'static str, screen: Screen, text: String) -> impl IntoView {
    let is_current = move || state.screen.get() == screen;
    view! {
        <button
            type="button"
            id=id
            class="nav-button"
            aria-current=move || is_current().then_some("page")
            on:click=move |_| state.show(screen)
        >
            {text}
        </button>
    }
}
