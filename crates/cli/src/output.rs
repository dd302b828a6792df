//! Everything the CLI prints: plain text for people (and screen readers: no tables drawn
//! with symbols, one fact a line), or JSON with `--json`.

mod feedback;
pub mod models;

use std::process::ExitCode;

use aira_core::Word;
use aira_core::i18n::Catalog;
use aira_protocol::{CommandError, TurnResult, TurnSummary};
use aira_runtime::Question;
use serde::Serialize;

pub struct Output {
    json: bool,
    /// The texts in the user's language (the app's Settings), once the data folder is
    /// known; English before that.
    catalog: std::sync::OnceLock<&'static Catalog>,
}

impl Output {
    pub fn new(json: bool) -> Self {
        Self {
            json,
            catalog: std::sync::OnceLock::new(),
        }
    }

    /// Speaks the language chosen in the app from now on (`language` as in preferences).
    pub fn use_language(&self, language: Option<&str>) {
        let chosen = aira_core::i18n::choose(language.unwrap_or_default()).catalog;
        if self.catalog.set(chosen).is_err() {
            tracing::debug!("the CLI's language was already chosen");
        }
    }

    fn catalog(&self) -> &'static Catalog {
        self.catalog
            .get()
            .copied()
            .unwrap_or_else(|| Catalog::of(aira_core::i18n::Language::english()))
    }

    pub fn is_json(&self) -> bool {
        self.json
    }

    pub fn print_json(value: &impl Serialize) {
        match serde_json::to_string_pretty(value) {
            Ok(text) => println!("{text}"),
            Err(error) => eprintln!("error: could not encode the output as JSON: {error}"),
        }
    }

    /// The question being answered by voice; on stderr, so stdout stays the result.
    pub fn question(&self, question: &aira_core::Question) {
        eprintln!("Question: {}", question.text);
    }

    pub fn turn(&self, turn: &TurnResult, catalog: &Catalog) {
        if self.json {
            return Self::print_json(turn);
        }
        let metrics = &turn.metrics;
        println!("Question: {}", turn.question.text);
        println!("Transcript: {}", turn.transcript);
        feedback::print(&turn.feedback, catalog);
        if turn.source == aira_protocol::AnswerSource::Typed {
            println!("Words: {}", metrics.word_count);
            println!(
                "Coach: {}",
                catalog.get(&format!("feedback.engine.{}", turn.feedback.engine))
            );
            println!("Saved as turn {}", turn.turn_id);
            return;
        }
        println!(
            "Duration: {:.1} s (speaking {:.1} s)",
            metrics.duration_seconds, metrics.speaking_seconds
        );
        println!("Words: {}", metrics.word_count);
        println!("Words per minute: {:.0}", metrics.words_per_minute);
        let fillers = metrics
            .fillers
            .iter()
            .map(|filler| format!("{} {}", filler.filler, filler.count))
            .collect::<Vec<_>>();
        println!(
            "Filler words: {}{}",
            metrics.filler_count,
            if fillers.is_empty() {
                String::new()
            } else {
                format!(" ({})", fillers.join(", "))
            }
        );
        println!(
            "Pauses over 2 s: {} (longest {:.1} s)",
            metrics.long_pauses, metrics.longest_pause_seconds
        );
        println!(
            "Key points covered: {}",
            list_or_none(&metrics.key_points_covered)
        );
        println!(
            "Key points missed: {}",
            list_or_none(&metrics.key_points_missed)
        );
        println!(
            "Coach: {}; transcription: {}",
            catalog.get(&format!("feedback.engine.{}", turn.feedback.engine)),
            turn.transcription_engine
        );
        if let Some(reason) = &turn.transcription_note {
            println!("{}", transcribed_locally(catalog, reason));
        }
        println!(
            "Saved as turn {} (audio: {})",
            turn.turn_id, turn.audio_path
        );
    }

    pub fn history(&self, turns: &[TurnSummary]) {
        if self.json {
            return Self::print_json(&turns);
        }
        if turns.is_empty() {
            println!("No practice turns saved yet. Try: aira practice --answer answer.wav");
        }
        for turn in turns {
            let outcome = match (turn.score, &turn.error) {
                (Some(score), _) => format!("score {score}/10"),
                (None, Some(error)) => format!("{} ({error})", turn.status.as_str()),
                (None, None) => turn.status.as_str().to_owned(),
            };
            println!(
                "{}  {}  {}  {}",
                turn.id, turn.created_at, outcome, turn.question_text
            );
        }
    }

    /// What a pass over the coaching queue did, and the cloud coach's usage.
    pub fn recoached(
        &self,
        outcome: aira_runtime::RecoachOutcome,
        usage: (aira_protocol::TokenUsage, aira_protocol::TokenUsage),
    ) {
        if self.json {
            #[derive(Serialize)]
            struct Recoached {
                coached: u32,
                remaining: u32,
                session_usage: aira_protocol::TokenUsage,
                total_usage: aira_protocol::TokenUsage,
            }
            return Self::print_json(&Recoached {
                coached: outcome.coached,
                remaining: outcome.remaining,
                session_usage: usage.0,
                total_usage: usage.1,
            });
        }
        println!("Coached again by the cloud: {}", outcome.coached);
        println!("Still waiting: {}", outcome.remaining);
        println!(
            "All cloud coaching so far: {}",
            feedback::usage_sentence(self.catalog(), &usage.1)
        );
    }

    pub fn questions(&self, questions: &[Question]) {
        if self.json {
            let listed: Vec<_> = questions
                .iter()
                .map(Question::to_practice_question)
                .collect();
            return Self::print_json(&listed);
        }
        for question in questions {
            println!(
                "{}  [{} {} {}]  {}",
                question.id, question.role, question.kind, question.level, question.text
            );
        }
    }

    pub fn transcriptions(&self, results: &[TranscribedFile]) {
        if self.json {
            return Self::print_json(&results);
        }
        let catalog = self.catalog();
        for result in results {
            match (&result.text, &result.error) {
                (Some(text), _) => println!("{}: {text}", result.file),
                (None, Some(error)) => println!(
                    "{}: error: {} ({})",
                    result.file,
                    self.advice(error),
                    error.message
                ),
                (None, None) => println!("{}:", result.file),
            }
            if let Some(reason) = &result.fallback {
                eprintln!("{}: {}", result.file, transcribed_locally(catalog, reason));
            }
        }
        // One line when one engine did all the work, as it usually does.
        let mut engines: Vec<&str> = results
            .iter()
            .filter_map(|result| result.engine.as_deref())
            .collect();
        engines.dedup();
        match engines.as_slice() {
            [] => {}
            [engine] => eprintln!("transcribed by {engine}"),
            _ => {
                for result in results {
                    if let Some(engine) = &result.engine {
                        eprintln!("{}: transcribed by {engine}", result.file);
                    }
                }
            }
        }
    }

    /// Prints the error (localized text, then the detail) and gives the exit code for it.
    pub fn error(&self, error: &CommandError) -> ExitCode {
        let advice = self.advice(error);
        if self.json {
            #[derive(Serialize)]
            struct Wrapped<'a> {
                error: Body<'a>,
            }
            #[derive(Serialize)]
            struct Body<'a> {
                code: &'a str,
                message: &'a str,
                advice: &'a str,
            }
            Self::print_json(&Wrapped {
                error: Body {
                    code: error.code.as_str(),
                    message: &error.message,
                    advice: &advice,
                },
            });
        } else {
            eprintln!("error: {advice}");
            eprintln!("  detail: {}", error.message);
        }
        crate::exit_code::for_error(error.code)
    }
}

impl Output {
    /// What the error means and what to do, in the user's language.
    fn advice(&self, error: &CommandError) -> String {
        self.catalog()
            .get(&format!("error.{}", error.code.as_str()))
    }
}

fn transcribed_locally(catalog: &Catalog, reason: &str) -> String {
    catalog.format(
        "ui.feedback.transcribed_locally",
        &[("reason", reason.to_owned())],
    )
}

/// One file's outcome in `aira transcribe`, as printed with `--json`.
#[derive(Serialize)]
pub struct TranscribedFile {
    pub file: String,
    pub text: Option<String>,
    /// Each word with its start and end in milliseconds.
    pub words: Vec<Word>,
    pub audio_seconds: Option<f32>,
    pub processing_seconds: f32,
    /// The engine that answered: "whisper (ggml-tiny.en.bin)", "Amazon Transcribe (en-IN)".
    pub engine: Option<String>,
    /// Why the file was transcribed locally although the cloud was chosen (auto mode).
    pub fallback: Option<String>,
    pub error: Option<CommandError>,
}

impl TranscribedFile {
    pub fn new(
        file: &std::path::Path,
        outcome: Result<aira_core::Transcript, CommandError>,
        spent: std::time::Duration,
    ) -> Self {
        let file = file.display().to_string();
        let processing_seconds = spent.as_secs_f32();
        match outcome {
            Ok(transcript) => Self {
                file,
                text: Some(transcript.text),
                words: transcript.words,
                audio_seconds: Some(transcript.audio_ms as f32 / 1000.0),
                processing_seconds,
                engine: Some(transcript.engine),
                fallback: transcript.fallback,
                error: None,
            },
            Err(error) => Self {
                file,
                text: None,
                words: Vec::new(),
                audio_seconds: None,
                processing_seconds,
                engine: None,
                fallback: None,
                error: Some(error),
            },
        }
    }
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join("; ")
    }
}
