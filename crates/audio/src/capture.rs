//! Microphone capture on a thread that owns the cpal stream (streams are not `Send`),
//! driven by commands over a channel.
//!
//! The cpal callback only appends raw samples to a short buffer. Every 50 ms the capture
//! thread takes them, mixes to mono, resamples to 16 kHz and hands the new speech audio to
//! the caller's [`CaptureEvent`] callback — the meter, voice detection and live
//! transcription all work from those pieces — and keeps the whole answer for [`Recorder::stop`].

use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};

use crate::command_thread::{CommandThread, send_reply};
use crate::error::AudioError;
use crate::level::Level;
use crate::resample::{StreamResampler, mix_to_mono};
use crate::{MAX_ANSWER_SECONDS, SPEECH_SAMPLE_RATE};

/// How often new audio is taken from the device and handed on.
const TICK: Duration = Duration::from_millis(50);
const OPEN_TIMEOUT: Duration = Duration::from_secs(3);
/// A device that delivers nothing for this long while recording has gone away, even when
/// its driver reports no error (PulseAudio through ALSA often does not).
const SILENT_DEVICE_TIMEOUT: Duration = Duration::from_secs(2);
/// The first sound may take longer: PulseAudio on a busy machine starts a stream seconds
/// after it is opened, and calling that a lost microphone failed answers that were fine.
const FIRST_SOUND_TIMEOUT: Duration = Duration::from_secs(8);
/// Raw samples the callback may hold between ticks before it drops audio: a few seconds,
/// in case the capture thread is starved.
const RAW_BUFFER_SECONDS: usize = 5;

/// What the capture thread tells its caller while recording.
#[derive(Debug, Clone, PartialEq)]
pub enum CaptureEvent {
    /// New 16 kHz mono audio, its level and the seconds recorded so far.
    Audio {
        samples: Vec<f32>,
        level: Level,
        seconds: f32,
    },
    /// The device failed or went silent: what was recorded before is kept.
    Interrupted { reason: String },
    /// The maximum answer length was reached; later audio is not kept.
    LimitReached,
}

pub type CaptureCallback = Box<dyn FnMut(CaptureEvent) + Send>;

/// An input device the user can choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputDevice {
    /// Stable identifier to remember the choice by (cpal's device id).
    pub id: String,
    /// Name for people.
    pub name: String,
    pub is_default: bool,
}

/// A finished recording, converted for speech recognition.
#[derive(Debug, Clone)]
pub struct Recording {
    /// Mono samples at 16 kHz.
    pub samples: Vec<f32>,
    /// The device it came from, for people.
    pub device: String,
    /// Set when the device failed mid-answer or the length limit cut it: the samples are
    /// what arrived before.
    pub interruption: Option<String>,
}

enum Command {
    Devices {
        reply: mpsc::Sender<Result<Vec<InputDevice>, AudioError>>,
    },
    Start {
        device: Option<String>,
        on_event: CaptureCallback,
        reply: mpsc::Sender<Result<String, AudioError>>,
    },
    Pause {
        reply: mpsc::Sender<Result<(), AudioError>>,
    },
    Resume {
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

    /// The input devices present now, the system default first.
    pub fn devices(&self) -> Result<Vec<InputDevice>, AudioError> {
        self.thread.request(|reply| Command::Devices { reply })
    }

    /// Opens `device` (an [`InputDevice::id`]; the system default when `None` or when that
    /// device is gone) and starts recording. Returns the name of the device opened.
    pub fn start(
        &self,
        device: Option<String>,
        on_event: CaptureCallback,
    ) -> Result<String, AudioError> {
        self.thread.request(|reply| Command::Start {
            device,
            on_event,
            reply,
        })
    }

    /// Stops taking audio without ending the answer.
    pub fn pause(&self) -> Result<(), AudioError> {
        self.thread.request(|reply| Command::Pause { reply })
    }

    pub fn resume(&self) -> Result<(), AudioError> {
        self.thread.request(|reply| Command::Resume { reply })
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

/// A recording in progress: the stream, what its callback has delivered, and the answer
/// converted so far.
struct Active {
    stream: cpal::Stream,
    device: String,
    channels: usize,
    raw: Arc<Mutex<Vec<f32>>>,
    failure: Arc<Mutex<Option<String>>>,
    resampler: StreamResampler,
    speech: Vec<f32>,
    on_event: CaptureCallback,
    paused: bool,
    last_audio: Instant,
    /// When the stream was opened; `None` once it has delivered its first sound.
    awaiting_first_sound: Option<Instant>,
    interruption: Option<String>,
}

fn run(commands: &mpsc::Receiver<Command>) {
    let mut active: Option<Active> = None;
    loop {
        match commands.recv_timeout(TICK) {
            Ok(Command::Devices { reply }) => send_reply(&reply, input_devices()),
            Ok(Command::Start {
                device,
                on_event,
                reply,
            }) => {
                let result = if active.is_some() {
                    Err(AudioError::AlreadyRecording)
                } else {
                    open_input(device.as_deref(), on_event).map(|opened| {
                        let name = opened.device.clone();
                        active = Some(opened);
                        name
                    })
                };
                send_reply(&reply, result);
            }
            Ok(Command::Pause { reply }) => {
                send_reply(&reply, set_paused(active.as_mut(), true));
            }
            Ok(Command::Resume { reply }) => {
                send_reply(&reply, set_paused(active.as_mut(), false));
            }
            Ok(Command::Stop { reply }) => {
                let result = active.take().map(finish).ok_or(AudioError::NotRecording);
                send_reply(&reply, result);
            }
            Ok(Command::Cancel) => {
                if let Some(recording) = active.take() {
                    close(recording.stream, recording.interruption.is_some());
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                if let Some(recording) = active.as_mut() {
                    take_new_audio(recording);
                }
            }
        }
    }
}

fn set_paused(active: Option<&mut Active>, paused: bool) -> Result<(), AudioError> {
    let recording = active.ok_or(AudioError::NotRecording)?;
    if recording.paused == paused {
        return Ok(());
    }
    take_new_audio(recording);
    let result = if paused {
        recording.stream.pause()
    } else {
        recording.stream.play()
    };
    result.map_err(|error| AudioError::NoMicrophone(error.to_string()))?;
    recording.paused = paused;
    recording.last_audio = Instant::now();
    if paused {
        // Whatever the device delivered after the pause request is not part of the answer.
        recording
            .raw
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
    Ok(())
}

/// Moves what the callback delivered into the answer and tells the caller.
fn take_new_audio(recording: &mut Active) {
    let raw = std::mem::take(&mut *recording.raw.lock().unwrap_or_else(PoisonError::into_inner));
    if recording.interruption.is_none() {
        let failure = recording
            .failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let allowed_silence = if recording.awaiting_first_sound.is_some() {
            FIRST_SOUND_TIMEOUT
        } else {
            SILENT_DEVICE_TIMEOUT
        };
        let stalled =
            !recording.paused && raw.is_empty() && recording.last_audio.elapsed() > allowed_silence;
        let reason = failure
            .or_else(|| stalled.then(|| format!("{} stopped sending sound", recording.device)));
        if let Some(reason) = reason {
            tracing::warn!(%reason, "recording interrupted");
            recording.interruption = Some(reason.clone());
            (recording.on_event)(CaptureEvent::Interrupted { reason });
        }
    }
    if raw.is_empty() {
        return;
    }
    if let Some(opened) = recording.awaiting_first_sound.take() {
        tracing::info!(
            milliseconds = opened.elapsed().as_millis(),
            "first sound from the microphone"
        );
    }
    recording.last_audio = Instant::now();
    let maximum = (MAX_ANSWER_SECONDS * SPEECH_SAMPLE_RATE) as usize;
    let room = maximum.saturating_sub(recording.speech.len());
    if room == 0 {
        return;
    }
    let mut samples = recording
        .resampler
        .push(&mix_to_mono(&raw, recording.channels));
    if samples.len() >= room {
        samples.truncate(room);
        recording.interruption.get_or_insert_with(|| {
            format!(
                "the maximum answer length of {} minutes was reached",
                MAX_ANSWER_SECONDS / 60
            )
        });
        deliver(recording, samples);
        (recording.on_event)(CaptureEvent::LimitReached);
        return;
    }
    deliver(recording, samples);
}

fn deliver(recording: &mut Active, samples: Vec<f32>) {
    recording.speech.extend_from_slice(&samples);
    let seconds = recording.speech.len() as f32 / SPEECH_SAMPLE_RATE as f32;
    let level = Level::of(&samples);
    (recording.on_event)(CaptureEvent::Audio {
        samples,
        level,
        seconds,
    });
}

fn finish(mut recording: Active) -> Recording {
    let interrupted = recording.interruption.is_some();
    if !interrupted && let Err(error) = recording.stream.pause() {
        tracing::debug!(%error, "pausing the stream before closing it");
    }
    take_new_audio(&mut recording);
    let tail = recording.resampler.finish();
    let maximum = (MAX_ANSWER_SECONDS * SPEECH_SAMPLE_RATE) as usize;
    let room = maximum.saturating_sub(recording.speech.len());
    recording
        .speech
        .extend_from_slice(&tail[..tail.len().min(room)]);
    close(recording.stream, interrupted);
    Recording {
        samples: recording.speech,
        device: recording.device,
        interruption: recording.interruption,
    }
}

/// Closes a stream; one whose device vanished is leaked instead. When the sound server
/// behind it is gone (PulseAudio killed, a Bluetooth headset out of range), pausing or
/// dropping an ALSA stream can block forever in the plugin, and with it this thread and
/// the answer it holds. A leaked stream costs a few kilobytes once per lost device.
fn close(stream: cpal::Stream, device_vanished: bool) {
    if device_vanished {
        std::mem::forget(stream);
    }
}

fn input_devices() -> Result<Vec<InputDevice>, AudioError> {
    let host = cpal::default_host();
    let default_id = host
        .default_input_device()
        .and_then(|device| device.id().ok())
        .map(|id| id.to_string());
    let devices = host
        .input_devices()
        .map_err(|error| AudioError::NoMicrophone(error.to_string()))?;
    let mut listed: Vec<InputDevice> = devices
        .filter_map(|device| {
            let id = device.id().ok()?.to_string();
            Some(InputDevice {
                is_default: default_id.as_deref() == Some(id.as_str()),
                name: device_name(&device),
                id,
            })
        })
        .collect();
    listed.sort_by_key(|device| !device.is_default);
    Ok(listed)
}

fn device_name(device: &cpal::Device) -> String {
    device
        .description()
        .map(|description| description.name().to_owned())
        .unwrap_or_else(|_| "default".into())
}

/// The chosen device if it is still present, else the system default.
fn choose_device(host: &cpal::Host, wanted: Option<&str>) -> Option<cpal::Device> {
    let chosen = wanted.and_then(|wanted| {
        let id = wanted.parse().ok()?;
        let device = host.device_by_id(&id);
        if device.is_none() {
            tracing::warn!(
                device = wanted,
                "the chosen microphone is gone; using the default"
            );
        }
        device
    });
    chosen.or_else(|| host.default_input_device())
}

fn open_input(wanted: Option<&str>, on_event: CaptureCallback) -> Result<Active, AudioError> {
    let no_microphone = |error: cpal::Error| AudioError::NoMicrophone(error.to_string());
    let host = cpal::default_host();
    let device = choose_device(&host, wanted)
        .ok_or_else(|| AudioError::NoMicrophone("no input device".into()))?;
    let name = device_name(&device);
    let supported = device.default_input_config().map_err(no_microphone)?;
    let config = supported.config();
    let channels = usize::from(config.channels.max(1));
    let raw = Arc::new(Mutex::new(Vec::new()));
    let failure = Arc::new(Mutex::new(None));
    let raw_limit = config.sample_rate as usize * channels * RAW_BUFFER_SECONDS;
    let stream = match supported.sample_format() {
        SampleFormat::F32 => build::<f32>(&device, &config, &raw, raw_limit, &failure),
        SampleFormat::I16 => build::<i16>(&device, &config, &raw, raw_limit, &failure),
        SampleFormat::I32 => build::<i32>(&device, &config, &raw, raw_limit, &failure),
        SampleFormat::U16 => build::<u16>(&device, &config, &raw, raw_limit, &failure),
        SampleFormat::U8 => build::<u8>(&device, &config, &raw, raw_limit, &failure),
        other => {
            return Err(AudioError::NoMicrophone(format!(
                "{name} delivers {other} samples, which Aira cannot read"
            )));
        }
    }
    .map_err(no_microphone)?;
    stream.play().map_err(no_microphone)?;
    tracing::info!(device = %name, rate = config.sample_rate, channels, "recording started");
    Ok(Active {
        stream,
        device: name,
        channels,
        raw,
        failure,
        resampler: StreamResampler::new(config.sample_rate, SPEECH_SAMPLE_RATE),
        speech: Vec::new(),
        on_event,
        paused: false,
        last_audio: Instant::now(),
        awaiting_first_sound: Some(Instant::now()),
        interruption: None,
    })
}

fn build<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    raw: &Arc<Mutex<Vec<f32>>>,
    raw_limit: usize,
    failure: &Arc<Mutex<Option<String>>>,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample,
    f32: FromSample<T>,
{
    let raw = Arc::clone(raw);
    let failure = Arc::clone(failure);
    device.build_input_stream(
        *config,
        move |data: &[T], _: &cpal::InputCallbackInfo| {
            let mut raw = raw.lock().unwrap_or_else(PoisonError::into_inner);
            let samples = data.iter().map(|sample| sample.to_sample::<f32>());
            if !append_within_limit(&mut raw, samples, raw_limit) {
                tracing::warn!("the capture thread fell behind; audio was dropped");
            }
        },
        move |error: cpal::Error| {
            // A device that is gone can report the same error thousands of times a second
            // until the stream is closed: the first one is logged and kept, the rest only
            // counted at debug level (a flood once filled the disk with this line).
            let mut failure = failure.lock().unwrap_or_else(PoisonError::into_inner);
            if failure.is_none() {
                tracing::warn!(%error, "input stream error");
                *failure = Some(error.to_string());
            } else {
                tracing::debug!(%error, "input stream error again");
            }
        },
        Some(OPEN_TIMEOUT),
    )
}

/// Appends what fits under `maximum` samples; returns false once the limit is reached.
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
    fn the_raw_buffer_stops_growing_at_its_limit() {
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
