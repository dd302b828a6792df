//! `aira models …`: the models folder from the command line.

use std::io::IsTerminal;
use std::process::ExitCode;

use aira_models::download::DownloadOptions;
use aira_models::library::LibraryError;
use aira_runtime::{RuntimeError, Settings};
use tokio_util::sync::CancellationToken;

use crate::arguments::ModelsCommand;
use crate::output::Output;
use crate::output::models::{Downloaded, Listing, is_in_use};
use crate::progress::ProgressLine;

pub async fn run(
    command: ModelsCommand,
    settings: &Settings,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    let library = settings.model_library();
    let catalog = settings.model_catalog()?;
    match command {
        ModelsCommand::List => {
            let installed = library.list(&catalog)?;
            output.models(&Listing::new(settings, &library, &catalog, installed));
        }
        ModelsCommand::Download { name } => {
            let entry = catalog
                .find(&name)
                .ok_or_else(|| LibraryError::UnknownModel { name: name.clone() })?;
            let already_installed = library.is_installed(entry);
            let path = if already_installed {
                library.folder().join(&entry.file_name)
            } else {
                download(settings, &library, &catalog, &entry.name).await?
            };
            output.model_downloaded(&Downloaded {
                name: entry.name.clone(),
                in_use: is_in_use(settings, &path),
                path,
                size_bytes: entry.size_bytes,
                sha1: entry.sha1.clone(),
                already_installed,
            });
        }
        ModelsCommand::Import { path, name } => {
            let installed = tokio::task::spawn_blocking(move || {
                library.install_file(&path, name.as_deref(), &catalog)
            })
            .await??;
            output.model_imported(&installed);
        }
        ModelsCommand::Remove { name } => {
            let path = library.remove(&name)?;
            output.model_removed(&name, &path);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Downloads with a progress line on stderr. Ctrl-C stops it cleanly: what arrived is kept
/// and the next `aira models download` of the same model continues from there.
async fn download(
    settings: &Settings,
    library: &aira_models::library::ModelLibrary,
    catalog: &aira_models::catalog::Catalog,
    name: &str,
) -> Result<std::path::PathBuf, RuntimeError> {
    let cancel = CancellationToken::new();
    let on_interrupt = cancel.clone();
    let interrupt = tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_interrupt.cancel();
        }
    });
    let mut line = ProgressLine::new(name, std::io::stderr().is_terminal());
    let outcome = library
        .download(
            catalog,
            name,
            &settings.model_base_url,
            DownloadOptions::default(),
            |progress| line.show(&progress),
            &cancel,
        )
        .await;
    interrupt.abort();
    line.finish();
    Ok(outcome?)
}
