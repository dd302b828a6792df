//! Word error rate of Whisper on interview answers in noisy rooms, for every way of
//! preparing the audio that was tried: the full table behind `tests/noisy_speech.rs`.
//!
//! cargo run --release -p aira-speech --example noisy_speech -- [--snr 10,5,0] [--methods plain,rnnoise] [--takes N] [--rate 48000] [--save DIR] [--verbose]
//!
//! With `--rate 48000` the clips are made and mixed at 48 kHz, as a microphone hears
//! them, and converted to 16 kHz like the capture path does; `native-rnnoise` then
//! denoises before that conversion.
//!
//! A method is a way of preparing the audio, optionally followed by `@` and decoding
//! changes joined with `+`: `plain@nofallback`, `rnnoise@nst+beam5`. Without
//! changes decoding is plain whisper.cpp's (greedy, output as it comes); Aira ships
//! `plain@beam5+guard` (five beams, repetition loops dropped).
//!
//! Uses the test model (`AIRA_WHISPER_MODEL`, default ../shared/models/ggml-tiny.en.bin),
//! one thread, greedy decoding and a fitted audio context, as Aira transcribes.

use std::collections::BTreeMap;
use std::time::Instant;

use aira_audio::{VoiceActivityDetector, denoise, resample, speech_regions};
use aira_core::ports::{Transcriber, TranscriptionOptions};
use aira_speech::{DecodingTweaks, WhisperSettings, WhisperTranscriber};
use aira_test_support::noise::{INTERVIEW_ANSWERS, noisy_clips_at, write_wav};
use aira_test_support::{whisper_model, word_error_rate};

const RATE: usize = 16_000;
const ALL_METHODS: [&str; 9] = [
    "plain",
    "rnnoise",
    "rnnoise-wet70",
    "vad-trim",
    "vad-gate",
    "rnnoise+vad-trim",
    "rnnoise+vad-gate",
    "rnnoise-vad>trim-orig",
    "rnnoise-vad>gate-orig",
];

/// Speech regions by the VAD, widened by 0.2 s on each side; None when it hears nothing.
fn regions(samples: &[f32]) -> Option<Vec<(usize, usize)>> {
    let verdicts = VoiceActivityDetector::frames_of(samples);
    let margin = RATE / 5;
    let regions: Vec<_> = speech_regions(&verdicts, 3, 500 / 16)
        .into_iter()
        .map(|(start, end)| {
            (
                start.saturating_sub(margin),
                (end + margin).min(samples.len()),
            )
        })
        .collect();
    (!regions.is_empty()).then_some(regions)
}

fn trim(samples: &[f32], regions: Option<Vec<(usize, usize)>>) -> Vec<f32> {
    match regions {
        Some(regions) => {
            let start = regions.first().map_or(0, |region| region.0);
            let end = regions.last().map_or(samples.len(), |region| region.1);
            samples[start..end].to_vec()
        }
        None => samples.to_vec(),
    }
}

fn gate(samples: &[f32], regions: Option<Vec<(usize, usize)>>) -> Vec<f32> {
    match regions {
        Some(regions) => {
            let mut gated = vec![0.0; samples.len()];
            for (start, end) in regions {
                gated[start..end].copy_from_slice(&samples[start..end]);
            }
            gated
        }
        None => samples.to_vec(),
    }
}

/// Beam width and decoding changes for `changes`; none is plain whisper.cpp (greedy, and
/// repetition loops kept); `beam5+guard` is what Aira ships.
fn tweaks(changes: &str) -> (u32, DecodingTweaks) {
    let mut beam_size = 1;
    let mut tweaks = DecodingTweaks {
        keep_repetition_loops: true,
        ..DecodingTweaks::default()
    };
    for change in changes.split('+').filter(|change| !change.is_empty()) {
        match change {
            "nofallback" => tweaks.temperature_inc = Some(0.0),
            "nst" => tweaks.suppress_nst = true,
            "beam5" => beam_size = 5,
            "guard" => tweaks.keep_repetition_loops = false,
            "nospeech0.4" => tweaks.no_speech_thold = Some(0.4),
            "entropy2.8" => tweaks.entropy_thold = Some(2.8),
            "keepall" => tweaks.drop_no_speech_above = Some(1.01),
            "nospeech0.8" => tweaks.drop_no_speech_above = Some(0.8),
            "cpprule" => tweaks.drop_only_below_logprob = Some(-1.0),
            "cppkeep" => tweaks.no_speech_thold = Some(1.01),
            other => panic!("unknown decoding change {other}"),
        }
    }
    (beam_size, tweaks)
}

/// A second-order Butterworth high-pass at `cutoff` Hz (16 kHz audio).
fn high_pass(samples: &[f32], cutoff: f32) -> Vec<f32> {
    let omega = 2.0 * std::f32::consts::PI * cutoff / RATE as f32;
    let alpha = omega.sin() / std::f32::consts::SQRT_2;
    let cos = omega.cos();
    let a0 = 1.0 + alpha;
    let (b0, b1, b2) = (
        (1.0 + cos) / 2.0 / a0,
        -(1.0 + cos) / a0,
        (1.0 + cos) / 2.0 / a0,
    );
    let (a1, a2) = (-2.0 * cos / a0, (1.0 - alpha) / a0);
    let (mut x1, mut x2, mut y1, mut y2) = (0.0, 0.0, 0.0, 0.0);
    samples
        .iter()
        .map(|&x| {
            let y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            (x2, x1, y2, y1) = (x1, x, y1, y);
            y
        })
        .collect()
}

/// Audio at `rate` made ready for Whisper (16 kHz) by `method`.
fn prepare(method: &str, samples: &[f32], rate: u32) -> Vec<f32> {
    let to_speech_rate = |samples: &[f32]| resample(samples, rate, RATE as u32);
    // RNNoise at the clip's own rate, as in a 48 kHz capture path, before conversion.
    if let Some(rest) = method.strip_prefix("native-rnnoise") {
        let denoised = to_speech_rate(&denoise(samples, rate));
        return match rest {
            "" => denoised,
            "-wet50" => denoised
                .iter()
                .zip(to_speech_rate(samples))
                .map(|(wet, dry)| 0.5 * wet + 0.5 * dry)
                .collect(),
            other => panic!("unknown native-rnnoise variant {other}"),
        };
    }
    prepare_16k(method, &to_speech_rate(samples))
}

fn prepare_16k(method: &str, samples: &[f32]) -> Vec<f32> {
    let denoised = || denoise(samples, RATE as u32);
    match method {
        "highpass100" => high_pass(samples, 100.0),
        "highpass200" => high_pass(samples, 200.0),
        "plain" => samples.to_vec(),
        "rnnoise" => denoised(),
        wet if wet.starts_with("rnnoise-wet") => {
            let share = wet["rnnoise-wet".len()..]
                .parse::<f32>()
                .unwrap_or_else(|error| panic!("{wet}: {error}"))
                / 100.0;
            denoised()
                .iter()
                .zip(samples)
                .map(|(wet, dry)| share * wet + (1.0 - share) * dry)
                .collect()
        }
        "vad-trim" => trim(samples, regions(samples)),
        "vad-gate" => gate(samples, regions(samples)),
        "rnnoise+vad-trim" => {
            let clean = denoised();
            trim(&clean, regions(&clean))
        }
        "rnnoise+vad-gate" => {
            let clean = denoised();
            gate(&clean, regions(&clean))
        }
        "rnnoise-vad>trim-orig" => trim(samples, regions(&denoised())),
        "rnnoise-vad>gate-orig" => gate(samples, regions(&denoised())),
        other => panic!("unknown method {other}; known: {ALL_METHODS:?}"),
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    edits: f64,
    words: f64,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.edits += other.edits;
        self.words += other.words;
    }
    fn rate(self) -> f64 {
        self.edits / self.words.max(1.0) * 100.0
    }
}

fn argument(name: &str) -> Option<String> {
    let arguments: Vec<String> = std::env::args().collect();
    arguments
        .iter()
        .position(|argument| argument == name)
        .and_then(|index| arguments.get(index + 1).cloned())
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let snrs: Vec<f32> = argument("--snr")
        .unwrap_or_else(|| "10,5,0".into())
        .split(',')
        .map(|snr| snr.parse().unwrap_or_else(|error| panic!("{snr}: {error}")))
        .collect();
    let methods: Vec<String> = argument("--methods")
        .map(|list| list.split(',').map(str::to_owned).collect())
        .unwrap_or_else(|| {
            ALL_METHODS
                .iter()
                .map(|method| method.to_string())
                .collect()
        });
    // A misspelt method fails now, not after an hour.
    for method in &methods {
        let (preparation, changes) = method.split_once('@').unwrap_or((method, ""));
        prepare(preparation, &[0.0; 1_000], 16_000);
        tweaks(changes);
    }
    let verbose = std::env::args().any(|argument| argument == "--verbose");
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let takes = argument("--takes").map_or(1, |takes| {
        takes
            .parse()
            .unwrap_or_else(|error| panic!("{takes}: {error}"))
    });
    let rate: u32 = argument("--rate").map_or(16_000, |rate| {
        rate.parse()
            .unwrap_or_else(|error| panic!("{rate}: {error}"))
    });
    let clips = noisy_clips_at(
        folder.path(),
        &INTERVIEW_ANSWERS,
        &snrs,
        takes,
        rate as usize,
    );
    if let Some(save) = argument("--save") {
        std::fs::create_dir_all(&save).unwrap_or_else(|error| panic!("{error}"));
        for (index, clip) in clips.iter().enumerate() {
            let name = clip.condition.replace(' ', "_");
            let path = std::path::Path::new(&save).join(format!("{name}-{index}.wav"));
            write_wav(&path, &clip.samples, rate as usize);
        }
    }
    let mut transcribers: BTreeMap<String, WhisperTranscriber> = BTreeMap::new();

    // condition -> method -> tally
    let mut table: BTreeMap<String, BTreeMap<String, Tally>> = BTreeMap::new();
    let mut seconds: BTreeMap<String, (f64, f64)> = BTreeMap::new();
    let audio_seconds: f64 = clips
        .iter()
        .map(|clip| clip.samples.len() as f64 / f64::from(rate))
        .sum();
    for method in &methods {
        let (preparation, changes) = method.split_once('@').unwrap_or((method, ""));
        let whisper = transcribers.entry(changes.to_owned()).or_insert_with(|| {
            let (beam_size, tweaks) = tweaks(changes);
            WhisperTranscriber::spawn_tweaked(
                WhisperSettings {
                    model_path: whisper_model(),
                    threads: 1,
                    language: "en".into(),
                    fit_audio_context: true,
                    beam_size,
                },
                tweaks,
            )
            .unwrap_or_else(|error| panic!("{error}"))
        });
        for clip in &clips {
            let started = Instant::now();
            let samples = prepare(preparation, &clip.samples, rate);
            let preparing = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let text = match whisper
                .transcribe(samples, TranscriptionOptions::default())
                .await
            {
                Ok(transcript) => transcript.text,
                Err(error) => format!("<{error}>"),
            };
            let transcribing = started.elapsed().as_secs_f64();
            let spent = seconds.entry(method.clone()).or_default();
            spent.0 += preparing;
            spent.1 += transcribing;
            let words = clip.reference.split_whitespace().count() as f64;
            let rate = if clip.reference.is_empty() {
                // Noise alone: every word is invented; counted, not rated.
                if text.starts_with('<') {
                    0.0
                } else {
                    text.split_whitespace().count() as f64
                }
            } else {
                word_error_rate(clip.reference, &text)
            };
            if verbose {
                println!(
                    "{method:>22} {:>14} {:>6.1} % {text}",
                    clip.condition,
                    rate * 100.0
                );
            }
            let tally = Tally {
                edits: if clip.reference.is_empty() {
                    rate
                } else {
                    rate * words
                },
                words,
            };
            let row = table.entry(clip.condition.clone()).or_default();
            row.entry(method.clone()).or_default().add(tally);
            if clip.snr_db.is_some() {
                let kind = clip.noise.map_or("", |kind| kind.name());
                for total in [
                    "~ noisy, all".to_string(),
                    format!("~ noisy, {kind}"),
                    format!("~ SNR {:>2} dB", clip.snr_db.unwrap_or_default()),
                ] {
                    table
                        .entry(total)
                        .or_default()
                        .entry(method.clone())
                        .or_default()
                        .add(tally);
                }
            }
        }
        eprintln!("{method} done");
    }

    print!("{:<18}", "WER %");
    for method in &methods {
        print!("{method:>23}");
    }
    println!();
    for (condition, row) in &table {
        print!("{condition:<18}");
        for method in &methods {
            let tally = row.get(method).copied().unwrap_or_default();
            if tally.words == 0.0 {
                // Noise alone: words invented.
                print!("{:>21.0} w", tally.edits);
            } else {
                print!("{:>23.1}", tally.rate());
            }
        }
        println!();
    }
    print!("{:<18}", "prepare RTF");
    for method in &methods {
        print!("{:>23.4}", seconds[method].0 / audio_seconds);
    }
    println!();
    print!("{:<18}", "whisper RTF");
    for method in &methods {
        print!("{:>23.3}", seconds[method].1 / audio_seconds);
    }
    println!();
}
