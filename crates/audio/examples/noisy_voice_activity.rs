//! How voice activity detection fares in noisy rooms, with and without noise suppression
//! ahead of it: the share of noise-only frames taken for speech (which keeps auto-stop
//! from ever firing and glues answers together), and of speech frames still found.
//!
//! cargo run --release -p aira-audio --example noisy_voice_activity

use aira_audio::{VoiceActivityDetector, denoise};
use aira_test_support::noise::{INTERVIEW_ANSWERS, NoiseKind, SPEECH_RMS, noisy_clips};

const RATE: usize = 16_000;

fn share(verdicts: &[bool]) -> f64 {
    verdicts.iter().filter(|&&voiced| voiced).count() as f64 / verdicts.len().max(1) as f64
}

fn main() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let snrs = [20.0, 10.0, 5.0, 0.0];
    println!("noise alone: share of frames taken for speech (raw → denoised)");
    for kind in NoiseKind::ALL {
        let noise = kind.generate(20.0, folder.path());
        let level = aira_test_support::noise::rms(&noise);
        for snr in snrs {
            let gain = SPEECH_RMS / 10.0_f32.powf(snr / 20.0) / level;
            let scaled: Vec<f32> = noise.iter().map(|sample| sample * gain).collect();
            let raw = VoiceActivityDetector::frames_of(&scaled);
            let clean = VoiceActivityDetector::frames_of(&denoise(&scaled, RATE as u32));
            println!(
                "  {:>7} at the level of {snr:>4} dB SNR: {:>5.1} % → {:>5.1} %",
                kind.name(),
                share(&raw) * 100.0,
                share(&clean) * 100.0
            );
        }
    }
    println!("answers: agreement with the clean answer's frames (raw → denoised)");
    let clips = noisy_clips(folder.path(), &INTERVIEW_ANSWERS, &snrs, 1);
    let clean: Vec<Vec<bool>> = clips
        .iter()
        .filter(|clip| clip.condition == "clean")
        .map(|clip| VoiceActivityDetector::frames_of(&clip.samples))
        .collect();
    let mut rows: std::collections::BTreeMap<String, [(f64, f64); 2]> = Default::default();
    for clip in clips.iter().filter(|clip| clip.snr_db.is_some()) {
        let index = INTERVIEW_ANSWERS
            .iter()
            .position(|answer| *answer == clip.reference)
            .unwrap_or(0);
        let truth = &clean[index];
        let row = rows.entry(clip.condition.clone()).or_default();
        for (slot, samples) in [clip.samples.clone(), denoise(&clip.samples, RATE as u32)]
            .iter()
            .enumerate()
        {
            let verdicts = VoiceActivityDetector::frames_of(samples);
            let pairs = truth.iter().zip(&verdicts);
            let speech = truth.iter().filter(|&&voiced| voiced).count() as f64;
            let quiet = truth.len() as f64 - speech;
            let found = pairs.clone().filter(|(t, v)| **t && **v).count() as f64;
            let false_alarms = pairs.filter(|(t, v)| !**t && **v).count() as f64;
            row[slot].0 += found / speech / 5.0;
            row[slot].1 += false_alarms / quiet / 5.0;
        }
    }
    for (condition, [raw, denoised]) in rows {
        println!(
            "  {condition:>14}: speech found {:>5.1} % → {:>5.1} %, quiet taken for speech {:>5.1} % → {:>5.1} %",
            raw.0 * 100.0,
            denoised.0 * 100.0,
            raw.1 * 100.0,
            denoised.1 * 100.0
        );
    }
}
