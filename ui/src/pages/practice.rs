mod feedback;
mod level_meter;
mod metrics;

use aira_protocol::{CommandError, InputLevel, PracticeQuestion, TurnResult};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::PageHeading;
use crate::focus::focus_after_render;
use crate::format::score_sentence;
use crate::i18n::{t, t_with};
use crate::ipc::{self, LevelStream};
use crate::state::AppState;
use feedback::FeedbackView;
use level_meter::LevelMeter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for the user to answer (or to answer again).
    Ready,
    /// The microphone is being opened.
    Starting,
    Recording,
    /// The answer is being transcribed and coached, or a file is being chosen.
    Processing,
}

const SILENCE: InputLevel = InputLevel {
    rms: 0.0,
    peak: 0.0,
    seconds: 0.0,
};

#[component]
pub fn PracticePage(state: AppState, question: PracticeQuestion) -> impl IntoView {
    let phase = RwSignal::new(Phase::Ready);
    let level = RwSignal::new(SILENCE);
    let result = RwSignal::new(None::<TurnResult>);
    let levels = StoredValue::new_local(None::<LevelStream>);
    let start_button = NodeRef::<leptos::html::Button>::new();
    let stop_button = NodeRef::<leptos::html::Button>::new();
    let file_button = NodeRef::<leptos::html::Button>::new();

    // Leaving the screen mid-answer must not leave the microphone open.
    on_cleanup(move || {
        if let Some(Some(stream)) = levels.try_update_value(Option::take) {
            drop(stream);
            spawn_local(cancel_recording());
        }
    });

    let question_id = StoredValue::new(question.id.clone());
    let question_text = StoredValue::new(question.text.clone());

    // A turn is finished either way: show its feedback, or say why there is none.
    let finish = move |outcome: Result<TurnResult, CommandError>| match outcome {
        Ok(turn) => {
            state.announce(score_sentence(turn.feedback.score));
            result.set(Some(turn));
            phase.set(Phase::Ready);
        }
        Err(error) => {
            phase.set(Phase::Ready);
            state.fail(error);
            focus_after_render(start_button);
        }
    };

    let repeat_question = move |_| {
        state.clear_error();
        state.announce(t("ui.status.reading_question"));
        let text = question_text.get_value();
        spawn_local(async move {
            if let Err(error) = ipc::speak(text).await {
                state.fail(error);
            }
        });
    };

    let stop_voice = move |_| {
        state.clear_error();
        spawn_local(async move {
            match ipc::stop_speaking().await {
                Ok(()) => state.announce(t("ui.status.voice_stopped")),
                Err(error) => state.fail(error),
            }
        });
    };

    let start_recording = move |_| {
        if phase.get_untracked() != Phase::Ready {
            return;
        }
        state.clear_error();
        result.set(None);
        level.set(SILENCE);
        phase.set(Phase::Starting);
        spawn_local(async move {
            // The question may still be playing; it must not end up in the answer.
            if let Err(error) = ipc::stop_speaking().await {
                leptos::logging::error!("could not stop the voice before recording: {error}");
            }
            match ipc::start_recording(move |reading| level.set(reading)).await {
                Ok(stream) if levels.is_disposed() => {
                    // The user left the screen while the microphone was opening.
                    drop(stream);
                    cancel_recording().await;
                }
                Ok(stream) => {
                    levels.set_value(Some(stream));
                    phase.set(Phase::Recording);
                    state.announce(t("ui.status.recording"));
                    focus_after_render(stop_button);
                }
                Err(error) => {
                    phase.set(Phase::Ready);
                    state.fail(error);
                    focus_after_render(start_button);
                }
            }
        });
    };

    let stop_recording = move |_| {
        if phase.get_untracked() != Phase::Recording {
            return;
        }
        phase.set(Phase::Processing);
        state.announce(t("ui.status.processing"));
        levels.update_value(|stream| *stream = None);
        let id = question_id.get_value();
        spawn_local(async move { finish(ipc::stop_recording(id).await) });
    };

    let choose_file = move |_| {
        if phase.get_untracked() != Phase::Ready {
            return;
        }
        state.clear_error();
        result.set(None);
        phase.set(Phase::Processing);
        state.announce(t("ui.status.choosing_file"));
        let id = question_id.get_value();
        spawn_local(async move {
            match ipc::submit_answer_file(id).await {
                Ok(Some(turn)) => finish(Ok(turn)),
                Ok(None) => {
                    phase.set(Phase::Ready);
                    state.announce(t("ui.status.file_cancelled"));
                    focus_after_render(file_button);
                }
                Err(error) => finish(Err(error)),
            }
        });
    };

    let busy = move || phase.get() != Phase::Ready;
    let microphone_busy = move || matches!(phase.get(), Phase::Starting | Phase::Recording);
    let recording = move || phase.get() == Phase::Recording;
    let no_voice = move || {
        state
            .app_status
            .with(|status| status.as_ref().is_some_and(|s| !s.voice_available))
    };
    let details = t_with(
        "ui.practice.question_details",
        &[
            ("role", &question.role),
            ("kind", &question.kind),
            ("level", &question.level),
        ],
    );

    view! {
        <PageHeading state text=t("ui.practice.title") />
        <section class="question" aria-labelledby="question-text">
            <h2 id="question-text">{question.text}</h2>
            <p class="question-details">{details}</p>
            <Show when=no_voice>
                <p class="note">{t("ui.practice.no_voice")}</p>
            </Show>
            <div class="button-row">
                <button
                    type="button"
                    id="repeat-question"
                    disabled=microphone_busy
                    on:click=repeat_question
                >
                    {t("ui.practice.repeat_question")}
                </button>
                <button type="button" id="stop-speaking" on:click=stop_voice>
                    {t("ui.practice.stop_speaking")}
                </button>
            </div>
        </section>
        <section class="answer" aria-labelledby="answer-heading">
            <h2 id="answer-heading">{t("ui.practice.answer_heading")}</h2>
            <div class="button-row">
                <button
                    type="button"
                    id="start-recording"
                    class="primary"
                    disabled=busy
                    node_ref=start_button
                    on:click=start_recording
                >
                    {t("ui.practice.start_recording")}
                </button>
                <button
                    type="button"
                    id="stop-recording"
                    class="primary"
                    disabled=move || !recording()
                    node_ref=stop_button
                    on:click=stop_recording
                >
                    {t("ui.practice.stop_recording")}
                </button>
                <button
                    type="button"
                    id="choose-file"
                    disabled=busy
                    node_ref=file_button
                    on:click=choose_file
                >
                    {t("ui.practice.choose_file")}
                </button>
            </div>
            <Show when=recording>
                <LevelMeter level />
            </Show>
        </section>
        {move || result.get().map(|turn| view! { <FeedbackView state turn /> })}
    }
}

async fn cancel_recording() {
    if let Err(error) = ipc::cancel_recording().await {
        leptos::logging::error!("could not cancel the recording: {error}");
    }
}
