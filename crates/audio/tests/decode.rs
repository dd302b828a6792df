//! Imported answers in every accepted format, encoded by ffmpeg at test time, and the
//! formats and files Aira must refuse clearly.

use std::path::{Path, PathBuf};

use aira_audio::{AudioError, Level, MAX_ANSWER_SECONDS, decode_file};
use aira_test_support::{ffmpeg, zero_crossings};

/// Two seconds of a 440 Hz tone at 44.1 kHz stereo, encoded as `extension` with `codec`.
fn tone(folder: &Path, extension: &str, codec: &[&str]) -> PathBuf {
    let path = folder.join(format!("tone.{extension}"));
    let mut arguments = vec![
        "-f",
        "lavfi",
        "-i",
        "sine=frequency=440:sample_rate=44100:duration=2",
        "-ac",
        "2",
    ];
    arguments.extend_from_slice(codec);
    ffmpeg(&arguments, &path);
    path
}

#[test]
fn every_accepted_format_decodes_to_16k_mono_with_its_pitch_and_length() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let formats: [(&str, &[&str]); 5] = [
        ("wav", &["-c:a", "pcm_s16le"]),
        ("mp3", &["-c:a", "libmp3lame", "-b:a", "128k"]),
        ("m4a", &["-c:a", "aac", "-b:a", "128k"]),
        ("ogg", &["-c:a", "libvorbis"]),
        ("flac", &["-c:a", "flac"]),
    ];
    for (extension, codec) in formats {
        let path = tone(folder.path(), extension, codec);
        let samples = decode_file(&path).unwrap_or_else(|error| panic!("{extension}: {error}"));
        let seconds = samples.len() as f32 / 16_000.0;
        // Encoders add a little padding (MP3 and AAC priming), never much.
        assert!((1.95..2.15).contains(&seconds), "{extension}: {seconds} s");
        // 440 Hz crosses zero 880 times a second; compare over the middle second.
        let middle = &samples[8_000..24_000];
        let crossings = zero_crossings(middle);
        assert!(
            (870..=890).contains(&crossings),
            "{extension}: {crossings} zero crossings in 1 s of a 440 Hz tone"
        );
        let level = Level::of(middle).rms;
        assert!((0.05..0.5).contains(&level), "{extension}: rms {level}");
    }
}

#[test]
fn opus_and_non_audio_files_are_refused_by_name() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    for extension in ["webm", "opus"] {
        let path = tone(folder.path(), extension, &["-c:a", "libopus"]);
        match decode_file(&path) {
            Err(AudioError::UnsupportedFormat(message)) => {
                assert!(message.contains("Opus"), "{message}")
            }
            other => panic!("{extension} with Opus: expected UnsupportedFormat, got {other:?}"),
        }
    }
    let notes = folder.path().join("notes.mp3");
    std::fs::write(&notes, "these are my notes, not a recording".repeat(50))
        .unwrap_or_else(|error| panic!("{error}"));
    assert!(
        matches!(
            decode_file(&notes),
            Err(AudioError::UnsupportedFormat(_) | AudioError::InvalidAudio(_))
        ),
        "{:?}",
        decode_file(&notes)
    );

    let empty = folder.path().join("empty.m4a");
    std::fs::write(&empty, b"").unwrap_or_else(|error| panic!("{error}"));
    assert!(decode_file(&empty).is_err());
    assert!(matches!(
        decode_file(&folder.path().join("absent.mp3")),
        Err(AudioError::Io(_))
    ));
}

#[test]
fn a_truncated_file_keeps_what_arrived() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let path = tone(
        folder.path(),
        "mp3",
        &["-c:a", "libmp3lame", "-b:a", "128k"],
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{error}"));
    let cut = folder.path().join("cut.mp3");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap_or_else(|error| panic!("{error}"));
    let samples = decode_file(&cut).unwrap_or_else(|error| panic!("{error}"));
    let seconds = samples.len() as f32 / 16_000.0;
    assert!(
        (0.8..1.2).contains(&seconds),
        "half of a 2 s file decoded to {seconds} s"
    );
}

#[test]
fn recordings_longer_than_an_answer_are_refused_without_decoding_them_whole() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let seconds = (MAX_ANSWER_SECONDS + 60).to_string();
    for (extension, codec) in [("flac", ["-c:a", "flac"]), ("mp3", ["-c:a", "libmp3lame"])] {
        let path = folder.path().join(format!("long.{extension}"));
        let source = format!("anullsrc=sample_rate=8000:channel_layout=mono:duration={seconds}");
        ffmpeg(&["-f", "lavfi", "-i", &source, codec[0], codec[1]], &path);
        let started = std::time::Instant::now();
        match decode_file(&path) {
            Err(AudioError::TooLong { limit, .. }) => assert_eq!(limit, MAX_ANSWER_SECONDS),
            other => panic!(
                "{extension}: expected TooLong, got {:?}",
                other.map(|samples| samples.len())
            ),
        }
        println!(
            "{extension}: refused a {seconds} s file in {:?}",
            started.elapsed()
        );
    }
}
