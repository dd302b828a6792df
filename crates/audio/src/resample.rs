//! Sample-rate conversion and channel mixing for speech: a windowed-sinc low-pass, then
//! linear interpolation. Plenty for 16 kHz speech recognition; a polyphase resampler
//! (rubato) can replace it when capture quality work starts.

/// Averages interleaved frames of `channels` samples into one channel.
pub fn mix_to_mono(interleaved: &[f32], channels: usize) -> Vec<f32> {
    if channels <= 1 {
        return interleaved.to_vec();
    }
    interleaved
        .chunks_exact(channels)
        .map(|frame| frame.iter().sum::<f32>() / channels as f32)
        .collect()
}

/// Converts mono `samples` from `from_rate` to `to_rate`.
pub fn resample(samples: &[f32], from_rate: u32, to_rate: u32) -> Vec<f32> {
    if from_rate == to_rate || samples.is_empty() || from_rate == 0 || to_rate == 0 {
        return samples.to_vec();
    }
    // When downsampling, remove what lies above the new Nyquist limit first, or it folds
    // back into the speech band as noise.
    let filtered;
    let source = if from_rate > to_rate {
        filtered = low_pass(samples, 0.45 * to_rate as f64 / from_rate as f64);
        &filtered
    } else {
        samples
    };
    let step = from_rate as f64 / to_rate as f64;
    let output_length = ((samples.len() as f64) / step).floor() as usize;
    (0..output_length)
        .map(|index| {
            let position = index as f64 * step;
            let left = position.floor() as usize;
            let fraction = (position - left as f64) as f32;
            let right = (left + 1).min(source.len() - 1);
            source[left] * (1.0 - fraction) + source[right] * fraction
        })
        .collect()
}

/// FIR low-pass with a Blackman-windowed sinc kernel; `cutoff` is a fraction of the
/// input sample rate (0 to 0.5).
fn low_pass(samples: &[f32], cutoff: f64) -> Vec<f32> {
    const HALF_WIDTH: usize = 48;
    let kernel: Vec<f32> = (0..=2 * HALF_WIDTH)
        .map(|index| {
            let offset = index as f64 - HALF_WIDTH as f64;
            let sinc = if offset == 0.0 {
                2.0 * cutoff
            } else {
                (2.0 * std::f64::consts::PI * cutoff * offset).sin()
                    / (std::f64::consts::PI * offset)
            };
            let phase = 2.0 * std::f64::consts::PI * index as f64 / (2 * HALF_WIDTH) as f64;
            let blackman = 0.42 - 0.5 * phase.cos() + 0.08 * (2.0 * phase).cos();
            (sinc * blackman) as f32
        })
        .collect();
    let gain: f32 = kernel.iter().sum();
    (0..samples.len())
        .map(|center| {
            let first = center.saturating_sub(HALF_WIDTH);
            let last = (center + HALF_WIDTH).min(samples.len() - 1);
            (first..=last)
                .map(|index| samples[index] * kernel[index + HALF_WIDTH - center])
                .sum::<f32>()
                / gain
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_test_support::zero_crossings;

    fn sine(frequency: f32, rate: u32, seconds: f32) -> Vec<f32> {
        (0..(rate as f32 * seconds) as usize)
            .map(|index| {
                (2.0 * std::f32::consts::PI * frequency * index as f32 / rate as f32).sin() * 0.5
            })
            .collect()
    }

    #[test]
    fn downsampling_keeps_duration_and_pitch() {
        let input = sine(440.0, 48_000, 1.0);
        let output = resample(&input, 48_000, 16_000);
        assert_eq!(output.len(), 16_000);
        let crossings = zero_crossings(&output);
        assert!(
            (878..=882).contains(&crossings),
            "{crossings} zero crossings for 440 Hz over 1 s"
        );
    }

    #[test]
    fn downsampling_suppresses_tones_above_the_new_nyquist_limit() {
        let output = resample(&sine(12_000.0, 48_000, 0.5), 48_000, 16_000);
        let level = crate::Level::of(&output).rms;
        assert!(level < 0.01, "a 12 kHz tone leaked through at rms {level}");
    }

    #[test]
    fn upsampling_and_mixing() {
        assert_eq!(
            resample(&sine(200.0, 8_000, 1.0), 8_000, 16_000).len(),
            16_000
        );
        assert_eq!(mix_to_mono(&[1.0, 0.0, 0.5, 0.5], 2), vec![0.5, 0.5]);
        assert!(resample(&[], 44_100, 16_000).is_empty());
    }
}
