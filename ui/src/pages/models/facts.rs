//! What is shown about every model, installed or not: size, languages and how its weights
//! are stored, as a description list.

use leptos::prelude::*;

use crate::format::megabytes;
use crate::i18n::{lookup, t, t_with};

/// The facts about one model; `None` where its file could not be read.
pub struct ModelFacts {
    pub size_bytes: u64,
    pub multilingual: Option<bool>,
    pub quantization: Option<String>,
}

#[component]
pub fn FactList(facts: ModelFacts, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let size = t_with(
        "ui.models.size_value",
        &[("megabytes", &megabytes(facts.size_bytes))],
    );
    let languages = match facts.multilingual {
        Some(true) => t("ui.models.languages.many"),
        Some(false) => t("ui.models.languages.english"),
        None => t("ui.models.unknown"),
    };
    let weights = facts
        .quantization
        .as_deref()
        .map_or_else(|| t("ui.models.unknown"), weights_label);
    view! {
        <dl class="model-facts">
            <div>
                <dt>{t("ui.models.size")}</dt>
                <dd>{size}</dd>
            </div>
            <div>
                <dt>{t("ui.models.languages")}</dt>
                <dd>{languages}</dd>
            </div>
            <div>
                <dt>{t("ui.models.quantization")}</dt>
                <dd>{weights}</dd>
            </div>
            {children.map(|children| children())}
        </dl>
    }
}

/// "Compressed to 5 bits (q5_1)" for the formats the locale explains; the format's own
/// name (a technical term, the same in every language) for the rest.
fn weights_label(format: &str) -> String {
    lookup(&format!("ui.models.quantization.{format}"))
        .map_or_else(|| format.to_owned(), str::to_owned)
}

/// A line on what a model of this family is good for ("tiny.en-q5_1" is a tiny model);
/// `None` for names outside the official families.
pub fn family_text(name: &str) -> Option<String> {
    let family = name.split(['.', '-']).next().unwrap_or_default();
    lookup(&format!("ui.models.family.{family}")).map(str::to_owned)
}
