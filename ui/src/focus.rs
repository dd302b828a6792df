//! Moving keyboard and screen-reader focus to where new content appeared.

use leptos::html::ElementType;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Focuses the element once it is in the document.
pub fn focus_when_mounted<E>(node_ref: NodeRef<E>)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    node_ref.on_load(|element| focus(element.unchecked_ref()));
}

/// Focuses the element after the pending render, for controls that are being enabled
/// in the same update (a disabled button refuses focus).
pub fn focus_after_render<E>(node_ref: NodeRef<E>)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    request_animation_frame(move || {
        // The screen may have been left before the frame; then there is nothing to focus.
        if let Some(Some(element)) = node_ref.try_get_untracked() {
            focus(element.unchecked_ref());
        }
    });
}

/// Focuses the element with `id` after the pending render: for a control that replaced the
/// one that had focus (a Download button that became Cancel), so focus is not lost to the
/// top of the page. Nothing happens if the screen was left meanwhile.
pub fn focus_id_after_render(id: String) {
    request_animation_frame(move || {
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        {
            focus(&element);
        }
    });
}

fn focus(element: &web_sys::HtmlElement) {
    if let Err(error) = element.focus() {
        leptos::logging::error!("could not move focus: {error:?}");
    }
}
