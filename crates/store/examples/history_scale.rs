//! History at scale: 10,000 sessions and 100,000 turns in a real database file, then the
//! first History page timed (the target is 20 ms or less), against the peer query that
//! groups every session before paging (what a score filter needs).
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
            min_score: Some(1.0),
            ..SessionFilter::default()
        };
        store.sessions(&filter, 0, 20).await?;
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
        "peer, every session grouped (score filter): {:7.2} ms",
        ms(by_score)
    );
    println!(
        "page-first is {:.0}x faster than grouping everything",
        ms(by_score) / ms(first_page)
    );
    println!(
        "one session with its 10 turns:           {:7.2} ms",
        ms(detail)
    );
    store.close().await;
    Ok(())
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
