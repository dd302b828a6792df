//! One document (résumé or job description): choose a file or paste text, then read it back
//! exactly as it would be sent, with the list of what was removed.

use aira_protocol::{DocumentKind, RedactedDocument};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{lookup, t, t_with};
use crate::ipc;
use crate::state::AppState;

#[component]
pub fn DocumentPanel(
    state: AppState,
    kind: DocumentKind,
    document: RwSignal<Option<RedactedDocument>>,
) -> impl IntoView {
    let name = match kind {
        DocumentKind::Resume => "resume",
        DocumentKind::JobDescription => "job",
    };
    let pasting = RwSignal::new(false);
    let pasted = RwSignal::new(String::new());
    let show = move |redacted: RedactedDocument| {
        let count = redacted.removed.len().to_string();
        state.announce(t_with("ui.resume.redacted", &[("count", &count)]));
        document.set(Some(redacted));
    };
    let choose = move |_| {
        state.clear_error();
        spawn_local(async move {
            match ipc::import_document(kind).await {
                Ok(Some(redacted)) => show(redacted),
                Ok(None) => state.announce(t("ui.status.file_cancelled")),
                Err(error) => state.fail(error),
            }
        });
    };
    let use_pasted = move |_| {
        let text = pasted.get_untracked();
        if text.trim().is_empty() {
            return;
        }
        state.clear_error();
        spawn_local(async move {
            match ipc::paste_document(kind, text).await {
                Ok(redacted) => show(redacted),
                Err(error) => state.fail(error),
            }
        });
    };
    let heading_id = format!("{name}-heading");
    let labelled_by = heading_id.clone();
    view! {
        <section class="settings" aria-labelledby=labelled_by>
            <h2 id=heading_id>{t(&format!("ui.resume.{name}.heading"))}</h2>
            <div class="button-row">
                <button type="button" id=format!("choose-{name}") on:click=choose>
                    {t(&format!("ui.resume.{name}.choose"))}
                </button>
                <button
                    type="button"
                    id=format!("paste-{name}")
                    aria-expanded=move || pasting.get().to_string()
                    on:click=move |_| pasting.update(|open| *open = !*open)
                >
                    {t("ui.resume.paste")}
                </button>
            </div>
            <Show when=move || pasting.get()>
                <div class="field">
                    <label for=format!("pasted-{name}")>{t(&format!("ui.resume.{name}.paste_label"))}</label>
                    <textarea
                        id=format!("pasted-{name}")
                        rows="8"
                        prop:value=move || pasted.get()
                        on:input=move |event| pasted.set(event_target_value(&event))
                    ></textarea>
                    <button type="button" id=format!("use-pasted-{name}") on:click=use_pasted>
                        {t("ui.resume.use_pasted")}
                    </button>
                </div>
            </Show>
            {move || document.get().map(|redacted| view! { <Preview name redacted /> })}
        </section>
    }
}

/// What would be sent, and what was taken out of it.
#[component]
fn Preview(name: &'static str, redacted: RedactedDocument) -> impl IntoView {
    let count = redacted.removed.len().to_string();
    let facts = match redacted.pages {
        Some(pages) => t_with(
            "ui.resume.facts_pages",
            &[("format", &redacted.format), ("pages", &pages.to_string())],
        ),
        None => t_with("ui.resume.facts", &[("format", &redacted.format)]),
    };
    let truncated = redacted
        .truncated
        .then(|| view! { <p class="note">{t("documents.truncated")}</p> });
    view! {
        <h3>{t("ui.resume.preview_heading")}</h3>
        <p>{facts}</p>
        <p id=format!("{name}-removed-summary")>{t_with("redaction.summary", &[("count", &count)])}</p>
        <ul id=format!("{name}-removed")>
            {redacted
                .removed
                .into_iter()
                .map(|removed| {
                    let label = lookup(&removed.label_key).unwrap_or(&removed.label_key).to_owned();
                    view! { <li>{label} ": " {removed.original}</li> }
                })
                .collect_view()}
        </ul>
        {truncated}
        <label for=format!("{name}-redacted")>{t("ui.resume.redacted_label")}</label>
        <textarea id=format!("{name}-redacted") rows="12" readonly=true prop:value=redacted.text></textarea>
    }
}
