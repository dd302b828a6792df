//! Interview answers in noisy rooms (a crowd, a fan, a hostel room) at 10 and 5 dB SNR:
//! Aira's decoding (five beams, repetition loops dropped) against plain whisper.cpp
//! (greedy, output as it comes) on the same model and clips. The full table, with the
//! noise suppression and voice-activity gating that were tried and lost, is
//! `cargo run --release -p aira-speech --example noisy_speech`.

use std::collections::BTreeMap;

use aira_core::ports::{Transcriber, TranscriptionOptions};
use aira_speech::{DEFAULT_BEAM_SIZE, DecodingTweaks, WhisperSettings, WhisperTranscriber};
use aira_test_support::noise::{INTERVIEW_ANSWERS, NoisyClip, noisy_clips};
use aira_test_support::{whisper_model, word_error_rate};

fn transcriber(beam_size: u32, tweaks: DecodingTweaks) -> WhisperTranscriber {
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
    .unwrap_or_else(|error| panic!("worker thread: {error}"))
}

/// Edits and reference words per condition; for a noise alone, words invented.
#[derive(Default, Clone, Copy)]
struct Tally {
    edits: f64,
    words: f64,
}

impl Tally {
    fn rate(self) -> f64 {
        self.edits / self.words.max(1.0)
    }
}

async fn measure(whisper: &WhisperTranscriber, clips: &[NoisyClip]) -> BTreeMap<String, Tally> {
    let mut table: BTreeMap<String, Tally> = BTreeMap::new();
    for clip in clips {
        let text = whisper
            .transcribe(clip.samples.clone(), TranscriptionOptions::default())
            .await
            .map(|transcript| transcript.text)
            .unwrap_or_default();
        let words = clip.reference.split_whitespace().count() as f64;
        let edits = if clip.reference.is_empty() {
            text.split_whitespace().count() as f64
        } else {
            word_error_rate(clip.reference, &text) * words
        };
        let mut rows = vec![clip.condition.clone()];
        if clip.snr_db.is_some() {
            rows.push("~ noisy, all".into());
        }
        for row in rows {
            let tally = table.entry(row).or_default();
            tally.edits += edits;
            tally.words += words;
        }
    }
    table
}

#[tokio::test]
async fn aira_decoding_beats_plain_whisper_in_noise_and_keeps_clean_speech() {
    let folder = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let clips = noisy_clips(folder.path(), &INTERVIEW_ANSWERS, &[10.0, 5.0], 1);
    let started = std::time::Instant::now();
    let plain = transcriber(
        1,
        DecodingTweaks {
            keep_repetition_loops: true,
            ..DecodingTweaks::default()
        },
    );
    let plain = measure(&plain, &clips).await;
    let plain_seconds = started.elapsed().as_secs_f64();
    let started = std::time::Instant::now();
    let aira = transcriber(DEFAULT_BEAM_SIZE, DecodingTweaks::default());
    let aira = measure(&aira, &clips).await;
    let aira_seconds = started.elapsed().as_secs_f64();

    println!("{:<16}{:>10}{:>10}", "WER %", "plain", "Aira");
    for (condition, tally) in &plain {
        let ours = aira.get(condition).copied().unwrap_or_default();
        if tally.words == 0.0 {
            println!(
                "{condition:<16}{:>8} w{:>8} w   (words invented)",
                tally.edits, ours.edits
            );
        } else {
            println!(
                "{condition:<16}{:>10.1}{:>10.1}",
                tally.rate() * 100.0,
                ours.rate() * 100.0
            );
        }
    }
    println!("seconds         {plain_seconds:>10.1}{aira_seconds:>10.1}");

    let rate = |table: &BTreeMap<String, Tally>, row: &str| {
        table.get(row).copied().unwrap_or_default().rate()
    };
    let (plain_noisy, aira_noisy) = (rate(&plain, "~ noisy, all"), rate(&aira, "~ noisy, all"));
    assert!(
        aira_noisy < plain_noisy,
        "noisy speech: Aira {aira_noisy:.3} is not below plain whisper {plain_noisy:.3}"
    );
    let (plain_clean, aira_clean) = (rate(&plain, "clean"), rate(&aira, "clean"));
    assert!(
        aira_clean <= plain_clean + 0.02,
        "clean speech got worse: Aira {aira_clean:.3}, plain whisper {plain_clean:.3}"
    );
    let invented = |table: &BTreeMap<String, Tally>| -> f64 {
        table
            .iter()
            .filter(|(_, tally)| tally.words == 0.0)
            .map(|(_, tally)| tally.edits)
            .sum()
    };
    assert!(
        invented(&aira) <= invented(&plain) + 3.0,
        "Aira invented {} words in noise alone, plain whisper {}",
        invented(&aira),
        invented(&plain)
    );
}
