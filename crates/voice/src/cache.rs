//! Speech kept on disk, so a phrase heard before (a question, "Your score is 7 out of 10")
//! plays at once, offline, and costs nothing the second time.
//!
//! One file a phrase, named by a SHA-256 of engine, voice, rate and text: a JSON header
//! line (sample rate, word marks, sample count) and then 16-bit little-endian samples.
//! Files are written to a temporary name and renamed, so a crash leaves no half file. The
//! folder is bounded: past the limit the least recently used files go (a hit refreshes its
//! file's modification time).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use aira_protocol::{VoiceEngine, WordMark};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::speech::Speech;

/// The default bound: about 15 minutes of speech at 22 kHz.
pub const DEFAULT_CACHE_BYTES: u64 = 40 * 1024 * 1024;
const EXTENSION: &str = "speech";
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Header {
    version: u32,
    sample_rate: u32,
    samples: u64,
    marks: Vec<WordMark>,
}

pub struct SpeechCache {
    folder: PathBuf,
    limit_bytes: u64,
    /// One writer at a time, so eviction never races a rename.
    writing: Mutex<()>,
}

impl SpeechCache {
    pub fn open(folder: &Path, limit_bytes: u64) -> std::io::Result<Self> {
        std::fs::create_dir_all(folder)?;
        Ok(Self {
            folder: folder.to_owned(),
            limit_bytes,
            writing: Mutex::new(()),
        })
    }

    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The key of a phrase: every input that changes the sound is part of it.
    pub fn key(engine: VoiceEngine, voice: &str, rate: f32, text: &str) -> String {
        let mut hash = Sha256::new();
        for part in [engine.as_str(), voice, &format!("{rate:.2}"), text] {
            hash.update(part.as_bytes());
            hash.update([0]);
        }
        hash.finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect()
    }

    fn path(&self, key: &str) -> PathBuf {
        self.folder.join(format!("{key}.{EXTENSION}"))
    }

    /// The phrase if it is kept and readable; a damaged file is removed.
    pub fn get(&self, key: &str) -> Option<Speech> {
        let path = self.path(key);
        let file = std::fs::File::open(&path).ok()?;
        match read_speech(file) {
            Ok(speech) => {
                // Recently used: eviction takes the oldest modification times first.
                if let Ok(file) = std::fs::File::options().append(true).open(&path)
                    && let Err(error) = file.set_modified(SystemTime::now())
                {
                    tracing::debug!(%error, "could not refresh a cached phrase's time");
                }
                Some(speech)
            }
            Err(error) => {
                tracing::warn!(%error, path = %path.display(), "damaged cached speech removed");
                std::fs::remove_file(&path).ok();
                None
            }
        }
    }

    /// Keeps `speech` under `key`, then trims the folder to its bound.
    pub fn put(&self, key: &str, speech: &Speech) -> std::io::Result<()> {
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let mut file = tempfile::NamedTempFile::new_in(&self.folder)?;
        write_speech(&mut file, speech)?;
        file.persist(self.path(key)).map_err(|error| error.error)?;
        self.evict()
    }

    /// Bytes the kept phrases take.
    pub fn size_bytes(&self) -> u64 {
        self.entries().iter().map(|entry| entry.1).sum()
    }

    /// Removes every kept phrase (the user deletes their data).
    pub fn clear(&self) -> std::io::Result<()> {
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        for (path, _, _) in self.entries() {
            std::fs::remove_file(path)?;
        }
        Ok(())
    }

    /// (path, bytes, last used) of every phrase file.
    fn entries(&self) -> Vec<(PathBuf, u64, SystemTime)> {
        let Ok(listing) = std::fs::read_dir(&self.folder) else {
            return Vec::new();
        };
        listing
            .flatten()
            .filter(|entry| {
                entry
                    .path()
                    .extension()
                    .is_some_and(|extension| extension == EXTENSION)
            })
            .filter_map(|entry| {
                let metadata = entry.metadata().ok()?;
                let used = metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                Some((entry.path(), metadata.len(), used))
            })
            .collect()
    }

    fn evict(&self) -> std::io::Result<()> {
        let mut entries = self.entries();
        let mut total: u64 = entries.iter().map(|entry| entry.1).sum();
        entries.sort_by_key(|entry| entry.2);
        for (path, bytes, _) in entries {
            if total <= self.limit_bytes {
                break;
            }
            std::fs::remove_file(&path)?;
            total -= bytes;
        }
        Ok(())
    }
}

fn write_speech(output: &mut impl Write, speech: &Speech) -> std::io::Result<()> {
    let header = Header {
        version: FORMAT_VERSION,
        sample_rate: speech.sample_rate,
        samples: speech.samples.len() as u64,
        marks: speech.marks.clone(),
    };
    serde_json::to_writer(&mut *output, &header)?;
    output.write_all(b"\n")?;
    let mut bytes = Vec::with_capacity(speech.samples.len() * 2);
    for sample in &speech.samples {
        let value = (sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16;
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    output.write_all(&bytes)?;
    output.flush()
}

fn read_speech(file: std::fs::File) -> std::io::Result<Speech> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut reader = BufReader::new(file);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let header: Header = serde_json::from_str(&line).map_err(|_| invalid("bad header"))?;
    if header.version != FORMAT_VERSION || header.sample_rate == 0 {
        return Err(invalid("unknown format"));
    }
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    if bytes.len() as u64 != header.samples * 2 {
        return Err(invalid("truncated samples"));
    }
    let samples = bytes
        .chunks_exact(2)
        .map(|pair| f32::from(i16::from_le_bytes([pair[0], pair[1]])) / f32::from(i16::MAX))
        .collect();
    Ok(Speech {
        samples,
        sample_rate: header.sample_rate,
        marks: header.marks,
        usage: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn speech(seconds: f32) -> Speech {
        let sample_rate = 16_000;
        Speech {
            samples: (0..(seconds * sample_rate as f32) as usize)
                .map(|index| (index as f32 * 0.05).sin() * 0.5)
                .collect(),
            sample_rate,
            marks: vec![WordMark {
                time_ms: 0,
                start: 0,
                end: 4,
            }],
            usage: Default::default(),
        }
    }

    #[test]
    fn keys_change_with_every_input() {
        let base = SpeechCache::key(VoiceEngine::Polly, "Kajal", 1.0, "Hello");
        assert_eq!(base.len(), 64);
        for other in [
            SpeechCache::key(VoiceEngine::Espeak, "Kajal", 1.0, "Hello"),
            SpeechCache::key(VoiceEngine::Polly, "Joanna", 1.0, "Hello"),
            SpeechCache::key(VoiceEngine::Polly, "Kajal", 1.25, "Hello"),
            SpeechCache::key(VoiceEngine::Polly, "Kajal", 1.0, "Hello."),
        ] {
            assert_ne!(base, other);
        }
    }

    #[test]
    fn a_kept_phrase_comes_back_the_same() {
        let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let cache = SpeechCache::open(folder.path(), DEFAULT_CACHE_BYTES)
            .unwrap_or_else(|error| panic!("{error}"));
        let original = speech(0.5);
        assert!(cache.get("abc").is_none());
        cache
            .put("abc", &original)
            .unwrap_or_else(|error| panic!("{error}"));
        let back = cache.get("abc").unwrap_or_else(|| panic!("not kept"));
        assert_eq!(back.sample_rate, original.sample_rate);
        assert_eq!(back.marks, original.marks);
        assert_eq!(back.samples.len(), original.samples.len());
        let worst = back
            .samples
            .iter()
            .zip(&original.samples)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0_f32, f32::max);
        assert!(worst < 1e-4, "{worst}");
    }

    #[test]
    fn the_least_recently_used_phrase_goes_first_past_the_bound() {
        let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        // Each phrase is 16,000 bytes of samples plus a header: room for two.
        let cache =
            SpeechCache::open(folder.path(), 34_000).unwrap_or_else(|error| panic!("{error}"));
        cache
            .put("first", &speech(0.5))
            .unwrap_or_else(|error| panic!("{error}"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        cache
            .put("second", &speech(0.5))
            .unwrap_or_else(|error| panic!("{error}"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        assert!(cache.get("first").is_some(), "used again: now the newest");
        std::thread::sleep(std::time::Duration::from_millis(20));
        cache
            .put("third", &speech(0.5))
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(cache.get("second").is_none(), "least recently used");
        assert!(cache.get("first").is_some());
        assert!(cache.get("third").is_some());
        assert!(cache.size_bytes() <= 34_000);
    }

    #[test]
    fn a_damaged_file_is_a_miss_and_is_removed() {
        let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let cache = SpeechCache::open(folder.path(), DEFAULT_CACHE_BYTES)
            .unwrap_or_else(|error| panic!("{error}"));
        cache
            .put("cut", &speech(0.2))
            .unwrap_or_else(|error| panic!("{error}"));
        let path = cache.path("cut");
        let length = std::fs::metadata(&path)
            .map(|metadata| metadata.len())
            .unwrap_or(0);
        let file = std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap_or_else(|error| panic!("{error}"));
        file.set_len(length - 10)
            .unwrap_or_else(|error| panic!("{error}"));
        assert!(cache.get("cut").is_none());
        assert!(!path.exists());
    }
}
