//! Setup: what to practise (role, kind, level), in which language, and with which engines
//! and devices. Everything here is saved at once and announced.

mod coach_settings;
mod coaching_queue;
mod practice_choices;
mod recording_settings;
mod voice_settings;

use leptos::prelude::*;

use crate::components::{LanguageChooser, PageHeading};
use crate::i18n::t;
use crate::state::AppState;
use coach_settings::CoachSettings;
use practice_choices::PracticeChoices;
use recording_settings::RecordingSettings;
use voice_settings::VoiceSettings;

#[component]
pub fn SetupPage(state: AppState) -> impl IntoView {
    view! {
        <PageHeading state text=t("ui.setup.title") />
        <p class="intro">{t("ui.setup.intro")}</p>
        <PracticeChoices state />
        <LanguageChooser state id="setup-language" />
        <RecordingSettings state />
        <VoiceSettings state />
        <CoachSettings state />
    }
}
