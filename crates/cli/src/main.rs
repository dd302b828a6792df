//! `aira`: practice headless, read history, script Aira. See the README for every
//! subcommand, its `--json` output and its exit codes.

mod arguments;
mod exit_code;
mod output;

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
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => output.error(&CommandError::from(error)),
    }
}

async fn run(arguments: Arguments, output: &Output) -> Result<(), RuntimeError> {
    let settings = Settings::resolve(arguments.data_dir, arguments.model, None);
    let engine = Engine::open(settings).await?;
    let result = match arguments.command {
        Command::Practice {
            answer,
            question_id,
            question,
            speak,
        } => {
            let question = match (question_id, question) {
                (Some(id), _) => engine.question(&id)?,
                (None, Some(text)) => aira_runtime::Question::custom(&text),
                (None, None) => engine.next_question(),
            };
            let turn = engine.practice_file(&question, &answer).await;
            if let Ok(turn) = &turn {
                output.turn(turn, engine.catalog());
                if speak {
                    engine.speak(engine.feedback_speech(&turn.feedback)).await?;
                }
            }
            turn.map(|_| ())
        }
        Command::History { limit } => engine
            .history(limit)
            .await
            .map(|turns| output.history(&turns)),
        Command::Questions => {
            output.questions(engine.questions());
            Ok(())
        }
    };
    engine.close().await;
    result
}
