//! A modal question before something that cannot be undone. The browser's own modal
//! `<dialog>` keeps focus inside it and the page behind inert; Escape or Cancel closes it,
//! and focus goes back to the control that opened it. When `acknowledgement` is given, the
//! action is refused until that box is ticked, so one stray Enter deletes nothing.

use leptos::prelude::*;

use crate::focus::focus_id_after_render;
use crate::i18n::t;

#[component]
pub fn ConfirmDialog(
    /// The dialog's id; its parts are named after it.
    id: &'static str,
    /// Whether it is showing; set to `true` to open it.
    open: RwSignal<bool>,
    /// The control focused again when the dialog closes without acting.
    return_focus_to: &'static str,
    heading: String,
    body: String,
    confirm_text: String,
    /// Text of a checkbox the user must tick first, if any.
    #[prop(optional)]
    acknowledgement: Option<String>,
    on_confirm: Callback<()>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let acknowledged = RwSignal::new(false);
    let refused = RwSignal::new(false);
    let needs_acknowledgement = acknowledgement.is_some();
    let heading_id = format!("{id}-heading");
    let body_id = format!("{id}-body");
    let confirm_id = format!("{id}-confirm");
    let cancel_id = format!("{id}-cancel");
    let acknowledge_id = format!("{id}-acknowledge");
    let refusal_id = format!("{id}-refusal");
    let cancel_focus = cancel_id.clone();
    // The view builds children before their parent's attributes: each gets its own copy.
    let labelled_by = heading_id.clone();
    let described_by = body_id.clone();

    Effect::new(move || {
        let Some(element) = dialog.get() else { return };
        if open.get() {
            acknowledged.set(false);
            refused.set(false);
            if !element.open() {
                match element.show_modal() {
                    // Cancel first: a stray Enter then deletes nothing.
                    Ok(()) => focus_id_after_render(cancel_focus.clone()),
                    Err(error) => leptos::logging::error!("could not open the dialog: {error:?}"),
                }
            }
        } else if element.open() {
            element.close();
        }
    });
    let close = move || {
        open.set(false);
        focus_id_after_render(return_focus_to.to_owned());
    };
    let confirm = move |_| {
        if needs_acknowledgement && !acknowledged.get_untracked() {
            refused.set(true);
            return;
        }
        open.set(false);
        on_confirm.run(());
    };
    let acknowledgement = acknowledgement.map(|text| {
        let acknowledge_id = acknowledge_id.clone();
        view! {
            <p class="checkbox-row">
                <input
                    type="checkbox"
                    id=acknowledge_id.clone()
                    prop:checked=move || acknowledged.get()
                    on:change=move |event| {
                        acknowledged.set(event_target_checked(&event));
                        refused.set(false);
                    }
                />
                <label for=acknowledge_id>{text}</label>
            </p>
        }
    });

    view! {
        <dialog
            id=id
            class="confirm-dialog"
            node_ref=dialog
            aria-labelledby=labelled_by
            aria-describedby=described_by
            // Escape: the browser closes the dialog; the signal and focus follow.
            on:cancel=move |event: leptos::ev::Event| {
                event.prevent_default();
                close();
            }
        >
            <h2 id=heading_id>{heading}</h2>
            <p id=body_id>{body}</p>
            {acknowledgement}
            <Show when=move || refused.get()>
                <p id=refusal_id.clone() role="alert" class="error-text">
                    {t("ui.confirm.acknowledge_first")}
                </p>
            </Show>
            <div class="button-row">
                <button
                    type="button"
                    id=confirm_id
                    class="danger"
                    aria-disabled=move || {
                        (needs_acknowledgement && !acknowledged.get()).then_some("true")
                    }
                    on:click=confirm
                >
                    {confirm_text}
                </button>
                <button type="button" id=cancel_id on:click=move |_| close()>
                    {t("ui.confirm.cancel")}
                </button>
            </div>
        </dialog>
    }
}
