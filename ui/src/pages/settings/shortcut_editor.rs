//! The interview's shortcuts, one per action. "Change" listens for the next key press; a
//! clash with another action, a reserved key, or a single key while single keys are off is
//! refused with a message in an alert region, and nothing changes.

use aira_protocol::{Chord, InterviewAction, PreferencesPatch, ShortcutRefusal, Shortcuts};
use leptos::prelude::*;

use crate::focus::focus_id_after_render;
use crate::i18n::{t, t_with};
use crate::preferences::remembered_preferences;
use crate::state::AppState;

pub fn action_name(action: InterviewAction) -> String {
    t(&format!("ui.action.{}", action.as_str()))
}

#[component]
pub fn ShortcutEditor(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let current = move || preferences.get().unwrap_or_default();
    // The action whose new keys are being listened for.
    let listening = RwSignal::new(None::<InterviewAction>);
    let problem = RwSignal::new(String::new());

    let on_key = move |action: InterviewAction, event: leptos::ev::KeyboardEvent| {
        if event.key() == "Tab" {
            // Leaving the button stops listening; Tab is never a shortcut.
            listening.set(None);
            return;
        }
        event.prevent_default();
        if event.key() == "Escape" {
            listening.set(None);
            state.announce(t("ui.shortcuts.cancelled"));
            return;
        }
        let Some(chord) = crate::shortcuts::chord_of(&event) else {
            // A modifier on its own: wait for the key that goes with it.
            return;
        };
        let preferences = current();
        let mut shortcuts = preferences.shortcuts.clone();
        match shortcuts.assign(action, chord.clone(), preferences.single_key_shortcuts) {
            Ok(()) => {
                problem.set(String::new());
                listening.set(None);
                let done = t_with(
                    "ui.shortcuts.changed",
                    &[
                        ("action", &action_name(action)),
                        ("keys", &chord.to_string()),
                    ],
                );
                crate::preferences::save_preferences(
                    state,
                    PreferencesPatch {
                        shortcuts: Some(shortcuts),
                        ..PreferencesPatch::default()
                    },
                    done,
                );
            }
            Err(refusal) => problem.set(refusal_text(&chord, refusal)),
        }
    };

    let row = move |action: InterviewAction| {
        let button_id = format!("change-shortcut-{}", action.as_str());
        let keys_id = format!("shortcut-keys-{}", action.as_str());
        let is_listening = move || listening.get() == Some(action);
        let keys = move || {
            current()
                .shortcuts
                .chord(action)
                .map_or_else(|| t("ui.shortcuts.none"), ToString::to_string)
        };
        let focus_target = button_id.clone();
        view! {
            <li class="shortcut">
                <span class="shortcut-action">{action_name(action)}</span>
                " "
                <kbd id=keys_id.clone()>{keys}</kbd>
                " "
                <button
                    type="button"
                    id=button_id
                    aria-describedby=keys_id
                    attr:data-shortcut-capture=move || is_listening().then_some("")
                    on:click=move |_| {
                        problem.set(String::new());
                        listening.set(Some(action));
                        state.announce(
                            t_with("ui.shortcuts.press", &[("action", &action_name(action))]),
                        );
                        focus_id_after_render(focus_target.clone());
                    }
                    on:keydown=move |event| {
                        if is_listening() {
                            on_key(action, event);
                        }
                    }
                    on:blur=move |_| {
                        if is_listening() {
                            listening.set(None);
                        }
                    }
                >
                    {move || {
                        if is_listening() {
                            t("ui.shortcuts.listening")
                        } else {
                            t_with("ui.shortcuts.change", &[("action", &action_name(action))])
                        }
                    }}
                </button>
            </li>
        }
    };

    view! {
        <section class="settings" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">{t("ui.shortcuts.heading")}</h2>
            <p class="note">{t("ui.shortcuts.intro")}</p>
            <ul class="shortcut-list">{InterviewAction::ALL.into_iter().map(row).collect_view()}</ul>
            // Exists from the start, empty, so a refusal is announced when it appears.
            <p role="alert" id="shortcut-problem" class="field-error">
                {move || problem.get()}
            </p>
            <button
                type="button"
                id="reset-shortcuts"
                on:click=move |_| {
                    problem.set(String::new());
                    save(PreferencesPatch {
                        shortcuts: Some(Shortcuts::default()),
                        ..PreferencesPatch::default()
                    })
                }
            >
                {t("ui.shortcuts.reset")}
            </button>
        </section>
    }
}

fn refusal_text(chord: &Chord, refusal: ShortcutRefusal) -> String {
    let keys = chord.to_string();
    match refusal {
        ShortcutRefusal::TakenBy(other) => t_with(
            "ui.shortcuts.taken",
            &[("keys", &keys), ("action", &action_name(other))],
        ),
        ShortcutRefusal::SingleKeyOff => t_with("ui.shortcuts.single_key_off", &[("keys", &keys)]),
        ShortcutRefusal::Reserved => t_with("ui.shortcuts.reserved", &[("keys", &keys)]),
    }
}
