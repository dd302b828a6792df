use leptos::prelude::*;

use crate::focus::focus_when_mounted;
use crate::state::AppState;

/// A screen's single `<h1>`. After a screen change it takes focus, so keyboard and
/// screen-reader users start reading at the new content instead of the old button.
#[component]
pub fn PageHeading(state: AppState, text: String) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H1>::new();
    if state.has_navigated() {
        focus_when_mounted(heading);
    }
    view! {
        <h1 tabindex="-1" node_ref=heading>
            {text}
        </h1>
    }
}
