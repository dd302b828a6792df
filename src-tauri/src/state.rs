use std::path::PathBuf;
use std::sync::{Arc, PoisonError, RwLock};

use aira_protocol::CommandError;
use aira_runtime::{Engine, Settings};

/// The engine, or why it could not start: the window still opens and every command
/// answers with that reason, instead of the app vanishing. A damaged history is the one
/// reason the user can act on from the window: after a fresh start the engine opens again.
pub struct AppState {
    settings: Settings,
    engine: RwLock<Result<Arc<Engine>, CommandError>>,
}

impl AppState {
    pub async fn open(platform_data_dir: Option<PathBuf>) -> Self {
        let settings = Settings::resolve(None, None, platform_data_dir);
        let engine = open_engine(&settings).await;
        Self {
            settings,
            engine: RwLock::new(engine),
        }
    }

    pub fn engine(&self) -> Result<Arc<Engine>, CommandError> {
        self.engine
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Replaces a damaged history with an empty one (the damaged file is copied aside
    /// first) and opens the engine on it; returns where the copy is.
    pub async fn start_afresh(&self) -> Result<Option<String>, CommandError> {
        let backup = aira_runtime::start_afresh(&self.settings).await?;
        let engine = open_engine(&self.settings).await;
        let opened = engine.as_ref().map(|_| ()).map_err(Clone::clone);
        *self.engine.write().unwrap_or_else(PoisonError::into_inner) = engine;
        opened?;
        Ok(backup.map(|path| path.display().to_string()))
    }
}

/// Opens the engine; then, in the background, saves and coaches what an earlier run left
/// unfinished (a crash, a kill), so Home can offer its sessions.
async fn open_engine(settings: &Settings) -> Result<Arc<Engine>, CommandError> {
    let engine = Engine::open(settings.clone())
        .await
        .map(Arc::new)
        .map_err(|error| {
            tracing::error!(%error, "the engine did not start");
            CommandError::from(error)
        })?;
    let recovering = Arc::clone(&engine);
    tauri::async_runtime::spawn(async move {
        if let Err(error) = recovering.recover().await {
            tracing::warn!(%error, "what an earlier run left unfinished could not be recovered");
        }
    });
    Ok(engine)
}
