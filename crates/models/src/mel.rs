//! The mel filterbank whisper.cpp reads from a GGML file.
//!
//! OpenAI ships these filters as `mel_filters.npz`, made by
//! `librosa.filters.mel(sr=16000, n_fft=400, n_mels=80 or 128)`: Slaney's mel scale (linear
//! below 1 kHz, logarithmic above) with Slaney's area normalisation. CTranslate2 directories do
//! not carry them, so the importer recomputes them here, in f64 like NumPy, and stores f32.

/// Whisper's audio sample rate in Hz.
pub(crate) const SAMPLE_RATE: f64 = 16_000.0;
/// Whisper's FFT window in samples (25 ms at 16 kHz).
pub(crate) const FFT_SIZE: usize = 400;
/// Frequency bins of a real FFT of [`FFT_SIZE`] samples: 0 Hz to Nyquist inclusive.
pub(crate) const FREQUENCY_BINS: usize = FFT_SIZE / 2 + 1;

/// Slaney's scale is linear up to this frequency (Hz) and logarithmic above.
const LINEAR_LIMIT_HZ: f64 = 1000.0;
/// Hz per mel on the linear part.
const HZ_PER_MEL: f64 = 200.0 / 3.0;
/// The mel value at [`LINEAR_LIMIT_HZ`].
const LINEAR_LIMIT_MEL: f64 = LINEAR_LIMIT_HZ / HZ_PER_MEL;

/// Natural-log step per mel on the logarithmic part: 27 mels per factor 6.4 in frequency.
fn log_step() -> f64 {
    6.4_f64.ln() / 27.0
}

/// Slaney mel value of a frequency (librosa `hz_to_mel(htk=False)`).
pub(crate) fn hertz_to_mel(hertz: f64) -> f64 {
    if hertz >= LINEAR_LIMIT_HZ {
        LINEAR_LIMIT_MEL + (hertz / LINEAR_LIMIT_HZ).ln() / log_step()
    } else {
        hertz / HZ_PER_MEL
    }
}

/// Frequency of a Slaney mel value (librosa `mel_to_hz(htk=False)`).
pub(crate) fn mel_to_hertz(mel: f64) -> f64 {
    if mel >= LINEAR_LIMIT_MEL {
        LINEAR_LIMIT_HZ * (log_step() * (mel - LINEAR_LIMIT_MEL)).exp()
    } else {
        HZ_PER_MEL * mel
    }
}

/// `numpy.linspace(start, stop, count)`, including its exact last value.
fn evenly_spaced(start: f64, stop: f64, count: usize) -> Vec<f64> {
    if count < 2 {
        return vec![start; count];
    }
    let step = (stop - start) / (count - 1) as f64;
    let mut values: Vec<f64> = (0..count)
        .map(|index| index as f64 * step + start)
        .collect();
    values[count - 1] = stop;
    values
}

/// The triangular filters as `mel_count` rows of [`FREQUENCY_BINS`] weights, row-major: what
/// `librosa.filters.mel(sr=16000, n_fft=400, n_mels=mel_count)` returns, fmin 0, fmax 8 kHz.
pub(crate) fn filterbank(mel_count: usize) -> Vec<f64> {
    let fft_frequencies: Vec<f64> = (0..FREQUENCY_BINS)
        .map(|bin| bin as f64 * SAMPLE_RATE / FFT_SIZE as f64)
        .collect();
    // mel_count + 2 edges: filter i rises from edge i to its peak at i + 1 and falls to i + 2.
    let edges: Vec<f64> = evenly_spaced(0.0, hertz_to_mel(SAMPLE_RATE / 2.0), mel_count + 2)
        .into_iter()
        .map(mel_to_hertz)
        .collect();

    let mut weights = Vec::with_capacity(mel_count * FREQUENCY_BINS);
    for filter in 0..mel_count {
        let (lower, peak, upper) = (edges[filter], edges[filter + 1], edges[filter + 2]);
        // Slaney normalisation: every filter has the same area, so wider ones are lower.
        let area_normalisation = 2.0 / (upper - lower);
        for &frequency in &fft_frequencies {
            let rising = (frequency - lower) / (peak - lower);
            let falling = (upper - frequency) / (upper - peak);
            weights.push(rising.min(falling).max(0.0) * area_normalisation);
        }
    }
    weights
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scale_is_linear_below_one_kilohertz_and_continuous_at_it() {
        assert!((hertz_to_mel(500.0) - 7.5).abs() < 1e-12);
        assert!((hertz_to_mel(1000.0) - 15.0).abs() < 1e-12);
        // 27 mels above 1 kHz is a factor 6.4 in frequency.
        assert!((hertz_to_mel(6400.0) - 42.0).abs() < 1e-12);
        for hertz in [0.0, 123.4, 999.9, 1000.0, 1000.1, 4321.0, 8000.0] {
            assert!(
                (mel_to_hertz(hertz_to_mel(hertz)) - hertz).abs() < 1e-9,
                "{hertz}"
            );
        }
    }

    #[test]
    fn linspace_ends_exactly_at_stop() {
        let values = evenly_spaced(0.0, 1.0, 3);
        assert_eq!(values, vec![0.0, 0.5, 1.0]);
        assert_eq!(evenly_spaced(2.0, 7.0, 1), vec![2.0]);
    }

    #[test]
    fn eighty_filters_match_the_slaney_formulas() {
        let weights = filterbank(80);
        assert_eq!(weights.len(), 80 * FREQUENCY_BINS);
        // Bin 0 is 0 Hz, the first edge: every filter is zero there.
        assert!((0..80).all(|filter| weights[filter * FREQUENCY_BINS] == 0.0));
        // Edges are 0 … 45.245 mel in 81 steps of 0.5586 mel (37.24 Hz on the linear part).
        // Filter 0 spans 0 Hz to 74.48 Hz with its peak at 37.24 Hz; bin 1 (40 Hz) lies just
        // past the peak on the falling side.
        let top_mel = hertz_to_mel(8000.0);
        let step_hertz = top_mel / 81.0 * HZ_PER_MEL;
        let falling = (2.0 * step_hertz - 40.0) / step_hertz;
        let expected = falling * 2.0 / (2.0 * step_hertz);
        assert!(
            (weights[1] - expected).abs() < 1e-12,
            "{} vs {expected}",
            weights[1]
        );
        // On the linear part every filter is a triangle of area 1 over a continuous frequency
        // axis, so the weights summed over the 40 Hz bins are close to 1 / 40.
        for filter in 2..20 {
            let row = &weights[filter * FREQUENCY_BINS..(filter + 1) * FREQUENCY_BINS];
            let sum: f64 = row.iter().sum();
            assert!(
                (sum * 40.0 - 1.0).abs() < 0.08,
                "filter {filter} sums to {sum}"
            );
        }
        // Nothing is negative and the last filter ends at 8 kHz, the last bin.
        assert!(weights.iter().all(|&weight| weight >= 0.0));
        assert_eq!(weights[80 * FREQUENCY_BINS - 1], 0.0);
    }

    /// Checks entries (filter, frequency bin, weight) of a filterbank of `mel_count` filters.
    fn assert_entries(mel_count: usize, entries: &[(usize, usize, f64)]) {
        let weights = filterbank(mel_count);
        for &(filter, bin, expected) in entries {
            let ours = weights[filter * FREQUENCY_BINS + bin];
            assert!(
                (ours - expected).abs() < 5e-9,
                "{mel_count} filters, [{filter}][{bin}]: {ours} vs {expected}"
            );
        }
    }

    /// Entries of OpenAI's `whisper/assets/mel_filters.npz` (openai-whisper 20250625, f32), the
    /// filters the official GGML files carry.
    #[test]
    fn filters_match_openai_mel_filters_npz() {
        assert_entries(
            80,
            &[
                (0, 1, 0.024_862_594_902_515_41),
                (10, 10, 0.019_908_217_713_236_81),
                (10, 11, 0.004_954_374_860_972_166),
                (40, 43, 0.014_735_566_452_145_576),
                (79, 187, 0.000_833_070_022_054_016_6),
            ],
        );
        assert_entries(
            128,
            &[
                (0, 1, 0.012_373_986_653_983_593),
                (10, 6, 0.011_289_183_981_716_633),
                (64, 43, 0.018_091_518_431_901_932),
                (127, 193, 0.002_758_648_479_357_362),
            ],
        );
    }

    #[test]
    fn large_v3_uses_one_hundred_and_twenty_eight_filters() {
        let weights = filterbank(128);
        assert_eq!(weights.len(), 128 * FREQUENCY_BINS);
        assert!((0..128).all(|filter| {
            weights[filter * FREQUENCY_BINS..(filter + 1) * FREQUENCY_BINS]
                .iter()
                .any(|&weight| weight > 0.0)
        }));
    }
}
