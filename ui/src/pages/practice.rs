mod answer_timer;
mod coach_details;
mod eyes_free;
mod feedback;
mod level_meter;
mod metrics;
mod typed_answer;

// Shown again for saved answers on the History screen.
pub(crate) use coach_details::CoachDetails;
pub(crate) use metrics::MetricsList;

use aira_protocol::{
    CommandError, FeedbackDelta, InputLevel, PracticeQuestion, RecordingMode, RecordingUpdate,
    TurnResult,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::{PageHeading, SpokenText};
use crate::focus::focus_after_render;
use crate::format::score_sentence;
use crate::i18n::{t, t_with};
use crate::ipc::{self, UpdateStream};
use crate::state::AppState;
use answer_timer::AnswerTimer;
use eyes_free::Interview;
use feedback::FeedbackView;
use level_meter::LevelMeter;
use typed_answer::TypedAnswer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for the user to answer (or to answer again).
    Ready,
    /// The microphone is being opened.
    Starting,
    Recording,
    /// Recording, but not taking audio until resumed.
    Paused,
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
    let levels = StoredValue::new_local(None::<UpdateStream>);
    // The words heard so far, while recording.
    let heard = RwSignal::new(String::new());
    // The feedback as a streaming coach writes it, until the whole turn arrives.
    let coach_writing = RwSignal::new(String::new());
    // Taken from the start reply; push-to-talk changes how the record button behaves.
    let mode = RwSignal::new(RecordingMode::default());
    // Push-to-talk: the key or pointer was let go while the microphone was still opening;
    // the recording stops as soon as it has started.
    let released_early = StoredValue::new(false);
    spawn_local(async move {
        match ipc::preferences().await {
            Ok(preferences) => mode.set(preferences.recording_mode),
            Err(error) => leptos::logging::error!("preferences unavailable: {error}"),
        }
    });
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

    let repeat_question = move || {
        state.clear_error();
        state.announce(t("ui.status.reading_question"));
        let text = question_text.get_value();
        spawn_local(async move {
            if let Err(error) = ipc::speak(text).await {
                state.fail(error);
            }
        });
    };

    let voice_paused = RwSignal::new(false);
    let stop_voice = move || {
        state.clear_error();
        voice_paused.set(false);
        spawn_local(async move {
            match ipc::stop_speaking().await {
                Ok(()) => state.announce(t("ui.status.voice_stopped")),
                Err(error) => state.fail(error),
            }
        });
    };
    let pause_or_resume_voice = move || {
        state.clear_error();
        let pausing = !voice_paused.get_untracked();
        spawn_local(async move {
            let done = if pausing {
                ipc::pause_speaking().await
            } else {
                ipc::resume_speaking().await
            };
            match done {
                Ok(()) => {
                    voice_paused.set(pausing);
                    state.announce(t(if pausing {
                        "ui.status.voice_paused"
                    } else {
                        "ui.status.voice_resumed"
                    }));
                }
                Err(error) => state.fail(error),
            }
        });
    };

    // A streaming coach's text, shown as it is written.
    let on_text = move |delta: FeedbackDelta| {
        if coach_writing.with_untracked(String::is_empty) {
            // Announced once: every piece would drown the screen reader.
            state.announce(t("ui.status.coach_writing"));
        }
        coach_writing.update(|text| {
            if delta.field == "better_answer" && !text.contains('\n') {
                text.push_str("\n\n");
            }
            text.push_str(&delta.text);
        });
    };

    let stop_recording = move |reason: Option<String>| {
        if !matches!(phase.get_untracked(), Phase::Recording | Phase::Paused) {
            return;
        }
        phase.set(Phase::Processing);
        let processing = t("ui.status.processing");
        state.announce(reason.map_or(processing.clone(), |reason| {
            format!("{reason} {processing}")
        }));
        levels.update_value(|stream| *stream = None);
        let id = question_id.get_value();
        coach_writing.set(String::new());
        spawn_local(async move {
            let turn = ipc::stop_recording(id, on_text).await;
            coach_writing.set(String::new());
            finish(turn)
        });
    };

    let on_update = move |update: RecordingUpdate| match update {
        RecordingUpdate::Level(reading) => level.set(reading),
        RecordingUpdate::Transcript { text } => heard.set(text),
        RecordingUpdate::SilenceDetected { seconds } => {
            let seconds = format!("{seconds:.1}");
            stop_recording(Some(t_with(
                "ui.status.silence_stop",
                &[("seconds", &seconds)],
            )));
        }
        RecordingUpdate::LimitReached { minutes } => {
            let minutes = minutes.to_string();
            stop_recording(Some(t_with(
                "ui.status.limit_stop",
                &[("minutes", &minutes)],
            )));
        }
        RecordingUpdate::DeviceLost { reason } => {
            stop_recording(Some(t_with(
                "ui.status.device_lost",
                &[("reason", &reason)],
            )));
        }
    };

    let start_recording = move || {
        if phase.get_untracked() != Phase::Ready {
            return;
        }
        state.clear_error();
        result.set(None);
        heard.set(String::new());
        level.set(SILENCE);
        released_early.set_value(false);
        phase.set(Phase::Starting);
        let id = question_id.get_value();
        spawn_local(async move {
            // The question may still be playing; it must not end up in the answer.
            if let Err(error) = ipc::stop_speaking().await {
                leptos::logging::error!("could not stop the voice before recording: {error}");
            }
            match ipc::start_recording(id, on_update).await {
                Ok((stream, _)) if levels.is_disposed() => {
                    // The user left the screen while the microphone was opening.
                    drop(stream);
                    cancel_recording().await;
                }
                Ok((stream, opened)) => {
                    levels.set_value(Some(stream));
                    mode.set(opened.mode);
                    phase.set(Phase::Recording);
                    let key = match opened.mode {
                        RecordingMode::Toggle => "ui.status.recording_toggle",
                        RecordingMode::PushToTalk => "ui.status.recording_push_to_talk",
                        RecordingMode::AutoStop => "ui.status.recording_auto_stop",
                    };
                    state.announce(t_with(key, &[("device", &opened.device)]));
                    // Push-to-talk keeps focus on the held button, so releasing the key stops.
                    if opened.mode != RecordingMode::PushToTalk {
                        focus_after_render(stop_button);
                    } else if released_early.get_value() {
                        stop_recording(None);
                    }
                }
                Err(error) => {
                    phase.set(Phase::Ready);
                    state.fail(error);
                    focus_after_render(start_button);
                }
            }
        });
    };

    // Push-to-talk: pressing the record button (pointer, Space or Enter) starts, letting
    // go stops. In the other modes a click starts.
    let push_to_talk = move || mode.get_untracked() == RecordingMode::PushToTalk;
    let on_start_click = move |_| {
        if !push_to_talk() {
            start_recording();
        }
    };
    let press = move || {
        if push_to_talk() {
            start_recording();
        }
    };
    let release = move || {
        if !push_to_talk() {
            return;
        }
        if phase.get_untracked() == Phase::Starting {
            released_early.set_value(true);
        } else {
            stop_recording(None);
        }
    };
    let on_start_key_down = move |event: leptos::ev::KeyboardEvent| {
        if push_to_talk() && matches!(event.key().as_str(), " " | "Enter") {
            event.prevent_default();
            if !event.repeat() {
                press();
            }
        }
    };
    let on_start_key_up = move |event: leptos::ev::KeyboardEvent| {
        if matches!(event.key().as_str(), " " | "Enter") {
            release();
        }
    };

    let toggle_pause = move |_| {
        let pausing = match phase.get_untracked() {
            Phase::Recording => true,
            Phase::Paused => false,
            _ => return,
        };
        spawn_local(async move {
            let outcome = if pausing {
                ipc::pause_recording().await
            } else {
                ipc::resume_recording().await
            };
            match outcome {
                Ok(()) if pausing => {
                    phase.set(Phase::Paused);
                    state.announce(t("ui.status.paused"));
                }
                Ok(()) => {
                    phase.set(Phase::Recording);
                    state.announce(t("ui.status.resumed"));
                }
                Err(error) => state.fail(error),
            }
        });
    };

    let choose_file = move |_| {
        if phase.get_untracked() != Phase::Ready {
            return;
        }
        state.clear_error();
        result.set(None);
        phase.set(Phase::Processing);
        state.announce(t("ui.status.choosing_file"));
        coach_writing.set(String::new());
        let id = question_id.get_value();
        spawn_local(async move {
            let turn = ipc::submit_answer_file(id, on_text).await;
            coach_writing.set(String::new());
            match turn {
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

    let submit_typed = Callback::new(move |text: String| {
        if phase.get_untracked() != Phase::Ready {
            return;
        }
        state.clear_error();
        result.set(None);
        coach_writing.set(String::new());
        phase.set(Phase::Processing);
        state.announce(t("ui.status.coaching_typed"));
        let id = question_id.get_value();
        spawn_local(async move {
            let turn = ipc::submit_typed_answer(id, text, on_text).await;
            coach_writing.set(String::new());
            finish(turn)
        });
    });

    let busy = move || phase.get() != Phase::Ready;
    let microphone_busy = move || {
        matches!(
            phase.get(),
            Phase::Starting | Phase::Recording | Phase::Paused
        )
    };
    let recording = move || matches!(phase.get(), Phase::Recording | Phase::Paused);
    let paused = move || phase.get() == Phase::Paused;
    let no_voice = move || {
        state.app_status.with(|status| {
            status
                .as_ref()
                .is_some_and(|s| !s.voice_available || !s.audio_output_available)
        })
    };
    eyes_free::run(Interview {
        state,
        question_text,
        result,
        is_recording: Signal::derive(recording),
        start_recording: Callback::new(move |()| start_recording()),
        stop_recording: Callback::new(move |()| stop_recording(None)),
        repeat_question: Callback::new(move |()| repeat_question()),
        pause_voice: Callback::new(move |()| pause_or_resume_voice()),
        stop_voice: Callback::new(move |()| stop_voice()),
    });
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
            <h2 id="question-text">
                <SpokenText state text=question.text.clone() />
            </h2>
            <p class="question-details">{details}</p>
            <Show when=no_voice>
                <p class="note">{t("ui.practice.no_voice")}</p>
            </Show>
            <div class="button-row">
                <button
                    type="button"
                    id="repeat-question"
                    disabled=microphone_busy
                    on:click=move |_| repeat_question()
                >
                    {t("ui.practice.repeat_question")}
                </button>
                <button
                    type="button"
                    id="pause-speaking"
                    aria-pressed=move || if voice_paused.get() { "true" } else { "false" }
                    on:click=move |_| pause_or_resume_voice()
                >
                    {t("ui.practice.pause_speaking")}
                </button>
                <button type="button" id="stop-speaking" on:click=move |_| stop_voice()>
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
                    // Held in push-to-talk: it keeps focus (a disabled button loses it,
                    // and with it the key release that stops the recording).
                    disabled=move || {
                        busy()
                            && !(push_to_talk()
                                && matches!(phase.get(), Phase::Starting | Phase::Recording | Phase::Paused))
                    }
                    node_ref=start_button
                    on:click=on_start_click
                    on:pointerdown=move |_| press()
                    on:pointerup=move |_| release()
                    on:pointerleave=move |_| release()
                    on:keydown=on_start_key_down
                    on:keyup=on_start_key_up
                >
                    {move || {
                        if mode.get() == RecordingMode::PushToTalk {
                            t("ui.practice.hold_to_record")
                        } else {
                            t("ui.practice.start_recording")
                        }
                    }}
                </button>
                <button
                    type="button"
                    id="pause-recording"
                    disabled=move || !recording()
                    aria-pressed=move || paused().to_string()
                    on:click=toggle_pause
                >
                    {t("ui.practice.pause_recording")}
                </button>
                <button
                    type="button"
                    id="stop-recording"
                    class="primary"
                    disabled=move || !recording()
                    node_ref=stop_button
                    on:click=move |_| stop_recording(None)
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
            <TypedAnswer busy=Signal::derive(busy) on_submit=submit_typed />
            <AnswerTimer
                state
                level
                recording=Signal::derive(recording)
                on_time_up=Callback::new(move |()| stop_recording(None))
            />
            <Show when=recording>
                <LevelMeter level />
                <section class="heard" aria-labelledby="heard-heading">
                    <h3 id="heard-heading">{t("ui.practice.heard_heading")}</h3>
                    // Not a live region: words change several times a second and would
                    // drown the screen reader; the final transcript is announced instead.
                    <p id="live-transcript">
                        {move || {
                            let text = heard.get();
                            if text.is_empty() { t("ui.practice.heard_nothing_yet") } else { text }
                        }}
                    </p>
                </section>
            </Show>
            <Show when=move || !coach_writing.with(String::is_empty)>
                // Shown as it is written, for sighted users; not a live region (see above).
                <section class="heard" aria-labelledby="coach-writing-heading">
                    <h3 id="coach-writing-heading">{t("ui.practice.coach_writing_heading")}</h3>
                    <p id="coach-writing" class="transcript">{move || coach_writing.get()}</p>
                </section>
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
