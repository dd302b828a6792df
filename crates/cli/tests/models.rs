//! `aira models …` end to end: a real download over HTTP from a local server, with a test
//! catalog (`AIRA_MODEL_CATALOG`) whose checksum matches the file served.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use sha1::{Digest, Sha1};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Serves `file` to every GET with a 200; counts the requests.
struct FileServer {
    base_url: String,
    requests: Arc<AtomicUsize>,
}

impl FileServer {
    fn start(file: Vec<u8>) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&requests);
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                counter.fetch_add(1, Ordering::SeqCst);
                let mut head = Vec::new();
                let mut byte = [0_u8; 1];
                while !head.ends_with(b"\r\n\r\n") && matches!(stream.read(&mut byte), Ok(1)) {
                    head.push(byte[0]);
                }
                let header = format!(
                    "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    file.len()
                );
                let sent = stream
                    .write_all(header.as_bytes())
                    .and_then(|()| stream.write_all(&file));
                if let Err(error) = sent {
                    eprintln!("test server: {error}");
                }
            }
        });
        Ok(Self { base_url, requests })
    }
}

/// Bytes to download: the GGML signature, then varied bytes.
fn model_bytes(length: usize) -> Vec<u8> {
    let mut bytes = b"lmgg".to_vec();
    bytes.extend((0..length - 4).map(|index| (index * 31 % 251) as u8));
    bytes
}

fn write_catalog(path: &Path, file: &[u8], sha1: &str) -> std::io::Result<()> {
    let catalog = json!([{
        "name": "tiny.en",
        "file_name": "ggml-tiny.en.bin",
        "size_bytes": file.len(),
        "sha1": sha1,
        "multilingual": false,
        "quantization": "f16",
        "description": "A stand-in for tiny.en."
    }]);
    std::fs::write(path, catalog.to_string())
}

fn aira(data_dir: &Path, server: &FileServer, catalog: &Path, arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_aira"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(arguments)
        .env("AIRA_MODEL_BASE_URL", &server.base_url)
        .env("AIRA_MODEL_CATALOG", catalog)
        // The model in use is then the default one, <data dir>/models/ggml-tiny.en.bin.
        .env_remove("AIRA_WHISPER_MODEL")
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

fn assert_error(output: &Output, exit_code: i32, code: &str) -> TestResult {
    assert_eq!(output.status.code(), Some(exit_code), "{output:?}");
    assert_eq!(json_of(output)?["error"]["code"], code);
    Ok(())
}

#[test]
fn a_model_is_downloaded_listed_and_removed() -> TestResult {
    let folder = tempfile::tempdir()?;
    let data = folder.path().join("data");
    let file = model_bytes(1_500_000);
    let server = FileServer::start(file.clone())?;
    let catalog = folder.path().join("catalog.json");
    write_catalog(&catalog, &file, &format!("{:x}", Sha1::digest(&file)))?;

    let output = aira(
        &data,
        &server,
        &catalog,
        &["--json", "models", "download", "tiny.en"],
    );
    assert!(output.status.success(), "{output:?}");
    let downloaded = json_of(&output)?;
    let path = data.join("models/ggml-tiny.en.bin");
    assert_eq!(downloaded["path"], json!(path));
    assert_eq!(downloaded["already_installed"], false);
    assert_eq!(downloaded["in_use"], true, "{downloaded}");
    assert_eq!(std::fs::read(&path)?, file);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Downloading tiny.en: 100%"),
        "progress on stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );

    let again = aira(&data, &server, &catalog, &["models", "download", "tiny.en"]);
    assert!(again.status.success(), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stdout).contains("already installed"));
    assert_eq!(
        server.requests.load(Ordering::SeqCst),
        1,
        "not downloaded twice"
    );

    let listing = json_of(&aira(
        &data,
        &server,
        &catalog,
        &["--json", "models", "list"],
    ))?;
    assert_eq!(listing["installed"][0]["name"], "tiny.en", "{listing}");
    assert_eq!(listing["installed"][0]["origin"], "downloaded");
    assert_eq!(listing["installed"][0]["verified"], true);
    assert_eq!(listing["installed"][0]["in_use"], true);
    assert_eq!(listing["available"][0]["installed"], true);
    assert_eq!(listing["available"].as_array().map(Vec::len), Some(1));

    let removed = aira(
        &data,
        &server,
        &catalog,
        &["--json", "models", "remove", "tiny.en"],
    );
    assert!(removed.status.success(), "{removed:?}");
    assert!(!path.exists());
    let listing = json_of(&aira(
        &data,
        &server,
        &catalog,
        &["--json", "models", "list"],
    ))?;
    assert_eq!(listing["installed"], json!([]));
    assert_error(
        &aira(
            &data,
            &server,
            &catalog,
            &["--json", "models", "remove", "tiny.en"],
        ),
        4,
        "model_not_found",
    )?;
    assert_error(
        &aira(
            &data,
            &server,
            &catalog,
            &["--json", "models", "download", "large-v9"],
        ),
        4,
        "model_not_found",
    )
}

#[test]
fn a_download_with_the_wrong_checksum_is_refused() -> TestResult {
    let folder = tempfile::tempdir()?;
    let data = folder.path().join("data");
    let file = model_bytes(1_200_000);
    let server = FileServer::start(file.clone())?;
    let catalog = folder.path().join("catalog.json");
    write_catalog(&catalog, &file, &"0".repeat(40))?;

    let output = aira(
        &data,
        &server,
        &catalog,
        &["--json", "models", "download", "tiny.en"],
    );
    assert_error(&output, 7, "checksum_mismatch")?;
    let models = data.join("models");
    assert!(!models.join("ggml-tiny.en.bin").exists());
    assert!(!models.join("ggml-tiny.en.bin.part").exists());
    Ok(())
}

#[test]
fn a_ggml_file_is_imported_and_what_is_not_a_model_is_refused() -> TestResult {
    let folder = tempfile::tempdir()?;
    let data = folder.path().join("data");
    let file = aira_test_support::ggml_model_bytes(1_100_000);
    let server = FileServer::start(Vec::new())?;
    let catalog = folder.path().join("catalog.json");
    write_catalog(&catalog, &file, &"0".repeat(40))?;
    let source = folder.path().join("ggml-custom.bin");
    std::fs::write(&source, &file)?;
    let source_path = source.to_str().ok_or("path is not UTF-8")?;

    let output = aira(
        &data,
        &server,
        &catalog,
        &["--json", "models", "import", source_path],
    );
    assert!(output.status.success(), "{output:?}");
    let imported = json_of(&output)?;
    assert_eq!(imported["name"], "custom");
    assert_eq!(imported["origin"], "imported");
    assert_eq!(imported["multilingual"], false, "{imported}");
    assert_eq!(imported["quantization"], "f16");
    assert_eq!(std::fs::read(data.join("models/ggml-custom.bin"))?, file);
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Copying ggml-custom.bin: 100%"),
        "progress on stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_error(
        &aira(
            &data,
            &server,
            &catalog,
            &[
                "--json",
                "models",
                "import",
                source_path,
                "--name",
                "custom",
            ],
        ),
        4,
        "model_exists",
    )?;

    // Cut short: refused as incomplete, nothing installed.
    let cut = folder.path().join("ggml-cut.bin");
    std::fs::write(&cut, &file[..file.len() / 2])?;
    let output = aira(
        &data,
        &server,
        &catalog,
        &[
            "--json",
            "models",
            "import",
            cut.to_str().ok_or("path is not UTF-8")?,
        ],
    );
    assert_error(&output, 4, "model_invalid")?;
    assert!(
        json_of(&output)?["error"]["message"]
            .as_str()
            .is_some_and(|message| message.contains("incomplete")),
        "{output:?}"
    );
    assert!(!data.join("models/ggml-cut.bin").exists());

    let directory = folder.path().join("faster-whisper-small");
    std::fs::create_dir(&directory)?;
    let directory_path = directory.to_str().ok_or("path is not UTF-8")?;
    assert_error(
        &aira(
            &data,
            &server,
            &catalog,
            &["--json", "models", "import", directory_path],
        ),
        4,
        "import_unsupported",
    )
}
