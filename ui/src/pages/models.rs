//! The speech models screen: which model transcribes, the installed ones (use, remove), the
//! catalog (download with a progress bar, cancel) and importing a model the user has.

mod actions;
mod available_item;
mod facts;
mod import_panel;
mod installed_item;
mod progress_bar;

use aira_protocol::ModelsOutput;
use leptos::prelude::*;

use crate::components::PageHeading;
use crate::i18n::{t, t_with};
use crate::state::AppState;
use actions::ModelsState;
use available_item::AvailableItem;
use import_panel::ImportPanel;
use installed_item::InstalledItem;

#[component]
pub fn ModelsPage(state: AppState) -> impl IntoView {
    let models = ModelsState::new(state);
    state.announce(t("ui.models.status.loading"));
    models.reload(true);

    let in_use = move || models.listing.get().map(in_use_text);
    let overridden = move || {
        models
            .listing
            .with(|listing| listing.as_ref().is_some_and(|l| l.overridden))
    };
    let installed = move || {
        models.listing.get().map(|listing| {
            let is_empty = listing.installed.is_empty();
            view! {
                <Show when=move || is_empty>
                    <p>{t("ui.models.installed_empty")}</p>
                </Show>
                <ul id="installed-models" class="model-list" hidden=is_empty>
                    {listing
                        .installed
                        .into_iter()
                        .map(|model| view! { <InstalledItem models model /> })
                        .collect_view()}
                </ul>
            }
        })
    };
    let available = move || {
        models.listing.get().map(|listing| {
            let offered: Vec<_> = listing
                .available
                .into_iter()
                .filter(|model| !model.installed)
                .collect();
            let is_empty = offered.is_empty();
            view! {
                <Show when=move || is_empty>
                    <p>{t("ui.models.available_empty")}</p>
                </Show>
                <ul id="available-models" class="model-list" hidden=is_empty>
                    {offered
                        .into_iter()
                        .map(|model| view! { <AvailableItem models model /> })
                        .collect_view()}
                </ul>
            }
        })
    };

    view! {
        <PageHeading state text=t("ui.models.title") />
        <p class="intro">{t("ui.models.intro")}</p>
        <p id="model-in-use">{in_use}</p>
        <Show when=overridden>
            <p class="note">{t("ui.models.overridden")}</p>
        </Show>
        <section aria-labelledby="installed-heading">
            <h2 id="installed-heading" tabindex="-1">
                {t("ui.models.installed_heading")}
            </h2>
            {installed}
        </section>
        <ImportPanel models />
        <section aria-labelledby="available-heading">
            <h2 id="available-heading">{t("ui.models.available_heading")}</h2>
            {available}
        </section>
    }
}

/// "In use now: tiny.en.", the file when it is not an installed model, or that it is missing.
fn in_use_text(listing: ModelsOutput) -> String {
    let path = [("path", listing.in_use.as_str())];
    match listing.installed.iter().find(|model| model.in_use) {
        Some(model) => t_with("ui.models.in_use", &[("name", &model.name)]),
        None if listing.in_use_present => t_with("ui.models.in_use_file", &path),
        None => t_with("ui.models.in_use_missing", &path),
    }
}
