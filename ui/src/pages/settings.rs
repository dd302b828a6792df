//! Settings: language, how the app looks (theme, text size), the eyes-free interview
//! (voice-only mode, shortcuts, a timer), the AWS account (profile, region, Bedrock model),
//! and data and privacy. Each change is saved at once and announced.

mod appearance;
mod aws_account;
mod eyes_free;
mod shortcut_editor;

use leptos::prelude::*;

use crate::components::{LanguageChooser, PageHeading};
use crate::i18n::t;
use crate::state::{AppState, Screen};
use appearance::Appearance;
use aws_account::AwsAccount;
use eyes_free::EyesFree;
use shortcut_editor::ShortcutEditor;

#[component]
pub fn SettingsPage(state: AppState) -> impl IntoView {
    view! {
        <PageHeading state text=t("ui.settings_page.title") />
        <LanguageChooser state id="settings-language" />
        <Appearance state />
        <EyesFree state />
        <ShortcutEditor state />
        <AwsAccount state />
        <section class="settings" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">{t("ui.privacy.heading")}</h2>
            <p>{t("ui.privacy.local")}</p>
            <p>{t("ui.privacy.cloud")}</p>
            <button type="button" id="open-history-data" on:click=move |_| state.show(Screen::History)>
                {t("ui.privacy.open_history")}
            </button>
            <button type="button" id="open-setup-engines" on:click=move |_| state.show(Screen::Setup)>
                {t("ui.privacy.open_setup")}
            </button>
        </section>
    }
}
