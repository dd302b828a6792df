//! How long the two local voices take to say the same interview exchange: Piper (neural,
//! ONNX Runtime) against espeak-ng (formant synthesis, the voice Aira had before).
//!
//! ```sh
//! eval "$(scripts/fetch-test-models.sh)"
//! export AIRA_TEST_PIPER_VOICE AIRA_ONNXRUNTIME_LIB
//! cargo run -p aira-voice --example local_voices
//! ```
//!
//! The dev profile is enough: the work happens in ONNX Runtime and espeak-ng, both built
//! optimized already. Piper's first utterance is timed apart: ONNX Runtime prepares its
//! kernels then.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use aira_voice::PiperVoice;

const SENTENCES: [&str; 4] = [
    "Tell me about a project that made you proud.",
    "In my last internship, I built a small web service that stored orders in a database.",
    "When two teammates disagreed about the design, I set up a short meeting.",
    "We listened to both ideas and agreed on a plan.",
];

/// Each voice speaks the whole text this many times; the best run counts, as the machine
/// may be busy with other work.
const RUNS: usize = 3;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let text = SENTENCES.join(" ");
    let model = PathBuf::from(
        std::env::var_os("AIRA_TEST_PIPER_VOICE")
            .ok_or("set AIRA_TEST_PIPER_VOICE to a Piper .onnx voice")?,
    );
    let runtime =
        aira_voice::onnxruntime_library().ok_or("set AIRA_ONNXRUNTIME_LIB to libonnxruntime.so")?;

    let started = Instant::now();
    let piper = PiperVoice::load(&model, &runtime)?;
    println!("Piper loaded in {:.2} s", started.elapsed().as_secs_f64());
    let started = Instant::now();
    piper.synthesize(SENTENCES[0], 1.0)?;
    println!(
        "Piper's first sentence (warm-up) took {:.2} s",
        started.elapsed().as_secs_f64()
    );

    let (mut piper_seconds, mut piper_audio) = (f64::INFINITY, 0.0);
    for _ in 0..RUNS {
        let started = Instant::now();
        let samples = piper.synthesize(&text, 1.0)?;
        piper_seconds = piper_seconds.min(started.elapsed().as_secs_f64());
        piper_audio = samples.len() as f64 / f64::from(piper.sample_rate());
    }

    let folder = tempfile::tempdir()?;
    let wav = folder.path().join("espeak.wav");
    let (mut espeak_seconds, mut espeak_audio) = (f64::INFINITY, 0.0);
    for _ in 0..RUNS {
        let started = Instant::now();
        let status = Command::new("espeak-ng")
            .args(["-v", "en-us", "-s", "165", "-w"])
            .arg(&wav)
            .arg("--")
            .arg(&text)
            .status()?;
        espeak_seconds = espeak_seconds.min(started.elapsed().as_secs_f64());
        if !status.success() {
            return Err(format!("espeak-ng failed: {status}").into());
        }
        let (samples, sample_rate) = aira_audio::read_wav(&wav)?;
        espeak_audio = samples.len() as f64 / f64::from(sample_rate);
    }

    println!(
        "{:<10} {:>10} {:>10} {:>8}",
        "voice", "audio s", "synth s", "RTF"
    );
    for (name, audio, spent) in [
        ("Piper", piper_audio, piper_seconds),
        ("espeak-ng", espeak_audio, espeak_seconds),
    ] {
        println!(
            "{name:<10} {audio:>10.2} {spent:>10.3} {:>8.4}",
            spent / audio
        );
    }
    println!(
        "Piper takes {:.1} times espeak-ng's time per second of speech",
        (piper_seconds / piper_audio) / (espeak_seconds / espeak_audio)
    );
    Ok(())
}
