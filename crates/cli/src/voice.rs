//! `aira say` and `aira voices`: the voice the app speaks with, from the command line.
//! Neither needs the database or a speech model.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use aira_audio::Player;
use aira_protocol::{EnginePolicy, SayOutput};
use aira_runtime::{RuntimeError, Settings, voice};

use crate::output::Output;

pub struct SayRequest {
    pub text: String,
    pub out: Option<std::path::PathBuf>,
    pub engine: Option<EnginePolicy>,
    pub voice: Option<String>,
    pub rate: Option<f32>,
}

pub async fn say(
    request: SayRequest,
    settings: &Settings,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    if request.text.trim().is_empty() {
        return Err(RuntimeError::EmptyText);
    }
    let mut settings = settings.clone();
    settings.voice_engine = request.engine.or(settings.voice_engine);
    settings.voice = request.voice.or(settings.voice);
    settings.speech_rate = request.rate;
    let voice = open(&settings)?;
    let said = match &request.out {
        Some(path) => {
            let (speech, mut said) = voice.render_text(&request.text).await?;
            write_wav(path, &speech.samples, speech.sample_rate)?;
            said.out = Some(path.display().to_string());
            said
        }
        None => voice.speak_text(&request.text).await?,
    };
    output.said(&said);
    Ok(ExitCode::SUCCESS)
}

pub async fn voices(settings: &Settings, output: &Output) -> Result<ExitCode, RuntimeError> {
    let voice = open(settings)?;
    output.voices(&voice.voices().await);
    Ok(ExitCode::SUCCESS)
}

fn open(settings: &Settings) -> Result<aira_voice::VoiceOut, RuntimeError> {
    let preferences = aira_runtime::load_preferences(&settings.data_dir);
    let player = Arc::new(Player::spawn()?);
    let account = aira_runtime::SharedAccount::new(settings.aws_account(&preferences));
    let opened = voice::open_voice(settings, &preferences, player, &account);
    voice::attach_piper(settings, &opened);
    Ok(opened)
}

/// 16-bit mono WAV at the speech's own rate.
fn write_wav(path: &Path, samples: &[f32], sample_rate: u32) -> Result<(), RuntimeError> {
    let file_error = |error: hound::Error| RuntimeError::File {
        path: path.display().to_string(),
        source: match error {
            hound::Error::IoError(io) => io,
            other => std::io::Error::other(other.to_string()),
        },
    };
    let spec = hound::WavSpec {
        channels: 1,
        sample_rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut writer = hound::WavWriter::create(path, spec).map_err(file_error)?;
    for sample in samples {
        writer
            .write_sample((sample.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16)
            .map_err(file_error)?;
    }
    writer.finalize().map_err(file_error)
}

impl Output {
    pub fn said(&self, said: &SayOutput) {
        if self.is_json() {
            Self::print_json(said);
            return;
        }
        let place = said
            .out
            .as_deref()
            .map_or_else(String::new, |out| format!(" into {out}"));
        println!(
            "Said {:.1} s{place} with {} ({} piece{}, {} from the cache).",
            said.seconds,
            said.voice,
            said.chunks,
            if said.chunks == 1 { "" } else { "s" },
            said.cached_chunks
        );
        if said.usage.characters > 0 {
            println!(
                "Amazon Polly: {} characters, about US${:.4}.",
                said.usage.characters, said.usage.estimated_cost_usd
            );
        }
        if let Some(reason) = &said.fallback {
            println!("Not the voice asked for: {reason}");
        }
    }

    pub fn voices(&self, listed: &aira_protocol::VoicesOutput) {
        if self.is_json() {
            Self::print_json(listed);
            return;
        }
        for voice in &listed.voices {
            let engine = voice
                .polly_engine
                .as_deref()
                .map_or_else(String::new, |engine| format!(", {engine}"));
            println!(
                "{}: {}, {} ({}){engine}",
                voice.id, voice.name, voice.language_name, voice.language
            );
        }
        for reason in &listed.unavailable {
            println!("Not available: {reason}");
        }
    }
}
