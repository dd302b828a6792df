//! What the models screen's buttons do: each action calls the backend, says what happened
//! in the status region (or the error region), reloads the list, and puts focus on the
//! control that took the place of the one pressed.

use aira_protocol::{ErrorCode, ImportSource, ModelProgress, ModelStage, ModelsOutput};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::focus::focus_id_after_render;
use crate::i18n::{t, t_with};
use crate::ipc;
use crate::state::AppState;

/// The screen's state: signal handles only, so it is `Copy` and every item can hold it.
/// Async work uses the `try_` accessors: a download may end after the screen was left.
#[derive(Clone, Copy)]
pub struct ModelsState {
    pub app: AppState,
    /// `None` until the first list arrives.
    pub listing: RwSignal<Option<ModelsOutput>>,
    /// How far an import is; `Some` from the dialog opening until it ends.
    pub import: RwSignal<Option<ModelProgress>>,
}

/// Ids of the controls focus moves to. Installed and available items get distinct ones, as
/// a model can appear in both lists (a hand-placed file of the wrong size).
pub fn installed_id(name: &str, part: &str) -> String {
    format!("installed-{name}-{part}")
}

pub fn available_id(name: &str, part: &str) -> String {
    format!("available-{name}-{part}")
}

impl ModelsState {
    pub fn new(app: AppState) -> Self {
        Self {
            app,
            listing: RwSignal::new(None),
            import: RwSignal::new(None),
        }
    }

    /// Reads the list again; `announce` says how many models there are once it arrives.
    pub fn reload(self, announce: bool) {
        spawn_local(async move {
            match ipc::list_models().await {
                Ok(listing) => {
                    if announce {
                        let installed = listing.installed.len().to_string();
                        let offered = listing.available.iter().filter(|m| !m.installed).count();
                        self.app.announce(t_with(
                            "ui.models.status.loaded",
                            &[
                                ("installed", &installed),
                                ("available", &offered.to_string()),
                            ],
                        ));
                    }
                    self.listing.try_set(Some(listing));
                }
                Err(error) => self.app.fail(error),
            }
        });
    }

    /// Reloads, then focuses the element with `id` once it is drawn.
    fn reload_and_focus(self, id: String) {
        spawn_local(async move {
            match ipc::list_models().await {
                Ok(listing) => {
                    if self.listing.try_set(Some(listing)).is_none() {
                        focus_id_after_render(id);
                    }
                }
                Err(error) => self.app.fail(error),
            }
        });
    }

    pub fn is_downloading(self, name: &str) -> bool {
        self.app
            .downloads
            .with(|downloads| downloads.contains_key(name))
    }

    /// Downloads `name`, `partial_bytes` of its `size_bytes` being on disk from before.
    pub fn download(self, name: String, partial_bytes: u64, size_bytes: u64) {
        if self
            .app
            .downloads
            .with_untracked(|running| running.contains_key(&name))
        {
            return;
        }
        self.app.clear_error();
        self.app.downloads.update(|running| {
            running.insert(name.clone(), starting(partial_bytes, size_bytes));
        });
        self.app.announce(t_with(
            "ui.models.status.download_started",
            &[("name", &name)],
        ));
        focus_id_after_render(available_id(&name, "cancel"));
        let reporting_name = name.clone();
        let on_progress = move |progress: ModelProgress| {
            let previous = self
                .app
                .downloads
                .try_with_untracked(|running| running.get(&reporting_name).copied())
                .flatten();
            self.app.downloads.try_update(|running| {
                running.insert(reporting_name.clone(), progress);
            });
            if let Some(text) = download_news(&reporting_name, previous, progress) {
                self.app.announce(text);
            }
        };
        spawn_local(async move {
            let outcome = ipc::download_model(name.clone(), on_progress).await;
            self.app.downloads.try_update(|running| {
                running.remove(&name);
            });
            let named = [("name", name.as_str())];
            match outcome {
                Ok(model) => {
                    self.app
                        .announce(t_with("ui.models.status.downloaded", &named));
                    self.reload_and_focus(installed_id(&model.name, "use"));
                }
                Err(error) if error.code == ErrorCode::Cancelled => {
                    self.app
                        .announce(t_with("ui.models.status.download_cancelled", &named));
                    self.reload_and_focus(available_id(&name, "download"));
                }
                Err(error) => {
                    self.app.fail(error);
                    self.reload_and_focus(available_id(&name, "download"));
                }
            }
        });
    }

    /// Asks the running download to stop; its own ending says it was cancelled.
    pub fn cancel(self, name: String) {
        spawn_local(async move {
            if let Err(error) = ipc::cancel_download(name).await {
                self.app.fail(error);
            }
        });
    }

    pub fn use_model(self, name: String) {
        self.app.clear_error();
        spawn_local(async move {
            match ipc::use_model(name).await {
                Ok(model) => {
                    self.app
                        .announce(t_with("ui.models.status.in_use", &[("name", &model.name)]));
                    self.reload_and_focus(installed_id(&model.name, "heading"));
                }
                Err(error) => self.app.fail(error),
            }
        });
    }

    /// Removes after the user confirms: a removed model is gone until downloaded again.
    pub fn remove(self, name: String) {
        let question = t_with("ui.models.confirm_remove", &[("name", &name)]);
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        self.app.clear_error();
        spawn_local(async move {
            match ipc::remove_model(name.clone()).await {
                Ok(()) => {
                    self.app
                        .announce(t_with("ui.models.status.removed", &[("name", &name)]));
                    self.reload_and_focus("installed-heading".into());
                }
                Err(error) => self.app.fail(error),
            }
        });
    }

    pub fn import(self, source: ImportSource) {
        if self.import.get_untracked().is_some() {
            return;
        }
        self.app.clear_error();
        self.app.announce(t("ui.models.status.choosing_import"));
        self.import.set(Some(starting(0, 0)));
        let on_progress = move |progress: ModelProgress| {
            let previous = self.import.try_get_untracked().flatten();
            self.import.try_set(Some(progress));
            let stage_began = previous.is_none_or(|previous| previous.stage != progress.stage);
            if stage_began {
                let key = match progress.stage {
                    ModelStage::Converting => "ui.models.status.converting",
                    _ => "ui.models.status.copying",
                };
                self.app.announce(t(key));
            }
        };
        spawn_local(async move {
            let outcome = ipc::import_model(source, on_progress).await;
            self.import.try_set(None);
            match outcome {
                Ok(Some(model)) => {
                    self.app.announce(t_with(
                        "ui.models.status.imported",
                        &[("name", &model.name)],
                    ));
                    self.reload_and_focus(installed_id(&model.name, "use"));
                }
                Ok(None) => self.app.announce(t("ui.models.status.import_cancelled")),
                Err(error) => self.app.fail(error),
            }
        });
    }
}

/// Progress before the first report, so the bar shows at once: what is on disk already.
fn starting(done_bytes: u64, total_bytes: u64) -> ModelProgress {
    ModelProgress {
        stage: ModelStage::Downloading,
        done_bytes,
        total_bytes,
        bytes_per_second: 0,
    }
}

/// What is worth announcing about a download's new progress: each retry, the start of the
/// check, and each quarter done. Every report in between only moves the bar; announcing
/// ten a second would drown everything else a screen reader says.
fn download_news(
    name: &str,
    previous: Option<ModelProgress>,
    current: ModelProgress,
) -> Option<String> {
    match current.stage {
        ModelStage::Retrying {
            attempt,
            attempts,
            delay_ms,
        } if previous.is_none_or(|previous| previous.stage != current.stage) => {
            let seconds = delay_ms.div_ceil(1000).to_string();
            Some(t_with(
                "ui.models.status.retrying",
                &[
                    ("seconds", &seconds),
                    ("attempt", &attempt.to_string()),
                    ("attempts", &attempts.to_string()),
                ],
            ))
        }
        ModelStage::Verifying
            if previous.is_none_or(|previous| previous.stage != ModelStage::Verifying) =>
        {
            Some(t_with("ui.models.status.verifying", &[("name", name)]))
        }
        ModelStage::Downloading => {
            let quarter = current.percent() / 25;
            let previous_quarter = previous.map_or(0, |previous| previous.percent() / 25);
            (quarter > previous_quarter && quarter < 4).then(|| {
                let percent = (quarter * 25).to_string();
                t_with(
                    "ui.models.status.download_progress",
                    &[("name", name), ("percent", &percent)],
                )
            })
        }
        _ => None,
    }
}
