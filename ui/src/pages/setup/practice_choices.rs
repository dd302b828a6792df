//! Which questions come: a role, a kind and a level, each "any" unless chosen. The lists
//! are the question bank's own.

use aira_protocol::{PreferencesPatch, QuestionCategoriesOutput};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::{lookup, t};
use crate::ipc;
use crate::preferences::remembered_preferences;
use crate::state::AppState;

#[component]
pub fn PracticeChoices(state: AppState) -> impl IntoView {
    let (preferences, save) = remembered_preferences(state);
    let current = move || preferences.get().unwrap_or_default();
    let categories = RwSignal::new(None::<QuestionCategoriesOutput>);
    spawn_local(async move {
        match ipc::question_categories().await {
            Ok(listed) => categories.set(Some(listed)),
            Err(error) => state.fail(error),
        }
    });
    let chosen = |event: &leptos::ev::Event| {
        Some(Some(event_target_value(event)).filter(|value| !value.is_empty()))
    };
    let choice = move |id: &'static str,
                       label: String,
                       label_prefix: &'static str,
                       values: fn(&QuestionCategoriesOutput) -> Vec<String>,
                       selected: fn(&aira_protocol::Preferences) -> Option<String>,
                       patch: fn(Option<Option<String>>) -> PreferencesPatch| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <select id=id on:change=move |event| save(patch(chosen(&event)))>
                    <option value="" selected=move || selected(&current()).is_none()>
                        {t("ui.setup.any")}
                    </option>
                    {move || {
                        categories
                            .get()
                            .map(|listed| values(&listed))
                            .unwrap_or_default()
                            .into_iter()
                            .map(|value| {
                                let text = lookup(&format!("{label_prefix}{value}"))
                                    .unwrap_or(&value)
                                    .to_owned();
                                let is_selected = {
                                    let value = value.clone();
                                    move || selected(&current()).as_deref() == Some(value.as_str())
                                };
                                view! {
                                    <option value=value selected=is_selected>
                                        {text}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
        }
    };

    view! {
        <section class="settings" aria-labelledby="practice-choices-heading">
            <h2 id="practice-choices-heading">{t("ui.setup.practice_heading")}</h2>
            {choice(
                "practice-role",
                t("ui.resume.role"),
                "ui.resume.role.",
                |listed| listed.roles.clone(),
                |preferences| preferences.practice_role.clone(),
                |role| PreferencesPatch { practice_role: role, ..PreferencesPatch::default() },
            )}
            {choice(
                "practice-kind",
                t("ui.progress.kind"),
                "ui.progress.kind.",
                |listed| listed.kinds.clone(),
                |preferences| preferences.practice_kind.clone(),
                |kind| PreferencesPatch { practice_kind: kind, ..PreferencesPatch::default() },
            )}
            {choice(
                "practice-level",
                t("ui.resume.level"),
                "ui.resume.level.",
                |listed| listed.levels.clone(),
                |preferences| preferences.practice_level.clone(),
                |level| PreferencesPatch { practice_level: level, ..PreferencesPatch::default() },
            )}
        </section>
    }
}
