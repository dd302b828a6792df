//! A model the catalog offers: its facts, an unfinished download, and Download or, while
//! downloading, a progress bar and Cancel.

use aira_protocol::AvailableModelInfo;
use leptos::prelude::*;

use super::actions::{ModelsState, available_id};
use super::facts::{FactList, ModelFacts, family_text};
use super::progress_bar::ProgressBar;
use crate::format::megabytes;
use crate::i18n::t_with;

#[component]
pub fn AvailableItem(models: ModelsState, model: AvailableModelInfo) -> impl IntoView {
    let name = StoredValue::new(model.name.clone());
    let size_bytes = model.size_bytes;
    let partial_bytes = model.partial_bytes;
    let downloading = move || name.with_value(|name| models.is_downloading(name));
    let progress = Signal::derive(move || {
        name.with_value(|name| {
            models
                .app
                .downloads
                .with(|running| running.get(name).copied())
        })
    });
    let partial = (model.partial_bytes > 0).then(|| {
        t_with(
            "ui.models.partial",
            &[
                ("done", &megabytes(model.partial_bytes)),
                ("total", &megabytes(size_bytes)),
            ],
        )
    });
    let facts = ModelFacts {
        size_bytes,
        multilingual: Some(model.multilingual),
        quantization: Some(model.quantization),
    };

    view! {
        <li class="model-item" data-model=model.name.clone()>
            <h3>{model.name.clone()}</h3>
            {family_text(&model.name).map(|text| view! { <p class="model-summary">{text}</p> })}
            <FactList facts />
            {partial.map(|text| view! { <p class="note">{text}</p> })}
            <Show
                when=downloading
                fallback=move || {
                    view! {
                        <div class="button-row">
                            <button
                                type="button"
                                class="download-button"
                                id=name.with_value(|name| available_id(name, "download"))
                                on:click=move |_| models.download(name.get_value(), partial_bytes, size_bytes)
                            >
                                {name.with_value(|name| t_with("ui.models.download", &[("name", name)]))}
                            </button>
                        </div>
                    }
                }
            >
                <ProgressBar
                    label=name.with_value(|name| t_with("ui.models.progress_label", &[("name", name)]))
                    model=name.get_value()
                    progress
                />
                <div class="button-row">
                    <button
                        type="button"
                        class="cancel-button"
                        id=name.with_value(|name| available_id(name, "cancel"))
                        on:click=move |_| models.cancel(name.get_value())
                    >
                        {name.with_value(|name| t_with("ui.models.cancel", &[("name", name)]))}
                    </button>
                </div>
            </Show>
        </li>
    }
}
