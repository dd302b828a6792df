//! Microphone capture on a thread that owns the cpal stream (streams are not `Send`),
//! driven by commands over a channel.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};

use crate::command_thread::{CommandThread, send_reply};
use crate::error::AudioError;
use crate::level::Level;
use crate::resample::{mix_to_mono, resample};
use crate::{MAX_ANSWER_SECONDS, SPEECH_SAMPLE_RATE};

/// How often the level callback is called while recording.
const LEVEL_INTERVAL: Duration = Duration::from_millis(50);
const OPEN_TIMEOUT: Duration = Duration::from_secs(3);

/// Called about 20 times a second with the level of the newest audio and the seconds so far.
pub type LevelCallback = Box<dyn FnMut(Level, f32) + Send>;

/// A finished recording, converted for speech recognition.
#[derive(Debug, Clone)]
pub struct Recording {
    /// Mono samples at 16 kHz.
    pub samples: Vec<f32>,
    /// The device it came from, for people.
    pub device: String,
    /// Set when the device failed mid-answer: the samples are what arrived before it did.
    pub interruption: Option<String>,
}

enum Command {
    Start {
        on_level: LevelCallback,
        reply: mpsc::Sender<Result<(), AudioError>>,
    },
    Stop {
        reply: mpsc::Sender<Result<Recording, AudioError>>,
    },
    Cancel,
}

/// Handle to the capture thread. Methods block briefly for the thread's reply; call them
/// from a blocking context (`spawn_blocking`), not from an async task.
pub struct Recorder {
    thread: CommandThread<Command>,
}

impl Recorder {
    pub fn spawn() -> Result<Self, AudioError> {
        Ok(Self {
            thread: CommandThread::spawn("aira-capture", |commands| run(&commands))?,
        })
    }

    /// Opens the default input device and starts recording.
    pub fn start(&self, on_level: LevelCallback) -> Result<(), AudioError> {
        self.thread
            .request(|reply| Command::Start { on_level, reply })
    }

    /// Stops recording and returns everything recorded, as 16 kHz mono.
    pub fn stop(&self) -> Result<Recording, AudioError> {
        self.thread.request(|reply| Command::Stop { reply })
    }

    /// Stops recording and discards it.
    pub fn cancel(&self) {
        if self.thread.send(Command::Cancel).is_err() {
            tracing::warn!("capture thread is gone; nothing to cancel");
        }
    }
}

/// A recording in progress: the stream, and what its callback has delivered so far.
struct Active {
    _stream: cpal::Stream,
    device: String,
    sample_rate: u32,
    channels: usize,
    buffer: Arc<Mutex<Vec<f32>>>,
    failure: Arc<Mutex<Option<String>>>,
    on_level: LevelCallback,
    metered_up_to: usize,
}

fn run(commands: &mpsc::Receiver<Command>) {
    let mut active: Option<Active> = None;
    loop {
        match commands.recv_timeout(LEVEL_INTERVAL) {
            Ok(Command::Start { on_level, reply }) => {
                let result = if active.is_some() {
                    Err(AudioError::AlreadyRecording)
                } else {
                    open_default_input(on_level).map(|opened| active = Some(opened))
                };
                send_reply(&reply, result);
            }
            Ok(Command::Stop { reply }) => {
                let result = active.take().map(finish).ok_or(AudioError::NotRecording);
                send_reply(&reply, result);
            }
            Ok(Command::Cancel) => active = None,
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                if let Some(recording) = active.as_mut() {
                    meter(recording);
                }
            }
        }
    }
}

fn meter(recording: &mut Active) {
    let buffer = recording
        .buffer
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let level = Level::of(&buffer[recording.metered_up_to.min(buffer.len())..]);
    recording.metered_up_to = buffer.len();
    let seconds = buffer.len() as f32 / recording.channels as f32 / recording.sample_rate as f32;
    drop(buffer);
    (recording.on_level)(level, seconds);
}

fn finish(recording: Active) -> Recording {
    let Active {
        _stream,
        device,
        sample_rate,
        channels,
        buffer,
        failure,
        ..
    } = recording;
    drop(_stream); // stop the callback before taking the buffer
    let interleaved = std::mem::take(&mut *buffer.lock().unwrap_or_else(PoisonError::into_inner));
    let interruption = failure
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
    let samples = resample(
        &mix_to_mono(&interleaved, channels),
        sample_rate,
        SPEECH_SAMPLE_RATE,
    );
    Recording {
        samples,
        device,
        interruption,
    }
}

fn open_default_input(on_level: LevelCallback) -> Result<Active, AudioError> {
    let no_microphone = |error: cpal::Error| AudioError::NoMicrophone(error.to_string());
    let host = cpal::default_host();
    let device = host
        .default_input_device()
        .ok_or_else(|| AudioError::NoMicrophone("no input device".into()))?;
    let name = device
        .description()
        .map(|description| description.name().to_owned())
        .unwrap_or_else(|_| "default".into());
    let supported = device.default_input_config().map_err(no_microphone)?;
    let config = supported.config();
    let buffer = Arc::new(Mutex::new(Vec::new()));
    let failure = Arc::new(Mutex::new(None));
    let stream = match supported.sample_format() {
        SampleFormat::F32 => build::<f32>(&device, &config, &buffer, &failure),
        SampleFormat::I16 => build::<i16>(&device, &config, &buffer, &failure),
        SampleFormat::I32 => build::<i32>(&device, &config, &buffer, &failure),
        SampleFormat::U16 => build::<u16>(&device, &config, &buffer, &failure),
        SampleFormat::U8 => build::<u8>(&device, &config, &buffer, &failure),
        other => {
            return Err(AudioError::NoMicrophone(format!(
                "{name} delivers {other} samples, which Aira cannot read"
            )));
        }
    }
    .map_err(no_microphone)?;
    stream.play().map_err(no_microphone)?;
    tracing::info!(device = %name, rate = config.sample_rate, channels = config.channels, "recording started");
    Ok(Active {
        _stream: stream,
        device: name,
        sample_rate: config.sample_rate,
        channels: usize::from(config.channels.max(1)),
        buffer,
        failure,
        on_level,
        metered_up_to: 0,
    })
}

fn build<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    buffer: &Arc<Mutex<Vec<f32>>>,
    failure: &Arc<Mutex<Option<String>>>,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample,
    f32: FromSample<T>,
{
    let buffer = Arc::clone(buffer);
    let failure = Arc::clone(failure);
    let limit_failure = Arc::clone(&failure);
    let maximum_samples = config.sample_rate as usize
        * usize::from(config.channels.max(1))
        * MAX_ANSWER_SECONDS as usize;
    device.build_input_stream(
        *config,
        move |data: &[T], _: &cpal::InputCallbackInfo| {
            let mut buffer = buffer.lock().unwrap_or_else(PoisonError::into_inner);
            let samples = data.iter().map(|sample| sample.to_sample::<f32>());
            if !append_within_limit(&mut buffer, samples, maximum_samples) {
                let reason = format!(
                    "the maximum answer length of {} minutes was reached",
                    MAX_ANSWER_SECONDS / 60
                );
                limit_failure
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .get_or_insert(reason);
            }
        },
        move |error: cpal::Error| {
            tracing::warn!(%error, "input stream error");
            failure
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get_or_insert_with(|| error.to_string());
        },
        Some(OPEN_TIMEOUT),
    )
}

/// Appends what fits under `maximum` samples; returns false once the limit is reached, so
/// a recording left running keeps its first 15 minutes instead of growing without end.
fn append_within_limit(
    buffer: &mut Vec<f32>,
    samples: impl Iterator<Item = f32>,
    maximum: usize,
) -> bool {
    let room = maximum.saturating_sub(buffer.len());
    buffer.extend(samples.take(room));
    buffer.len() < maximum
}

#[cfg(test)]
mod tests {
    use super::append_within_limit;

    #[test]
    fn recording_stops_growing_at_the_limit() {
        let mut buffer = Vec::new();
        assert!(append_within_limit(&mut buffer, [0.1; 6].into_iter(), 10));
        assert!(
            !append_within_limit(&mut buffer, [0.2; 6].into_iter(), 10),
            "the limit is reached"
        );
        assert_eq!(buffer.len(), 10);
        assert!(!append_within_limit(&mut buffer, [0.3; 6].into_iter(), 10));
        assert_eq!(buffer.len(), 10, "nothing more is kept");
        assert_eq!(buffer[9], 0.2);
    }
}
