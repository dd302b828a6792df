//! Audio as Transcribe Streaming takes it: 16-bit little-endian PCM, in short chunks.

use aira_core::ports::SAMPLE_RATE;

/// 100 ms of audio per event: inside the service's recommended 50 to 200 ms, and far below
/// its limit on one event's size.
pub const CHUNK_SAMPLES: usize = SAMPLE_RATE as usize / 10;

/// Converts samples in -1.0..=1.0 to s16le PCM, cut into events of [`CHUNK_SAMPLES`].
pub fn pcm_chunks(samples: &[f32]) -> Vec<Vec<u8>> {
    samples
        .chunks(CHUNK_SAMPLES)
        .map(|chunk| {
            chunk
                .iter()
                .flat_map(|sample| to_pcm16(*sample).to_le_bytes())
                .collect()
        })
        .collect()
}

fn to_pcm16(sample: f32) -> i16 {
    let sample = if sample.is_finite() { sample } else { 0.0 };
    (sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)).round() as i16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_become_little_endian_16_bit_chunks_of_100_ms() {
        let samples = vec![0.5_f32; CHUNK_SAMPLES * 2 + 10];
        let chunks = pcm_chunks(&samples);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[0].len(), CHUNK_SAMPLES * 2);
        assert_eq!(chunks[2].len(), 20);
        assert_eq!(&chunks[0][..2], &16384_i16.to_le_bytes());
    }

    #[test]
    fn out_of_range_samples_are_clipped() {
        assert_eq!(to_pcm16(2.0), i16::MAX);
        assert_eq!(to_pcm16(-2.0), -i16::MAX);
        assert_eq!(to_pcm16(f32::NAN), 0);
    }
}
