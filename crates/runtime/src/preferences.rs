//! The user's remembered choices, in `<data dir>/preferences.json`.

use std::path::{Path, PathBuf};

use aira_protocol::Preferences;

use crate::error::RuntimeError;

pub const PREFERENCES_FILE: &str = "preferences.json";

pub fn path_in(data_dir: &Path) -> PathBuf {
    data_dir.join(PREFERENCES_FILE)
}

/// Reads the preferences; a missing file gives the defaults, and a damaged one is set
/// aside (renamed `.damaged`) rather than stopping Aira from starting.
pub fn load(path: &Path) -> Preferences {
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
pub fn save(path: &Path, preferences: &Preferences) -> Result<(), RuntimeError> {
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
}
