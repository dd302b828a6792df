//! Where to cut a live answer into pieces for the transcriber: at pauses, so no word is
//! split, and never longer than Whisper's window. Pure bookkeeping over voice-activity
//! verdicts, so it is tested without audio.

use std::ops::Range;

use aira_audio::{FRAME_MS, FRAME_SAMPLES};

/// A pause this long after speech ends a piece (about half a second)...
const PAUSE_FRAMES: usize = 500 / FRAME_MS as usize;
/// ...or this long once the piece is [`LONG_PIECE_FRAMES`] long: a breath between sentences
/// is enough then, so the words left for the end stay few (espeak's breaths between
/// sentences measure 250–300 ms of unvoiced frames).
const SHORT_PAUSE_FRAMES: usize = 200 / FRAME_MS as usize;
const LONG_PIECE_FRAMES: usize = 2_500 / FRAME_MS as usize;
/// Voiced frames in a row that count as speech, not a click.
const ONSET_FRAMES: usize = 3;
/// A piece is cut here even without a pause: Whisper reads at most 30 s at a time.
const LONGEST_PIECE_FRAMES: usize = 25_000 / FRAME_MS as usize;
/// Silence kept at the end of a piece, so the last word's tail is not clipped.
const TRAILING_SILENCE_FRAMES: usize = 200 / FRAME_MS as usize;

#[derive(Debug)]
pub struct Segmenter {
    /// The pause that ends a piece shorter than `long_piece_frames`.
    pause_frames: usize,
    /// From this length on, a breath ends a piece.
    long_piece_frames: usize,
    /// Frames seen so far.
    frames: usize,
    /// The first frame not yet handed out in a piece.
    committed_until: usize,
    /// Whether the uncommitted frames hold speech.
    speech_pending: bool,
    voiced_run: usize,
    unvoiced_run: usize,
    heard_speech: bool,
    /// Frames up to the end of the latest voiced one.
    voiced_until: usize,
}

impl Default for Segmenter {
    /// For live answers: short pieces, so little is left to transcribe at the stop.
    fn default() -> Self {
        Self::with_lengths(PAUSE_FRAMES, LONG_PIECE_FRAMES)
    }
}

impl Segmenter {
    /// For whole recordings: pieces as long as Whisper's window allows, cut at a breath
    /// after 20 s. Short pieces would cost more (each pays for a margin of audio context and
    /// its own decoding) and lose the context between sentences.
    pub fn for_whole_recordings() -> Self {
        Self::with_lengths(usize::MAX, 20_000 / FRAME_MS as usize)
    }

    fn with_lengths(pause_frames: usize, long_piece_frames: usize) -> Self {
        Self {
            pause_frames,
            long_piece_frames,
            frames: 0,
            committed_until: 0,
            speech_pending: false,
            voiced_run: 0,
            unvoiced_run: 0,
            heard_speech: false,
            voiced_until: 0,
        }
    }

    /// Takes the verdicts of the next frames; returns the sample ranges of pieces that are
    /// complete (ended by a pause, or grown too long).
    pub fn push(&mut self, verdicts: &[bool]) -> Vec<Range<usize>> {
        let mut pieces = Vec::new();
        for &voiced in verdicts {
            self.frames += 1;
            if voiced {
                self.voiced_until = self.frames;
                self.voiced_run += 1;
                self.unvoiced_run = 0;
                if self.voiced_run >= ONSET_FRAMES {
                    self.speech_pending = true;
                    self.heard_speech = true;
                }
            } else {
                self.voiced_run = 0;
                self.unvoiced_run += 1;
            }
            let length = self.frames - self.committed_until;
            let pause = if length >= self.long_piece_frames {
                SHORT_PAUSE_FRAMES
            } else {
                self.pause_frames
            };
            if self.speech_pending && self.unvoiced_run >= pause {
                let end = self.frames - self.unvoiced_run + TRAILING_SILENCE_FRAMES.min(pause);
                pieces.push(self.commit_to(end));
            } else if length >= LONGEST_PIECE_FRAMES {
                // Mid-speech: cut where the latest quiet frame is, else here.
                let end = if self.unvoiced_run > 0 {
                    self.frames - self.unvoiced_run / 2
                } else {
                    self.frames
                };
                if self.speech_pending {
                    pieces.push(self.commit_to(end));
                } else {
                    self.committed_until = end;
                }
            } else if !self.speech_pending && self.unvoiced_run > PAUSE_FRAMES {
                // Long silence before any speech: nothing to transcribe there.
                self.committed_until = self.committed_until.max(self.frames - PAUSE_FRAMES);
            }
        }
        pieces
    }

    /// The piece still open when recording stops, if it holds speech. `total_samples` is
    /// the whole recording's length (its last partial frame included).
    pub fn finish(&mut self, total_samples: usize) -> Option<Range<usize>> {
        let start = self.committed_until * FRAME_SAMPLES;
        self.committed_until = self.frames;
        let pending = std::mem::take(&mut self.speech_pending);
        (pending && total_samples > start).then_some(start..total_samples)
    }

    /// The samples not yet handed out, for a partial transcript.
    pub fn open_piece(&self) -> Option<Range<usize>> {
        self.speech_pending
            .then(|| self.committed_until * FRAME_SAMPLES..self.frames * FRAME_SAMPLES)
    }

    /// Where the latest speech ends, in samples.
    pub fn speech_until(&self) -> usize {
        self.voiced_until * FRAME_SAMPLES
    }

    pub fn heard_speech(&self) -> bool {
        self.heard_speech
    }

    /// Milliseconds of silence since the last speech.
    pub fn trailing_silence_ms(&self) -> u32 {
        self.unvoiced_run as u32 * FRAME_MS
    }

    fn commit_to(&mut self, end_frame: usize) -> Range<usize> {
        let start = self.committed_until;
        self.committed_until = end_frame;
        self.speech_pending = self.voiced_run >= ONSET_FRAMES && end_frame < self.frames;
        start * FRAME_SAMPLES..end_frame * FRAME_SAMPLES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(pattern: &[(bool, usize)]) -> Vec<bool> {
        pattern
            .iter()
            .flat_map(|&(voiced, count)| std::iter::repeat_n(voiced, count))
            .collect()
    }

    #[test]
    fn a_pause_after_speech_ends_a_piece_with_a_little_silence_kept() {
        let mut segmenter = Segmenter::default();
        let pieces = segmenter.push(&frames(&[(false, 10), (true, 100), (false, 40)]));
        let end_frame = 110 + TRAILING_SILENCE_FRAMES;
        assert_eq!(pieces, vec![0..end_frame * FRAME_SAMPLES]);
        assert!(segmenter.heard_speech());
        assert_eq!(
            segmenter.open_piece(),
            None,
            "the silence after is no piece"
        );
        assert_eq!(segmenter.finish(150 * FRAME_SAMPLES + 7), None);
    }

    #[test]
    fn speech_still_going_at_the_stop_is_the_last_piece() {
        let mut segmenter = Segmenter::default();
        let first = segmenter.push(&frames(&[(true, 50), (false, 40), (true, 30)]));
        assert_eq!(first.len(), 1);
        let open = segmenter.open_piece();
        assert_eq!(
            open.as_ref().map(|range| range.end),
            Some(120 * FRAME_SAMPLES)
        );
        let last = segmenter.finish(120 * FRAME_SAMPLES + 100);
        assert_eq!(last, Some(first[0].end..120 * FRAME_SAMPLES + 100));
    }

    #[test]
    fn clicks_are_not_speech_and_leading_silence_is_skipped() {
        let mut segmenter = Segmenter::default();
        let pieces = segmenter.push(&frames(&[(false, 100), (true, 2), (false, 100)]));
        assert!(pieces.is_empty());
        assert!(!segmenter.heard_speech());
        assert_eq!(segmenter.finish(202 * FRAME_SAMPLES), None);
        assert_eq!(segmenter.trailing_silence_ms(), 100 * FRAME_MS);
    }

    #[test]
    fn a_long_piece_ends_at_a_breath_a_short_one_needs_a_real_pause() {
        let mut segmenter = Segmenter::default();
        let breath = SHORT_PAUSE_FRAMES + 1;
        let short = segmenter.push(&frames(&[(true, 100), (false, breath), (true, 50)]));
        assert!(
            short.is_empty(),
            "a breath after 1.6 s of speech does not end a piece"
        );
        let long = segmenter.push(&frames(&[(true, LONG_PIECE_FRAMES), (false, breath)]));
        assert_eq!(long.len(), 1, "a breath after 4 s of speech does");
        assert_eq!(
            segmenter.speech_until(),
            (150 + breath + LONG_PIECE_FRAMES) * FRAME_SAMPLES
        );
    }

    #[test]
    fn whole_recordings_are_cut_only_after_20_s() {
        let mut segmenter = Segmenter::for_whole_recordings();
        let sentence = frames(&[(true, 300), (false, 40)]);
        let pieces: Vec<_> = (0..8).flat_map(|_| segmenter.push(&sentence)).collect();
        // 8 × 5.4 s: a cut at the first pause after 20 s, twice.
        assert_eq!(pieces.len(), 2, "{pieces:?}");
        assert!(pieces.iter().all(|piece| {
            (20_000 / FRAME_MS as usize * FRAME_SAMPLES..=LONGEST_PIECE_FRAMES * FRAME_SAMPLES)
                .contains(&piece.len())
        }));
    }

    #[test]
    fn speech_without_pauses_is_cut_before_whisper_window_ends() {
        let mut segmenter = Segmenter::default();
        let pieces = segmenter.push(&frames(&[(true, LONGEST_PIECE_FRAMES * 2 + 10)]));
        assert_eq!(pieces.len(), 2);
        assert!(
            pieces
                .iter()
                .all(|piece| piece.len() <= LONGEST_PIECE_FRAMES * FRAME_SAMPLES)
        );
        assert_eq!(
            pieces[0].end, pieces[1].start,
            "no audio is skipped between pieces"
        );
        assert!(segmenter.open_piece().is_some());
    }
}
