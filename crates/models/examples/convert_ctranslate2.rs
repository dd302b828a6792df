//! Converts a CTranslate2 / faster-whisper model folder to a whisper.cpp GGML file:
//! `cargo run --release -p aira-models --example convert_ctranslate2 -- <folder> <output.bin>`.
//! For trying the importer by hand and timing it; the application calls the library.

use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut arguments = std::env::args_os().skip(1);
    let (Some(source), Some(destination)) = (arguments.next(), arguments.next()) else {
        return Err("usage: convert_ctranslate2 <ctranslate2 folder> <output.bin>".into());
    };
    let (source, destination) = (PathBuf::from(source), PathBuf::from(destination));
    let started = Instant::now();
    let mut last_percent = None;
    let info = aira_models::ctranslate2::convert(&source, &destination, &mut |progress| {
        let percent = progress.done_bytes * 100 / progress.total_bytes.max(1);
        if last_percent != Some(percent / 10) {
            last_percent = Some(percent / 10);
            eprintln!("{percent:>3} %");
        }
    })?;
    eprintln!(
        "{} ({}{}) written in {:.2?}: {} bytes",
        destination.display(),
        info.size_name(),
        if info.is_multilingual() {
            ", multilingual"
        } else {
            ", English only"
        },
        started.elapsed(),
        info.file_bytes
    );
    Ok(())
}
