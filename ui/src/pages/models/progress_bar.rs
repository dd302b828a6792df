//! A download's or an import's progress: a `progressbar` whose value and text screen
//! readers read on demand. Not a live region: the status region announces the milestones.

use aira_protocol::ModelProgress;
use leptos::prelude::*;

use crate::format::progress_text;

#[component]
pub fn ProgressBar(
    /// Says whose progress it is ("Download of tiny.en").
    label: String,
    /// Which model is downloading, for tests and styles.
    #[prop(optional)]
    model: Option<String>,
    progress: Signal<Option<ModelProgress>>,
) -> impl IntoView {
    let percent = move || progress.get().map_or(0, |progress| progress.percent());
    let text = move || progress.get().map(|progress| progress_text(&progress));
    view! {
        <div class="progress">
            <div
                class="progress-bar"
                role="progressbar"
                data-model=model
                aria-label=label
                aria-valuemin="0"
                aria-valuemax="100"
                aria-valuenow=move || percent().to_string()
                aria-valuetext=text
            >
                <div class="progress-fill" style:width=move || format!("{}%", percent())></div>
            </div>
            // The same words as aria-valuetext, for sighted users; hidden from screen
            // readers so they do not hear it twice.
            <p class="progress-text" aria-hidden="true">
                {text}
            </p>
        </div>
    }
}
