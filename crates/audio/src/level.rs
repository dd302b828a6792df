/// Loudness of a block of samples, for the level meter and for telling speech from silence.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Level {
    pub rms: f32,
    pub peak: f32,
}

impl Level {
    pub fn of(samples: &[f32]) -> Self {
        if samples.is_empty() {
            return Self::default();
        }
        let (sum_of_squares, peak) = samples
            .iter()
            .fold((0.0_f64, 0.0_f32), |(sum, peak), sample| {
                (sum + f64::from(sample * sample), peak.max(sample.abs()))
            });
        Self {
            rms: (sum_of_squares / samples.len() as f64).sqrt() as f32,
            peak: peak.min(1.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_of_a_full_scale_square_wave_is_one() {
        let square: Vec<f32> = (0..100)
            .map(|index| if index % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        assert_eq!(
            Level::of(&square),
            Level {
                rms: 1.0,
                peak: 1.0
            }
        );
        assert_eq!(Level::of(&[]), Level::default());
    }
}
