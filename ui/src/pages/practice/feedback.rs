use aira_protocol::TurnResult;
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::coach_details::CoachDetails;
use super::metrics::MetricsList;
use crate::actions::start_practice_on_click;
use crate::focus::focus_when_mounted;
use crate::format::{score_out_of, spoken_feedback};
use crate::i18n::{lookup, t, t_with};
use crate::ipc;
use crate::state::{AppState, Screen};

/// The coach's verdict on one answer. Created anew for every result, so its heading
/// takes focus each time feedback arrives.
#[component]
pub fn FeedbackView(state: AppState, turn: TurnResult) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H2>::new();
    focus_when_mounted(heading);

    let spoken = spoken_feedback(&turn.feedback);
    let read_aloud = move |_| {
        let text = spoken.clone();
        state.clear_error();
        state.announce(t("ui.status.reading_feedback"));
        spawn_local(async move {
            if let Err(error) = ipc::speak(text).await {
                state.fail(error);
            }
        });
    };

    let (next_question, fetching) = start_practice_on_click(state);

    let transcript = if turn.transcript.trim().is_empty() {
        t("ui.feedback.empty_transcript")
    } else {
        turn.transcript.clone()
    };
    let engines = t_with(
        "ui.feedback.engines",
        &[
            ("coach", &engine_label(&turn.feedback.engine)),
            ("transcriber", &turn.transcription_engine),
        ],
    );
    // Said in words whenever the chosen cloud engine did not answer, so a change of engine
    // (and of privacy) is never silent.
    let transcription_note = turn.transcription_note.as_ref().map(|reason| {
        let note = t_with(
            "ui.feedback.transcribed_locally",
            &[("reason", reason.as_str())],
        );
        view! {
            <p id="transcription-note" class="engines">
                {note}
            </p>
        }
    });

    let details = turn.feedback.clone();
    view! {
        <section id="feedback" class="feedback" aria-labelledby="feedback-heading">
            <h2 id="feedback-heading" tabindex="-1" node_ref=heading>
                {t("ui.feedback.heading")}
            </h2>
            <p class="score-line">
                {t("ui.feedback.score_label")} " "
                <strong id="score">{score_out_of(turn.feedback.score)}</strong>
            </p>
            <h3>{t("ui.feedback.points_heading")}</h3>
            <ul id="feedback-points">
                {turn
                    .feedback
                    .points
                    .into_iter()
                    .map(|point| view! { <li>{point}</li> })
                    .collect_view()}
            </ul>
            <CoachDetails feedback=details />
            <h3>{t("ui.feedback.transcript_heading")}</h3>
            <p id="transcript" class="transcript">
                {transcript}
            </p>
            <h3>{t("ui.feedback.metrics_heading")}</h3>
            <MetricsList metrics=turn.metrics />
            <p id="engines" class="engines">
                {engines}
            </p>
            {transcription_note}
            <div class="button-row">
                <button type="button" id="read-feedback" on:click=read_aloud>
                    {t("ui.feedback.read_aloud")}
                </button>
                <button
                    type="button"
                    id="next-question"
                    class="primary"
                    aria-disabled=move || fetching.get().then_some("true")
                    on:click=next_question
                >
                    {t("ui.feedback.next_question")}
                </button>
                <button
                    type="button"
                    id="view-history"
                    on:click=move |_| state.show(Screen::History)
                >
                    {t("ui.feedback.view_history")}
                </button>
            </div>
        </section>
    }
}

/// A friendly name for a known coach engine, or its raw name for one this UI predates.
fn engine_label(engine: &str) -> String {
    lookup(&format!("feedback.engine.{engine}"))
        .unwrap_or(engine)
        .to_owned()
}
