mod coaching;
mod history;
mod profiles;
mod questions;
mod recording;
mod recovery;
mod report;
mod resume;
mod voice_commands;

pub use coaching::RecoachOutcome;
pub use recovery::{Recovery, start_afresh};
pub use resume::{ImportedDocument, ResumeQuestions};

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use aira_audio::{EARCON_SAMPLE_RATE, Earcon, Player, Recorder};
use aira_aws::SharedAccount;
use aira_coach::{BedrockCoach, BedrockSettings, LocalCoach};
use aira_core::i18n::Catalog;
use aira_core::ports::{Coach, FeedbackProgress, Speaker, Transcriber};
use aira_core::{Question, QuestionBank};
use aira_protocol::{
    AnswerSource, AppStatus, AwsProfilesOutput, Preferences, PreferencesPatch, TurnResult,
};
use aira_speech::{
    AmazonSettings, AmazonTranscriber, WhisperSettings, WhisperTranscriber, check_model_file,
};
use aira_store::{CompletedTurn, NewTurn, Store};
use aira_voice::VoiceOut;

use crate::coach_policy::PolicyCoach;
use crate::error::RuntimeError;
use crate::live::{LiveSession, transcribe_in_pieces};
use crate::models::ModelManager;
use crate::preferences::PreferencesStore;
use crate::session_lock::SessionLock;
use crate::settings::{Settings, read_ca_file};
use crate::transcription_policy::PolicyTranscriber;
use coaching::CoachingQueue;

/// The running engine. Cheap to share (`Arc<Engine>`). Open it inside a tokio runtime; its
/// methods are then safe to call from any thread, and blocking work goes to the threads
/// that own it.
pub struct Engine {
    settings: Settings,
    bank: QuestionBank,
    store: Store,
    /// The local transcriber, for its model and threads.
    whisper: Arc<WhisperTranscriber>,
    /// Whatever transcribes answers: the policy choosing between whisper and the cloud
    /// (a preference change reaches it through the preferences store).
    transcriber: Arc<dyn Transcriber>,
    /// The offline coach, Bedrock, or either by the user's policy.
    coach: Arc<PolicyCoach>,
    /// Bedrock itself: its model follows the preference, and it writes résumé questions.
    bedrock: Arc<BedrockCoach>,
    /// The session answers go to: this run's, or one left unfinished that the user went on
    /// with. Turns carry it, so usage is totalled per session.
    session_id: std::sync::RwLock<String>,
    /// Tells other processes this session is running (see `session_lock`).
    session_lock: Mutex<Option<SessionLock>>,
    /// The journal of the answer being recorded (see `recording_journal`), by id.
    recording_journal: Mutex<Option<String>>,
    /// Held while recovering, so two passes never coach an answer twice.
    recovering: tokio::sync::Mutex<()>,
    /// Speaks questions and feedback: the voice policy, the cache, pause and volume.
    speaker: Arc<VoiceOut>,
    recorder: Arc<Recorder>,
    /// Shared with the speaker: earcons and speech never talk over each other.
    player: Arc<Player>,
    last_question: Mutex<Option<String>>,
    /// Shared with `models`; a change points the transcriber at the chosen model.
    preferences: Arc<PreferencesStore>,
    models: ModelManager,
    /// The answer being recorded, transcribed as it goes.
    live: Mutex<Option<LiveSession>>,
    /// Answers coached offline that wait for the cloud coach.
    queue: CoachingQueue,
    /// Stops the background work started at open (the queue's watch) on close.
    stop: tokio_util::sync::CancellationToken,
    /// The résumé and job description as imported and redacted, until replaced.
    documents: Mutex<std::collections::HashMap<aira_protocol::DocumentKind, ImportedDocument>>,
    /// Questions written about the résumé this session, practised by id.
    written_questions: Mutex<Vec<Question>>,
    /// The runtime the engine was opened on: callers on other threads (Tauri runs plain
    /// commands on the main thread) still spawn background work onto it.
    runtime: tokio::runtime::Handle,
}

impl Engine {
    pub async fn open(settings: Settings) -> Result<Self, RuntimeError> {
        let folder_error = |path: &Path| {
            let path = path.display().to_string();
            move |source| RuntimeError::File { path, source }
        };
        std::fs::create_dir_all(settings.audio_dir())
            .map_err(folder_error(&settings.audio_dir()))?;
        let store = Store::open(&settings.database_path()).await?;
        let bank =
            QuestionBank::builtin().map_err(|error| RuntimeError::Internal(error.to_string()))?;
        let preferences = Arc::new(PreferencesStore::open(&settings.data_dir));
        let chosen = preferences.get();
        let catalog = language_catalog(&chosen);
        let transcriber = WhisperTranscriber::spawn(WhisperSettings {
            model_path: settings.model_path(&chosen),
            threads: settings.whisper_threads(&chosen),
            language: settings.whisper_language(),
            fit_audio_context: true,
            beam_size: settings.whisper_beam_size,
        })
        .map_err(|error| {
            RuntimeError::Internal(format!("could not start the whisper worker: {error}"))
        })?;
        let whisper = Arc::new(transcriber);
        let aws_account = SharedAccount::new(settings.aws_account(&chosen));
        let policy = Arc::new(PolicyTranscriber::new(
            Arc::clone(&whisper) as Arc<dyn Transcriber>,
            Some(Arc::new(amazon_transcriber(&settings, &aws_account)) as Arc<dyn Transcriber>),
            settings.transcription_engine(&chosen),
        ));
        let bedrock = Arc::new(bedrock_coach(&settings, &chosen, &aws_account));
        let coach = Arc::new(PolicyCoach::new(
            Arc::new(LocalCoach),
            Some(Arc::clone(&bedrock) as Arc<dyn Coach>),
            settings.coach_engine(&chosen),
        ));
        let player = Arc::new(Player::spawn()?);
        let speaker = Arc::new(crate::voice::open_voice(
            &settings,
            &chosen,
            Arc::clone(&player),
            &aws_account,
        ));
        let preparing_speaker = Arc::clone(&speaker);
        let phrases: Vec<String> = (1..=10)
            .map(|score| catalog.format("feedback.summary", &[("score", score.to_string())]))
            .collect();
        let loading_settings = settings.clone();
        // Piper takes a second or two to load: in the background, then the phrases said
        // after every answer are prepared with the voice that will say them.
        tokio::spawn(async move {
            let loading_speaker = Arc::clone(&preparing_speaker);
            let loaded = tokio::task::spawn_blocking(move || {
                crate::voice::attach_piper(&loading_settings, &loading_speaker);
            })
            .await;
            if let Err(error) = loaded {
                tracing::warn!(%error, "loading the Piper voice failed");
            }
            let prepared = preparing_speaker.prepare(&phrases).await;
            tracing::debug!(prepared, "common phrases prepared for the voice");
        });
        let listening_speaker = Arc::clone(&speaker);
        let listening_whisper = Arc::clone(&whisper);
        let listening_policy = Arc::clone(&policy);
        let listening_coach = Arc::clone(&coach);
        let listening_bedrock = Arc::clone(&bedrock);
        let listening_settings = settings.clone();
        preferences.on_change(move |changed| {
            listening_whisper.set_threads(listening_settings.whisper_threads(changed));
            listening_whisper.set_model_path(&listening_settings.model_path(changed));
            listening_policy.set_policy(listening_settings.transcription_engine(changed));
            listening_coach.set_policy(listening_settings.coach_engine(changed));
            listening_bedrock.set_model_id(&listening_settings.bedrock_model(changed));
            aws_account.set(listening_settings.aws_account(changed));
            listening_speaker
                .set_settings(crate::voice::voice_settings(&listening_settings, changed));
        });
        tracing::info!(data_dir = %settings.data_dir.display(), model = %whisper.model_path().display(), transcription = policy.policy().as_str(), coaching = coach.policy().as_str(), "engine ready");
        let queue = CoachingQueue::new(
            store.clone(),
            Arc::clone(&coach),
            bank.clone(),
            Arc::clone(&preferences),
        );
        let stop = tokio_util::sync::CancellationToken::new();
        let watching_preferences = Arc::clone(&preferences);
        let watching_settings = settings.clone();
        queue.clone().watch(
            coaching::RECOACH_EVERY,
            move || {
                let chosen = watching_preferences.get();
                coaching::may_send_later(watching_settings.coach_engine(&chosen), &chosen)
            },
            stop.clone(),
        );
        let session_id = uuid::Uuid::new_v4().to_string();
        let session_lock = SessionLock::take(&settings.data_dir, &session_id)
            .map_err(|error| tracing::warn!(%error, "this session's lock could not be taken"))
            .ok();
        let engine = Self {
            session_id: std::sync::RwLock::new(session_id),
            session_lock: Mutex::new(session_lock),
            recording_journal: Mutex::new(None),
            recovering: tokio::sync::Mutex::new(()),
            queue,
            stop,
            documents: Mutex::new(std::collections::HashMap::new()),
            written_questions: Mutex::new(Vec::new()),
            bank,
            store,
            transcriber: policy as Arc<dyn Transcriber>,
            whisper,
            coach,
            bedrock,
            speaker,
            player,
            recorder: Arc::new(Recorder::spawn()?),
            models: ModelManager::new(settings.clone(), Arc::clone(&preferences)),
            settings,
            last_question: Mutex::new(None),
            preferences,
            live: Mutex::new(None),
            runtime: tokio::runtime::Handle::current(),
        };
        engine.choose_profile_at_open().await?;
        // Recordings past the user's retention go at every start (transcripts stay).
        if let Err(error) = engine.clean_expired_audio().await {
            tracing::warn!(%error, "expired recordings could not be cleaned up");
        }
        Ok(engine)
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The texts of the language the user chose (English when Aira has none in it); it
    /// follows a change of preference at once.
    pub fn catalog(&self) -> &'static Catalog {
        language_catalog(&self.preferences())
    }

    /// The speech models: list, download, import, remove, choose.
    pub fn models(&self) -> &ModelManager {
        &self.models
    }

    pub fn status(&self) -> AppStatus {
        let model_path = self.whisper.model_path();
        AppStatus {
            data_dir: self.settings.data_dir.display().to_string(),
            model_path: model_path.display().to_string(),
            model_present: check_model_file(&model_path).is_ok(),
            voice_available: self.speaker.is_available(),
            audio_output_available: aira_audio::output_available(),
            question_count: self.bank.questions().len() as u32,
        }
    }

    /// Starts saying `text` and returns at once; a later call or [`Engine::stop_speaking`]
    /// cuts it off. Without a voice the text is only shown, which the status says.
    pub fn speak_in_background(&self, text: String) {
        let speaker = Arc::clone(&self.speaker);
        self.runtime.spawn(async move {
            if let Err(error) = speaker.speak(text).await {
                tracing::warn!(%error, "could not speak; the text stays on screen");
            }
        });
    }

    /// Says a new question or feedback as the screen shows it, in the background. Not in
    /// voice-only mode: there the interview says each thing in turn and then listens
    /// (see the UI's voice-only loop), and two voices at once would talk over each other.
    pub fn speak_along(&self, text: String) {
        if !self.preferences().voice_only {
            self.speak_in_background(text);
        }
    }

    /// What is said aloud when feedback arrives: the score, then each point.
    pub fn feedback_speech(&self, feedback: &aira_protocol::Feedback) -> String {
        let summary = self
            .catalog()
            .format("feedback.summary", &[("score", feedback.score.to_string())]);
        // The score on its own piece: said after every answer, it is prepared ahead and
        // played from the cache.
        let points = feedback.points.join(" ");
        if points.is_empty() {
            summary
        } else {
            format!("{summary}\n\n{points}")
        }
    }

    pub async fn speak(&self, text: String) -> Result<(), RuntimeError> {
        self.speaker
            .speak(text)
            .await
            .map_err(|error| RuntimeError::Internal(error.to_string()))
    }

    pub fn stop_speaking(&self) {
        self.speaker.stop();
    }

    /// Holds the voice where it is; [`Engine::resume_speaking`] goes on.
    pub fn pause_speaking(&self) {
        self.speaker.pause();
    }

    pub fn resume_speaking(&self) {
        self.speaker.resume();
    }

    /// The voice: its voices, its usage, its cache; and speech made without playing.
    pub fn voice(&self) -> &VoiceOut {
        &self.speaker
    }

    pub fn preferences(&self) -> Preferences {
        self.preferences.get()
    }

    /// The profiles in the user's AWS config and credentials files, for Settings to offer.
    pub async fn aws_profiles(&self) -> AwsProfilesOutput {
        match aira_aws::profile_names().await {
            Ok(profiles) => AwsProfilesOutput {
                profiles,
                unreadable: None,
            },
            Err(reason) => AwsProfilesOutput {
                profiles: Vec::new(),
                unreadable: Some(reason),
            },
        }
    }

    /// Changes and saves the user's choices; returns them as they now stand. A model is
    /// chosen through [`ModelManager::use_model`], which checks it is installed, and a
    /// profile through [`Engine::use_profile`], which checks it exists.
    pub fn update_preferences(
        &self,
        mut patch: PreferencesPatch,
    ) -> Result<Preferences, RuntimeError> {
        patch.model = None;
        patch.profile = None;
        crate::settings::check_aws_names(
            patch.aws_profile.as_ref().and_then(Option::as_deref),
            patch.aws_region.as_ref().and_then(Option::as_deref),
        )?;
        self.preferences.update(patch)
    }

    /// The session answers are saved to.
    pub fn session_id(&self) -> String {
        self.session_id
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Answers go to session `id` from now on, its lock (when it could be taken) telling
    /// other processes it runs; the session they went to so far ends (nothing happens to
    /// one that has no answers yet).
    async fn switch_session(
        &self,
        id: String,
        session_lock: Option<SessionLock>,
    ) -> Result<(), RuntimeError> {
        let previous = std::mem::replace(
            &mut *self
                .session_id
                .write()
                .unwrap_or_else(PoisonError::into_inner),
            id,
        );
        if let Some(previous_lock) = std::mem::replace(&mut *lock(&self.session_lock), session_lock)
        {
            previous_lock.release();
        }
        self.store.finish_session(&previous, &now_rfc3339()).await?;
        Ok(())
    }

    /// Coaches an answer recorded earlier (WAV, MP3, M4A/AAC, OGG/Vorbis or FLAC).
    pub async fn practice_file(
        &self,
        question: &Question,
        path: &Path,
        progress: Option<FeedbackProgress<'_>>,
    ) -> Result<TurnResult, RuntimeError> {
        let samples = decode(path).await?;
        self.practice(question, samples, AnswerSource::File, progress)
            .await
    }

    /// Transcribes an audio file without coaching or saving it.
    pub async fn transcribe_file(
        &self,
        path: &Path,
        prompt: Option<String>,
    ) -> Result<aira_core::Transcript, RuntimeError> {
        let samples = decode(path).await?;
        Ok(transcribe_in_pieces(Arc::clone(&self.transcriber), samples, prompt).await?)
    }

    /// Which engine and model transcribe under the current policy, for people.
    pub fn transcription_engine(&self) -> String {
        self.transcriber.engine_name()
    }

    /// One practice turn on 16 kHz mono samples. The audio and a `recorded` row are saved
    /// before anything can fail, so the answer is never lost.
    pub async fn practice(
        &self,
        question: &Question,
        samples: Vec<f32>,
        source: AnswerSource,
        progress: Option<FeedbackProgress<'_>>,
    ) -> Result<TurnResult, RuntimeError> {
        let turn = self.record_turn(question, &samples, source).await?;
        crate::crash_test_hold::hold_here_if_asked("transcribing").await;
        let prompt = Some(question.transcription_prompt());
        let transcript = transcribe_in_pieces(Arc::clone(&self.transcriber), samples, prompt)
            .await
            .map_err(RuntimeError::from);
        self.complete_turn(question, turn, transcript, progress)
            .await
    }

    /// Saves the answer's audio and a `recorded` row.
    async fn record_turn(
        &self,
        question: &Question,
        samples: &[f32],
        source: AnswerSource,
    ) -> Result<RecordedTurn, RuntimeError> {
        if samples.is_empty() {
            return Err(aira_audio::AudioError::EmptyAudio.into());
        }
        let created_at = now_rfc3339();
        let audio_path = self.save_answer_audio(&created_at, samples).await?;
        let audio_path = audio_path.display().to_string();
        let id = self
            .store
            .insert_recorded_turn(NewTurn {
                created_at: &created_at,
                session_id: &self.session_id(),
                question: &question.to_practice_question(),
                source,
                audio_path: &audio_path,
                typed_text: None,
            })
            .await?;
        Ok(RecordedTurn {
            id,
            source,
            audio_path,
        })
    }

    /// Analyses and coaches a recorded turn's transcript and completes its row, or marks
    /// it failed with the reason (its audio stays).
    async fn complete_turn(
        &self,
        question: &Question,
        turn: RecordedTurn,
        transcript: Result<aira_core::Transcript, RuntimeError>,
        progress: Option<FeedbackProgress<'_>>,
    ) -> Result<TurnResult, RuntimeError> {
        crate::crash_test_hold::hold_here_if_asked("coaching").await;
        let coached = match transcript {
            Ok(transcript) => self.coach_transcript(question, transcript, progress).await,
            Err(error) => Err(error),
        };
        let (transcript, metrics, coached) = match coached {
            Ok(coached) => coached,
            Err(error) => {
                if let Err(store_error) = self.store.fail_turn(turn.id, &error.to_string()).await {
                    tracing::error!(%store_error, turn.id, "could not mark the turn as failed");
                }
                return Err(error);
            }
        };
        crate::crash_test_hold::hold_here_if_asked("saving").await;
        let transcription_engine = if transcript.engine.is_empty() {
            self.transcriber.engine_name()
        } else {
            transcript.engine.clone()
        };
        self.store
            .complete_turn(
                turn.id,
                CompletedTurn {
                    transcript: &transcript,
                    metrics: &metrics,
                    feedback: &coached.feedback,
                    transcription_engine: &transcription_engine,
                },
            )
            .await?;
        self.after_coaching(turn.id, &coached).await;
        Ok(TurnResult {
            turn_id: turn.id,
            question: question.to_practice_question(),
            source: turn.source,
            transcript: transcript.text,
            metrics,
            feedback: coached.feedback,
            transcription_engine,
            transcription_note: transcript.fallback,
            audio_path: turn.audio_path,
        })
    }

    async fn save_answer_audio(
        &self,
        created_at: &str,
        samples: &[f32],
    ) -> Result<PathBuf, RuntimeError> {
        let stamp: String = created_at.chars().filter(char::is_ascii_digit).collect();
        let path = self
            .settings
            .audio_dir()
            .join(format!("{stamp}-{}.wav", uuid::Uuid::new_v4().simple()));
        let samples = samples.to_vec();
        let target = path.clone();
        tokio::task::spawn_blocking(move || aira_audio::write_wav_mono_16k(&target, &samples))
            .await??;
        Ok(path)
    }

    /// Closes the database cleanly (the WAL is checkpointed).
    pub async fn close(&self) {
        self.stop.cancel();
        if let Err(error) = self
            .store
            .finish_session(&self.session_id(), &now_rfc3339())
            .await
        {
            tracing::warn!(%error, "the session could not be marked finished");
        }
        self.store.close().await;
        if let Some(session_lock) = lock(&self.session_lock).take() {
            session_lock.release();
        }
    }
}

/// The Bedrock coach, configured but not connected: credentials and network are first
/// needed when the cloud coach is used.
fn bedrock_coach(
    settings: &Settings,
    preferences: &Preferences,
    account: &SharedAccount,
) -> BedrockCoach {
    let mut bedrock = BedrockSettings {
        model_id: settings.bedrock_model(preferences),
        ..BedrockSettings::default()
    };
    bedrock.extra_ca_pem =
        read_ca_file(settings.bedrock_ca_file.as_deref(), "AIRA_BEDROCK_CA_FILE");
    BedrockCoach::new(bedrock, account.clone())
}

/// The cloud engine, configured but not connected: the AWS configuration is read on its
/// first use, so opening Aira needs neither network nor credentials.
fn amazon_transcriber(settings: &Settings, account: &SharedAccount) -> AmazonTranscriber {
    let mut amazon = AmazonSettings::new(settings.language.clone());
    amazon.extra_ca_pem = read_ca_file(
        settings.transcribe_ca_file.as_deref(),
        "AIRA_TRANSCRIBE_CA_FILE",
    );
    AmazonTranscriber::new(amazon, account.clone())
}

/// The texts for the language in `preferences`: English when none is chosen or Aira has no
/// texts in it (the UI says so).
fn language_catalog(preferences: &Preferences) -> &'static Catalog {
    aira_core::i18n::choose(preferences.language.as_deref().unwrap_or_default()).catalog
}

/// Plays an earcon to its end. Without a speaker it is skipped: the UI says the same in words.
async fn play_and_wait(player: &Arc<Player>, earcon: Earcon) {
    let player = Arc::clone(player);
    let played = tokio::task::spawn_blocking(move || {
        player
            .play(earcon.samples(), EARCON_SAMPLE_RATE)
            .map(|finished| finished.recv().ok())
    })
    .await;
    match played {
        Ok(Ok(_)) => {}
        Ok(Err(error)) => tracing::debug!(%error, ?earcon, "earcon not played"),
        Err(error) => tracing::warn!(%error, ?earcon, "earcon task failed"),
    }
}

/// Decodes an audio file to 16 kHz mono off the async threads.
async fn decode(path: &Path) -> Result<Vec<f32>, RuntimeError> {
    let path = path.to_owned();
    Ok(tokio::task::spawn_blocking(move || aira_audio::decode_file(&path)).await??)
}

/// A turn whose audio (if any) and `recorded` row are saved.
struct RecordedTurn {
    id: i64,
    source: AnswerSource,
    audio_path: String,
}

/// Locks a mutex whose data stays valid even if a holder panicked.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".into())
}
