use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError, mpsc};
use std::thread::JoinHandle;

use aira_core::Transcript;
use aira_core::ports::{
    PortFuture, SAMPLE_RATE, TranscribeError, Transcriber, TranscriptionOptions,
};
use tokio::sync::oneshot;
use whisper_rs::{FullParams, SamplingStrategy, WhisperContext, WhisperContextParameters};

use crate::cancellation;
use crate::model_file::check_model_file;
use crate::script::{ScriptFilter, script_primer};
use crate::words::{TimedToken, drop_repetition_loops, is_sound_annotation, join_tokens};

/// Quieter than this everywhere (peak amplitude) is silence, not a quiet speaker: Whisper
/// would invent text for it ("Thank you."), so it never reaches the model.
const SILENCE_PEAK: f32 = 0.01;
/// Segments Whisper itself believes hold no speech are dropped (its own default threshold).
const NO_SPEECH_PROBABILITY: f32 = 0.6;

#[derive(Debug, Clone)]
pub struct WhisperSettings {
    /// The model to load first; [`WhisperTranscriber::set_model_path`] changes it.
    pub model_path: PathBuf,
    /// CPU threads for inference; one is often fastest on a busy two-core machine.
    pub threads: u32,
    /// A language code such as "en", or "auto" to detect it.
    pub language: String,
    /// Encode only as much of Whisper's 30 s window as the audio fills. Much faster for
    /// short pieces (live transcription sends a few seconds at a time); see
    /// [`audio_context_for`].
    pub fit_audio_context: bool,
    /// Beam search of this width; 1 decodes greedily. Five beams cut the word error rate
    /// on noisy speech by a tenth (`examples/noisy_speech.rs`) for about 1.6 times the
    /// time; see [`DEFAULT_BEAM_SIZE`]. A job marked `waiting` is always greedy.
    pub beam_size: u32,
}

/// Beam width for Aira's transcription: measured on tiny.en over 3,000 words of interview
/// answers in babble, fan and hostel noise at 10, 5 and 0 dB SNR, greedy decoding gets
/// 45.7 % of words wrong and five beams 42.8 %, better in every noise and at every SNR;
/// on clean speech both are about 10 % once repetition loops are dropped. Live answers,
/// whose pieces are transcribed while the user speaks: word error rate 14-19 % greedy,
/// 10 % with five beams (`scripts/bench/live`).
pub const DEFAULT_BEAM_SIZE: u32 = 5;

/// Decoding choices beyond Aira's, for measurements (`examples/noisy_speech.rs`); the
/// default is what Aira ships.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct DecodingTweaks {
    /// whisper.cpp's temperature step for retries of a failed segment (default 0.2).
    pub temperature_inc: Option<f32>,
    /// Suppress non-speech tokens ("[Music]", "(noise)").
    pub suppress_nst: bool,
    /// Keep Whisper's repetition loops (plain whisper.cpp output).
    pub keep_repetition_loops: bool,
    /// whisper.cpp's no-speech threshold (default 0.6).
    pub no_speech_thold: Option<f32>,
    /// whisper.cpp's entropy threshold for retrying a repetitive segment (default 2.4).
    pub entropy_thold: Option<f32>,
    /// Aira drops segments whose no-speech probability is above this (default 0.6).
    pub drop_no_speech_above: Option<f32>,
    /// …and only when their tokens' mean log probability is below this, as whisper.cpp
    /// decides (default: whatever the probability).
    pub drop_only_below_logprob: Option<f32>,
}

struct Job {
    samples: Vec<f32>,
    options: TranscriptionOptions,
    reply: oneshot::Sender<Result<Transcript, TranscribeError>>,
}

/// What the worker thread is asked to do, in order.
enum Request {
    Transcribe(Job),
    /// The model path changed: free the loaded model now rather than at the next job, so
    /// switching to a larger model never holds both in memory.
    ModelChanged,
}

/// A whisper.cpp context and the file it was loaded from.
struct LoadedModel {
    path: PathBuf,
    context: WhisperContext,
}

/// The transcriber handle; the model lives on its worker thread, loaded on first use and
/// kept until the model path changes.
pub struct WhisperTranscriber {
    /// Threads for the next job; changeable while the model stays loaded.
    threads: Arc<AtomicU32>,
    /// The model for the next job; a job finding another one loaded reloads.
    model_path: Arc<Mutex<PathBuf>>,
    requests: Option<mpsc::Sender<Request>>,
    worker: Option<JoinHandle<()>>,
}

impl WhisperTranscriber {
    pub fn spawn(settings: WhisperSettings) -> std::io::Result<Self> {
        Self::spawn_tweaked(settings, DecodingTweaks::default())
    }

    #[doc(hidden)]
    pub fn spawn_tweaked(
        settings: WhisperSettings,
        tweaks: DecodingTweaks,
    ) -> std::io::Result<Self> {
        whisper_rs::install_logging_hooks();
        let (requests, receiver) = mpsc::channel::<Request>();
        let threads = Arc::new(AtomicU32::new(settings.threads.max(1)));
        let model_path = Arc::new(Mutex::new(settings.model_path.clone()));
        let worker_threads = Arc::clone(&threads);
        let worker_model_path = Arc::clone(&model_path);
        let mut worker_settings = settings;
        let worker = std::thread::Builder::new()
            .name("aira-whisper".into())
            .spawn(move || {
                let mut model: Option<LoadedModel> = None;
                for request in receiver {
                    worker_settings.model_path = lock(&worker_model_path).clone();
                    let job = match request {
                        Request::Transcribe(job) => job,
                        Request::ModelChanged => {
                            if model
                                .as_ref()
                                .is_some_and(|loaded| loaded.path != worker_settings.model_path)
                            {
                                model = None;
                                tracing::info!("whisper model unloaded: another one was chosen");
                            }
                            continue;
                        }
                    };
                    // A job given up on while it waited (a stale partial transcript) costs nothing.
                    let result = if job.options.is_cancelled() {
                        Err(TranscribeError::Cancelled)
                    } else {
                        worker_settings.threads = worker_threads.load(Ordering::Relaxed);
                        transcribe_on_worker(
                            &worker_settings,
                            &tweaks,
                            &mut model,
                            &job.samples,
                            &job.options,
                        )
                    };
                    if job.reply.send(result).is_err() {
                        tracing::debug!("transcription finished after its caller gave up");
                    }
                }
            })?;
        Ok(Self {
            threads,
            model_path,
            requests: Some(requests),
            worker: Some(worker),
        })
    }

    /// Threads for the jobs that start from now on.
    pub fn set_threads(&self, threads: u32) {
        self.threads.store(threads.max(1), Ordering::Relaxed);
    }

    /// The model file jobs use.
    pub fn model_path(&self) -> PathBuf {
        lock(&self.model_path).clone()
    }

    /// Switches to the model at `path` without a restart: the loaded model is freed at once
    /// and the next job loads the new file (a job already running finishes on the old one).
    pub fn set_model_path(&self, path: &Path) {
        {
            let mut current = lock(&self.model_path);
            if *current == path {
                return;
            }
            *current = path.to_path_buf();
        }
        let sent = self
            .requests
            .as_ref()
            .is_some_and(|requests| requests.send(Request::ModelChanged).is_ok());
        if !sent {
            tracing::debug!("the whisper worker has stopped; nothing to unload");
        }
    }
}

impl Drop for WhisperTranscriber {
    fn drop(&mut self) {
        drop(self.requests.take()); // closes the queue; the worker finishes its job and exits
        if let Some(worker) = self.worker.take()
            && worker.join().is_err()
        {
            tracing::error!("whisper worker panicked");
        }
    }
}

impl Transcriber for WhisperTranscriber {
    fn engine_name(&self) -> String {
        engine_name(&self.model_path())
    }

    fn transcribe(
        &self,
        samples: Vec<f32>,
        options: TranscriptionOptions,
    ) -> PortFuture<'_, Transcript, TranscribeError> {
        Box::pin(async move {
            let (reply, response) = oneshot::channel();
            let gone = || TranscribeError::Engine("the whisper worker has stopped".into());
            self.requests
                .as_ref()
                .ok_or_else(gone)?
                .send(Request::Transcribe(Job {
                    samples,
                    options,
                    reply,
                }))
                .map_err(|_| gone())?;
            response.await.map_err(|_| gone())?
        })
    }
}

/// "whisper (ggml-tiny.en.bin)": the engine and the model file that answered.
fn engine_name(model_path: &std::path::Path) -> String {
    let file = model_path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned());
    format!("whisper ({})", file.unwrap_or_else(|| "model".into()))
}

fn transcribe_on_worker(
    settings: &WhisperSettings,
    tweaks: &DecodingTweaks,
    model: &mut Option<LoadedModel>,
    samples: &[f32],
    options: &TranscriptionOptions,
) -> Result<Transcript, TranscribeError> {
    if samples.is_empty() {
        return Err(TranscribeError::EmptyAudio);
    }
    if samples.iter().all(|sample| sample.abs() < SILENCE_PEAK) {
        return Err(TranscribeError::NoSpeech);
    }
    let language = settings.language.as_str();
    let unsupported = |reason: &str| TranscribeError::UnsupportedLanguage {
        language: language.to_owned(),
        reason: reason.to_owned(),
    };
    // whisper-rs panics on a NUL byte, and whisper.cpp fails late on an unknown code.
    if language != "auto"
        && (language.contains('\0') || whisper_rs::get_lang_id(language).is_none())
    {
        return Err(unsupported(
            "not a language code Whisper knows (try en, hi, ta, te, bn, mr or auto)",
        ));
    }
    // A missing model is retried on every job, so fixing the file needs no restart; a model
    // from another path is freed before the new one loads.
    if model
        .as_ref()
        .is_none_or(|loaded| loaded.path != settings.model_path)
    {
        *model = None;
        *model = Some(LoadedModel {
            path: settings.model_path.clone(),
            context: load(settings)?,
        });
    }
    let Some(context) = model.as_ref().map(|loaded| &loaded.context) else {
        return Err(TranscribeError::Engine(
            "the model did not stay loaded".into(),
        ));
    };
    // A hint the model can follow wins over the configured language.
    let language = options
        .language_hint
        .as_deref()
        .filter(|hint| {
            context.is_multilingual()
                && !hint.contains('\0')
                && whisper_rs::get_lang_id(hint).is_some()
        })
        .unwrap_or(language);
    // An English-only model would quietly transcribe in English instead.
    if !matches!(language, "en" | "auto") && !context.is_multilingual() {
        return Err(unsupported(
            "this model understands English only; use a multilingual model",
        ));
    }
    let engine_error = |error: whisper_rs::WhisperError| TranscribeError::Engine(error.to_string());
    let mut state = context.create_state().map_err(engine_error)?;
    // Declared before the parameters that point at it, so it outlives them.
    let script_filter = ScriptFilter::for_language(context, language);
    let never_cancelled = AtomicBool::new(false);
    let cancel = options.cancel.as_deref().unwrap_or(&never_cancelled);

    // Greedy where someone is waiting, and for Devanagari answers: measured on the Hindi
    // clips (`tests/hindi.rs`), five beams talk Whisper into romanised Hindi (Devanagari
    // share 76 % greedy, 63 % with beams); the beams' gain was measured on English.
    let beam_size = if options.waiting || script_primer(language).is_some() {
        1
    } else {
        settings.beam_size
    };
    let strategy = match beam_size {
        0 | 1 => SamplingStrategy::Greedy { best_of: 1 },
        beam_size => SamplingStrategy::BeamSearch {
            beam_size: beam_size.min(16) as i32,
            patience: -1.0,
        },
    };
    let mut parameters = FullParams::new(strategy);
    if let Some(step) = tweaks.temperature_inc {
        parameters.set_temperature_inc(step);
    }
    if let Some(threshold) = tweaks.no_speech_thold {
        parameters.set_no_speech_thold(threshold);
    }
    if let Some(threshold) = tweaks.entropy_thold {
        parameters.set_entropy_thold(threshold);
    }
    parameters.set_suppress_nst(tweaks.suppress_nst);
    parameters.set_n_threads(settings.threads.max(1) as i32);
    parameters.set_language(Some(language));
    parameters.set_token_timestamps(true);
    parameters.set_no_context(true);
    parameters.set_suppress_blank(true);
    parameters.set_print_progress(false);
    parameters.set_print_realtime(false);
    parameters.set_print_special(false);
    parameters.set_print_timestamps(false);
    let prompt = [script_primer(language), options.prompt.as_deref()]
        .into_iter()
        .flatten()
        .filter(|part| !part.contains('\0'))
        .collect::<Vec<_>>()
        .join(" ");
    if !prompt.is_empty() {
        parameters.set_initial_prompt(&prompt);
    }
    if let Some(filter) = &script_filter {
        filter.install(&mut parameters);
    }
    cancellation::install(cancel, &mut parameters);
    if settings.fit_audio_context {
        parameters.set_audio_ctx(audio_context_for(samples.len()));
    }
    let started = std::time::Instant::now();
    let finished = state.full(parameters, samples);
    if options.is_cancelled() {
        return Err(TranscribeError::Cancelled);
    }
    finished.map_err(engine_error)?;

    let end_of_text = context.token_eot();
    let mut words = Vec::new();
    for segment in state.as_iter() {
        let text = segment
            .to_str_lossy()
            .map(|text| text.into_owned())
            .unwrap_or_default();
        let unsure = tweaks.drop_only_below_logprob.is_none_or(|threshold| {
            let logprobs: Vec<f32> = (0..segment.n_tokens())
                .filter_map(|index| segment.get_token(index))
                .map(|token| token.token_data())
                .filter(|data| data.id < context.token_eot())
                .map(|data| data.plog)
                .collect();
            logprobs.iter().sum::<f32>() / (logprobs.len().max(1) as f32) < threshold
        });
        let no_speech_above = tweaks.drop_no_speech_above.unwrap_or(NO_SPEECH_PROBABILITY);
        if (segment.no_speech_probability() > no_speech_above && unsure)
            || is_sound_annotation(&text)
        {
            tracing::debug!(%text, "dropped a segment without speech");
            continue;
        }
        let tokens = (0..segment.n_tokens())
            .filter_map(|index| segment.get_token(index))
            .filter_map(|token| {
                let data = token.token_data();
                // Ids from end-of-text upwards are control and timestamp tokens, not text.
                if data.id >= end_of_text {
                    return None;
                }
                let bytes = token.to_bytes().ok()?;
                Some(TimedToken {
                    bytes,
                    start_ms: centiseconds_to_ms(data.t0),
                    end_ms: centiseconds_to_ms(data.t1),
                })
            });
        words.extend(join_tokens(tokens.collect::<Vec<_>>()));
    }
    if !tweaks.keep_repetition_loops {
        words = drop_repetition_loops(words);
    }
    let audio_ms = (samples.len() as u64 * 1000 / u64::from(SAMPLE_RATE)) as u32;
    tracing::info!(
        audio_seconds = audio_ms as f32 / 1000.0,
        real_time_factor = started.elapsed().as_secs_f32() / (audio_ms.max(1) as f32 / 1000.0),
        words = words.len(),
        "transcribed"
    );
    if words.is_empty() {
        return Err(TranscribeError::NoSpeech);
    }
    Ok(Transcript::from_words(words, audio_ms).answered_by(engine_name(&settings.model_path)))
}

fn load(settings: &WhisperSettings) -> Result<WhisperContext, TranscribeError> {
    check_model_file(&settings.model_path)?;
    let started = std::time::Instant::now();
    let context =
        WhisperContext::new_with_params(&settings.model_path, WhisperContextParameters::default())
            .map_err(|error| TranscribeError::ModelInvalid {
                path: settings.model_path.display().to_string(),
                reason: error.to_string(),
            })?;
    tracing::info!(path = %settings.model_path.display(), seconds = started.elapsed().as_secs_f32(), "whisper model loaded");
    Ok(context)
}

/// Encoder positions for `samples` of 16 kHz audio: one per 20 ms, plus a margin so the
/// last word is never cut, rounded up to a multiple of 64 (whisper.cpp's fast path), and
/// never more than the full window of 1500. Zero means the full window.
fn audio_context_for(samples: usize) -> i32 {
    const FULL_WINDOW: usize = 1500;
    const MARGIN: usize = 128;
    let positions = samples.div_ceil(320) + MARGIN;
    let rounded = positions.div_ceil(64) * 64;
    if rounded >= FULL_WINDOW {
        0
    } else {
        rounded as i32
    }
}

/// Locks a mutex whose data stays valid even if a holder panicked.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn centiseconds_to_ms(centiseconds: i64) -> u32 {
    u32::try_from(centiseconds.max(0) * 10).unwrap_or(u32::MAX)
}
