//! The user's remembered choices, in `<data dir>/preferences.json`.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

use aira_protocol::{Preferences, PreferencesPatch};

use crate::error::RuntimeError;

type Listener = Box<dyn Fn(&Preferences) + Send + Sync>;

/// The preferences file and the choices in it, shared by the engine and the model manager
/// so a change made through either reaches both. A change is saved before it takes effect.
pub(crate) struct PreferencesStore {
    path: PathBuf,
    current: Mutex<Preferences>,
    /// Hears every saved change: the engine points the transcriber at the chosen model.
    listener: OnceLock<Listener>,
}

/// The preferences saved in `data_dir`, read once (for commands that only read them).
pub fn load_preferences(data_dir: &Path) -> Preferences {
    load(&path_in(data_dir))
}

impl PreferencesStore {
    /// The preferences in `data_dir` (see [`load`]).
    pub(crate) fn open(data_dir: &Path) -> Self {
        let path = path_in(data_dir);
        Self {
            current: Mutex::new(load(&path)),
            path,
            listener: OnceLock::new(),
        }
    }

    pub(crate) fn get(&self) -> Preferences {
        self.current
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Applies `patch`, saves, tells the listener; returns the preferences as they now stand.
    /// Nothing changes when saving fails.
    pub(crate) fn update(&self, patch: PreferencesPatch) -> Result<Preferences, RuntimeError> {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        let mut updated = current.clone();
        updated.apply(patch);
        save(&self.path, &updated)?;
        *current = updated.clone();
        if let Some(listener) = self.listener.get() {
            listener(&updated);
        }
        Ok(updated)
    }

    /// Sets the one listener for changes.
    pub(crate) fn on_change(&self, listener: impl Fn(&Preferences) + Send + Sync + 'static) {
        if self.listener.set(Box::new(listener)).is_err() {
            tracing::error!("a second preferences listener was ignored");
        }
    }
}

const PREFERENCES_FILE: &str = "preferences.json";

fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join(PREFERENCES_FILE)
}

/// Reads the preferences; a missing file gives the defaults, and a damaged one is set
/// aside (renamed `.damaged`) rather than stopping Aira from starting.
fn load(path: &Path) -> Preferences {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Preferences::default();
        }
        Err(error) => {
            tracing::warn!(%error, path = %path.display(), "preferences unreadable; using defaults");
            return Preferences::default();
        }
    };
    serde_json::from_str(&text).unwrap_or_else(|error| {
        tracing::warn!(%error, path = %path.display(), "preferences damaged; set aside, using defaults");
        if let Err(error) = std::fs::rename(path, path.with_extension("json.damaged")) {
            tracing::warn!(%error, "could not set the damaged preferences aside");
        }
        Preferences::default()
    })
}

/// Writes the preferences atomically: a crash leaves the old file or the new one.
fn save(path: &Path, preferences: &Preferences) -> Result<(), RuntimeError> {
    let failed = |source: std::io::Error| RuntimeError::File {
        path: path.display().to_string(),
        source,
    };
    let folder = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(failed)?;
    let text = serde_json::to_string_pretty(preferences)
        .map_err(|error| RuntimeError::Internal(error.to_string()))?;
    let mut temporary = tempfile::NamedTempFile::new_in(folder).map_err(failed)?;
    std::io::Write::write_all(&mut temporary, text.as_bytes()).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    temporary
        .persist(path)
        .map_err(|error| failed(error.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_protocol::RecordingMode;

    #[test]
    fn preferences_survive_a_round_trip_and_damage_is_set_aside()
    -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let path = path_in(folder.path());
        assert_eq!(load(&path), Preferences::default());
        let chosen = Preferences {
            input_device: Some("alsa:hw:CARD=USB".into()),
            recording_mode: RecordingMode::PushToTalk,
            ..Preferences::default()
        };
        save(&path, &chosen)?;
        assert_eq!(load(&path), chosen);
        std::fs::write(&path, "{ not json")?;
        assert_eq!(load(&path), Preferences::default());
        assert!(path.with_extension("json.damaged").exists());
        Ok(())
    }

    #[test]
    fn the_store_saves_before_telling_its_listener() -> Result<(), Box<dyn std::error::Error>> {
        let folder = tempfile::tempdir()?;
        let store = PreferencesStore::open(folder.path());
        let heard = std::sync::Arc::new(Mutex::new(Vec::new()));
        let listener_heard = std::sync::Arc::clone(&heard);
        let data_dir = folder.path().to_path_buf();
        store.on_change(move |preferences| {
            // Already on disk when the listener hears of it.
            assert_eq!(&load(&path_in(&data_dir)), preferences);
            listener_heard
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(preferences.model.clone());
        });
        store.update(PreferencesPatch {
            model: Some(Some("base.en".into())),
            ..PreferencesPatch::default()
        })?;
        assert_eq!(store.get().model.as_deref(), Some("base.en"));
        assert_eq!(
            PreferencesStore::open(folder.path()).get().model.as_deref(),
            Some("base.en")
        );
        assert_eq!(
            *heard.lock().unwrap_or_else(PoisonError::into_inner),
            [Some("base.en".to_owned())]
        );
        Ok(())
    }
}
