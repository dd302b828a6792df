//! Importing a model the user already has: a whisper.cpp file, or a faster-whisper folder
//! that is converted. The native dialog opens from the backend.

use aira_protocol::ImportSource;
use leptos::prelude::*;

use super::actions::ModelsState;
use super::progress_bar::ProgressBar;
use crate::i18n::t;

#[component]
pub fn ImportPanel(models: ModelsState) -> impl IntoView {
    let importing = move || models.import.with(Option::is_some);
    // Clicks while importing are ignored rather than the buttons disabled, so focus stays.
    let busy = move || importing().then_some("true");
    view! {
        <section aria-labelledby="import-heading">
            <h2 id="import-heading">{t("ui.models.import_heading")}</h2>
            <p>{t("ui.models.import_intro")}</p>
            <div class="button-row">
                <button
                    type="button"
                    id="import-model-file"
                    aria-disabled=busy
                    on:click=move |_| models.import(ImportSource::GgmlFile)
                >
                    {t("ui.models.import_file")}
                </button>
                <button
                    type="button"
                    id="import-model-folder"
                    aria-disabled=busy
                    on:click=move |_| models.import(ImportSource::FasterWhisperFolder)
                >
                    {t("ui.models.import_folder")}
                </button>
            </div>
            <Show when=move || models.import.with(|progress| progress.is_some_and(|p| p.total_bytes > 0))>
                <ProgressBar
                    label=t("ui.models.import_progress_label")
                    progress=models.import.into()
                />
            </Show>
        </section>
    }
}
