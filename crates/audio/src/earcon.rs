//! Short tones that say "recording" and "stopped" without words, so a user who cannot see
//! the screen knows when the microphone listens. Generated, not shipped as files.

/// The rate earcons are generated at; playback converts to the device's rate.
pub const EARCON_SAMPLE_RATE: u32 = 24_000;

const TONE_MS: u32 = 90;
const GAP_MS: u32 = 30;
/// Raised-cosine edges, so a tone starts and ends without a click.
const FADE_MS: u32 = 10;
const AMPLITUDE: f32 = 0.3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Earcon {
    /// Rising: the microphone is about to listen.
    RecordingStarted,
    /// Falling: the microphone has stopped.
    RecordingStopped,
    /// Two soft low notes: the answer is being transcribed and coached.
    Thinking,
}

impl Earcon {
    pub fn samples(self) -> Vec<f32> {
        let (first, second) = match self {
            Earcon::RecordingStarted => (660.0, 880.0),
            Earcon::RecordingStopped => (880.0, 660.0),
            Earcon::Thinking => (440.0, 440.0),
        };
        let mut samples = tone(first);
        samples.extend(std::iter::repeat_n(0.0, samples_for(GAP_MS)));
        samples.extend(tone(second));
        samples
    }
}

fn samples_for(milliseconds: u32) -> usize {
    (EARCON_SAMPLE_RATE * milliseconds / 1000) as usize
}

fn tone(frequency: f32) -> Vec<f32> {
    let length = samples_for(TONE_MS);
    let fade = samples_for(FADE_MS) as f32;
    (0..length)
        .map(|index| {
            let edge = (index as f32).min((length - 1 - index) as f32);
            let envelope = if edge < fade {
                0.5 - 0.5 * (std::f32::consts::PI * edge / fade).cos()
            } else {
                1.0
            };
            let phase =
                2.0 * std::f32::consts::PI * frequency * index as f32 / EARCON_SAMPLE_RATE as f32;
            AMPLITUDE * envelope * phase.sin()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crossings_per_second(samples: &[f32]) -> f32 {
        let crossings = aira_test_support::zero_crossings(samples);
        crossings as f32 / (samples.len() as f32 / EARCON_SAMPLE_RATE as f32) / 2.0
    }

    #[test]
    fn earcons_are_short_click_free_and_rise_or_fall() {
        for (earcon, rising) in [
            (Earcon::RecordingStarted, true),
            (Earcon::RecordingStopped, false),
        ] {
            let samples = earcon.samples();
            let milliseconds = samples.len() as u32 * 1000 / EARCON_SAMPLE_RATE;
            assert_eq!(milliseconds, 2 * TONE_MS + GAP_MS);
            assert!(
                samples[0].abs() < 1e-3 && samples[samples.len() - 1].abs() < 0.01,
                "no click at the edges"
            );
            assert!(samples.iter().all(|sample| sample.abs() <= AMPLITUDE));
            let tone_length = samples_for(TONE_MS);
            let first = crossings_per_second(&samples[..tone_length]);
            let second = crossings_per_second(&samples[samples.len() - tone_length..]);
            assert_eq!(
                second > first,
                rising,
                "{earcon:?}: {first:.0} Hz then {second:.0} Hz"
            );
        }
    }

    #[test]
    fn thinking_is_level_and_lower_than_the_recording_sounds() {
        let samples = Earcon::Thinking.samples();
        let tone_length = samples_for(TONE_MS);
        let first = crossings_per_second(&samples[..tone_length]);
        let second = crossings_per_second(&samples[samples.len() - tone_length..]);
        assert!(
            (first - second).abs() < 30.0,
            "{first:.0} Hz then {second:.0} Hz"
        );
        let started = Earcon::RecordingStarted.samples();
        assert!(first + 100.0 < crossings_per_second(&started[..tone_length]));
    }
}
