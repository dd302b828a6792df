//! Sample-rate conversion and channel mixing for speech, on rubato's FFT resampler: the
//! ratio between a device (44.1 or 48 kHz) and speech (16 kHz) is fixed, and its FFT
//! resampler is both the fastest and the cleanest rubato offers for a fixed ratio.

use audioadapter_buffers::direct::InterleavedSlice;
use rubato::{Fft, FixedSync, Indexing, Resampler};

/// Input frames per FFT chunk for live audio: about 21 ms at 48 kHz, small enough that
/// the meter and voice detection see audio promptly.
const LIVE_CHUNK_FRAMES: usize = 1024;

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

/// Converts a whole clip of mono `samples` from `from_rate` to `to_rate`.
pub fn resample(samples: &[f32], from_rate: u32, to_rate: u32) -> Vec<f32> {
    let mut stream = StreamResampler::new(from_rate, to_rate);
    let mut output = stream.push(samples);
    output.extend(stream.finish());
    output
}

/// Converts mono audio that arrives in pieces (a microphone), keeping the output aligned
/// with the input: the resampler's start-up delay is trimmed, and [`finish`] flushes the
/// tail, so N input samples always give N × ratio output samples in the end.
///
/// [`finish`]: StreamResampler::finish
pub struct StreamResampler {
    /// None when the rates are equal (or unusable): samples pass through.
    resampler: Option<Fft<f32>>,
    ratio: f64,
    pending: Vec<f32>,
    /// Output samples still to drop: the resampler's delay.
    delay_left: usize,
    consumed: usize,
    produced: usize,
}

impl StreamResampler {
    pub fn new(from_rate: u32, to_rate: u32) -> Self {
        let resampler = (from_rate != to_rate && from_rate > 0 && to_rate > 0)
            .then(|| {
                Fft::<f32>::new(
                    from_rate as usize,
                    to_rate as usize,
                    LIVE_CHUNK_FRAMES,
                    1,
                    FixedSync::Input,
                )
            })
            .and_then(|built| {
                built
                    .inspect_err(|error| tracing::error!(%error, "resampler unavailable"))
                    .ok()
            });
        let delay_left = resampler.as_ref().map_or(0, |fft| fft.output_delay());
        Self {
            resampler,
            ratio: f64::from(to_rate) / f64::from(from_rate.max(1)),
            pending: Vec::new(),
            delay_left,
            consumed: 0,
            produced: 0,
        }
    }

    /// Takes the next samples; returns what could be converted so far.
    pub fn push(&mut self, samples: &[f32]) -> Vec<f32> {
        let Some(resampler) = self.resampler.as_mut() else {
            return samples.to_vec();
        };
        self.pending.extend_from_slice(samples);
        let mut output = Vec::new();
        let mut start = 0;
        while self.pending.len() - start >= resampler.input_frames_next() {
            let frames = resampler.input_frames_next();
            let chunk = &self.pending[start..start + frames];
            process(resampler, chunk, None, &mut output);
            start += frames;
        }
        self.pending.drain(..start);
        self.consumed += start;
        self.take_after_delay(output)
    }

    /// Flushes what the resampler still holds (pads with silence) and returns the rest.
    pub fn finish(&mut self) -> Vec<f32> {
        let Some(resampler) = self.resampler.as_mut() else {
            return Vec::new();
        };
        let expected_total =
            ((self.consumed + self.pending.len()) as f64 * self.ratio).round() as usize;
        let mut output = Vec::new();
        let pending = std::mem::take(&mut self.pending);
        self.consumed += pending.len();
        if !pending.is_empty() {
            let partial = Indexing::new().partial_len(pending.len());
            let mut padded = pending;
            padded.resize(resampler.input_frames_next().max(padded.len()), 0.0);
            process(resampler, &padded, Some(&partial), &mut output);
        }
        // Silence pushes the delayed tail out.
        let mut output = self.take_after_delay(output);
        while self.produced < expected_total {
            let Some(resampler) = self.resampler.as_mut() else {
                break;
            };
            let silence = vec![0.0; resampler.input_frames_next()];
            let mut flushed = Vec::new();
            process(resampler, &silence, None, &mut flushed);
            if flushed.is_empty() {
                break;
            }
            output.extend(self.take_after_delay(flushed));
        }
        let surplus = self.produced.saturating_sub(expected_total);
        output.truncate(output.len().saturating_sub(surplus));
        self.produced -= surplus;
        output
    }

    fn take_after_delay(&mut self, mut output: Vec<f32>) -> Vec<f32> {
        let dropped = self.delay_left.min(output.len());
        output.drain(..dropped);
        self.delay_left -= dropped;
        self.produced += output.len();
        output
    }
}

fn process(
    resampler: &mut Fft<f32>,
    input: &[f32],
    indexing: Option<&Indexing>,
    output: &mut Vec<f32>,
) {
    let frames_out = resampler.output_frames_next();
    let start = output.len();
    output.resize(start + frames_out, 0.0);
    let written = InterleavedSlice::new(input, 1, input.len())
        .map_err(|error| error.to_string())
        .and_then(|input_adapter| {
            let mut output_adapter = InterleavedSlice::new_mut(&mut output[start..], 1, frames_out)
                .map_err(|error| error.to_string())?;
            resampler
                .process_into_buffer(&input_adapter, &mut output_adapter, indexing)
                .map(|(_, written)| written)
                .map_err(|error| error.to_string())
        });
    match written {
        Ok(written) => output.truncate(start + written),
        Err(error) => {
            tracing::error!(%error, "resampling failed; this piece of audio is lost");
            output.truncate(start);
        }
    }
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
        // No start-up delay: the first cycle is where it was.
        let first_peak = output[..40].iter().cloned().fold(0.0_f32, f32::max);
        assert!(
            first_peak > 0.4,
            "the first 2.5 ms lost their signal ({first_peak})"
        );
    }

    #[test]
    fn downsampling_suppresses_tones_above_the_new_nyquist_limit() {
        let output = resample(&sine(12_000.0, 48_000, 0.5), 48_000, 16_000);
        let level = crate::Level::of(&output).rms;
        assert!(level < 0.01, "a 12 kHz tone leaked through at rms {level}");
    }

    #[test]
    fn live_pieces_give_the_same_audio_as_one_clip() {
        let input = sine(440.0, 44_100, 1.3);
        let whole = resample(&input, 44_100, 16_000);
        let mut stream = StreamResampler::new(44_100, 16_000);
        let mut pieces = Vec::new();
        for piece in input.chunks(441) {
            pieces.extend(stream.push(piece));
        }
        pieces.extend(stream.finish());
        assert_eq!(pieces.len(), whole.len());
        assert_eq!(whole.len(), (1.3 * 16_000.0_f32).round() as usize);
        let largest_difference = pieces
            .iter()
            .zip(&whole)
            .map(|(left, right)| (left - right).abs())
            .fold(0.0, f32::max);
        assert!(largest_difference < 1e-4, "differ by {largest_difference}");
    }

    #[test]
    fn upsampling_and_mixing() {
        assert_eq!(
            resample(&sine(200.0, 8_000, 1.0), 8_000, 16_000).len(),
            16_000
        );
        assert_eq!(mix_to_mono(&[1.0, 0.0, 0.5, 0.5], 2), vec![0.5, 0.5]);
        assert!(resample(&[], 44_100, 16_000).is_empty());
        assert_eq!(resample(&[0.5; 10], 16_000, 16_000), vec![0.5; 10]);
    }
}
