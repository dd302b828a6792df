//! Live transcription while the user speaks.
//!
//! A coordinator task takes the capture thread's audio, marks speech frame by frame, and
//! cuts the answer at pauses ([`segmenter`]). Each finished piece goes to the transcriber
//! at once — the whisper worker runs them in order — so when the user stops, only the last
//! few seconds are left to transcribe. While the worker is idle, the open piece is
//! transcribed too and shown as partial text.

mod segmenter;

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use aira_audio::{CaptureEvent, SPEECH_SAMPLE_RATE, VoiceActivityDetector};
use aira_core::ports::{TranscribeError, Transcriber, TranscriptionOptions};
use aira_core::{Transcript, Word};
use aira_protocol::{InputLevel, RecordingUpdate};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use segmenter::Segmenter;

/// New audio needed before the open piece is transcribed again for partial text.
const PARTIAL_EVERY_SAMPLES: usize = SPEECH_SAMPLE_RATE as usize * 3 / 4;
/// The open piece is not worth a partial transcript before it is this long.
const SHORTEST_PARTIAL_SAMPLES: usize = SPEECH_SAMPLE_RATE as usize;

type Job = JoinHandle<Result<Transcript, TranscribeError>>;
pub type UpdateSink = Box<dyn FnMut(RecordingUpdate) + Send>;

/// What the live session needs to know besides the audio.
pub struct LiveOptions {
    pub prompt: Option<String>,
    /// Silence after speech that ends the answer; `None` when the user stops it.
    pub auto_stop_after_ms: Option<u32>,
}

/// The handle the engine keeps while recording.
pub struct LiveSession {
    finish: oneshot::Sender<Finish>,
    task: JoinHandle<()>,
}

struct Finish {
    /// The whole recording, as the capture thread returned it.
    samples: Vec<f32>,
    reply: oneshot::Sender<Result<Transcript, TranscribeError>>,
}

/// Transcribes a whole recording in pieces of 20–25 s cut at pauses (a shorter one in a
/// single piece), each on an audio context fitted to its length, rather than in Whisper's
/// fixed 30 s windows that cut words wherever the window ends.
pub async fn transcribe_in_pieces(
    transcriber: Arc<dyn Transcriber>,
    samples: Vec<f32>,
    prompt: Option<String>,
) -> Result<Transcript, TranscribeError> {
    let options = LiveOptions {
        prompt,
        auto_stop_after_ms: None,
    };
    let mut coordinator = Coordinator::new(transcriber, options, Box::new(|_| {}));
    coordinator.segmenter = Segmenter::for_whole_recordings();
    coordinator.hurry_after_stop = false;
    coordinator.on_audio(&samples);
    coordinator.finish(samples).await
}

impl LiveSession {
    /// Starts the coordinator; feed it with the returned sender (the capture callback).
    pub fn start(
        transcriber: Arc<dyn Transcriber>,
        options: LiveOptions,
        on_update: UpdateSink,
    ) -> (Self, mpsc::UnboundedSender<CaptureEvent>) {
        let (events, receiver) = mpsc::unbounded_channel();
        let (finish, finish_receiver) = oneshot::channel();
        let coordinator = Coordinator::new(transcriber, options, on_update);
        let task = tokio::spawn(coordinator.run(receiver, finish_receiver));
        (Self { finish, task }, events)
    }

    /// Hands over the finished recording and waits for its transcript: the pieces already
    /// sent plus whatever followed the last pause.
    pub async fn finish(self, samples: Vec<f32>) -> Result<Transcript, TranscribeError> {
        let (reply, answer) = oneshot::channel();
        let gone = || TranscribeError::Engine("the live transcription stopped".into());
        self.finish
            .send(Finish { samples, reply })
            .map_err(|_| gone())?;
        let transcript = answer.await.map_err(|_| gone())?;
        if let Err(error) = self.task.await {
            tracing::error!(%error, "live transcription task failed");
        }
        transcript
    }

    /// Drops the session: jobs waiting for the worker are given up.
    pub fn cancel(self) {
        self.task.abort();
    }
}

struct Coordinator {
    transcriber: Arc<dyn Transcriber>,
    options: LiveOptions,
    on_update: UpdateSink,
    detector: VoiceActivityDetector,
    segmenter: Segmenter,
    audio: Vec<f32>,
    /// Pieces sent to the transcriber, oldest first, with where they start.
    pieces: VecDeque<(usize, Job)>,
    /// Words of finished pieces, timed from the start of the answer.
    words: Vec<Word>,
    /// Where the finished pieces end.
    finished_until: usize,
    partial: Option<Partial>,
    partial_text: Option<(usize, String)>,
    /// The text last sent to the front end.
    shown_text: String,
    last_partial_end: usize,
    silence_reported: bool,
    /// The first failure of a piece (a missing model fails them all): reported at the end.
    failure: Option<TranscribeError>,
    /// The engines that answered the pieces, in order of first use: in auto mode a cloud
    /// failure mid-answer sends the later pieces to the local engine.
    engines: Vec<String>,
    /// Why a piece was not transcribed by the chosen cloud engine (the first reason).
    fallback: Option<String>,
    /// Live answers: the user waits from the moment they stop, so what is transcribed after
    /// that goes the fast way. A whole recording is waited on as a whole, so not.
    hurry_after_stop: bool,
}

struct Partial {
    start: usize,
    end: usize,
    cancel: Arc<AtomicBool>,
    job: Job,
}

impl Coordinator {
    fn new(transcriber: Arc<dyn Transcriber>, options: LiveOptions, on_update: UpdateSink) -> Self {
        Self {
            transcriber,
            options,
            on_update,
            detector: VoiceActivityDetector::default(),
            segmenter: Segmenter::default(),
            audio: Vec::new(),
            pieces: VecDeque::new(),
            words: Vec::new(),
            finished_until: 0,
            partial: None,
            partial_text: None,
            shown_text: String::new(),
            last_partial_end: 0,
            silence_reported: false,
            failure: None,
            engines: Vec::new(),
            fallback: None,
            hurry_after_stop: true,
        }
    }

    async fn run(
        mut self,
        mut events: mpsc::UnboundedReceiver<CaptureEvent>,
        mut finish: oneshot::Receiver<Finish>,
    ) {
        let mut ticker = tokio::time::interval(std::time::Duration::from_millis(100));
        // The recorder drops its sender when it stops, just before the finish arrives.
        let mut recording = true;
        loop {
            tokio::select! {
                event = events.recv(), if recording => match event {
                    Some(event) => self.on_capture(event),
                    None => recording = false,
                },
                request = &mut finish => {
                    let Ok(request) = request else {
                        // The session was dropped without finishing: nobody wants the text.
                        return self.abandon();
                    };
                    // Audio still queued belongs to the answer.
                    while let Ok(event) = events.try_recv() {
                        self.on_capture(event);
                    }
                    return self.answer(request).await;
                }
                _ = ticker.tick() => self.collect_finished().await,
            }
        }
    }

    /// Finishes the transcript and sends it to whoever asked.
    async fn answer(&mut self, request: Finish) {
        let transcript = self.finish(request.samples).await;
        if request.reply.send(transcript).is_err() {
            tracing::debug!("nobody waited for the transcript");
        }
    }

    fn on_capture(&mut self, event: CaptureEvent) {
        match event {
            CaptureEvent::Audio {
                samples,
                level,
                seconds,
            } => {
                (self.on_update)(RecordingUpdate::Level(InputLevel {
                    rms: level.rms,
                    peak: level.peak,
                    seconds,
                }));
                self.on_audio(&samples);
            }
            CaptureEvent::Interrupted { reason } => {
                (self.on_update)(RecordingUpdate::DeviceLost { reason });
            }
            CaptureEvent::LimitReached => {
                (self.on_update)(RecordingUpdate::LimitReached {
                    minutes: aira_audio::MAX_ANSWER_SECONDS / 60,
                });
            }
        }
    }

    fn on_audio(&mut self, samples: &[f32]) {
        self.audio.extend_from_slice(samples);
        let verdicts = self.detector.push(samples);
        for piece in self.segmenter.push(&verdicts) {
            self.send_piece(piece, false);
        }
        if let Some(limit) = self.options.auto_stop_after_ms
            && !self.silence_reported
            && self.segmenter.heard_speech()
            && self.segmenter.trailing_silence_ms() >= limit
        {
            self.silence_reported = true;
            (self.on_update)(RecordingUpdate::SilenceDetected {
                seconds: limit as f32 / 1000.0,
            });
        }
        self.maybe_start_partial();
    }

    /// `waiting`: the answer has ended, so this piece is transcribed the fast way; pieces cut
    /// while the user is still speaking have time for the accurate way.
    fn send_piece(&mut self, piece: Range<usize>, waiting: bool) {
        // A partial of audio that is now a piece is no longer worth finishing.
        if let Some(partial) = &self.partial {
            partial.cancel.store(true, Ordering::Relaxed);
        }
        let samples = self.audio[piece.start..piece.end.min(self.audio.len())].to_vec();
        tracing::debug!(
            from_seconds = piece.start as f32 / SPEECH_SAMPLE_RATE as f32,
            to_seconds = piece.end as f32 / SPEECH_SAMPLE_RATE as f32,
            "piece sent for transcription"
        );
        let job = self.spawn_transcription(samples, None, waiting);
        self.pieces.push_back((piece.start, job));
    }

    fn spawn_transcription(
        &self,
        samples: Vec<f32>,
        cancel: Option<Arc<AtomicBool>>,
        waiting: bool,
    ) -> Job {
        let transcriber = Arc::clone(&self.transcriber);
        let options = TranscriptionOptions {
            prompt: self.options.prompt.clone(),
            cancel,
            waiting,
            language_hint: None,
        };
        tokio::spawn(async move { transcriber.transcribe(samples, options).await })
    }

    fn maybe_start_partial(&mut self) {
        if self.partial.is_some() || !self.pieces.is_empty() {
            return;
        }
        let Some(open) = self.segmenter.open_piece() else {
            return;
        };
        let end = open.end.min(self.audio.len());
        if end.saturating_sub(open.start) < SHORTEST_PARTIAL_SAMPLES
            || end < self.last_partial_end + PARTIAL_EVERY_SAMPLES
        {
            return;
        }
        self.last_partial_end = end;
        let cancel = Arc::new(AtomicBool::new(false));
        // Shown while the user speaks, and reused as the last piece when they stop there.
        let job = self.spawn_transcription(
            self.audio[open.start..end].to_vec(),
            Some(Arc::clone(&cancel)),
            true,
        );
        self.partial = Some(Partial {
            start: open.start,
            end,
            cancel,
            job,
        });
    }

    /// Takes the results that are ready and shows the text so far.
    async fn collect_finished(&mut self) {
        let mut changed = false;
        while self
            .pieces
            .front()
            .is_some_and(|(_, job)| job.is_finished())
        {
            if let Some((start, job)) = self.pieces.pop_front() {
                let end = self.pieces.front().map_or(usize::MAX, |(next, _)| *next);
                if let Err(error) = self.take_piece(start, job.await) {
                    self.failure.get_or_insert(error);
                }
                self.finished_until = end.min(self.audio.len());
                changed = true;
            }
        }
        if self
            .partial
            .as_ref()
            .is_some_and(|partial| partial.job.is_finished())
            && let Some(partial) = self.partial.take()
            && let Ok(Ok(transcript)) = partial.job.await
        {
            self.partial_text = Some((partial.start, transcript.text));
            changed = true;
        }
        if changed {
            let text = self.text_so_far();
            if text != self.shown_text {
                self.shown_text.clone_from(&text);
                (self.on_update)(RecordingUpdate::Transcript { text });
            }
        }
        self.maybe_start_partial();
    }

    /// Adds a finished piece's words; a piece without speech adds none.
    fn take_piece(
        &mut self,
        start: usize,
        result: Result<Result<Transcript, TranscribeError>, tokio::task::JoinError>,
    ) -> Result<(), TranscribeError> {
        let offset_ms = (start as u64 * 1000 / u64::from(SPEECH_SAMPLE_RATE)) as u32;
        tracing::debug!(offset_ms, ?result, "piece transcribed");
        match result {
            Ok(Ok(transcript)) => {
                if !transcript.engine.is_empty() && !self.engines.contains(&transcript.engine) {
                    self.engines.push(transcript.engine.clone());
                }
                if self.fallback.is_none() {
                    self.fallback = transcript.fallback;
                }
                self.words
                    .extend(transcript.words.into_iter().map(|word| Word {
                        start_ms: word.start_ms + offset_ms,
                        end_ms: word.end_ms + offset_ms,
                        text: word.text,
                    }));
                Ok(())
            }
            Ok(Err(TranscribeError::NoSpeech | TranscribeError::EmptyAudio)) => Ok(()),
            Ok(Err(error)) => Err(error),
            Err(error) => Err(TranscribeError::Engine(error.to_string())),
        }
    }

    fn text_so_far(&self) -> String {
        let mut text = Transcript::from_words(self.words.clone(), 0).text;
        if let Some((start, partial)) = &self.partial_text
            && *start >= self.finished_until
            && !partial.is_empty()
        {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(partial);
        }
        text
    }

    async fn finish(&mut self, samples: Vec<f32>) -> Result<Transcript, TranscribeError> {
        // The capture thread's copy is authoritative (it includes the resampler's tail).
        if samples.len() > self.audio.len() {
            let tail = samples[self.audio.len()..].to_vec();
            self.audio.extend_from_slice(&tail);
            let verdicts = self.detector.push(&tail);
            for piece in self.segmenter.push(&verdicts) {
                self.send_piece(piece, self.hurry_after_stop);
            }
        }
        // A partial transcript of the whole open piece, with no speech after it, is already
        // the last piece's text: waiting for it beats transcribing the piece again.
        let open_start = self.segmenter.open_piece().map(|open| open.start);
        let speech_until = self.segmenter.speech_until();
        let reusable = self
            .partial
            .take_if(|partial| Some(partial.start) == open_start && partial.end >= speech_until);
        if let Some(partial) = self.partial.take() {
            partial.cancel.store(true, Ordering::Relaxed);
        }
        let last = self.segmenter.finish(self.audio.len());
        match (reusable, last) {
            (Some(partial), _) => self.pieces.push_back((partial.start, partial.job)),
            (None, Some(last)) => self.send_piece(last, self.hurry_after_stop),
            (None, None) => {}
        }
        while let Some((start, job)) = self.pieces.pop_front() {
            if let Err(error) = self.take_piece(start, job.await) {
                self.failure.get_or_insert(error);
            }
        }
        let audio_ms = (self.audio.len() as u64 * 1000 / u64::from(SPEECH_SAMPLE_RATE)) as u32;
        match self.failure.take() {
            Some(error) => Err(error),
            None if self.words.is_empty() => Err(TranscribeError::NoSpeech),
            None => {
                let mut transcript =
                    Transcript::from_words(std::mem::take(&mut self.words), audio_ms)
                        .answered_by(self.engines.join(" and "));
                transcript.fallback = self.fallback.take();
                Ok(transcript)
            }
        }
    }

    fn abandon(&mut self) {
        if let Some(partial) = self.partial.take() {
            partial.cancel.store(true, Ordering::Relaxed);
        }
        for (_, job) in self.pieces.drain(..) {
            job.abort();
        }
    }
}
