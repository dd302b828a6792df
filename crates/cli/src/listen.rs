//! `aira practice --microphone`: an answer by voice from the terminal. The question is
//! printed (and spoken); words heard so far go to stderr as the user speaks; recording
//! ends on a pause (auto-stop mode), at the length limit, when the microphone is lost, or
//! when the user presses Enter or Ctrl-C.

use std::io::{IsTerminal, Write};
use std::time::Instant;

use aira_core::Question;
use aira_protocol::{RecordingUpdate, TurnResult};
use aira_runtime::{Engine, RuntimeError};
use tokio::sync::mpsc;

use crate::output::Output;

pub async fn practice_by_voice(
    engine: &Engine,
    question: &Question,
    output: &Output,
) -> Result<TurnResult, RuntimeError> {
    output.question(question);
    let (stop, mut stop_requested) = mpsc::unbounded_channel::<String>();
    let on_terminal = std::io::stderr().is_terminal();
    let updates_stop = stop.clone();
    let opened = engine
        .start_recording(question, move |update| match update {
            RecordingUpdate::Level(_) => {}
            RecordingUpdate::Transcript { text } => show_partial(&text, on_terminal),
            RecordingUpdate::SilenceDetected { seconds } => {
                request(&updates_stop, format!("paused for {seconds:.1} s"));
            }
            RecordingUpdate::LimitReached { minutes } => {
                request(&updates_stop, format!("reached the {minutes}-minute limit"));
            }
            RecordingUpdate::DeviceLost { reason } => {
                request(
                    &updates_stop,
                    format!("the microphone stopped working ({reason})"),
                );
            }
        })
        .await?;
    eprintln!(
        "Recording from {} ({:?} mode). Speak your answer; press Enter to stop.",
        opened.device, opened.mode
    );
    // Enter on stdin stops too; the reading thread ends with the process.
    let enter_stop = stop.clone();
    std::thread::spawn(move || {
        let mut line = String::new();
        if std::io::stdin()
            .read_line(&mut line)
            .is_ok_and(|read| read > 0)
        {
            request(&enter_stop, "Enter pressed".into());
        }
    });
    let reason = tokio::select! {
        reason = stop_requested.recv() => reason.unwrap_or_default(),
        _ = tokio::signal::ctrl_c() => "Ctrl-C".into(),
    };
    if on_terminal {
        eprintln!();
    }
    eprintln!("Stopped: {reason}. Transcribing and coaching…");
    let stopped = Instant::now();
    let turn = engine.stop_recording(question, None).await;
    eprintln!(
        "feedback ready {} ms after the recording stopped",
        stopped.elapsed().as_millis()
    );
    turn
}

fn request(stop: &mpsc::UnboundedSender<String>, reason: String) {
    if stop.send(reason).is_err() {
        tracing::debug!("the recording was already stopping");
    }
}

/// On a terminal the line is rewritten in place; elsewhere (a screen reader's log, a
/// pipe) each new version is its own line.
fn show_partial(text: &str, on_terminal: bool) {
    let mut stderr = std::io::stderr().lock();
    let written = if on_terminal {
        write!(stderr, "\r\x1b[K… {text}")
    } else {
        writeln!(stderr, "heard: {text}")
    };
    if written.and_then(|()| stderr.flush()).is_err() {
        tracing::debug!("stderr is closed");
    }
}
