use std::ffi::OsString;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};

/// The Cargo profile folder (`<target>/debug`) this test runs from: test binaries live in
/// `<target>/debug/deps/`.
fn profile_dir() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|test_binary| test_binary.parent()?.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target/debug"))
}

/// The Cargo target folder this test was built into.
pub(crate) fn target_dir() -> PathBuf {
    profile_dir()
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("target"))
}

/// The app under test: `AIRA_APP_BINARY`, or the dev build beside this test.
pub fn app_binary() -> PathBuf {
    let binary = std::env::var_os("AIRA_APP_BINARY")
        .map(PathBuf::from)
        .unwrap_or_else(|| profile_dir().join("aira-app"));
    assert!(
        binary.is_file(),
        "the app is not built at {}: build it with `cargo build -p aira-app` (after `trunk build` in ui/)",
        binary.display()
    );
    binary
}

/// One app at a time per test binary: the test harness runs a binary's tests on parallel
/// threads, and two webviews (with whisper) on two cores starve each other's audio
/// capture and rendering — the cause of the once-flaky microphone tests.
static ONE_APP_AT_A_TIME: Mutex<()> = Mutex::new(());

/// A running tauri-driver, which starts WebKitWebDriver, which starts the app.
pub struct TauriDriver {
    process: Child,
    port: u16,
    /// Released after the driver (and so the app) is stopped: fields drop after `drop`.
    _exclusive: MutexGuard<'static, ()>,
}

impl TauriDriver {
    /// Starts tauri-driver; every app it launches inherits `environment`.
    pub fn start(environment: &[(&str, OsString)]) -> Self {
        // A test that panicked while holding it has already stopped its app.
        let exclusive = ONE_APP_AT_A_TIME
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        assert!(
            std::env::var_os("DISPLAY").is_some(),
            "no display: run end-to-end tests under `xvfb-run -a`"
        );
        let (port, native_port) = (free_port(), free_port());
        let process = Command::new(program_on_path_or_cargo_bin("tauri-driver"))
            // Its own process group, so stopping it stops WebKitWebDriver and the app too.
            .process_group(0)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .envs(environment.iter().map(|(name, value)| (*name, value)))
            .stdout(Stdio::null())
            .spawn()
            .unwrap_or_else(|error| {
                panic!(
                    "could not start tauri-driver (cargo install tauri-driver --locked): {error}"
                )
            });
        Self {
            process,
            port,
            _exclusive: exclusive,
        }
    }

    /// Opens a WebDriver session, which launches the app in a real window.
    pub async fn launch_app(&self) -> Client {
        let mut capabilities = serde_json::Map::new();
        capabilities.insert("browserName".into(), "wry".into());
        capabilities.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_binary() }),
        );
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut last_error = String::new();
        for _ in 0..100 {
            let mut builder =
                ClientBuilder::rustls().unwrap_or_else(|error| panic!("TLS setup: {error}"));
            match builder
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => return client,
                Err(error) => last_error = error.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        panic!("could not open a WebDriver session at {url}: {last_error}");
    }
}

impl Drop for TauriDriver {
    /// Stops tauri-driver with WebKitWebDriver and the app it started: killing tauri-driver
    /// alone left them running, and a voice-only app left listening on a microphone that
    /// was gone spun and logged for the rest of the run, on the two cores the next test
    /// needed.
    fn drop(&mut self) {
        let group = format!("-{}", self.process.id());
        match Command::new("kill")
            .args(["-s", "KILL", "--", &group])
            .status()
        {
            Ok(status) if status.success() => {}
            Ok(status) => eprintln!("kill {group} ended with {status}"),
            Err(error) => eprintln!("could not run kill (procps): {error}"),
        }
        if let Err(error) = self.process.kill() {
            eprintln!("could not stop tauri-driver: {error}");
        }
        if let Err(error) = self.process.wait() {
            eprintln!("tauri-driver did not exit: {error}");
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap_or_else(|error| panic!("no free port: {error}"))
}

fn program_on_path_or_cargo_bin(name: &str) -> PathBuf {
    let in_cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|home| home.join("bin").join(name));
    match in_cargo_bin {
        Some(path) if path.is_file() => path,
        _ => PathBuf::from(name),
    }
}
