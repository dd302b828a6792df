use std::path::PathBuf;
use std::sync::Arc;

use aira_protocol::CommandError;
use aira_runtime::{Engine, Settings};

/// The engine, or why it could not start: the window still opens and every command
/// answers with that reason, instead of the app vanishing.
pub struct AppState {
    engine: Result<Arc<Engine>, CommandError>,
}

impl AppState {
    pub async fn open(platform_data_dir: Option<PathBuf>) -> Self {
        let settings = Settings::resolve(None, None, platform_data_dir);
        let engine = Engine::open(settings).await.map(Arc::new).map_err(|error| {
            tracing::error!(%error, "the engine did not start");
            CommandError::from(error)
        });
        Self { engine }
    }

    pub fn engine(&self) -> Result<Arc<Engine>, CommandError> {
        self.engine.clone()
    }
}
