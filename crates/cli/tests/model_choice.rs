//! Models that transcribe: a faster-whisper folder converted on import, and the model
//! chosen with `aira models use`, remembered from one run to the next.

use std::path::Path;
use std::process::{Command, Output};

use aira_test_support::{ctranslate2_tiny_en, speak_to_wav, whisper_model, word_error_rate};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

const SPOKEN: &str = "I enjoy solving problems with a small team of engineers.";

/// Runs `aira` with only the data folder deciding the model (no `AIRA_WHISPER_MODEL`).
fn aira(data_dir: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aira"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(arguments)
        .env_remove("AIRA_WHISPER_MODEL")
        .env_remove("AIRA_MODEL_CATALOG")
        .env("AIRA_WHISPER_THREADS", "1")
        .output()
        .unwrap_or_else(|error| panic!("could not run aira: {error}"))
}

fn json_of(output: &Output) -> Result<Value, Box<dyn std::error::Error>> {
    serde_json::from_slice(&output.stdout).map_err(|error| {
        format!(
            "not JSON ({error}): {}\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
        .into()
    })
}

fn succeeded(output: Output) -> Result<Output, String> {
    if output.status.success() {
        Ok(output)
    } else {
        Err(format!(
            "aira failed ({}): {}\n{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

fn text(path: &Path) -> Result<&str, String> {
    path.to_str()
        .ok_or_else(|| format!("{} is not UTF-8", path.display()))
}

/// The words transcribed from `wav`, asserting they are close to what was said.
fn assert_transcribes(data: &Path, extra: &[&str], wav: &Path) -> TestResult {
    let mut arguments = extra.to_vec();
    arguments.extend(["--json", "transcribe", text(wav)?]);
    let output = succeeded(aira(data, &arguments))?;
    let heard = json_of(&output)?[0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let error_rate = word_error_rate(SPOKEN, &heard);
    assert!(error_rate <= 0.2, "{error_rate:.2}: {heard:?}");
    Ok(())
}

#[test]
fn a_faster_whisper_folder_is_converted_on_import_and_transcribes_speech() -> TestResult {
    let work = tempfile::tempdir()?;
    let data = work.path().join("data");
    // faster-whisper's folders are named for the model; the name becomes the model's.
    let source = work.path().join("faster-whisper-tiny.en");
    std::os::unix::fs::symlink(ctranslate2_tiny_en(), &source)?;

    let output = succeeded(aira(&data, &["--json", "models", "import", text(&source)?]))?;
    let imported = json_of(&output)?;
    assert_eq!(imported["name"], "faster-whisper-tiny.en", "{imported}");
    assert_eq!(imported["file_name"], "ggml-faster-whisper-tiny.en.bin");
    assert_eq!(imported["origin"], "imported");
    assert_eq!(imported["multilingual"], false);
    assert_eq!(imported["quantization"], "f16");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("Converting") && stderr.contains("100%"),
        "conversion progress on stderr: {stderr}"
    );
    let model = imported["path"].as_str().ok_or("no path")?;
    assert!(
        model.ends_with("models/ggml-faster-whisper-tiny.en.bin"),
        "{model}"
    );

    let wav = work.path().join("answer.wav");
    speak_to_wav(SPOKEN, &wav);
    assert_transcribes(&data, &["--model", model], &wav)
}

#[test]
fn the_model_chosen_with_models_use_transcribes_until_it_is_removed() -> TestResult {
    let work = tempfile::tempdir()?;
    let data = work.path().join("data");
    let wav = work.path().join("answer.wav");
    speak_to_wav(SPOKEN, &wav);

    // No model yet: the default one is missing.
    let missing = aira(&data, &["--json", "transcribe", text(&wav)?]);
    assert_eq!(missing.status.code(), Some(4), "{missing:?}");
    assert_eq!(json_of(&missing)?[0]["error"]["code"], "model_missing");

    succeeded(aira(
        &data,
        &[
            "models",
            "import",
            text(&whisper_model())?,
            "--name",
            "my-tiny",
        ],
    ))?;
    let unknown = aira(&data, &["--json", "models", "use", "large-v9"]);
    assert_eq!(unknown.status.code(), Some(4), "{unknown:?}");
    assert_eq!(json_of(&unknown)?["error"]["code"], "model_not_found");

    let chosen = json_of(&succeeded(aira(
        &data,
        &["--json", "models", "use", "my-tiny"],
    ))?)?;
    assert_eq!(chosen["name"], "my-tiny");
    assert_eq!(chosen["in_use"], true, "{chosen}");
    let listing = json_of(&succeeded(aira(&data, &["--json", "models", "list"]))?)?;
    assert_eq!(listing["chosen"], "my-tiny", "{listing}");
    assert_eq!(listing["overridden"], false);
    assert_eq!(listing["installed"][0]["in_use"], true, "{listing}");
    let plain = succeeded(aira(&data, &["models", "list"]))?;
    assert!(
        String::from_utf8_lossy(&plain.stdout)
            .contains("my-tiny, 77.7 MB, English only, imported, in use"),
        "{}",
        String::from_utf8_lossy(&plain.stdout)
    );

    // A later run, with no --model, transcribes with the chosen model.
    assert_transcribes(&data, &[], &wav)?;
    let output = succeeded(aira(&data, &["transcribe", text(&wav)?]))?;
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("whisper (ggml-my-tiny.bin)"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // --model still wins over the choice.
    let overridden = json_of(&succeeded(aira(
        &data,
        &[
            "--model",
            text(&whisper_model())?,
            "--json",
            "models",
            "list",
        ],
    ))?)?;
    assert_eq!(overridden["overridden"], true);
    assert_eq!(overridden["installed"][0]["in_use"], false, "{overridden}");

    // Removing the chosen model returns to the default, which is missing.
    succeeded(aira(&data, &["models", "remove", "my-tiny"]))?;
    let listing = json_of(&succeeded(aira(&data, &["--json", "models", "list"]))?)?;
    assert_eq!(listing["chosen"], Value::Null, "{listing}");
    let missing = aira(&data, &["--json", "transcribe", text(&wav)?]);
    assert_eq!(json_of(&missing)?[0]["error"]["code"], "model_missing");
    Ok(())
}
