//! Noise suppression with RNNoise (the `nnnoiseless` port, pure Rust): a small recurrent
//! network that estimates, 100 times a second, how much of each of 22 frequency bands is
//! speech, and turns the rest down. It works on 48 kHz audio in 10 ms frames; audio at
//! another rate is converted to 48 kHz and back around it.

use nnnoiseless::DenoiseState;

use crate::resample::StreamResampler;

/// The rate RNNoise is trained on.
const DENOISE_RATE: u32 = 48_000;
/// Samples per RNNoise frame (10 ms at 48 kHz).
const FRAME: usize = DenoiseState::FRAME_SIZE;
/// RNNoise takes 16-bit sample values as floats.
const I16_SCALE: f32 = 32_768.0;

/// Suppresses noise in mono audio that arrives in pieces of any length, at any rate.
/// Output stays aligned with the input: RNNoise's one-frame delay and the resamplers'
/// delays are removed, and after [`finish`] N input samples have given exactly N output
/// samples, so positions in the denoised audio are positions in the original.
///
/// [`finish`]: NoiseSuppressor::finish
pub struct NoiseSuppressor {
    state: Box<DenoiseState<'static>>,
    /// None at 48 kHz: no conversion needed.
    converters: Option<(StreamResampler, StreamResampler)>,
    /// 48 kHz samples (scaled to 16-bit values) waiting for a whole frame.
    pending: Vec<f32>,
    /// 48 kHz output samples still to drop: RNNoise's delay of one frame.
    delay_left: usize,
    taken: usize,
    given: usize,
}

impl NoiseSuppressor {
    pub fn new(sample_rate: u32) -> Self {
        let converters = (sample_rate != DENOISE_RATE).then(|| {
            (
                StreamResampler::new(sample_rate, DENOISE_RATE),
                StreamResampler::new(DENOISE_RATE, sample_rate),
            )
        });
        Self {
            state: DenoiseState::new(),
            converters,
            pending: Vec::with_capacity(FRAME),
            delay_left: FRAME,
            taken: 0,
            given: 0,
        }
    }

    /// Takes the next samples; returns the denoised audio ready so far (a few tens of
    /// milliseconds behind the input).
    pub fn push(&mut self, samples: &[f32]) -> Vec<f32> {
        self.taken += samples.len();
        let at_48k = match self.converters.as_mut() {
            Some((up, _)) => up.push(samples),
            None => samples.to_vec(),
        };
        let denoised = self.denoise_48k(&at_48k);
        let output = match self.converters.as_mut() {
            Some((_, down)) => down.push(&denoised),
            None => denoised,
        };
        self.give(output)
    }

    /// Flushes the audio still held inside; afterwards the output is exactly as long as
    /// the input.
    pub fn finish(&mut self) -> Vec<f32> {
        let mut at_48k = match self.converters.as_mut() {
            Some((up, _)) => up.finish(),
            None => Vec::new(),
        };
        // Silence pushes the last partial frame and the delayed frame out.
        let fill = FRAME - (self.pending.len() + at_48k.len()) % FRAME;
        at_48k.resize(at_48k.len() + fill + FRAME, 0.0);
        let denoised = self.denoise_48k(&at_48k);
        let mut output = match self.converters.as_mut() {
            Some((_, down)) => {
                let mut output = down.push(&denoised);
                output.extend(down.finish());
                output
            }
            None => denoised,
        };
        output.truncate(self.taken.saturating_sub(self.given));
        self.give(output)
    }

    fn denoise_48k(&mut self, samples: &[f32]) -> Vec<f32> {
        self.pending
            .extend(samples.iter().map(|sample| sample * I16_SCALE));
        let frames = self.pending.len() / FRAME;
        let mut output = vec![0.0; frames * FRAME];
        for (input, denoised) in self
            .pending
            .chunks_exact(FRAME)
            .zip(output.chunks_exact_mut(FRAME))
        {
            self.state.process_frame(denoised, input);
        }
        self.pending.drain(..frames * FRAME);
        let dropped = self.delay_left.min(output.len());
        self.delay_left -= dropped;
        output
            .drain(dropped..)
            .map(|sample| sample / I16_SCALE)
            .collect()
    }

    fn give(&mut self, mut output: Vec<f32>) -> Vec<f32> {
        // Never more than was put in (the resamplers' padding at the very end).
        output.truncate(self.taken.saturating_sub(self.given));
        self.given += output.len();
        output
    }
}

/// Denoises a whole clip of mono audio at `sample_rate`; the result has the same length.
pub fn denoise(samples: &[f32], sample_rate: u32) -> Vec<f32> {
    let mut suppressor = NoiseSuppressor::new(sample_rate);
    let mut output = suppressor.push(samples);
    output.extend(suppressor.finish());
    output
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Level;

    /// A deterministic noise source (xorshift), uniform in [-1, 1].
    fn white_noise(length: usize, mut seed: u64) -> Vec<f32> {
        (0..length)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 40) as f32 / (1u64 << 23) as f32 - 1.0
            })
            .collect()
    }

    fn tone(frequency: f32, rate: u32, length: usize) -> Vec<f32> {
        (0..length)
            .map(|index| {
                (2.0 * std::f32::consts::PI * frequency * index as f32 / rate as f32).sin() * 0.3
            })
            .collect()
    }

    #[test]
    fn output_is_as_long_as_the_input_at_any_rate_and_in_any_pieces() {
        for rate in [16_000, 44_100, 48_000] {
            for length in [0, 1, 479, 480, 16_000, 33_333] {
                assert_eq!(denoise(&vec![0.0; length], rate).len(), length, "{rate} Hz");
            }
            let input = white_noise(rate as usize, 7);
            let mut suppressor = NoiseSuppressor::new(rate);
            let mut pieces = Vec::new();
            for piece in input.chunks(333) {
                pieces.extend(suppressor.push(piece));
            }
            pieces.extend(suppressor.finish());
            assert_eq!(pieces.len(), input.len());
            // The same audio whether it came whole or in pieces.
            let whole = denoise(&input, rate);
            let largest_difference = pieces
                .iter()
                .zip(&whole)
                .map(|(left, right)| (left - right).abs())
                .fold(0.0, f32::max);
            assert!(largest_difference < 1e-3, "differ by {largest_difference}");
        }
    }

    #[test]
    fn steady_noise_is_turned_down() {
        // About -35 dBFS: RNNoise judges by level too, and a very loud hiss passes as speech.
        let noise: Vec<f32> = white_noise(32_000, 3).iter().map(|s| s * 0.03).collect();
        let denoised = denoise(&noise, 16_000);
        // After the first half second, once the network has settled.
        let before = Level::of(&noise[8_000..]).rms;
        let after = Level::of(&denoised[8_000..]).rms;
        assert!(
            after < before * 0.3,
            "white noise only fell from {before} to {after}"
        );
    }

    #[test]
    fn output_is_not_shifted_in_time() {
        // A loud tone starting at 0.5 s: the denoised onset is where the input's is.
        let rate = 16_000;
        let mut input = vec![0.0; rate as usize / 2];
        input.extend(tone(440.0, rate, rate as usize / 2));
        let output = denoise(&input, rate);
        let onset = |samples: &[f32]| samples.iter().position(|sample| sample.abs() > 0.05);
        let (Some(original), Some(denoised)) = (onset(&input), onset(&output)) else {
            panic!("no onset found");
        };
        assert!(
            original.abs_diff(denoised) < 160,
            "onset moved from {original} to {denoised}"
        );
    }
}
