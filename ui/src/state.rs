//! What every screen shares: which screen is showing, the live status and error
//! regions, and the question being practised.

use std::collections::HashMap;

use aira_protocol::{
    AppStatus, CommandError, InterviewAction, ModelProgress, PracticeQuestion, Preferences,
    SpokenWord,
};
use leptos::prelude::*;

use crate::i18n::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Home,
    Setup,
    Practice,
    History,
    Progress,
    Models,
    Resume,
    Settings,
}

impl Screen {
    /// Window title, so each screen is identifiable from the task switcher and by
    /// assistive technology (WCAG 2.4.2).
    pub fn title(self) -> String {
        match self {
            Screen::Home => t("ui.title.home"),
            Screen::Setup => t("ui.title.setup"),
            Screen::Settings => t("ui.title.settings"),
            Screen::Practice => t("ui.title.practice"),
            Screen::History => t("ui.title.history"),
            Screen::Progress => t("ui.title.progress"),
            Screen::Models => t("ui.title.models"),
            Screen::Resume => t("ui.title.resume"),
        }
    }
}

/// Signal handles only, so it is `Copy` and can be passed to every component as a prop.
#[derive(Clone, Copy)]
pub struct AppState {
    pub screen: RwSignal<Screen>,
    /// Text of the polite live region; changing it is what gets announced.
    pub status: RwSignal<String>,
    pub error: RwSignal<Option<CommandError>>,
    pub question: RwSignal<Option<PracticeQuestion>>,
    pub app_status: RwSignal<Option<AppStatus>>,
    /// Model downloads running, by name, with how far each is. Kept here rather than on
    /// the models screen: a download goes on while other screens show.
    pub downloads: RwSignal<HashMap<String, ModelProgress>>,
    /// The user's choices, shared by every screen that shows or changes them; `None` until
    /// read (or when the backend could not give them: then the defaults apply).
    pub preferences: RwSignal<Option<Preferences>>,
    /// The interview action a shortcut or voice command asked for, taken by the interview
    /// screen (which clears it); a counter makes pressing the same shortcut twice count.
    pub requested_action: RwSignal<Option<(InterviewAction, u32)>>,
    /// The word the voice is saying now, for highlighting in the text it belongs to.
    pub spoken_word: RwSignal<Option<SpokenWord>>,
    /// Whether the user has moved on from the first screen. Focus only follows screen
    /// changes: on launch it stays at the top of the page where reading starts.
    has_navigated: StoredValue<bool>,
    /// The control to focus once every screen is redrawn (after a language change).
    focus_after_redraw: StoredValue<Option<&'static str>>,
}

impl AppState {
    pub fn new(preferences: Option<Preferences>) -> Self {
        Self {
            preferences: RwSignal::new(preferences),
            requested_action: RwSignal::new(None),
            screen: RwSignal::new(Screen::Home),
            status: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            question: RwSignal::new(None),
            app_status: RwSignal::new(None),
            downloads: RwSignal::new(HashMap::new()),
            spoken_word: RwSignal::new(None),
            has_navigated: StoredValue::new(false),
            focus_after_redraw: StoredValue::new(None),
        }
    }

    /// Switches screen. Messages belong to the screen they were about, so both clear.
    pub fn show(&self, screen: Screen) {
        self.error.set(None);
        self.status.set(String::new());
        self.note_navigation();
        self.screen.set(screen);
    }

    /// Marks that the next heading to appear should take focus.
    pub fn note_navigation(&self) {
        self.has_navigated.set_value(true);
    }

    /// Asks for focus on the element `id` after the next redraw of every screen.
    pub fn focus_after_redraw(&self, id: &'static str) {
        self.focus_after_redraw.set_value(Some(id));
    }

    /// The element to focus after a redraw, once.
    pub fn take_focus_after_redraw(&self) -> Option<&'static str> {
        self.focus_after_redraw
            .try_update_value(Option::take)
            .flatten()
    }

    pub fn has_navigated(&self) -> bool {
        self.has_navigated.get_value()
    }

    pub fn announce(&self, text: String) {
        self.status.set(text);
    }

    /// Shows a failed command; the status is cleared so only the alert is announced.
    pub fn fail(&self, error: CommandError) {
        leptos::logging::error!("command failed: {error}");
        self.status.set(String::new());
        self.error.set(Some(error));
    }

    /// Asks the interview screen to do `action` (from a shortcut or a voice command).
    pub fn request(&self, action: InterviewAction) {
        let count = self
            .requested_action
            .get_untracked()
            .map_or(0, |(_, count)| count.wrapping_add(1));
        self.requested_action.set(Some((action, count)));
    }

    /// The preferences as they stand, the defaults before they are read.
    pub fn current_preferences(&self) -> Preferences {
        self.preferences.get().unwrap_or_default()
    }

    pub fn clear_error(&self) {
        self.error.set(None);
    }
}
