//! Why earshot: Aira's voice activity detector against its peers on interview answers in
//! noisy rooms (a crowd, a fan, a hostel room at 20, 10, 5 and 0 dB SNR):
//! - WebRTC's GMM detector (the `webrtc-vad` crate, the C code browsers ship), modes 0-3;
//! - an energy threshold at 3× the clip's quietest tenth, the usual home-made detector
//!   (given the whole clip in advance, which a live one never has).
//!
//! Truth comes from the clean take of the same answer (espeak-ng leaves digital silence
//! between words and sentences): a 16 ms frame is speech where the clean take is louder
//! than -46 dBFS, and a pause where it is quiet for at least 256 ms (shorter gaps inside
//! speech are not scored). For each detector: the share of speech frames found, the share
//! of pause frames taken for speech (each one holds auto-stop off and glues pieces
//! together), their balance, and the time spent per second of audio.
//!
//!     cargo run --release -p aira-audio --example voice_activity_peers

use std::collections::BTreeMap;
use std::time::Instant;

use aira_audio::VoiceActivityDetector;
use aira_test_support::noise::{INTERVIEW_ANSWERS, noisy_clips};
use webrtc_vad::{SampleRate, Vad, VadMode};

const FRAME: usize = 256; // earshot's 16 ms at 16 kHz: the unit everything is scored in
const WEBRTC_FRAME: usize = 160; // 10 ms, one of the lengths WebRTC accepts
const SHORTEST_PAUSE_FRAMES: usize = 16;

fn frame_rms(frame: &[f32]) -> f32 {
    (frame.iter().map(|sample| sample * sample).sum::<f32>() / frame.len().max(1) as f32).sqrt()
}

/// Per frame: `Some(true)` speech, `Some(false)` a pause of at least 256 ms (where
/// auto-stop counts and pieces are cut), `None` a short gap inside speech, not scored.
fn truth(clean: &[f32]) -> Vec<Option<bool>> {
    let loud: Vec<bool> = clean
        .chunks_exact(FRAME)
        .map(|frame| frame_rms(frame) > 0.005)
        .collect();
    let mut truth = vec![None; loud.len()];
    let mut index = 0;
    while index < loud.len() {
        let run = loud[index..]
            .iter()
            .take_while(|voiced| **voiced == loud[index])
            .count();
        let verdict = loud[index] || run < SHORTEST_PAUSE_FRAMES;
        for slot in &mut truth[index..index + run] {
            *slot = if loud[index] {
                Some(true)
            } else if verdict {
                None
            } else {
                Some(false)
            };
        }
        index += run;
    }
    truth
}

fn webrtc(samples: &[f32], mode: VadMode) -> Vec<bool> {
    let mut vad = Vad::new_with_rate_and_mode(SampleRate::Rate16kHz, mode);
    let pcm: Vec<i16> = samples
        .iter()
        .map(|sample| (sample.clamp(-1.0, 1.0) * 32767.0) as i16)
        .collect();
    let tens: Vec<bool> = pcm
        .chunks_exact(WEBRTC_FRAME)
        .map(|frame| vad.is_voice_segment(frame).unwrap_or(false))
        .collect();
    // Each 16 ms frame takes the verdict of the 10 ms frame holding its middle.
    (0..samples.len() / FRAME)
        .map(|index| {
            let middle = index * FRAME + FRAME / 2;
            tens.get(middle / WEBRTC_FRAME).copied().unwrap_or(false)
        })
        .collect()
}

fn energy(samples: &[f32]) -> Vec<bool> {
    let levels: Vec<f32> = samples.chunks_exact(FRAME).map(frame_rms).collect();
    let mut sorted = levels.clone();
    sorted.sort_by(f32::total_cmp);
    let floor = sorted
        .get(sorted.len() / 10)
        .copied()
        .unwrap_or(0.0)
        .max(1e-4);
    levels.iter().map(|level| *level > floor * 3.0).collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    speech: f64,
    found: f64,
    quiet: f64,
    false_alarms: f64,
    seconds: f64,
    audio_seconds: f64,
}

impl Score {
    fn add(&mut self, truth: &[Option<bool>], verdicts: &[bool], seconds: f64, audio_seconds: f64) {
        for (voiced, verdict) in truth.iter().zip(verdicts) {
            match voiced {
                Some(true) => {
                    self.speech += 1.0;
                    self.found += f64::from(u8::from(*verdict));
                }
                Some(false) => {
                    self.quiet += 1.0;
                    self.false_alarms += f64::from(u8::from(*verdict));
                }
                None => {}
            }
        }
        self.seconds += seconds;
        self.audio_seconds += audio_seconds;
    }
}

type Detector = (&'static str, Box<dyn Fn(&[f32]) -> Vec<bool>>);

fn main() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let clips = noisy_clips(
        folder.path(),
        &INTERVIEW_ANSWERS,
        &[20.0, 10.0, 5.0, 0.0],
        1,
    );
    let clean: BTreeMap<&str, Vec<Option<bool>>> = clips
        .iter()
        .filter(|clip| clip.condition == "clean")
        .map(|clip| (clip.reference, truth(&clip.samples)))
        .collect();
    let detectors: Vec<Detector> = vec![
        ("earshot (Aira)", Box::new(VoiceActivityDetector::frames_of)),
        ("webrtc mode 0", Box::new(|s| webrtc(s, VadMode::Quality))),
        (
            "webrtc mode 1",
            Box::new(|s| webrtc(s, VadMode::LowBitrate)),
        ),
        (
            "webrtc mode 2",
            Box::new(|s| webrtc(s, VadMode::Aggressive)),
        ),
        (
            "webrtc mode 3",
            Box::new(|s| webrtc(s, VadMode::VeryAggressive)),
        ),
        ("energy 3x floor", Box::new(energy)),
    ];

    // Rows: SNR; columns: detectors.
    let mut table: BTreeMap<String, Vec<Score>> = BTreeMap::new();
    for clip in clips.iter().filter(|clip| clip.snr_db.is_some()) {
        let Some(truth) = clean.get(clip.reference) else {
            continue;
        };
        let row_names = [
            format!("{:>4.0} dB", clip.snr_db.unwrap_or_default()),
            clip.noise.map_or("", |kind| kind.name()).to_string(),
            "~all noisy".to_string(),
        ];
        let audio_seconds = clip.samples.len() as f64 / 16_000.0;
        for (column, (_, detect)) in detectors.iter().enumerate() {
            let started = Instant::now();
            let verdicts = detect(&clip.samples);
            let seconds = started.elapsed().as_secs_f64();
            for row in &row_names {
                let scores = table
                    .entry(row.clone())
                    .or_insert_with(|| vec![Score::default(); detectors.len()]);
                scores[column].add(truth, &verdicts, seconds, audio_seconds);
            }
        }
    }

    println!("speech found / pauses taken for speech / balanced accuracy, in %");
    print!("{:<10}", "noise");
    for (name, _) in &detectors {
        print!("{name:>22}");
    }
    println!();
    for (row, scores) in &table {
        print!("{row:<10}");
        for score in scores {
            let found = score.found / score.speech.max(1.0);
            let alarms = score.false_alarms / score.quiet.max(1.0);
            let balanced = (found + 1.0 - alarms) / 2.0;
            print!(
                "{:>22}",
                format!(
                    "{:.1} / {:.1} / {:.1}",
                    found * 100.0,
                    alarms * 100.0,
                    balanced * 100.0
                )
            );
        }
        println!();
    }
    if let Some(scores) = table.get("~all noisy") {
        print!("{:<10}", "RTF");
        for score in scores {
            print!("{:>22.5}", score.seconds / score.audio_seconds.max(1e-9));
        }
        println!();
    }
}
