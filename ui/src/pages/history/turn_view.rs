//! One answer of an opened session: the question, how it went, the transcript, the
//! coach's feedback and the delivery figures, and its recording played back.

use aira_protocol::{AnswerSource, TurnDetail, TurnStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::format::{one_decimal, score_out_of};
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::pages::practice::{CoachDetails, MetricsList};
use crate::state::AppState;

#[component]
pub fn TurnView(state: AppState, turn: TurnDetail, number: usize, count: usize) -> impl IntoView {
    let turn_id = turn.summary.id;
    // Ids are unique per turn: a session shows several answers at once.
    let suffix = format!("-{turn_id}");
    let heading_id = format!("turn-heading{suffix}");
    let labelled_by = heading_id.clone();
    let section_id = format!("turn{suffix}");
    let status = match (turn.summary.status, turn.summary.error.as_deref()) {
        (TurnStatus::Coached, _) => t("ui.history.status.coached"),
        (TurnStatus::Failed, Some(reason)) => {
            t_with("ui.history.status.failed_because", &[("reason", reason)])
        }
        (TurnStatus::Failed, None) => t("ui.history.status.failed"),
        (TurnStatus::Recorded, _) => t("ui.history.status.recorded"),
    };
    let failed = turn.summary.status == TurnStatus::Failed;
    let score = turn
        .summary
        .score
        .map_or_else(|| t("ui.history.not_scored"), score_out_of);
    let transcript = turn
        .summary
        .transcript
        .filter(|text| !text.trim().is_empty())
        .unwrap_or_else(|| t("ui.history.no_transcript"));
    let points = turn.feedback.as_ref().map(|feedback| {
        let points = feedback.points.clone();
        view! {
            <h3>{t("ui.feedback.points_heading")}</h3>
            <ul class="feedback-points">
                {points.into_iter().map(|point| view! { <li>{point}</li> }).collect_view()}
            </ul>
        }
    });
    let details = turn.feedback.map(|feedback| {
        let id_suffix = suffix.clone();
        view! { <CoachDetails feedback id_suffix /> }
    });
    let metrics = turn.metrics.map(|metrics| {
        let id_suffix = suffix.clone();
        view! {
            <h3>{t("ui.feedback.metrics_heading")}</h3>
            <MetricsList metrics id_suffix />
        }
    });
    let recording = if turn.has_recording {
        let question_id = heading_id.clone();
        view! { <Playback state turn_id question_id /> }.into_any()
    } else {
        let reason = if turn.source == AnswerSource::Typed {
            t("ui.history.typed_no_recording")
        } else {
            t("ui.history.recording_removed")
        };
        view! { <p class="note no-recording">{reason}</p> }.into_any()
    };
    view! {
        <section class="history-turn" id=section_id aria-labelledby=labelled_by>
            <h2 id=heading_id>
                {t_with(
                    "ui.history.turn_heading",
                    &[
                        ("number", &number.to_string()),
                        ("count", &count.to_string()),
                        ("question", &turn.question.text),
                    ],
                )}
            </h2>
            <dl class="metrics">
                <div class="metric">
                    <dt>{t("ui.history.status")}</dt>
                    <dd class="turn-status" class:turn-failed=failed>{status}</dd>
                </div>
                <div class="metric">
                    <dt>{t("ui.history.score")}</dt>
                    <dd class="turn-score">{score}</dd>
                </div>
            </dl>
            {recording}
            <h3>{t("ui.feedback.transcript_heading")}</h3>
            <p class="transcript turn-transcript">{transcript}</p>
            {points}
            {details}
            {metrics}
        </section>
    }
}

/// Play and Stop for a kept recording; what happens is announced.
#[component]
fn Playback(
    state: AppState,
    turn_id: i64,
    /// The turn's heading: each Play button says which answer it plays.
    question_id: String,
) -> impl IntoView {
    let stop_described_by = question_id.clone();
    let play = move |_| {
        state.clear_error();
        spawn_local(async move {
            match ipc::play_recording(turn_id).await {
                Ok(played) => state.announce(match played.seconds {
                    Some(seconds) => t_with(
                        "ui.status.recording_playing",
                        &[("seconds", &one_decimal(seconds))],
                    ),
                    None => t("ui.history.recording_removed"),
                }),
                Err(error) => state.fail(error),
            }
        });
    };
    let stop = move |_| {
        spawn_local(async move {
            match ipc::stop_speaking().await {
                Ok(()) => state.announce(t("ui.status.recording_stopped")),
                Err(error) => state.fail(error),
            }
        });
    };
    view! {
        <div class="button-row">
            <button type="button" class="play-recording" id=format!("play-recording-{turn_id}")
                aria-describedby=question_id on:click=play>
                {t("ui.history.play_recording")}
            </button>
            <button type="button" class="stop-recording" id=format!("stop-recording-{turn_id}")
                aria-describedby=stop_described_by on:click=stop>
                {t("ui.history.stop_recording")}
            </button>
        </div>
    }
}
