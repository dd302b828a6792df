//! `aira resume`: a résumé redacted on this computer, and questions written about it. What
//! would be sent is always shown; it is sent only with `--send`.

use std::process::ExitCode;

use aira_core::i18n::Catalog;
use aira_runtime::{Engine, ImportedDocument, RuntimeError};
use serde::Serialize;

use crate::arguments::ResumeCommand;
use crate::output::Output;

pub async fn run(
    engine: &Engine,
    command: ResumeCommand,
    output: &Output,
) -> Result<ExitCode, RuntimeError> {
    match command {
        ResumeCommand::Redact { file } => {
            let document = engine.import_document(&file).await?;
            print_redacted(output, &document, engine.catalog());
            Ok(ExitCode::SUCCESS)
        }
        ResumeCommand::Questions {
            file,
            job,
            role,
            level,
            count,
            send,
        } => {
            let resume = engine.import_document(&file).await?;
            let job = match job {
                Some(path) => Some(engine.import_document(&path).await?),
                None => None,
            };
            if !send {
                print_redacted(output, &resume, engine.catalog());
                if let Some(job) = &job {
                    print_redacted(output, job, engine.catalog());
                }
                eprintln!(
                    "Nothing was sent. Add --send to send this redacted text to Amazon Bedrock."
                );
                return Ok(ExitCode::SUCCESS);
            }
            let written = engine
                .write_resume_questions(
                    &resume.redacted.text,
                    job.as_ref().map(|job| job.redacted.text.as_str()),
                    &role,
                    &level,
                    count as usize,
                )
                .await?;
            print_questions(output, &written);
            Ok(ExitCode::SUCCESS)
        }
    }
}

#[derive(Serialize)]
struct RedactedOutput<'a> {
    format: &'a str,
    pages: Option<u32>,
    truncated: bool,
    text: &'a str,
    removed: Vec<Removed<'a>>,
}

#[derive(Serialize)]
struct Removed<'a> {
    kind: &'static str,
    original: &'a str,
}

fn print_redacted(output: &Output, document: &ImportedDocument, catalog: &Catalog) {
    let removed: Vec<Removed<'_>> = document
        .redacted
        .findings
        .iter()
        .map(|finding| Removed {
            kind: finding.kind.placeholder(),
            original: &finding.original,
        })
        .collect();
    if output.is_json() {
        return Output::print_json(&RedactedOutput {
            format: &document.format,
            pages: document.pages,
            truncated: document.truncated,
            text: &document.redacted.text,
            removed,
        });
    }
    println!("{}", document.redacted.text);
    println!();
    println!(
        "{}",
        catalog.format(
            "redaction.summary",
            &[("count", document.redacted.findings.len().to_string())]
        )
    );
    for finding in &document.redacted.findings {
        println!(
            "- {}: {}",
            catalog.get(finding.kind.label_key()),
            finding.original
        );
    }
    if document.truncated {
        println!("{}", catalog.get("documents.truncated"));
    }
}

fn print_questions(output: &Output, written: &aira_runtime::ResumeQuestions) {
    #[derive(Serialize)]
    struct Written<'a> {
        id: &'a str,
        text: &'a str,
        kind: &'a str,
        refers_to: Option<&'a str>,
        refers_to_resume: bool,
        key_points: Vec<&'a str>,
    }
    let questions: Vec<Written<'_>> = written
        .questions
        .iter()
        .map(|written_question| Written {
            id: &written_question.question.id,
            text: &written_question.question.text,
            kind: &written_question.question.kind,
            refers_to: written_question.refers_to.as_deref(),
            refers_to_resume: written_question.refers_to_resume(&written.sent_resume),
            key_points: written_question
                .question
                .key_points
                .iter()
                .map(|point| point.label.as_str())
                .collect(),
        })
        .collect();
    if output.is_json() {
        return Output::print_json(&questions);
    }
    for question in &questions {
        println!("{}  [{}]  {}", question.id, question.kind, question.text);
        if let Some(item) = question.refers_to {
            println!("    about: {item}");
        }
    }
}
