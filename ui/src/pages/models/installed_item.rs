//! An installed model: its facts, where it came from, whether it is in use, and Use and
//! Remove.

use aira_protocol::{InstalledModelInfo, ModelOrigin};
use leptos::prelude::*;

use super::actions::{ModelsState, installed_id};
use super::facts::{FactList, ModelFacts, family_text};
use crate::i18n::{t, t_with};

#[component]
pub fn InstalledItem(models: ModelsState, model: InstalledModelInfo) -> impl IntoView {
    let name = StoredValue::new(model.name.clone());
    let named = move |key: &str| name.with_value(|name| t_with(key, &[("name", name)]));
    let origin = match (model.origin, model.verified) {
        (_, true) => t("ui.models.origin.verified"),
        (ModelOrigin::Downloaded, false) => t("ui.models.origin.downloaded"),
        (ModelOrigin::Imported, false) => t("ui.models.origin.imported"),
        (ModelOrigin::Unknown, false) => t("ui.models.origin.unknown"),
    };
    let facts = ModelFacts {
        size_bytes: model.size_bytes,
        multilingual: model.multilingual,
        quantization: model.quantization,
    };
    let summary = family_text(model.catalog_name.as_deref().unwrap_or(&model.name));

    view! {
        <li class="model-item" class:in-use=model.in_use data-model=model.name.clone()>
            <h3 id=installed_id(&model.name, "heading") tabindex="-1">
                {model.name.clone()}
                {model
                    .in_use
                    .then(|| {
                        view! {
                            " "
                            <span class="badge">{t("ui.models.in_use_badge")}</span>
                        }
                    })}
            </h3>
            {summary.map(|text| view! { <p class="model-summary">{text}</p> })}
            <FactList facts>
                <div>
                    <dt>{t("ui.models.origin")}</dt>
                    <dd>{origin}</dd>
                </div>
            </FactList>
            <div class="button-row">
                {(!model.in_use)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="use-button"
                                id=installed_id(&model.name, "use")
                                on:click=move |_| models.use_model(name.get_value())
                            >
                                {named("ui.models.use")}
                            </button>
                        }
                    })}
                <button
                    type="button"
                    class="remove-button"
                    id=installed_id(&model.name, "remove")
                    on:click=move |_| models.remove(name.get_value())
                >
                    {named("ui.models.remove")}
                </button>
            </div>
        </li>
    }
}
