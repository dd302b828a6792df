//! The voice Aira speaks with: the user's policy (local | cloud | auto) over Polly, Piper
//! and espeak-ng, the speech cache in front of them, and playback through the shared
//! player (the same path as the earcons).
//!
//! Text is cut at sentence ends ([`chunk_text`]); the first piece plays while the next is
//! made. Each piece tries the voices of the plan in order — Polly first in cloud and auto
//! mode, then the local voice — so a Polly failure is heard as the local voice, never as
//! silence, and the reason is kept for the user. After a failure that will not pass in a
//! moment (offline, access denied, timed out) Polly rests for [`CLOUD_REST`]. The text is
//! always on screen: speech is an addition, never the only copy.

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

use aira_audio::Player;
use aira_core::ports::{CloudFailure, PortFuture, SpeakError, Speaker};
use aira_protocol::{
    EnginePolicy, SayOutput, SpeechUsage, VoiceEngine, VoiceInfo, VoicesOutput, WordMark,
};

mod named_voices;
mod playback;
mod report;
mod settings;
mod turns;

use named_voices::{espeak_voice, polly_voice};
use playback::Piece;
use report::{Rendered, add_to_report, empty_report, fallback, find_piece};
use turns::SpeechTurns;

pub use settings::{CLOUD_REST, DEFAULT_CLOUD_VOICE, FALLBACK_LOCAL_VOICE, VoiceOutSettings};

use crate::cache::SpeechCache;
use crate::chunking::{CHUNK_CHARACTERS, chunk_text};
use crate::espeak::EspeakSynthesizer;
use crate::language::spoken_language;
use crate::speech::{Speech, SpeechRequest, Synthesizer, clamp_rate};
use aira_core::i18n::primary_language;

/// Called with the text being spoken and each word as it starts to be heard (character
/// offsets into that text, as given to [`VoiceOut::speak_text`]).
pub type WordListener = Arc<dyn Fn(&str, WordMark) + Send + Sync>;

pub struct VoiceOut {
    polly: Option<Arc<dyn Synthesizer>>,
    /// Set once loaded (loading a network takes a second or two, so it may come later).
    piper: std::sync::OnceLock<(Arc<dyn Synthesizer>, VoiceInfo)>,
    espeak: Arc<EspeakSynthesizer>,
    cache: Option<SpeechCache>,
    player: Arc<Player>,
    settings: Mutex<VoiceOutSettings>,
    cloud_rests_until: Mutex<Option<Instant>>,
    turns: SpeechTurns,
    on_word: Mutex<Option<WordListener>>,
    /// Everything Polly billed since start.
    usage: Mutex<SpeechUsage>,
}

impl VoiceOut {
    pub fn new(
        player: Arc<Player>,
        espeak: Arc<EspeakSynthesizer>,
        settings: VoiceOutSettings,
    ) -> Self {
        player.set_volume(settings.volume);
        Self {
            polly: None,
            piper: std::sync::OnceLock::new(),
            espeak,
            cache: None,
            player,
            settings: Mutex::new(settings),
            cloud_rests_until: Mutex::new(None),
            turns: SpeechTurns::default(),
            on_word: Mutex::new(None),
            usage: Mutex::new(SpeechUsage::default()),
        }
    }

    pub fn with_polly(mut self, polly: Arc<dyn Synthesizer>) -> Self {
        self.polly = Some(polly);
        self
    }

    /// Adds a neural local voice, from then on the default local voice. Only the first
    /// one given is kept.
    pub fn attach_piper(&self, piper: Arc<dyn Synthesizer>, voice: VoiceInfo) {
        if self.piper.set((piper, voice)).is_err() {
            tracing::warn!("a second Piper voice was ignored");
        }
    }

    pub fn with_cache(mut self, cache: SpeechCache) -> Self {
        self.cache = Some(cache);
        self
    }

    pub fn cache(&self) -> Option<&SpeechCache> {
        self.cache.as_ref()
    }

    pub fn settings(&self) -> VoiceOutSettings {
        lock(&self.settings).clone()
    }

    pub fn set_settings(&self, settings: VoiceOutSettings) {
        self.player.set_volume(settings.volume);
        *lock(&self.settings) = settings;
    }

    pub fn set_word_listener(&self, listener: Option<WordListener>) {
        *lock(&self.on_word) = listener;
    }

    pub fn usage(&self) -> SpeechUsage {
        *lock(&self.usage)
    }

    pub fn pause(&self) {
        self.player.pause();
    }

    pub fn resume(&self) {
        self.player.resume();
    }

    pub fn is_paused(&self) -> bool {
        self.player.is_paused()
    }

    /// Whether any voice can speak (espeak-ng, Piper or Polly).
    pub fn has_voice(&self) -> bool {
        self.espeak.is_available() || self.piper.get().is_some() || self.polly.is_some()
    }

    /// Every voice there is now; engines that list none say why.
    pub async fn voices(&self) -> VoicesOutput {
        let mut voices = Vec::new();
        let mut unavailable = Vec::new();
        if let Some(polly) = &self.polly {
            match polly.voices().await {
                Ok(listed) => voices.extend(listed),
                Err(error) => unavailable.push(error.to_string()),
            }
        }
        match self.piper.get() {
            Some((_, voice)) => voices.push(voice.clone()),
            None => unavailable.push("Piper: no neural voice is installed (see the README)".into()),
        }
        match self.espeak.voices().await {
            Ok(listed) => voices.extend(listed),
            Err(error) => unavailable.push(error.to_string()),
        }
        VoicesOutput {
            voices,
            unavailable,
        }
    }

    /// Says `text` through the speakers, replacing whatever is being said; resolves when
    /// it has been said or was stopped. Long text plays piece by piece.
    pub async fn speak_text(&self, text: &str) -> Result<SayOutput, SpeakError> {
        let turn = self.turns.begin();
        self.player.resume();
        let pieces = chunk_text(text, CHUNK_CHARACTERS);
        let mut report = empty_report();
        let mut offset = 0_usize;
        let mut next = match pieces.first() {
            Some(first) => Some(self.render(first).await),
            None => return Ok(report),
        };
        for (index, piece) in pieces.iter().enumerate() {
            let rendered = next
                .take()
                .unwrap_or_else(|| Err(SpeakError::Failed("nothing made".into())))?;
            if !self.turns.is_current(turn) {
                break;
            }
            add_to_report(&mut report, &rendered);
            let piece_start = text[..]
                .chars()
                .count()
                .min(find_piece(text, piece, &mut offset));
            let following = pieces.get(index + 1);
            let (played, made) = tokio::join!(
                playback::play(
                    &self.player,
                    &self.turns,
                    lock(&self.on_word).clone(),
                    Piece {
                        text,
                        speech: &rendered.speech,
                        start: piece_start,
                    },
                    turn,
                ),
                async {
                    match following {
                        Some(piece) => Some(self.render(piece).await),
                        None => None,
                    }
                }
            );
            played?;
            next = made;
        }
        Ok(report)
    }

    /// Makes `text` into one sound without playing it (`aira say --out`).
    pub async fn render_text(&self, text: &str) -> Result<(Speech, SayOutput), SpeakError> {
        let mut report = empty_report();
        let mut whole = Speech::default();
        let mut offset = 0_usize;
        for piece in chunk_text(text, CHUNK_CHARACTERS) {
            let rendered = self.render(&piece).await?;
            add_to_report(&mut report, &rendered);
            let piece_start = find_piece(text, &piece, &mut offset) as u32;
            if whole.sample_rate == 0 {
                whole.sample_rate = rendered.speech.sample_rate;
            }
            let time_ms = (whole.samples.len() as u64 * 1000 / u64::from(whole.sample_rate)) as u32;
            whole
                .marks
                .extend(rendered.speech.marks.iter().map(|mark| WordMark {
                    time_ms: mark.time_ms + time_ms,
                    start: mark.start + piece_start,
                    end: mark.end + piece_start,
                }));
            whole.samples.extend(aira_audio::resample(
                &rendered.speech.samples,
                rendered.speech.sample_rate,
                whole.sample_rate,
            ));
        }
        if whole.sample_rate == 0 {
            return Err(SpeakError::Failed("there is no text to say".into()));
        }
        report.seconds = whole.seconds();
        report.sample_rate = whole.sample_rate;
        report.marks = whole.marks.clone();
        Ok((whole, report))
    }

    /// Prepares phrases ahead (into the cache), so they play at once later. Local voices
    /// only: nothing is sent to the cloud unasked.
    pub async fn prepare(&self, phrases: &[String]) -> usize {
        let Some(cache) = &self.cache else { return 0 };
        let settings = self.settings();
        let rate = settings.rate;
        let mut prepared = 0;
        for phrase in phrases {
            let voice = self.local_voice(&settings, spoken_language(phrase, &settings.language));
            let key = SpeechCache::key(voice.engine, &voice.id, rate, phrase);
            if cache.get(&key).is_some() {
                continue;
            }
            let request = SpeechRequest {
                text: phrase,
                voice: &voice,
                rate,
            };
            match self.synthesizer(voice.engine).synthesize(request).await {
                Ok(speech) => {
                    if let Err(error) = cache.put(&key, &speech) {
                        tracing::warn!(%error, "could not keep prepared speech");
                        break;
                    }
                    prepared += 1;
                }
                Err(error) => {
                    tracing::debug!(%error, "a phrase could not be prepared");
                    break;
                }
            }
        }
        prepared
    }

    /// One piece: from the cache, or from the first voice of the plan that can make it.
    async fn render(&self, piece: &str) -> Result<Rendered, SpeakError> {
        let settings = self.settings();
        let rate = clamp_rate(settings.rate);
        let mut reasons = Vec::new();
        let mut last_error = None;
        let language = spoken_language(piece, &settings.language);
        for voice in self.plan(&settings, language, &mut reasons) {
            let key = SpeechCache::key(voice.engine, &voice.id, rate, piece);
            if let Some(speech) = self.cache.as_ref().and_then(|cache| cache.get(&key)) {
                return Ok(Rendered {
                    speech,
                    voice,
                    cached: true,
                    fallback: fallback(&reasons),
                });
            }
            if voice.engine == VoiceEngine::Polly && self.cloud_resting() {
                reasons.push("Amazon Polly is resting after a recent failure".to_owned());
                continue;
            }
            let request = SpeechRequest {
                text: piece,
                voice: &voice,
                rate,
            };
            match self.synthesizer(voice.engine).synthesize(request).await {
                Ok(speech) => {
                    if let Some(cache) = &self.cache
                        && let Err(error) = cache.put(&key, &speech)
                    {
                        tracing::warn!(%error, "speech not kept in the cache");
                    }
                    let mut usage = lock(&self.usage);
                    usage.characters += speech.usage.characters;
                    usage.estimated_cost_usd += speech.usage.estimated_cost_usd;
                    drop(usage);
                    return Ok(Rendered {
                        speech,
                        voice,
                        cached: false,
                        fallback: fallback(&reasons),
                    });
                }
                Err(error) => {
                    tracing::info!(voice = %voice.id, %error, "voice failed; trying the next");
                    if let SpeakError::Cloud { kind, .. } = &error
                        && matches!(
                            kind,
                            CloudFailure::Offline
                                | CloudFailure::AccessDenied
                                | CloudFailure::Timeout
                        )
                    {
                        *lock(&self.cloud_rests_until) = Some(Instant::now() + CLOUD_REST);
                    }
                    reasons.push(error.to_string());
                    last_error = Some(error);
                }
            }
        }
        Err(last_error.unwrap_or_else(|| SpeakError::Unavailable("no voice is installed".into())))
    }

    fn cloud_resting(&self) -> bool {
        lock(&self.cloud_rests_until).is_some_and(|until| Instant::now() < until)
    }

    fn synthesizer(&self, engine: VoiceEngine) -> &dyn Synthesizer {
        match engine {
            VoiceEngine::Polly => self.polly.as_deref().unwrap_or(&*self.espeak),
            VoiceEngine::Piper => self
                .piper
                .get()
                .map_or(&*self.espeak as &dyn Synthesizer, |(piper, _)| &**piper),
            VoiceEngine::Espeak => &*self.espeak,
        }
    }

    /// The voices to try, in order, for the policy and the text's `language`; why Polly
    /// is left out, when the policy wanted it, goes to `reasons`.
    fn plan(
        &self,
        settings: &VoiceOutSettings,
        language: &str,
        reasons: &mut Vec<String>,
    ) -> Vec<VoiceInfo> {
        let mut plan = Vec::new();
        if settings.policy != EnginePolicy::Local && self.polly.is_some() {
            match cloud_voice(settings, language) {
                Some(voice) => plan.push(voice),
                None => reasons.push(format!(
                    "Amazon Polly has no voice for {}",
                    language_name(language)
                )),
            }
        }
        plan.push(self.local_voice(settings, language));
        if plan
            .last()
            .is_none_or(|voice| voice.id != FALLBACK_LOCAL_VOICE)
        {
            plan.push(espeak_voice(FALLBACK_LOCAL_VOICE));
        }
        plan
    }

    /// The chosen local voice when it is installed and speaks `language`; else Piper when
    /// it speaks it; else espeak-ng's voice for it.
    fn local_voice(&self, settings: &VoiceOutSettings, language: &str) -> VoiceInfo {
        let speaks = |voice: &VoiceInfo| primary_language(&voice.language) == language;
        let piper = self.piper.get().map(|(_, piper)| piper);
        if let Some(id) = settings.local_voice.as_deref() {
            let chosen = piper.filter(|piper| piper.id == id).cloned().or_else(|| {
                EspeakSynthesizer::voice_list()
                    .into_iter()
                    .find(|voice| voice.id == id)
            });
            match chosen {
                Some(voice) if speaks(&voice) => return voice,
                Some(_) => tracing::debug!(
                    voice = id,
                    language,
                    "the chosen voice does not speak this text's language; using one that does"
                ),
                None => tracing::warn!(
                    voice = id,
                    "the chosen local voice is not installed; using the default"
                ),
            }
        }
        if let Some(piper) = piper.filter(|piper| speaks(piper)) {
            return piper.clone();
        }
        EspeakSynthesizer::voice_list()
            .into_iter()
            .find(speaks)
            .unwrap_or_else(|| espeak_voice(FALLBACK_LOCAL_VOICE))
    }
}

/// The Polly voice for text in `language`: the chosen one, else Kajal, who speaks Indian
/// English and Hindi. Polly has no voice for Aira's other languages.
fn cloud_voice(settings: &VoiceOutSettings, language: &str) -> Option<VoiceInfo> {
    let polly_language = match language {
        "en" => "en-IN",
        "hi" => "hi-IN",
        _ => return None,
    };
    Some(match settings.cloud_voice.as_deref() {
        Some(chosen) => polly_voice(chosen),
        None => {
            let mut kajal = polly_voice(DEFAULT_CLOUD_VOICE);
            kajal.language = polly_language.to_owned();
            kajal
        }
    })
}

/// The language's English name, for messages in the log and the speech report.
fn language_name(language: &str) -> String {
    EspeakSynthesizer::voice_list()
        .into_iter()
        .find(|voice| primary_language(&voice.language) == language)
        .map_or_else(|| language.to_owned(), |voice| voice.language_name)
}

impl Speaker for VoiceOut {
    fn is_available(&self) -> bool {
        self.has_voice()
    }

    fn speak(&self, text: String) -> PortFuture<'_, (), SpeakError> {
        Box::pin(async move {
            let said = self.speak_text(&text).await?;
            if let Some(reason) = said.fallback {
                tracing::info!(%reason, voice = %said.voice, "spoke with a fallback voice");
            }
            Ok(())
        })
    }

    fn stop(&self) {
        self.turns.cancel_all();
        self.player.stop();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
