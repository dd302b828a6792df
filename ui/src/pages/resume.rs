//! Practise on your own résumé: import it (or paste it), see exactly what would be sent
//! (personal data replaced on this computer), then have Amazon Bedrock write questions about
//! it and practise any of them.

mod document_panel;
mod written_questions;

use aira_protocol::{DocumentKind, RedactedDocument, WriteQuestionsInput, WrittenQuestionInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::PageHeading;
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;
use document_panel::DocumentPanel;
use written_questions::WrittenQuestions;

const ROLES: [&str; 7] = [
    "software", "data", "frontend", "backend", "product", "general", "campus",
];
const LEVELS: [&str; 2] = ["fresher", "experienced"];

#[component]
pub fn ResumePage(state: AppState) -> impl IntoView {
    let resume = RwSignal::new(None::<RedactedDocument>);
    let job = RwSignal::new(None::<RedactedDocument>);
    let role = RwSignal::new(ROLES[0].to_owned());
    let level = RwSignal::new(LEVELS[0].to_owned());
    let written = RwSignal::new(None::<Vec<WrittenQuestionInfo>>);
    let writing = RwSignal::new(false);

    let write = move |_| {
        if writing.get_untracked() || resume.with_untracked(Option::is_none) {
            return;
        }
        writing.set(true);
        state.clear_error();
        state.announce(t("ui.resume.writing"));
        let input = WriteQuestionsInput {
            role: role.get_untracked(),
            level: level.get_untracked(),
            count: 8,
        };
        spawn_local(async move {
            match ipc::write_resume_questions(input).await {
                Ok(questions) => {
                    let count = questions.len().to_string();
                    state.announce(t_with("ui.resume.written", &[("count", &count)]));
                    written.set(Some(questions));
                }
                Err(error) => state.fail(error),
            }
            writing.set(false);
        });
    };

    view! {
        <PageHeading state text=t("ui.resume.title") />
        <p class="intro">{t("ui.resume.intro")}</p>
        <DocumentPanel state kind=DocumentKind::Resume document=resume />
        <DocumentPanel state kind=DocumentKind::JobDescription document=job />
        <section class="settings" aria-labelledby="write-questions-heading">
            <h2 id="write-questions-heading">{t("ui.resume.write_heading")}</h2>
            <div class="field">
                <label for="resume-role">{t("ui.resume.role")}</label>
                <select id="resume-role" on:change=move |event| role.set(event_target_value(&event))>
                    {ROLES
                        .into_iter()
                        .map(|name| {
                            view! { <option value=name>{t(&format!("ui.resume.role.{name}"))}</option> }
                        })
                        .collect::<Vec<_>>()}
                </select>
            </div>
            <div class="field">
                <label for="resume-level">{t("ui.resume.level")}</label>
                <select id="resume-level" on:change=move |event| level.set(event_target_value(&event))>
                    {LEVELS
                        .into_iter()
                        .map(|name| {
                            view! { <option value=name>{t(&format!("ui.resume.level.{name}"))}</option> }
                        })
                        .collect::<Vec<_>>()}
                </select>
            </div>
            <p class="note" id="write-questions-note">{t("ui.resume.send_note")}</p>
            <button
                type="button"
                id="write-questions"
                class="primary"
                aria-describedby="write-questions-note"
                aria-disabled=move || {
                    (writing.get() || resume.with(Option::is_none)).then_some("true")
                }
                on:click=write
            >
                {t("ui.resume.write")}
            </button>
            {move || written.get().map(|questions| view! { <WrittenQuestions state questions /> })}
        </section>
    }
}
