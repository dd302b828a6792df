//! `aira profiles` and `aira profiles add NAME`: the people who practise on this computer.

use std::process::ExitCode;

use aira_runtime::{Engine, RuntimeError};

use crate::arguments::ProfilesCommand;
use crate::output::Output;

pub async fn run(
    engine: &Engine,
    command: Option<ProfilesCommand>,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    if let Some(ProfilesCommand::Add { name }) = command {
        let added = engine.add_profile(&name).await?;
        if output.is_json() {
            Output::print_json(&added);
        } else {
            println!(
                "Added the profile {}. Practise as it with --profile {:?}.",
                added.name, added.name
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let profiles = engine.profiles().await?;
    if output.is_json() {
        Output::print_json(&profiles);
    } else {
        for profile in &profiles.profiles {
            let marker = if profile.name == profiles.current {
                "*"
            } else {
                " "
            };
            println!("{marker} {} (since {})", profile.name, profile.created_at);
        }
    }
    Ok(ExitCode::SUCCESS)
}
