//! Harness for end-to-end tests of the real app: a virtual PulseAudio microphone, the
//! tauri-driver WebDriver server, and the built app binary.
//!
//! Run under a display (`xvfb-run -a`), after building the UI (trunk) and the app; the
//! README's test command does both. Anything missing fails the test with what to do.

pub mod audit;
mod driver;
pub mod keyboard;
pub mod page;

pub use aira_test_support::sound_server::VirtualMicrophone;
pub use driver::{TauriDriver, app_binary};
pub use fantoccini::elements::Element;
pub use fantoccini::{Client, Locator};

/// Where screenshots and other evidence of a run are written: `AIRA_E2E_ARTIFACTS`, or
/// `<target>/e2e-artifacts`.
pub fn artifacts_dir() -> std::path::PathBuf {
    let folder = std::env::var_os("AIRA_E2E_ARTIFACTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| driver::target_dir().join("e2e-artifacts"));
    if let Err(error) = std::fs::create_dir_all(&folder) {
        panic!("cannot create {}: {error}", folder.display());
    }
    folder
}

/// The environment of an app whose AWS calls go to a local test server with dummy keys, and
/// whose data lives in `data_dir`.
pub fn cloud_environment(
    endpoint_url: &str,
    data_dir: &std::path::Path,
) -> Vec<(&'static str, std::ffi::OsString)> {
    vec![
        ("AIRA_DATA_DIR", data_dir.as_os_str().to_owned()),
        (
            "AIRA_WHISPER_MODEL",
            aira_test_support::whisper_model().into_os_string(),
        ),
        ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", endpoint_url.into()),
        ("AWS_ACCESS_KEY_ID", "AKIDTEST".into()),
        ("AWS_SECRET_ACCESS_KEY", "secret-test-key".into()),
        ("AWS_REGION", "ap-south-1".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
    ]
}
