//! Keyboard shortcuts: key presses read as chords, and the app-wide listener that turns a
//! chosen chord into a request for the interview screen.

use aira_protocol::Chord;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::AppState;

/// The chord a key press makes; `None` for a lone modifier or a key that cannot be a
/// shortcut.
pub fn chord_of(event: &web_sys::KeyboardEvent) -> Option<Chord> {
    Chord::from_event(
        &event.key(),
        event.ctrl_key(),
        event.alt_key(),
        event.shift_key(),
        event.meta_key(),
    )
}

/// The interview's shortcuts work on every screen: pressed elsewhere, they are handled when
/// the interview screen shows (it takes `requested_action`). Keys typed into a text field
/// are left alone unless they hold Ctrl, Alt or Meta.
pub fn listen_for_shortcuts(state: AppState) {
    let handler = window_event_listener(leptos::ev::keydown, move |event| {
        if event.repeat() {
            return;
        }
        let Some(chord) = chord_of(&event) else {
            return;
        };
        if chord.is_single_key() && typing_in_a_field(&event) {
            return;
        }
        // The shortcut editor listens for its own keys.
        if typing_a_shortcut(&event) {
            return;
        }
        let preferences = state.current_preferences();
        if let Some(action) = preferences.shortcuts.action_for(&chord) {
            event.prevent_default();
            state.request(action);
        }
    });
    // Listens for the app's lifetime.
    std::mem::forget(handler);
}

fn typing_in_a_field(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| {
            matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || element.has_attribute("contenteditable")
        })
}

fn typing_a_shortcut(event: &web_sys::KeyboardEvent) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|element| element.has_attribute("data-shortcut-capture"))
}
