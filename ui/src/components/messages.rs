use leptos::prelude::*;

use crate::i18n::{error_text, t};
use crate::state::AppState;

/// The status and error regions. Both are rendered once and stay in the document, since
/// screen readers only announce changes to live regions that already exist.
#[component]
pub fn Messages(state: AppState) -> impl IntoView {
    let has_error = move || state.error.with(Option::is_some);
    view! {
        <div class="messages">
            <p id="status" role="status" aria-live="polite">
                {move || state.status.get()}
            </p>
            <div id="error" role="alert" class:error-shown=has_error>
                {move || {
                    state
                        .error
                        .get()
                        .map(|error| {
                            view! {
                                <p class="error-text">{error_text(error.code)}</p>
                                <p class="error-detail">
                                    {t("ui.error.detail")} " " {error.message}
                                </p>
                            }
                        })
                }}
            </div>
        </div>
    }
}
