//! The parts of the coach's feedback beyond the score and points: technical accuracy,
//! strengths, improvements, STAR, a better answer, the follow-up question, cloud usage,
//! and why the offline coach answered when the cloud was chosen. Each part is a headed
//! section, shown only when the coach gave it, so a screen reader can jump between them.

use aira_protocol::{Feedback, StarBreakdown};
use leptos::prelude::*;

use crate::i18n::{t, t_with};

#[component]
pub fn CoachDetails(
    feedback: Feedback,
    /// Added to every id, where several answers' feedback shows on one page (History).
    #[prop(optional)]
    id_suffix: String,
) -> impl IntoView {
    let id = |name: &str| format!("{name}{id_suffix}");
    let accuracy = feedback.technical_accuracy.map(|accuracy| {
        let verdict = t(&format!("feedback.accuracy.{}", accuracy.verdict.as_str()));
        view! {
            <h3>{t("feedback.heading.accuracy")}</h3>
            <p id=id("technical-accuracy")>
                <strong>{verdict}</strong> " " {accuracy.reason}
            </p>
        }
    });
    let star = feedback
        .star
        .map(|star| view! { <StarList star=star id=id("star") /> });
    let better_answer = feedback.better_answer.map(|text| {
        view! {
            <h3>{t("feedback.heading.better_answer")}</h3>
            <p id=id("better-answer") class="transcript">{text}</p>
        }
    });
    let follow_up = feedback.follow_up.map(|question| {
        view! {
            <h3>{t("feedback.heading.follow_up")}</h3>
            <p id=id("follow-up")>{question}</p>
        }
    });
    let usage = feedback.usage.map(|usage| {
        let sentence = t_with(
            "feedback.usage",
            &[
                ("input", &usage.input_tokens.to_string()),
                ("output", &usage.output_tokens.to_string()),
                ("cost", &format!("{:.4}", usage.estimated_cost_usd)),
            ],
        );
        view! { <p id=id("coach-usage") class="engines">{sentence}</p> }
    });
    // Said in words whenever the chosen cloud coach did not answer, so a change of coach
    // is never silent.
    let fallback = feedback.fallback.map(|reason| {
        view! {
            <p id=id("coached-offline-note") class="engines">
                {t_with("feedback.coached_offline", &[("reason", &reason)])}
            </p>
        }
    });
    view! {
        {accuracy}
        <Items id=id("strengths") heading="feedback.heading.strengths" items=feedback.strengths />
        <Items id=id("improvements") heading="feedback.heading.improvements" items=feedback.improvements />
        {star}
        {better_answer}
        {follow_up}
        {usage}
        {fallback}
    }
}

/// A headed list; nothing at all when there are no items.
#[component]
fn Items(id: String, heading: &'static str, items: Vec<String>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <h3>{t(heading)}</h3>
            <ul id=id>{items.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}</ul>
        }
    })
}

/// The four STAR parts as a description list, "not heard" where the answer left one out.
#[component]
fn StarList(star: StarBreakdown, id: String) -> impl IntoView {
    let parts = [
        ("analytics.star.situation", star.situation),
        ("analytics.star.task", star.task),
        ("analytics.star.action", star.action),
        ("analytics.star.result", star.result),
    ];
    view! {
        <h3>{t("feedback.heading.star")}</h3>
        <dl id=id class="metrics">
            {parts
                .into_iter()
                .map(|(label, told)| {
                    let told = told.unwrap_or_else(|| t("feedback.star.not_heard"));
                    view! {
                        <dt>{t(label)}</dt>
                        <dd>{told}</dd>
                    }
                })
                .collect_view()}
        </dl>
    }
}
