//! Voice activity detection: which 16 ms frames of 16 kHz audio hold speech.
//!
//! Earshot (a small neural network in pure Rust) rather than Silero or TEN (both need an
//! ONNX runtime and a model file) or WebRTC's older GMM detector: no download, about 8 KiB
//! of state, and its authors measure it more accurate than Silero v6 and TEN at about
//! 0.0003 of real time. Measured here: espeak's breaths between sentences come out as
//! 250–300 ms of unvoiced frames, digital silence scores 0.18–0.26 against the 0.5
//! threshold.
//!
//! Against WebRTC's detector on Aira's noisy interview answers (crowd, fan, hostel at 0-20
//! dB SNR; `examples/voice_activity_peers.rs`), speech frames found / pause frames taken
//! for speech: earshot 99.5 % / 53.5 %, WebRTC in its most aggressive mode 96.1 % /
//! 47.2 %, in its default mode 99.5 % / 80.9 %. Earshot is the one that keeps every word
//! and still ignores a fan (12.9 % against 41.2 %); in a crowd or a hostel, whose noise is
//! other people talking, neither tells the user from the room (81.8 % / 52.8 %). A lost
//! word is a wrong transcript, a kept pause only a later auto-stop, so earshot it is.

use earshot::Detector;

/// Samples per frame: 16 ms at 16 kHz, the frame earshot is trained on.
pub const FRAME_SAMPLES: usize = 256;
/// Milliseconds per frame.
pub const FRAME_MS: u32 = 16;
/// Earshot's score above which a frame is speech (its authors' default).
const SPEECH_SCORE: f32 = 0.5;

/// Frame-by-frame speech detection over audio that arrives in pieces of any length.
pub struct VoiceActivityDetector {
    detector: Box<Detector>,
    pending: Vec<f32>,
}

impl Default for VoiceActivityDetector {
    fn default() -> Self {
        Self {
            detector: Detector::default_boxed(),
            pending: Vec::with_capacity(FRAME_SAMPLES),
        }
    }
}

impl VoiceActivityDetector {
    /// Takes 16 kHz mono samples; returns one verdict per frame completed by them.
    pub fn push(&mut self, samples: &[f32]) -> Vec<bool> {
        // earshot panics on a sample outside [-1, 1]; resampling a loud file overshoots a
        // little (and a NaN would be no sound), so samples are clamped first.
        self.pending.extend(samples.iter().map(|sample| {
            if sample.is_nan() {
                0.0
            } else {
                sample.clamp(-1.0, 1.0)
            }
        }));
        let frames = self.pending.len() / FRAME_SAMPLES;
        let verdicts = self
            .pending
            .chunks_exact(FRAME_SAMPLES)
            .map(|frame| self.detector.predict_f32(frame) >= SPEECH_SCORE)
            .collect();
        self.pending.drain(..frames * FRAME_SAMPLES);
        verdicts
    }

    /// Verdicts for a whole clip (its last partial frame is left out).
    pub fn frames_of(samples: &[f32]) -> Vec<bool> {
        Self::default().push(samples)
    }
}

/// Speech regions, in samples, from frame verdicts: a region opens at the first of
/// `onset_frames` voiced frames in a row and closes after `hangover_frames` unvoiced ones,
/// so a single noisy frame neither starts nor splits speech.
pub fn speech_regions(
    verdicts: &[bool],
    onset_frames: usize,
    hangover_frames: usize,
) -> Vec<(usize, usize)> {
    let mut regions = Vec::new();
    let mut open: Option<usize> = None;
    let mut voiced_run = 0;
    let mut unvoiced_run = 0;
    for (index, &voiced) in verdicts.iter().enumerate() {
        if voiced {
            voiced_run += 1;
            unvoiced_run = 0;
            if open.is_none() && voiced_run >= onset_frames {
                open = Some(index + 1 - voiced_run);
            }
        } else {
            voiced_run = 0;
            unvoiced_run += 1;
            if let Some(start) = open
                && unvoiced_run >= hangover_frames
            {
                regions.push((
                    start * FRAME_SAMPLES,
                    (index + 1 - unvoiced_run) * FRAME_SAMPLES,
                ));
                open = None;
            }
        }
    }
    if let Some(start) = open {
        regions.push((
            start * FRAME_SAMPLES,
            (verdicts.len() - unvoiced_run) * FRAME_SAMPLES,
        ));
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found with espeak-ng speech resampled to 16 kHz: `aira transcribe` panicked.
    #[test]
    fn samples_past_full_scale_or_not_a_number_do_not_panic() {
        let mut samples = vec![1.2_f32; FRAME_SAMPLES];
        samples.extend(vec![-3.0_f32; FRAME_SAMPLES]);
        samples.extend(vec![f32::NAN; FRAME_SAMPLES]);
        assert_eq!(VoiceActivityDetector::frames_of(&samples).len(), 3);
    }

    #[test]
    fn regions_need_an_onset_and_survive_short_gaps() {
        let frames: Vec<bool> = "0010011110110000000111000"
            .chars()
            .map(|frame| frame == '1')
            .collect();
        let regions = speech_regions(&frames, 3, 4);
        assert_eq!(
            regions,
            vec![
                (5 * FRAME_SAMPLES, 12 * FRAME_SAMPLES),
                (19 * FRAME_SAMPLES, 22 * FRAME_SAMPLES)
            ]
        );
    }

    #[test]
    fn a_region_still_open_at_the_end_is_closed_there() {
        let regions = speech_regions(&[false, true, true, true, true], 2, 3);
        assert_eq!(regions, vec![(FRAME_SAMPLES, 5 * FRAME_SAMPLES)]);
    }

    #[test]
    fn pieces_of_any_length_give_whole_frames() {
        let mut detector = VoiceActivityDetector::default();
        assert!(detector.push(&[0.0; 100]).is_empty());
        assert_eq!(detector.push(&[0.0; 500]).len(), 2);
        assert_eq!(detector.push(&[0.0; 168]).len(), 1);
        assert!(
            !VoiceActivityDetector::frames_of(&[0.0; 16_000])
                .iter()
                .any(|&voiced| voiced)
        );
    }
}
