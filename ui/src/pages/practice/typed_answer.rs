//! Answering in writing: for users without a microphone, in a noisy room, or who prefer to
//! type. Coached like a spoken answer, without pace and pauses (nothing was timed).

use leptos::prelude::*;

use crate::i18n::t;

#[component]
pub fn TypedAnswer(
    /// Whether another answer is being recorded or coached.
    #[prop(into)]
    busy: Signal<bool>,
    /// Called with the text when the user submits it.
    on_submit: Callback<String>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    let text = RwSignal::new(String::new());
    let area = NodeRef::<leptos::html::Textarea>::new();
    let toggle = move |_| {
        open.update(|open| *open = !*open);
        if open.get_untracked() {
            // Focus follows the user's action into the field they asked for.
            request_animation_frame(move || {
                if let Some(area) = area.get_untracked() {
                    let _focused = area.focus();
                }
            });
        }
    };
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let answer = text.get_untracked();
        if !answer.trim().is_empty() && !busy.get_untracked() {
            on_submit.run(answer);
        }
    };
    view! {
        <button
            type="button"
            id="type-answer"
            aria-expanded=move || open.get().to_string()
            aria-controls="typed-answer-form"
            on:click=toggle
        >
            {t("ui.practice.type_answer")}
        </button>
        <Show when=move || open.get()>
            <form id="typed-answer-form" class="field" on:submit=submit>
                <label for="typed-answer">{t("ui.practice.typed_answer_label")}</label>
                <textarea
                    id="typed-answer"
                    rows="6"
                    aria-describedby="typed-answer-hint"
                    node_ref=area
                    prop:value=move || text.get()
                    on:input=move |event| text.set(event_target_value(&event))
                ></textarea>
                <p class="note" id="typed-answer-hint">{t("ui.practice.typed_answer_hint")}</p>
                <button
                    type="submit"
                    id="submit-typed-answer"
                    class="primary"
                    disabled=move || busy.get() || text.with(|text| text.trim().is_empty())
                >
                    {t("ui.practice.submit_typed_answer")}
                </button>
            </form>
        </Show>
    }
}
