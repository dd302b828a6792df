//! Noisy-room test audio: deterministic noises at 16 kHz and mixing at a measured
//! signal-to-noise ratio. Every noise comes from a fixed seed or fixed sentences, so a
//! clip is the same on every run and machine (given the same espeak-ng and sox).

use std::f32::consts::PI;
use std::path::Path;

use crate::{run, speak_to_wav_at};

const RATE: usize = 16_000;

/// The kinds of noise Aira's users practise in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoiseKind {
    /// A crowd: six other voices talking at once, in a reverberant room.
    Babble,
    /// A fan or air conditioner: brown and pink noise with mains hum.
    Fan,
    /// A hostel room: a few voices further away, a fan, and clatter (doors, dishes, steps).
    Hostel,
}

impl NoiseKind {
    pub const ALL: [Self; 3] = [Self::Babble, Self::Fan, Self::Hostel];

    pub fn name(self) -> &'static str {
        match self {
            Self::Babble => "babble",
            Self::Fan => "fan",
            Self::Hostel => "hostel",
        }
    }

    /// `seconds` of this noise at 16 kHz, built in `folder` (espeak-ng and sox write there).
    pub fn generate(self, seconds: f32, folder: &Path) -> Vec<f32> {
        self.generate_at(seconds, folder, RATE)
    }

    /// [`NoiseKind::generate`] at another sample rate (a microphone's 48 kHz).
    pub fn generate_at(self, seconds: f32, folder: &Path, rate: usize) -> Vec<f32> {
        let length = (seconds * rate as f32) as usize;
        match self {
            Self::Babble => babble(length, &BABBLE_VOICES, folder, "babble", rate),
            Self::Fan => fan(length, 11, rate),
            Self::Hostel => {
                let voices = babble(length, &BABBLE_VOICES[..3], folder, "hostel", rate);
                let fan = fan(length, 23, rate);
                let clatter = clatter(length, 37, rate);
                // Voices loudest, the fan under them, clatter in bursts above both.
                mix_weighted(&[(&voices, 1.0), (&fan, 0.5), (&clatter, 0.8)])
            }
        }
    }
}

/// Voices of the crowd: espeak-ng accents and variants, so no two sound alike.
const BABBLE_VOICES: [&str; 6] = [
    "en-gb+f2",
    "en-us+m3",
    "en-gb-scotland+f4",
    "en-029+m5",
    "en-us+f3",
    "en-gb-x-rp+m2",
];

/// What the crowd talks about: everyday chat, nothing from the interview answers.
const BABBLE_SENTENCES: [&str; 8] = [
    "Did anyone see where I left the charger? It was on the table next to the window a minute ago.",
    "The bus to the station leaves at half past seven, so we should get breakfast early tomorrow.",
    "My sister called and said the weather back home has been terrible all week.",
    "Can you turn the music down a little? I am trying to finish this episode before dinner.",
    "We walked along the river for hours and then found a tiny restaurant that served amazing noodles.",
    "Somebody keeps taking my milk from the fridge, and I am going to write my name on it.",
    "The football match went into extra time and everyone in the kitchen was shouting at the screen.",
    "I need to wash my clothes tonight because I have nothing clean left for the trip.",
];

/// A deterministic random source (xorshift64*).
pub struct Noise(u64);

impl Noise {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40) as f32 / (1u64 << 24) as f32
    }

    /// Roughly normal, mean 0 and deviation 1 (sum of uniforms).
    pub fn gaussian(&mut self) -> f32 {
        (0..12).map(|_| self.uniform()).sum::<f32>() - 6.0
    }
}

/// Root mean square.
pub fn rms(samples: &[f32]) -> f32 {
    if samples.is_empty() {
        return 0.0;
    }
    (samples.iter().map(|s| f64::from(s * s)).sum::<f64>() / samples.len() as f64).sqrt() as f32
}

fn normalized(mut samples: Vec<f32>) -> Vec<f32> {
    let level = rms(&samples);
    if level > 0.0 {
        samples.iter_mut().for_each(|sample| *sample /= level);
    }
    samples
}

/// Sums signals, each first brought to unit RMS and then weighted.
fn mix_weighted(parts: &[(&[f32], f32)]) -> Vec<f32> {
    let length = parts.iter().map(|(part, _)| part.len()).max().unwrap_or(0);
    let mut sum = vec![0.0; length];
    for (part, weight) in parts {
        let level = rms(part).max(f32::MIN_POSITIVE);
        for (total, sample) in sum.iter_mut().zip(part.iter()) {
            *total += sample / level * weight;
        }
    }
    sum
}

/// Pink noise (equal energy per octave, Paul Kellet's filter): the hiss of air moving.
// The coefficients are kept exactly as Kellet published them.
#[allow(clippy::excessive_precision)]
pub fn pink(length: usize, seed: u64) -> Vec<f32> {
    let mut noise = Noise::new(seed);
    let mut b = [0.0_f32; 7];
    let samples = (0..length)
        .map(|_| {
            let white = noise.gaussian();
            b[0] = 0.99886 * b[0] + white * 0.0555179;
            b[1] = 0.99332 * b[1] + white * 0.0750759;
            b[2] = 0.96900 * b[2] + white * 0.1538520;
            b[3] = 0.86650 * b[3] + white * 0.3104856;
            b[4] = 0.55000 * b[4] + white * 0.5329522;
            b[5] = -0.7616 * b[5] - white * 0.0168980;
            let pink = b.iter().sum::<f32>() + white * 0.5362;
            b[6] = white * 0.115926;
            pink
        })
        .collect();
    normalized(samples)
}

/// Brown noise (falling 6 dB per octave): the rumble of a fan or traffic.
pub fn brown(length: usize, seed: u64, rate: usize) -> Vec<f32> {
    let mut noise = Noise::new(seed);
    let mut level = 0.0_f32;
    let samples = (0..length)
        .map(|_| {
            // A leaky integrator, so it never drifts away.
            level = 0.995 * level + 0.1 * noise.gaussian();
            level
        })
        .collect::<Vec<_>>();
    // Take out what is left below 40 Hz (a first-order high-pass).
    let mut previous_in = 0.0;
    let mut previous_out = 0.0;
    let pole = (-2.0 * PI * 40.0 / rate as f32).exp();
    let filtered = samples
        .into_iter()
        .map(|sample| {
            previous_out = pole * (previous_out + sample - previous_in);
            previous_in = sample;
            previous_out
        })
        .collect();
    normalized(filtered)
}

/// A fan: brown rumble, pink hiss, blade whine at 120 Hz and mains hum at 50 Hz with its
/// harmonics, the whole slowly wobbling as a fan does.
pub fn fan(length: usize, seed: u64, rate: usize) -> Vec<f32> {
    let rumble = brown(length, seed, rate);
    let hiss = pink(length, seed + 1);
    let hum: Vec<f32> = (0..length)
        .map(|index| {
            let time = index as f32 / rate as f32;
            let mains = [(50.0, 1.0), (100.0, 0.6), (150.0, 0.4), (250.0, 0.2)]
                .iter()
                .map(|(frequency, amplitude)| amplitude * (2.0 * PI * frequency * time).sin())
                .sum::<f32>();
            let blades = 0.5 * (2.0 * PI * 120.0 * time).sin();
            (mains + blades) * (1.0 + 0.2 * (2.0 * PI * 0.7 * time).sin())
        })
        .collect();
    mix_weighted(&[(&rumble, 1.0), (&hiss, 0.6), (&hum, 0.35)])
}

/// Clatter: bursts of decaying noise and ringing (a door, a dropped spoon, footsteps) at
/// random moments, silence between.
pub fn clatter(length: usize, seed: u64, rate: usize) -> Vec<f32> {
    let mut noise = Noise::new(seed);
    let mut samples = vec![0.0_f32; length];
    let mut at = (noise.uniform() * rate as f32) as usize;
    while at < length {
        let amplitude = 0.3 + noise.uniform();
        let decay_seconds = 0.02 + 0.1 * noise.uniform();
        let ring = 1_500.0 + 3_000.0 * noise.uniform();
        let ringing = noise.uniform() < 0.4;
        let duration = (decay_seconds * 5.0 * rate as f32) as usize;
        let mut smooth = 0.0;
        for offset in 0..duration.min(length - at) {
            let time = offset as f32 / rate as f32;
            let envelope = amplitude * (-time / decay_seconds).exp();
            // Low-passed noise for thuds; a decaying tone for metal and glass.
            smooth = 0.7 * smooth + 0.3 * noise.gaussian();
            let sound = if ringing {
                (2.0 * PI * ring * time).sin() + 0.3 * smooth
            } else {
                smooth
            };
            samples[at + offset] += envelope * sound;
        }
        at += ((0.4 + 1.6 * noise.uniform()) * rate as f32) as usize;
    }
    normalized(samples)
}

/// A crowd of `voices`, each reading the babble sentences from a different start, at
/// equal levels, in a room (sox reverb), `length` samples long.
fn babble(length: usize, voices: &[&str], folder: &Path, name: &str, rate: usize) -> Vec<f32> {
    let mut crowd = vec![0.0_f32; length];
    for (index, voice) in voices.iter().enumerate() {
        let mut talk = Vec::new();
        let mut sentence = index * 3;
        // Each voice talks on, with short breaths between sentences.
        while talk.len() < length {
            let path = folder.join(format!("{name}-{index}-{}.wav", talk.len()));
            speak_to_wav_at(
                voice,
                BABBLE_SENTENCES[sentence % BABBLE_SENTENCES.len()],
                &path,
                rate as u32,
            );
            talk.extend(read_wav(&path, rate));
            talk.extend(std::iter::repeat_n(0.0, rate / 5 + index * rate / 40));
            sentence += 1;
        }
        let level = rms(&talk[..length]).max(f32::MIN_POSITIVE);
        for (total, sample) in crowd.iter_mut().zip(&talk) {
            *total += sample / level;
        }
    }
    let dry = folder.join(format!("{name}-dry.wav"));
    let wet = folder.join(format!("{name}-room.wav"));
    let peak = crowd.iter().fold(0.0_f32, |peak, s| peak.max(s.abs()));
    write_wav(
        &dry,
        &crowd.iter().map(|s| s / peak * 0.5).collect::<Vec<_>>(),
        rate,
    );
    // A medium room: the voices blur into each other as they do in a common room.
    run(std::process::Command::new("sox")
        .arg(&dry)
        .arg(&wet)
        .args(["reverb", "60", "50", "80", "trim", "0"])
        .arg(format!("{}s", length)));
    normalized(read_wav(&wet, rate))
}

/// Speech mixed with noise at `snr_db` decibels: the noise is scaled so that its RMS is
/// the speech's RMS less `snr_db`. The speech is measured where it is (not over the
/// padding), and the clip gets `padding` samples of noise alone before and after it, as
/// a recording in a noisy room has. The speech is set to `speech_rms` (a typical
/// microphone level), and the noise is taken from `noise` starting at `offset`.
pub fn mix_at_snr(
    speech: &[f32],
    noise: &[f32],
    offset: usize,
    snr_db: f32,
    padding: usize,
    speech_rms: f32,
) -> Vec<f32> {
    let length = speech.len() + 2 * padding;
    let noise: Vec<f32> = noise
        .iter()
        .cycle()
        .skip(offset)
        .take(length)
        .copied()
        .collect();
    let speech_gain = speech_rms / rms(speech).max(f32::MIN_POSITIVE);
    let noise_level = rms(&noise);
    let noise_gain = if noise_level > 0.0 {
        speech_rms / 10.0_f32.powf(snr_db / 20.0) / noise_level
    } else {
        0.0
    };
    let mut mixed: Vec<f32> = noise.iter().map(|sample| sample * noise_gain).collect();
    for (total, sample) in mixed[padding..].iter_mut().zip(speech) {
        *total += sample * speech_gain;
    }
    // Never clip: a quieter whole keeps the ratio.
    let peak = mixed.iter().fold(0.0_f32, |peak, s| peak.max(s.abs()));
    if peak > 0.99 {
        mixed.iter_mut().for_each(|sample| *sample *= 0.99 / peak);
    }
    mixed
}

/// The speech-to-noise ratio of a mix, in dB, from its parts (for checking [`mix_at_snr`]).
pub fn snr_db(speech: &[f32], noise: &[f32]) -> f32 {
    20.0 * (rms(speech) / rms(noise).max(f32::MIN_POSITIVE)).log10()
}

/// Reads a 16 kHz mono 16-bit WAV (as espeak-ng and sox write them here).
pub fn read_wav_16k(path: &Path) -> Vec<f32> {
    read_wav(path, RATE)
}

/// Reads a mono 16-bit WAV at `rate`.
pub fn read_wav(path: &Path, rate: usize) -> Vec<f32> {
    let mut reader = hound::WavReader::open(path)
        .unwrap_or_else(|error| panic!("could not read {}: {error}", path.display()));
    let spec = reader.spec();
    assert!(
        spec.sample_rate == rate as u32 && spec.channels == 1 && spec.bits_per_sample == 16,
        "{} is not {rate} Hz mono 16-bit: {spec:?}",
        path.display()
    );
    reader
        .samples::<i16>()
        .map(|sample| f32::from(sample.unwrap_or(0)) / 32_768.0)
        .collect()
}

/// Writes 16 kHz mono 16-bit.
pub fn write_wav_16k(path: &Path, samples: &[f32]) {
    write_wav(path, samples, RATE);
}

/// Writes mono 16-bit at `rate`.
pub fn write_wav(path: &Path, samples: &[f32], rate: usize) {
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate: rate as u32,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let written = hound::WavWriter::create(path, spec).and_then(|mut writer| {
        for sample in samples {
            writer.write_sample((sample.clamp(-1.0, 1.0) * 32_767.0) as i16)?;
        }
        writer.finalize()
    });
    if let Err(error) = written {
        panic!("could not write {}: {error}", path.display());
    }
}

/// Interview-style answers (the same as the clean transcription test's).
pub const INTERVIEW_ANSWERS: [&str; 5] = [
    "In my last internship I built a small web service in Python. \
     It stored orders in a database and answered requests in under a second.",
    "My greatest strength is that I stay calm under pressure. \
     During our final year project I planned the work and we finished on time.",
    "A process has its own memory, while threads share the memory of the process they belong to.",
    "When two teammates disagreed about the design, I set up a short meeting. \
     We listened to both ideas and agreed on a plan that the whole team could support.",
    "I want to join your company because I enjoy building products for students, \
     and I would like to learn from experienced engineers.",
];

/// Seconds of room sound before and after each answer: people start speaking a moment
/// after they press record, and stop it a moment after they finish.
pub const PADDING_SECONDS: f32 = 1.0;
/// Speech level in the clips: about -26 dBFS, a typical laptop microphone.
pub const SPEECH_RMS: f32 = 0.05;

/// Seconds of each noise alone, for counting words Whisper invents.
pub const NOISE_ALONE_SECONDS: usize = 6;

/// One test clip: an answer in a condition, or a noise alone (`reference` empty).
pub struct NoisyClip {
    /// "clean", the noise and its SNR ("babble 5 dB"), or a noise alone ("fan alone").
    pub condition: String,
    pub noise: Option<NoiseKind>,
    pub snr_db: Option<f32>,
    pub reference: &'static str,
    /// 16 kHz mono.
    pub samples: Vec<f32>,
}

/// Speech levels of the clean takes: typical, a quiet speaker far from the microphone,
/// and a loud one close to it.
const CLEAN_LEVELS: [f32; 3] = [SPEECH_RMS, SPEECH_RMS * 0.3, SPEECH_RMS * 3.0];

/// The answers, clean (with silence around them) and in every noise at every SNR, built
/// in `folder`. Each answer gets a different stretch of each noise; `takes` repeats every
/// condition with other stretches of noise (and the clean answers at other levels, up to
/// three), for steadier figures.
pub fn noisy_clips(
    folder: &Path,
    answers: &[&'static str],
    snrs: &[f32],
    takes: usize,
) -> Vec<NoisyClip> {
    noisy_clips_at(folder, answers, snrs, takes, RATE)
}

/// [`noisy_clips`] at another sample rate: speech and noise made and mixed there, as a
/// 48 kHz microphone hears them.
pub fn noisy_clips_at(
    folder: &Path,
    answers: &[&'static str],
    snrs: &[f32],
    takes: usize,
    rate: usize,
) -> Vec<NoisyClip> {
    let padding = (PADDING_SECONDS * rate as f32) as usize;
    let speech: Vec<Vec<f32>> = answers
        .iter()
        .enumerate()
        .map(|(index, answer)| {
            let path = folder.join(format!("answer-{index}.wav"));
            speak_to_wav_at("en-us", answer, &path, rate as u32);
            read_wav(&path, rate)
        })
        .collect();
    let mut clips = Vec::new();
    let silence = vec![0.0; rate];
    for level in CLEAN_LEVELS.iter().take(takes.max(1)) {
        for (answer, samples) in answers.iter().zip(&speech) {
            clips.push(NoisyClip {
                condition: "clean".into(),
                noise: None,
                snr_db: None,
                reference: answer,
                // Silence at any ratio is silence.
                samples: mix_at_snr(samples, &silence, 0, 0.0, padding, *level),
            });
        }
    }
    let needed: usize = speech
        .iter()
        .map(|samples| samples.len() + 2 * padding)
        .sum();
    let takes = takes.max(1);
    for kind in NoiseKind::ALL {
        let noise = kind.generate_at(
            ((needed * takes) / rate + NOISE_ALONE_SECONDS) as f32 + 1.0,
            folder,
            rate,
        );
        // The room without anyone answering, as loud as in the noisiest mix: whatever
        // Whisper writes for it is invented.
        let loudest = snrs.iter().copied().fold(f32::INFINITY, f32::min);
        let alone = &noise[needed * takes..needed * takes + NOISE_ALONE_SECONDS * rate];
        let level = SPEECH_RMS / 10.0_f32.powf(loudest / 20.0) / rms(alone).max(f32::MIN_POSITIVE);
        clips.push(NoisyClip {
            condition: format!("{} alone", kind.name()),
            noise: Some(kind),
            snr_db: None,
            reference: "",
            samples: alone.iter().map(|sample| sample * level).collect(),
        });
        for &snr in snrs {
            let mut offset = 0;
            for _ in 0..takes {
                for (answer, samples) in answers.iter().zip(&speech) {
                    clips.push(NoisyClip {
                        condition: format!("{} {snr} dB", kind.name()),
                        noise: Some(kind),
                        snr_db: Some(snr),
                        reference: answer,
                        samples: mix_at_snr(samples, &noise, offset, snr, padding, SPEECH_RMS),
                    });
                    offset += samples.len() + 2 * padding;
                }
            }
        }
    }
    clips
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noises_are_deterministic_and_mixed_at_the_asked_ratio() {
        assert_eq!(fan(4_000, 5, RATE), fan(4_000, 5, RATE));
        assert_ne!(pink(4_000, 5), pink(4_000, 6));
        let speech: Vec<f32> = (0..16_000)
            .map(|index| (index as f32 * 0.05).sin() * 0.3)
            .collect();
        let noise = fan(20_000, 1, RATE);
        for snr in [10.0, 0.0, -5.0] {
            let mixed = mix_at_snr(&speech, &noise, 100, snr, 2_000, 0.05);
            assert_eq!(mixed.len(), 20_000);
            // What is left after taking the scaled speech out is the noise.
            let gain = 0.05 / rms(&speech);
            let residual: Vec<f32> = mixed[2_000..18_000]
                .iter()
                .zip(&speech)
                .map(|(mix, clean)| mix - clean * gain)
                .collect();
            let measured = snr_db(&speech, &residual) + 20.0 * gain.log10();
            assert!((measured - snr).abs() < 0.5, "{measured} dB for {snr} dB");
        }
    }
}
