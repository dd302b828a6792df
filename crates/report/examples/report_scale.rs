//! How long a report takes to write, and how large it is, for 1 and for 200 sessions of five
//! turns each (one answer of a page and a half per session):
//! `cargo run -p aira-report --example report_scale [--release] [output directory]`.
//! The PDF goes to a file through a `BufWriter`, as the app writes it, so the process's peak
//! memory (`/usr/bin/time -v`) shows what the writer itself holds.

#[path = "../tests/support/sample.rs"]
mod sample;

use std::fs::File;
use std::io::BufWriter;
use std::time::Instant;

use aira_report::{ReportLabels, ReportSession, write_pdf};

fn sessions(count: usize) -> Vec<ReportSession> {
    (0..count)
        .map(|index| {
            let mut session = sample::two_sessions().remove(0);
            session.title = format!("Session {}", index + 1);
            session.turns.extend(sample::two_sessions().remove(1).turns);
            session.turns.push(session.turns[0].clone());
            session
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let directory = std::env::args()
        .nth(1)
        .map_or_else(std::env::temp_dir, Into::into);
    let labels = ReportLabels::english();
    for count in [1, 200] {
        let sessions = sessions(count);
        let path = directory.join(format!("report-{count}.pdf"));
        let started = Instant::now();
        let mut out = BufWriter::new(File::create(&path)?);
        write_pdf(&sessions, &labels, &mut out)?;
        drop(out);
        let elapsed = started.elapsed();
        let turns: usize = sessions.iter().map(|session| session.turns.len()).sum();
        println!(
            "{count} sessions ({turns} turns): {} bytes in {} ms, {}",
            std::fs::metadata(&path)?.len(),
            elapsed.as_millis(),
            path.display()
        );
    }
    Ok(())
}
