//! How long a report takes to write, and how large it is, for 1 and for 200 sessions of five
//! turns each (one answer of a page and a half per session):
//! `cargo run -p aira-report --example report_scale [--release] [output directory]`.

#[path = "../tests/support/sample.rs"]
mod sample;

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
    let directory = std::env::args().nth(1);
    let labels = ReportLabels::english();
    for count in [1, 200] {
        let sessions = sessions(count);
        let started = Instant::now();
        let mut pdf = Vec::new();
        write_pdf(&sessions, &labels, &mut pdf)?;
        let elapsed = started.elapsed();
        println!(
            "{count} sessions ({} turns): {} bytes in {} ms",
            sessions
                .iter()
                .map(|session| session.turns.len())
                .sum::<usize>(),
            pdf.len(),
            elapsed.as_millis()
        );
        if let Some(directory) = &directory {
            std::fs::write(format!("{directory}/report-{count}.pdf"), &pdf)?;
        }
    }
    Ok(())
}
