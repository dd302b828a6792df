//! History at scale: 10,000 sessions and 100,000 turns in a real database file, then the
//! first History page timed (the target is 20 ms or less) — unfiltered, by role and by
//! score — against the peer query that groups every session before paging (what a score
//! filter needed before sessions kept their average); opening the file (with its integrity
//! check); and a JSON export, with the memory it takes against the size it writes.
//!
//! `cargo run --release -p aira-store --example history_scale`

use std::time::{Duration, Instant};

use aira_store::{SessionFilter, Store};

const SESSIONS: usize = 10_000;
const TURNS_PER_SESSION: usize = 10;
const ROLES: [&str; 4] = ["backend", "frontend", "data", "general"];
const RUNS: usize = 25;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = tempfile::tempdir()?;
    let path = folder.path().join("aira.sqlite3");
    let store = Store::open(&path).await?;

    let started = Instant::now();
    fill(&store).await?;
    let file_mb = std::fs::metadata(&path)?.len() as f64 / 1_048_576.0;
    println!(
        "filled {SESSIONS} sessions, {} turns in {:.1} s ({file_mb:.0} MB)",
        SESSIONS * TURNS_PER_SESSION,
        started.elapsed().as_secs_f64()
    );

    let first_page = median(|| async {
        let page = store.sessions(&SessionFilter::default(), 0, 20).await?;
        assert_eq!(page.len(), 20);
        Ok(())
    })
    .await?;
    let by_role = median(|| async {
        let filter = SessionFilter {
            role: Some("data".into()),
            ..SessionFilter::default()
        };
        store.sessions(&filter, 0, 20).await?;
        Ok(())
    })
    .await?;
    let by_score = median(|| async {
        let filter = SessionFilter {
            min_score: Some(5.0),
            ..SessionFilter::default()
        };
        store.sessions(&filter, 0, 20).await?;
        Ok(())
    })
    .await?;
    let grouping_everything = median(|| async {
        sqlx::query(
            "SELECT s.id, COUNT(t.id), AVG(t.score) FROM sessions s
             LEFT JOIN turns t ON t.session_id = s.id
             GROUP BY s.id HAVING AVG(t.score) >= 5.0
             ORDER BY s.started_at DESC, s.id DESC LIMIT 20",
        )
        .fetch_all(store.pool())
        .await?;
        Ok(())
    })
    .await?;
    let detail = median(|| async {
        store.session("session-05000").await?.ok_or("missing")?;
        Ok(())
    })
    .await?;
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    println!(
        "first History page (20 sessions):       {:7.2} ms (target 20 ms)",
        ms(first_page)
    );
    println!(
        "first page, role filter:                 {:7.2} ms",
        ms(by_role)
    );
    println!(
        "first page, score filter (kept average): {:7.2} ms",
        ms(by_score)
    );
    println!(
        "peer, every session grouped (score filter): {:7.2} ms ({:.0}x slower than Aira's)",
        ms(grouping_everything),
        ms(grouping_everything) / ms(by_score)
    );
    println!(
        "one session with its 10 turns:           {:7.2} ms",
        ms(detail)
    );
    store.close().await;

    let started = Instant::now();
    let store = Store::open(&path).await?;
    println!(
        "opening the file again (integrity check included): {:7.2} ms",
        ms(started.elapsed())
    );
    let before_kb = resident_kb();
    let sampling = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let sampling = std::sync::Arc::clone(&sampling);
        std::thread::spawn(move || {
            let mut peak = 0;
            while sampling.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(resident_kb());
                std::thread::sleep(Duration::from_millis(2));
            }
            peak
        })
    };
    let started = Instant::now();
    let export_path = folder.path().join("history.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&export_path)?);
    store
        .export(
            aira_store::ExportFormat::Json,
            &mut out,
            "2026-11-22T00:00:00Z",
            None,
        )
        .await?;
    std::io::Write::flush(&mut out)?;
    let took = started.elapsed();
    sampling.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak_kb = sampler.join().map_err(|_| "the memory sampler panicked")?;
    let written_mb = std::fs::metadata(&export_path)?.len() as f64 / 1_048_576.0;
    println!(
        "JSON export: {written_mb:.0} MB in {:.2} s; resident memory {:.0} MB before, {:.0} MB at most during it (+{:.0} MB)",
        took.as_secs_f64(),
        before_kb as f64 / 1024.0,
        peak_kb as f64 / 1024.0,
        peak_kb.saturating_sub(before_kb) as f64 / 1024.0
    );
    store.close().await;
    Ok(())
}

/// This process's resident memory (Linux), in KiB.
fn resident_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmRSS:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Medians of [`RUNS`] runs after one warm-up.
async fn median<F, Fut>(run: F) -> Result<Duration, Box<dyn std::error::Error>>
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<(), Box<dyn std::error::Error>>>,
{
    run().await?;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let started = Instant::now();
        run().await?;
        times.push(started.elapsed());
    }
    times.sort();
    Ok(times[RUNS / 2])
}

async fn fill(store: &Store) -> Result<(), Box<dyn std::error::Error>> {
    let mut transaction = store.pool().begin().await?;
    for session in 0..SESSIONS {
        let id = format!("session-{session:05}");
        let day = session / 20;
        let started_at = format!(
            "2025-{:02}-{:02}T{:02}:00:00Z",
            1 + day / 28 % 12,
            1 + day % 28,
            session % 20
        );
        sqlx::query("INSERT INTO sessions (id, profile_id, started_at, ended_at, status) VALUES (?, 1, ?, ?, 'finished')")
            .bind(&id)
            .bind(&started_at)
            .bind(&started_at)
            .execute(&mut *transaction)
            .await?;
        for turn in 0..TURNS_PER_SESSION {
            let role = ROLES[(session + turn) % ROLES.len()];
            let question = format!(
                r#"{{"id":"q{turn}","text":"Question {turn} of session {session}?","role":"{role}","kind":"technical","level":"fresher","key_points":[]}}"#
            );
            sqlx::query(
                "INSERT INTO turns (created_at, session_id, question_id, question_json, source, audio_path, status, transcript, score)
                 VALUES (?, ?, ?, ?, 'microphone', ?, 'coached', ?, ?)",
            )
            .bind(&started_at)
            .bind(&id)
            .bind(format!("q{turn}"))
            .bind(question)
            .bind(format!("/data/audio/{id}-{turn}.wav"))
            .bind("I would start by measuring where the time goes, then cache the hot path.")
            .bind(((session + turn) % 10 + 1) as i64)
            .execute(&mut *transaction)
            .await?;
        }
    }
    transaction.commit().await?;
    Ok(())
}
