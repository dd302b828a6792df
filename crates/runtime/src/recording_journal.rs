//! An answer being recorded is written to disk as it is heard, so a crash or a killed
//! process mid-answer keeps every word said so far. Each recording is two files in
//! `<audio>/unsaved/`: `<id>.json` (its question, session and start) and `<id>.pcm`
//! (16 kHz mono, 16-bit little-endian, appended about 20 times a second). Both go once the
//! answer's WAV and turn row are saved; what is still there at the next start is
//! recovered into a turn.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use aira_protocol::PracticeQuestion;
use serde::{Deserialize, Serialize};

/// What a recording is an answer to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct JournalEntry {
    pub id: String,
    pub session_id: String,
    /// RFC 3339, UTC: when recording started.
    pub created_at: String,
    pub question: PracticeQuestion,
}

/// The open journal of the answer being recorded.
pub(crate) struct RecordingJournal {
    pcm: File,
}

impl RecordingJournal {
    /// Writes the entry, then opens the (empty) audio file beside it.
    pub(crate) fn create(folder: &Path, entry: &JournalEntry) -> std::io::Result<Self> {
        std::fs::create_dir_all(folder)?;
        let json = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
        std::fs::write(folder.join(format!("{}.json", entry.id)), json)?;
        let pcm = File::create(folder.join(format!("{}.pcm", entry.id)))?;
        Ok(Self { pcm })
    }

    /// Appends samples. A write reaches the operating system at once (no buffering in
    /// this process), so a killed process loses nothing already appended.
    pub(crate) fn append(&mut self, samples: &[f32]) -> std::io::Result<()> {
        let bytes: Vec<u8> = samples
            .iter()
            .flat_map(|sample| ((sample.clamp(-1.0, 1.0) * 32767.0) as i16).to_le_bytes())
            .collect();
        self.pcm.write_all(&bytes)
    }
}

/// Removes a recording's journal: its answer is saved, or the user cancelled it.
pub(crate) fn discard(folder: &Path, id: &str) {
    for extension in ["pcm", "json"] {
        let path = folder.join(format!("{id}.{extension}"));
        if let Err(error) = std::fs::remove_file(&path)
            && error.kind() != std::io::ErrorKind::NotFound
        {
            tracing::warn!(%error, path = %path.display(), "a recording journal could not be removed");
        }
    }
}

/// Journals still on disk (their process died before saving the answer), with their
/// audio files; unreadable entries are skipped with a warning and left in place.
pub(crate) fn left_behind(folder: &Path) -> Vec<(JournalEntry, PathBuf)> {
    let Ok(files) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(JournalEntry, PathBuf)> = files
        .filter_map(Result::ok)
        .map(|file| file.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .filter_map(|path| {
            let entry = std::fs::read(&path)
                .map_err(|error| error.to_string())
                .and_then(|bytes| {
                    serde_json::from_slice::<JournalEntry>(&bytes).map_err(|error| error.to_string())
                });
            match entry {
                Ok(entry) => Some((entry, path.with_extension("pcm"))),
                Err(error) => {
                    tracing::warn!(%error, path = %path.display(), "an unreadable recording journal is left alone");
                    None
                }
            }
        })
        .collect();
    found.sort_by(|(first, _), (second, _)| first.created_at.cmp(&second.created_at));
    found
}

/// The samples of a journal's audio file (a torn last sample is dropped).
pub(crate) fn read_samples(pcm: &Path) -> std::io::Result<Vec<f32>> {
    let bytes = match std::fs::read(pcm) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => return Err(error),
    };
    Ok(bytes
        .chunks_exact(2)
        .map(|pair| f32::from(i16::from_le_bytes([pair[0], pair[1]])) / 32767.0)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, created_at: &str) -> JournalEntry {
        JournalEntry {
            id: id.into(),
            session_id: "session".into(),
            created_at: created_at.into(),
            question: PracticeQuestion {
                id: "q".into(),
                text: "Tell me about yourself.".into(),
                role: "general".into(),
                kind: "hr".into(),
                level: "fresher".into(),
                key_points: vec![],
            },
        }
    }

    #[test]
    fn appended_audio_is_read_back_after_the_writer_is_gone() -> std::io::Result<()> {
        let folder = tempfile::tempdir()?;
        let mut journal =
            RecordingJournal::create(folder.path(), &entry("a", "2026-11-22T10:00:00Z"))?;
        journal.append(&[0.0, 0.5, -0.5])?;
        journal.append(&[1.0, -2.0])?;
        drop(journal);
        // A torn sample, as a write cut by a kill would leave.
        let pcm = folder.path().join("a.pcm");
        let mut bytes = std::fs::read(&pcm)?;
        bytes.push(7);
        std::fs::write(&pcm, bytes)?;

        let found = left_behind(folder.path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, entry("a", "2026-11-22T10:00:00Z"));
        let samples = read_samples(&found[0].1)?;
        assert_eq!(samples.len(), 5);
        assert!((samples[1] - 0.5).abs() < 1e-4 && (samples[4] + 1.0).abs() < 1e-4);

        discard(folder.path(), "a");
        assert!(left_behind(folder.path()).is_empty());
        Ok(())
    }

    #[test]
    fn journals_come_back_oldest_first_and_broken_entries_stay() -> std::io::Result<()> {
        let folder = tempfile::tempdir()?;
        RecordingJournal::create(folder.path(), &entry("late", "2026-11-22T11:00:00Z"))?;
        RecordingJournal::create(folder.path(), &entry("early", "2026-11-22T09:00:00Z"))?;
        std::fs::write(folder.path().join("broken.json"), b"{not json")?;
        let ids: Vec<String> = left_behind(folder.path())
            .into_iter()
            .map(|(entry, _)| entry.id)
            .collect();
        assert_eq!(ids, ["early", "late"]);
        assert!(folder.path().join("broken.json").exists());
        Ok(())
    }
}
