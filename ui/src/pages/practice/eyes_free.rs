//! The interview without the screen: shortcuts (from any key the user chose, see `app.rs`)
//! and voice commands do what the buttons do, and in voice-only mode the interview runs by
//! ear — the question said, the answer heard until the user pauses, a "thinking" sound, the
//! feedback said, then a command listened for. A command not understood gets "I did not
//! catch that" and nothing else.

use aira_protocol::{InterviewAction, TurnResult};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::actions::begin_practice;
use crate::format::{score_sentence, spoken_feedback};
use crate::i18n::t;
use crate::ipc;
use crate::state::{AppState, Screen};

/// What the interview screen can do, for shortcuts and voice commands to call.
#[derive(Clone, Copy)]
pub struct Interview {
    pub state: AppState,
    pub question_text: StoredValue<String>,
    pub result: RwSignal<Option<TurnResult>>,
    pub is_recording: Signal<bool>,
    pub start_recording: Callback<()>,
    pub stop_recording: Callback<()>,
    pub repeat_question: Callback<()>,
    pub pause_voice: Callback<()>,
    pub stop_voice: Callback<()>,
}

/// Takes the actions shortcuts ask for while this screen shows, and in voice-only mode runs
/// the interview by ear.
pub fn run(interview: Interview) {
    let state = interview.state;
    // Whether the voice-only loop waits for a command now; a Pause shortcut restarts it.
    let listening = StoredValue::new(false);
    let voice_only = state.current_preferences().voice_only;
    // An action asked for before this screen existed (the shortcut that opened it) is
    // not taken again.
    let seen = StoredValue::new(
        state
            .requested_action
            .get_untracked()
            .map(|(_, count)| count),
    );
    Effect::new(move || {
        let Some((action, count)) = state.requested_action.get() else {
            return;
        };
        if seen.get_value() == Some(count) {
            return;
        }
        seen.set_value(Some(count));
        if voice_only && action == InterviewAction::Pause && !listening.get_value() {
            if interview.result.get_untracked().is_some() {
                listen(interview, listening);
            }
            return;
        }
        spawn_local(act(interview, action));
    });
    if !voice_only {
        return;
    }
    // Say the question, then listen to the answer.
    spawn_local(async move {
        say(interview.question_text.get_value()).await;
        if interview.state.screen.get_untracked() == Screen::Practice {
            interview.start_recording.run(());
        }
    });
    // Each feedback is said, then a command is listened for.
    Effect::watch(
        move || {
            interview
                .result
                .with(|result| result.as_ref().map(|turn| turn.turn_id))
        },
        move |turn, _, _| {
            if turn.is_some() && !listening.get_value() {
                let feedback = interview.result.get_untracked();
                spawn_local(async move {
                    if let Some(turn) = feedback {
                        say(spoken_feedback(&turn.feedback)).await;
                    }
                    listen(interview, listening);
                });
            }
        },
        false,
    );
}

/// Does `action` as its button would. Returns when it has been started (or said).
async fn act(interview: Interview, action: InterviewAction) {
    let state = interview.state;
    match action {
        InterviewAction::Record => {
            if interview.is_recording.get_untracked() {
                interview.stop_recording.run(());
            } else {
                interview.start_recording.run(());
            }
        }
        InterviewAction::RepeatQuestion => interview.repeat_question.run(()),
        InterviewAction::NextQuestion => {
            begin_practice(state).await;
        }
        InterviewAction::Pause => interview.pause_voice.run(()),
        InterviewAction::Stop => {
            interview.stop_voice.run(());
            if interview.is_recording.get_untracked() {
                interview.stop_recording.run(());
            }
        }
        InterviewAction::ReadFeedback => match interview.result.get_untracked() {
            Some(turn) => {
                state.announce(t("ui.status.reading_feedback"));
                speak_now(spoken_feedback(&turn.feedback));
            }
            None => state.announce(t("ui.voice.no_feedback_yet")),
        },
        InterviewAction::MyScore => match interview.result.get_untracked() {
            Some(turn) => {
                let sentence = score_sentence(turn.feedback.score);
                state.announce(sentence.clone());
                speak_now(sentence);
            }
            None => state.announce(t("ui.voice.no_feedback_yet")),
        },
    }
}

/// Listens for commands until one moves the interview on (or pauses or stops it).
fn listen(interview: Interview, listening: StoredValue<bool>) {
    let state = interview.state;
    listening.set_value(true);
    spawn_local(async move {
        while state.screen.get_untracked() == Screen::Practice && !listening.is_disposed() {
            let heard = ipc::listen_for_command(move |()| state.announce(t("ui.voice.listening")));
            let heard = match heard.await {
                Ok(heard) => heard,
                Err(error) => {
                    state.fail(error);
                    break;
                }
            };
            let Some(action) = heard.action else {
                let sorry = t("ui.voice.not_caught");
                state.announce(sorry.clone());
                say(sorry).await;
                continue;
            };
            match action {
                InterviewAction::ReadFeedback | InterviewAction::MyScore => {
                    let Some(turn) = interview.result.get_untracked() else {
                        continue;
                    };
                    let text = if action == InterviewAction::MyScore {
                        score_sentence(turn.feedback.score)
                    } else {
                        spoken_feedback(&turn.feedback)
                    };
                    state.announce(text.clone());
                    say(text).await;
                }
                InterviewAction::Pause => {
                    // Not listening from here on, so the pause shortcut goes on even while
                    // this is still being said.
                    listening.set_value(false);
                    let paused = t("ui.voice.paused");
                    state.announce(paused.clone());
                    say(paused).await;
                    return;
                }
                InterviewAction::Stop => {
                    let stopped = t("ui.voice.stopped");
                    say(stopped.clone()).await;
                    state.show(Screen::Home);
                    state.announce(stopped);
                    break;
                }
                InterviewAction::RepeatQuestion => {
                    say(interview.question_text.get_value()).await;
                    interview.start_recording.run(());
                    break;
                }
                InterviewAction::Record => {
                    interview.start_recording.run(());
                    break;
                }
                InterviewAction::NextQuestion => {
                    begin_practice(state).await;
                    break;
                }
            }
        }
        if !listening.is_disposed() {
            listening.set_value(false);
        }
    });
}

/// Says `text` and waits until it has been said; a voice that fails is logged, the text is
/// on screen and announced anyway.
async fn say(text: String) {
    if let Err(error) = ipc::say(text).await {
        leptos::logging::warn!("could not say it: {error}");
    }
}

fn speak_now(text: String) {
    spawn_local(async move {
        if let Err(error) = ipc::speak(text).await {
            leptos::logging::warn!("could not say it: {error}");
        }
    });
}
