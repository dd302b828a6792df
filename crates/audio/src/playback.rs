//! Playback on a thread that owns the output stream. A new sound replaces the one playing;
//! `stop` silences it at once (the user is about to answer). Pause, volume and the position
//! in the sound (for highlighting the word being spoken) are shared atomics the output
//! callback reads, so they act within one device buffer, without a round trip to the thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

use cpal::traits::{DeviceTrait, HostTrait, StreamTrait};
use cpal::{FromSample, SampleFormat, SizedSample};

use crate::command_thread::{CommandThread, send_reply};
use crate::error::AudioError;
use crate::resample::resample;

const POLL_INTERVAL: Duration = Duration::from_millis(20);

enum Command {
    Play {
        samples: Vec<f32>,
        sample_rate: u32,
        reply: mpsc::Sender<Result<mpsc::Receiver<()>, AudioError>>,
    },
    Stop,
}

pub struct Player {
    thread: CommandThread<Command>,
    controls: Arc<Controls>,
}

/// What the output callback reads on every buffer.
#[derive(Debug)]
struct Controls {
    paused: AtomicBool,
    /// f32 bits, 0.0 to 1.0.
    volume: AtomicU32,
    /// Frames of the current sound played, and the device rate they are counted at.
    played_frames: AtomicU64,
    device_rate: AtomicU32,
}

impl Controls {
    fn volume(&self) -> f32 {
        f32::from_bits(self.volume.load(Ordering::Relaxed))
    }
}

impl Player {
    pub fn spawn() -> Result<Self, AudioError> {
        let controls = Arc::new(Controls {
            paused: AtomicBool::new(false),
            volume: AtomicU32::new(1.0_f32.to_bits()),
            played_frames: AtomicU64::new(0),
            device_rate: AtomicU32::new(0),
        });
        let shared = Arc::clone(&controls);
        Ok(Self {
            thread: CommandThread::spawn("aira-playback", move |commands| {
                run(&commands, &shared);
            })?,
            controls,
        })
    }

    /// Holds the sound where it is (silence is written meanwhile); [`Player::resume`] goes
    /// on from there. A new sound starts unpaused.
    pub fn pause(&self) {
        self.controls.paused.store(true, Ordering::Release);
    }

    pub fn resume(&self) {
        self.controls.paused.store(false, Ordering::Release);
    }

    pub fn is_paused(&self) -> bool {
        self.controls.paused.load(Ordering::Acquire)
    }

    /// 0.0 (silent) to 1.0 (as synthesized); applies to the sound playing and later ones.
    pub fn set_volume(&self, volume: f32) {
        let volume = if volume.is_finite() {
            volume.clamp(0.0, 1.0)
        } else {
            1.0
        };
        self.controls
            .volume
            .store(volume.to_bits(), Ordering::Relaxed);
    }

    pub fn volume(&self) -> f32 {
        self.controls.volume()
    }

    /// How far into the current sound playback is, in milliseconds (pauses excluded).
    pub fn position_ms(&self) -> u64 {
        let rate = u64::from(self.controls.device_rate.load(Ordering::Acquire).max(1));
        self.controls.played_frames.load(Ordering::Acquire) * 1000 / rate
    }

    /// Starts playing mono `samples`; the returned receiver gets a message (or is closed)
    /// when playback ends, whether it finished or was stopped.
    pub fn play(
        &self,
        samples: Vec<f32>,
        sample_rate: u32,
    ) -> Result<mpsc::Receiver<()>, AudioError> {
        self.thread.request(|reply| Command::Play {
            samples,
            sample_rate,
            reply,
        })
    }

    pub fn stop(&self) {
        if self.thread.send(Command::Stop).is_err() {
            tracing::warn!("playback thread is gone; nothing to stop");
        }
    }
}

/// Whether the default output device can be opened now (a speaker, headphones, a sound
/// server). ALSA names a default device even with no sound card; its configuration is
/// what fails.
pub fn output_available() -> bool {
    cpal::default_host()
        .default_output_device()
        .is_some_and(|device| device.default_output_config().is_ok())
}

struct Playing {
    _stream: cpal::Stream,
    finished: Arc<AtomicBool>,
    done: mpsc::Sender<()>,
}

fn run(commands: &mpsc::Receiver<Command>, controls: &Arc<Controls>) {
    let mut playing: Option<Playing> = None;
    loop {
        match commands.recv_timeout(POLL_INTERVAL) {
            Ok(Command::Play {
                samples,
                sample_rate,
                reply,
            }) => {
                playing = None; // a new sound replaces the old one; dropping it closes its `done`
                let (done, finished_signal) = mpsc::channel();
                controls.paused.store(false, Ordering::Release);
                controls.played_frames.store(0, Ordering::Release);
                let result =
                    open_output(samples, sample_rate, controls).map(|(stream, finished)| {
                        playing = Some(Playing {
                            _stream: stream,
                            finished,
                            done,
                        });
                        finished_signal
                    });
                send_reply(&reply, result);
            }
            Ok(Command::Stop) => playing = None,
            Err(RecvTimeoutError::Disconnected) => return,
            Err(RecvTimeoutError::Timeout) => {
                let finished = playing
                    .as_ref()
                    .is_some_and(|sound| sound.finished.load(Ordering::Acquire));
                if finished && let Some(sound) = playing.take() {
                    // The listener may have gone away; finishing is all that matters.
                    sound.done.send(()).ok();
                }
            }
        }
    }
}

fn open_output(
    samples: Vec<f32>,
    sample_rate: u32,
    controls: &Arc<Controls>,
) -> Result<(cpal::Stream, Arc<AtomicBool>), AudioError> {
    let no_output = |error: cpal::Error| AudioError::NoOutput(error.to_string());
    let device = cpal::default_host()
        .default_output_device()
        .ok_or_else(|| AudioError::NoOutput("no output device".into()))?;
    let supported = device.default_output_config().map_err(no_output)?;
    let config = supported.config();
    controls
        .device_rate
        .store(config.sample_rate, Ordering::Release);
    let samples = Arc::new(resample(&samples, sample_rate, config.sample_rate));
    let finished = Arc::new(AtomicBool::new(false));
    let stream = match supported.sample_format() {
        SampleFormat::F32 => build::<f32>(&device, &config, samples, &finished, controls),
        SampleFormat::I16 => build::<i16>(&device, &config, samples, &finished, controls),
        SampleFormat::I32 => build::<i32>(&device, &config, samples, &finished, controls),
        SampleFormat::U16 => build::<u16>(&device, &config, samples, &finished, controls),
        other => {
            return Err(AudioError::NoOutput(format!(
                "the output device takes {other} samples, which Aira cannot write"
            )));
        }
    }
    .map_err(no_output)?;
    stream.play().map_err(no_output)?;
    Ok((stream, finished))
}

fn build<T>(
    device: &cpal::Device,
    config: &cpal::StreamConfig,
    samples: Arc<Vec<f32>>,
    finished: &Arc<AtomicBool>,
    controls: &Arc<Controls>,
) -> Result<cpal::Stream, cpal::Error>
where
    T: SizedSample + FromSample<f32>,
{
    let channels = usize::from(config.channels.max(1));
    let position = AtomicUsize::new(0);
    let finished = Arc::clone(finished);
    let controls = Arc::clone(controls);
    device.build_output_stream(
        *config,
        move |output: &mut [T], _: &cpal::OutputCallbackInfo| {
            if controls.paused.load(Ordering::Acquire) {
                output.fill(T::from_sample(0.0));
                return;
            }
            let volume = controls.volume();
            let start = position.load(Ordering::Relaxed);
            let frames = output.len() / channels;
            for (frame_index, frame) in output.chunks_exact_mut(channels).enumerate() {
                let sample = samples.get(start + frame_index).copied().unwrap_or(0.0);
                frame.fill(T::from_sample(sample * volume));
            }
            position.store(start + frames, Ordering::Relaxed);
            controls.played_frames.store(
                (start + frames).min(samples.len()) as u64,
                Ordering::Release,
            );
            if start + frames >= samples.len() {
                finished.store(true, Ordering::Release);
            }
        },
        {
            // A device that is gone can report the same error many times a second until
            // the stream is closed: the first one is logged, the rest at debug level.
            let reported = AtomicBool::new(false);
            move |error: cpal::Error| {
                if reported.swap(true, Ordering::Relaxed) {
                    tracing::debug!(%error, "output stream error again");
                } else {
                    tracing::warn!(%error, "output stream error");
                }
            }
        },
        Some(Duration::from_secs(3)),
    )
}
