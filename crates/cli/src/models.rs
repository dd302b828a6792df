//! `aira models …`: the models folder from the command line, through the same
//! [`ModelManager`] the app uses.

use std::io::IsTerminal;
use std::process::ExitCode;

use aira_runtime::{CancellationToken, ModelManager, RuntimeError, Settings};

use crate::arguments::ModelsCommand;
use crate::output::Output;
use crate::progress::ProgressLine;

pub async fn run(
    command: ModelsCommand,
    settings: &Settings,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    let models = ModelManager::open(settings.clone());
    match command {
        ModelsCommand::List => output.models(&models.list()?),
        ModelsCommand::Download { name } => {
            let downloaded = download(&models, &name).await?;
            output.model_downloaded(&downloaded);
        }
        ModelsCommand::Import { path, name } => {
            let shown = name.clone().unwrap_or_else(|| {
                let file = path.file_name().unwrap_or(path.as_os_str());
                file.to_string_lossy().into_owned()
            });
            let mut line = ProgressLine::new(&shown, std::io::stderr().is_terminal());
            let imported = models
                .import(path, name, move |progress| line.show(&progress))
                .await?;
            output.model_imported(&imported);
        }
        ModelsCommand::Use { name } => output.model_chosen(&models.use_model(&name)?),
        ModelsCommand::Remove { name } => {
            let path = models.remove(&name)?;
            output.model_removed(&name, &path);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Downloads with a progress line on stderr. Ctrl-C stops it cleanly: what arrived is kept
/// and the next `aira models download` of the same model continues from there.
async fn download(
    models: &ModelManager,
    name: &str,
) -> Result<aira_runtime::DownloadedModel, RuntimeError> {
    let cancel = CancellationToken::new();
    let on_interrupt = cancel.clone();
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let mut line = ProgressLine::new(name, std::io::stderr().is_terminal());
    let outcome = models
        .download(name, |progress| line.show(&progress), cancel)
        .await;
    interrupt.abort();
    outcome
}
