//! `aira`: practice headless, read history, script Aira. See the README for every
//! subcommand, its `--json` output and its exit codes.

mod arguments;
mod exit_code;
mod listen;
mod models;
mod output;
mod profiles;
mod progress;
mod recovery;
mod resume;
mod sessions;
mod voice;

use std::process::ExitCode;

use aira_protocol::CommandError;
use aira_runtime::{Engine, RuntimeError, Settings};
use clap::Parser;

use crate::arguments::{Arguments, Command};
use crate::output::Output;

fn main() -> ExitCode {
    let arguments = Arguments::parse();
    aira_runtime::init_logging("warn");
    let output = Output::new(arguments.json);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            return output.error(&CommandError::new(
                aira_protocol::ErrorCode::Internal,
                error.to_string(),
            ));
        }
    };
    match runtime.block_on(run(arguments, &output)) {
        Ok(exit_code) => exit_code,
        Err(error) => output.error(&CommandError::from(error)),
    }
}

/// Runs one subcommand. A command that reports its own failures (per file) returns the exit
/// code; any other failure is an `Err`, printed by the caller.
async fn run(arguments: Arguments, output: &Output) -> Result<ExitCode, RuntimeError> {
    let mut settings = Settings::resolve(arguments.data_dir, arguments.model, None);
    output.use_language(
        aira_runtime::load_preferences(&settings.data_dir)
            .language
            .as_deref(),
    );
    settings.profile = arguments.profile.or(settings.profile);
    aira_runtime::check_aws_names(
        arguments.aws_profile.as_deref(),
        arguments.aws_region.as_deref(),
    )?;
    settings.aws_profile = arguments.aws_profile;
    settings.aws_region = arguments.aws_region;
    if let Command::Transcribe {
        language, threads, ..
    } = &arguments.command
    {
        settings.language = language.clone().unwrap_or(settings.language);
        settings.whisper_threads = threads.or(settings.whisper_threads);
    }
    if let Command::Transcribe {
        engine: Some(engine),
        ..
    }
    | Command::Practice {
        engine: Some(engine),
        ..
    } = &arguments.command
    {
        settings.transcription_engine = Some((*engine).into());
    }
    if let Command::Practice {
        coach: Some(coach), ..
    } = &arguments.command
    {
        settings.coach_engine = Some((*coach).into());
    }
    // Model management and the voice need neither the database nor a loaded model.
    let command = match arguments.command {
        Command::Models { command } => return models::run(command, &settings, output).await,
        Command::Say {
            text,
            out,
            engine,
            voice,
            rate,
        } => {
            let request = voice::SayRequest {
                text,
                out,
                engine: engine.map(Into::into),
                voice,
                rate,
            };
            return voice::say(request, &settings, output).await;
        }
        Command::Voices => return voice::voices(&settings, output).await,
        // A damaged database cannot be opened: this command must work without the engine.
        Command::FreshStart { .. } => return recovery::fresh_start(&settings, output).await,
        command => command,
    };
    let engine = Engine::open(settings).await?;
    let result = match command {
        Command::Practice {
            answer,
            answer_text,
            microphone,
            question_id,
            question,
            speak,
            continue_session,
            ..
        } => {
            if let Some(id) = continue_session {
                engine.continue_session(&id).await?;
            }
            let question = match (question_id, question) {
                (Some(id), _) => engine.question(&id)?,
                (None, Some(text)) => aira_runtime::Question::custom(&text),
                (None, None) => engine.next_question(),
            };
            let turn = match (answer, answer_text) {
                (_, Some(text)) => engine.practice_typed(&question, &text, None).await,
                (Some(answer), None) if !microphone => {
                    engine.practice_file(&question, &answer, None).await
                }
                _ => listen::practice_by_voice(&engine, &question, output).await,
            };
            if let Ok(turn) = &turn {
                output.turn(turn, engine.catalog());
                if speak {
                    engine.speak(engine.feedback_speech(&turn.feedback)).await?;
                }
            }
            turn.map(|_| ExitCode::SUCCESS)
        }
        Command::Transcribe { files, prompt, .. } => {
            Ok(transcribe(&engine, &files, prompt, output).await)
        }
        Command::History { limit } => engine.history(limit).await.map(|turns| {
            output.history(&turns);
            ExitCode::SUCCESS
        }),
        Command::Questions { role, kind, level } => {
            let filter = aira_core::question_bank::QuestionFilter { role, kind, level };
            let chosen: Vec<_> = engine
                .questions()
                .iter()
                .filter(|question| filter.matches(question))
                .cloned()
                .collect();
            output.questions(&chosen);
            Ok(ExitCode::SUCCESS)
        }
        Command::Recoach => match engine.recoach_queued().await {
            Ok(outcome) => {
                output.recoached(outcome, engine.coaching_usage().await?);
                Ok(ExitCode::SUCCESS)
            }
            Err(error) => Err(error),
        },
        Command::Resume { command } => resume::run(&engine, command, output).await,
        Command::Recover => recovery::recover(&engine, output).await,
        Command::Profiles { command } => profiles::run(&engine, command, output).await,
        Command::Sessions {
            role,
            since,
            min_score,
            search,
            limit,
            offset,
        } => {
            let filter = aira_runtime::SessionFilter {
                role,
                since,
                min_score,
                search,
                ..aira_runtime::SessionFilter::default()
            };
            sessions::list(&engine, &filter, offset, limit, output).await
        }
        Command::Session {
            command: arguments::SessionCommand::Show { id },
        } => sessions::show(&engine, &id, output).await,
        Command::Export {
            format,
            out,
            session,
        } => sessions::export(&engine, format, &out, session.as_deref(), output).await,
        Command::Import { file } => sessions::import(&engine, &file, output).await,
        Command::Delete { session, all, .. } => {
            sessions::delete(&engine, session.as_deref(), all, output).await
        }
        // Handled above.
        Command::Models { .. }
        | Command::Say { .. }
        | Command::Voices
        | Command::FreshStart { .. } => Ok(ExitCode::SUCCESS),
    };
    engine.close().await;
    result
}

/// Transcribes each file in turn on the one loaded model; a file that fails is reported and
/// the rest still run. The exit code is that of the first failure.
async fn transcribe(
    engine: &Engine,
    files: &[std::path::PathBuf],
    prompt: Option<String>,
    output: &Output,
) -> ExitCode {
    let mut results = Vec::with_capacity(files.len());
    for file in files {
        let started = std::time::Instant::now();
        let outcome = engine
            .transcribe_file(file, prompt.clone())
            .await
            .map_err(CommandError::from);
        results.push(output::TranscribedFile::new(
            file,
            outcome,
            started.elapsed(),
        ));
    }
    output.transcriptions(&results);
    let first_failure = results.iter().find_map(|result| result.error.as_ref());
    first_failure.map_or(ExitCode::SUCCESS, |error| exit_code::for_error(error.code))
}
