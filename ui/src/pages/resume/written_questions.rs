//! Questions written about the résumé, each with the résumé item it is about and a button
//! to practise it.

use aira_protocol::WrittenQuestionInfo;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::actions::begin_practice_with;
use crate::i18n::{t, t_with};
use crate::state::AppState;

#[component]
pub fn WrittenQuestions(state: AppState, questions: Vec<WrittenQuestionInfo>) -> impl IntoView {
    view! {
        <h3>{t("ui.resume.questions_heading")}</h3>
        <ol id="written-questions">
            {questions
                .into_iter()
                .map(|written| {
                    let id = written.question.id.clone();
                    let about = written
                        .refers_to
                        .map(|item| view! { <p class="note">{t_with("ui.resume.about", &[("item", &item)])}</p> });
                    let label = t_with("ui.resume.practise_label", &[("question", &written.question.text)]);
                    view! {
                        <li>
                            <p>{written.question.text.clone()}</p>
                            {about}
                            <button
                                type="button"
                                class="practise-written"
                                aria-label=label
                                on:click=move |_| {
                                    let id = id.clone();
                                    spawn_local(async move {
                                        begin_practice_with(state, Some(id)).await;
                                    });
                                }
                            >
                                {t("ui.resume.practise")}
                            </button>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
