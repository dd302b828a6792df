//! A private PulseAudio server for tests of sound in and out.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

/// A private PulseAudio server whose default sink is a null sink and whose default source
/// is that sink's monitor: what is played into the sink is what the app's microphone
/// hears, in real time — and what the app plays can be recorded from it ([`Self::listen`]).
///
/// One at a time per test process: a second PulseAudio daemon for the same user fails to
/// start while the first is starting ("Daemon startup failed"), so tests that each want a
/// microphone wait for each other (which also keeps two apps from sharing 2 cores).
pub struct VirtualMicrophone {
    runtime_dir: tempfile::TempDir,
    _exclusive: MutexGuard<'static, ()>,
}

const SINK: &str = "aira_virtual_sink";

static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

impl VirtualMicrophone {
    pub fn start() -> Self {
        // A test that panicked while holding it has already stopped its daemon (Drop).
        let exclusive = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let runtime_dir = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
        let microphone = Self {
            runtime_dir,
            _exclusive: exclusive,
        };
        microphone.run(
            "pulseaudio",
            &[
                "--daemonize=yes",
                "--exit-idle-time=-1",
                "--disallow-exit",
                "--log-target=stderr",
            ],
        );
        // The daemon needs a moment before it accepts clients.
        let ready = (0..50).any(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            microphone
                .command("pactl")
                .arg("info")
                .output()
                .is_ok_and(|output| output.status.success())
        });
        assert!(ready, "the PulseAudio server did not start");
        microphone.run(
            "pactl",
            &[
                "load-module",
                "module-null-sink",
                &format!("sink_name={SINK}"),
            ],
        );
        microphone.run("pactl", &["set-default-sink", SINK]);
        microphone.run("pactl", &["set-default-source", &format!("{SINK}.monitor")]);
        microphone
    }

    /// The environment a process needs to reach this server.
    pub fn environment(&self) -> Vec<(&'static str, OsString)> {
        vec![(
            "XDG_RUNTIME_DIR",
            self.runtime_dir.path().as_os_str().to_owned(),
        )]
    }

    /// Starts playing a WAV file into the microphone, in real time.
    pub fn play(&self, wav: &Path) -> Playback {
        let mut command = self.command("paplay");
        command.arg(format!("--device={SINK}")).arg(wav);
        Playback {
            process: command
                .spawn()
                .unwrap_or_else(|error| panic!("could not run paplay: {error}")),
        }
    }

    /// Starts recording what is played into the sink (16 kHz mono); [`Listening::stop`]
    /// gives the samples.
    pub fn listen(&self) -> Listening {
        let mut command = self.command("parec");
        command
            .arg(format!("--device={SINK}.monitor"))
            .args(["--format=s16le", "--rate=16000", "--channels=1", "--raw"])
            .stdout(std::process::Stdio::piped());
        Listening {
            process: command
                .spawn()
                .unwrap_or_else(|error| panic!("could not run parec: {error}")),
        }
    }

    /// Takes the microphone away mid-use, as when a USB headset is unplugged: the sound
    /// server goes, and every stream on it with it.
    pub fn disconnect(&self) {
        self.run("pulseaudio", &["--kill"]);
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.envs(self.environment());
        command
    }

    fn run(&self, program: &str, arguments: &[&str]) {
        let output = self
            .command(program)
            .args(arguments)
            .output()
            .unwrap_or_else(|error| {
                panic!("could not run {program} (install pulseaudio and pulseaudio-utils): {error}")
            });
        assert!(
            output.status.success(),
            "{program} {arguments:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// A sound being played into the microphone.
pub struct Playback {
    process: std::process::Child,
}

impl Playback {
    /// Whether it is still playing; panics if the player failed.
    pub fn is_playing(&mut self) -> bool {
        match self.process.try_wait() {
            Ok(None) => true,
            Ok(Some(status)) => {
                assert!(status.success(), "paplay failed: {status}");
                false
            }
            Err(error) => panic!("paplay: {error}"),
        }
    }
}

impl Drop for VirtualMicrophone {
    fn drop(&mut self) {
        if let Err(error) = self.command("pulseaudio").arg("--kill").output() {
            eprintln!("could not stop the test PulseAudio server: {error}");
        }
    }
}

/// What is being recorded from the sink.
pub struct Listening {
    process: std::process::Child,
}

impl Listening {
    /// Stops recording; the samples heard, 16 kHz mono.
    pub fn stop(mut self) -> Vec<f32> {
        if let Err(error) = self.process.kill() {
            panic!("could not stop parec: {error}");
        }
        let mut bytes = Vec::new();
        if let Some(mut output) = self.process.stdout.take() {
            std::io::Read::read_to_end(&mut output, &mut bytes)
                .unwrap_or_else(|error| panic!("reading parec: {error}"));
        }
        self.process.wait().ok();
        bytes
            .chunks_exact(2)
            .map(|pair| f32::from(i16::from_le_bytes([pair[0], pair[1]])) / f32::from(i16::MAX))
            .collect()
    }
}
