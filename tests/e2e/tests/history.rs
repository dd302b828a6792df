//! History and Progress in the real app. Two sessions are saved in the data folder's
//! database before launch (one spoken, with its recording; one typed in an earlier
//! run), and one answer is typed in the app: History lists three sessions, the search
//! narrows them, a session opens with its turns and feedback, its recording plays into a
//! PulseAudio null sink, a session is deleted after confirming, Progress charts the rest
//! with points, labels and tables, and "Delete all my data", confirmed from the keyboard,
//! empties History.

use std::path::Path;
use std::time::Duration;

use aira_core::{Transcript, Word};
use aira_e2e::page::{click, element, navigate, screenshot, text_of, wait_for_text};
use aira_e2e::{Client, Locator, TauriDriver, VirtualMicrophone, cloud_environment};
use aira_protocol::{AnswerSource, Feedback, Metrics, PracticeQuestion};
use aira_store::{CompletedTurn, NewTurn, Store};

const WAIT: Duration = Duration::from_secs(20);
const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

struct Seeded<'a> {
    session: &'a str,
    at: &'a str,
    role: &'a str,
    kind: &'a str,
    question: &'a str,
    answer: &'a str,
    audio_path: Option<&'a Path>,
    score: u8,
    words_per_minute: f32,
    fillers: u32,
    long_pauses: u32,
    point: &'a str,
}

async fn seed(store: &Store, seeded: Seeded<'_>) {
    let question = PracticeQuestion {
        id: format!("seed-{}", seeded.session),
        text: seeded.question.into(),
        role: seeded.role.into(),
        kind: seeded.kind.into(),
        level: "fresher".into(),
        key_points: Vec::new(),
    };
    let audio_path = seeded
        .audio_path
        .map(|path| path.display().to_string())
        .unwrap_or_default();
    let id = store
        .insert_recorded_turn(NewTurn {
            created_at: seeded.at,
            session_id: seeded.session,
            question: &question,
            source: if seeded.audio_path.is_some() {
                AnswerSource::Microphone
            } else {
                AnswerSource::Typed
            },
            audio_path: &audio_path,
            typed_text: seeded.audio_path.is_none().then_some(seeded.answer),
        })
        .await
        .unwrap_or_else(|error| panic!("seeding a turn: {error}"));
    let words: Vec<Word> = seeded
        .answer
        .split_whitespace()
        .enumerate()
        .map(|(index, word)| Word::new(word, index as u32 * 400, index as u32 * 400 + 300))
        .collect();
    let word_count = words.len() as u32;
    let transcript = Transcript::from_words(words, word_count * 400);
    let metrics = Metrics {
        duration_seconds: word_count as f32 * 0.4,
        speaking_seconds: word_count as f32 * 0.4,
        word_count,
        words_per_minute: seeded.words_per_minute,
        filler_count: seeded.fillers,
        long_pauses: seeded.long_pauses,
        longest_pause_seconds: 2.5,
        ..Metrics::default()
    };
    store
        .complete_turn(
            id,
            CompletedTurn {
                transcript: &transcript,
                metrics: &metrics,
                feedback: &Feedback {
                    score: seeded.score,
                    points: vec![seeded.point.into()],
                    engine: "local".into(),
                    strengths: vec!["A concrete example.".into()],
                    ..Feedback::default()
                },
                transcription_engine: "whisper",
            },
        )
        .await
        .unwrap_or_else(|error| panic!("seeding feedback: {error}"));
    store
        .finish_session(seeded.session, seeded.at)
        .await
        .unwrap_or_else(|error| panic!("finishing a seeded session: {error}"));
}

/// Two seconds of a 440 Hz tone, 16 kHz mono 16-bit: loud enough to hear in the sink.
fn write_tone(path: &Path) {
    let samples: Vec<i16> = (0..32_000)
        .map(|index| {
            let phase = index as f32 * 440.0 * std::f32::consts::TAU / 16_000.0;
            (phase.sin() * 0.5 * f32::from(i16::MAX)) as i16
        })
        .collect();
    let data_bytes = (samples.len() * 2) as u32;
    let mut wav = Vec::with_capacity(44 + data_bytes as usize);
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data_bytes).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16_u32.to_le_bytes());
    wav.extend_from_slice(&1_u16.to_le_bytes()); // PCM
    wav.extend_from_slice(&1_u16.to_le_bytes()); // mono
    wav.extend_from_slice(&16_000_u32.to_le_bytes());
    wav.extend_from_slice(&32_000_u32.to_le_bytes()); // bytes a second
    wav.extend_from_slice(&2_u16.to_le_bytes()); // bytes a frame
    wav.extend_from_slice(&16_u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data_bytes.to_le_bytes());
    for sample in samples {
        wav.extend_from_slice(&sample.to_le_bytes());
    }
    std::fs::write(path, wav).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
}

async fn count(client: &Client, css: &str) -> usize {
    client
        .find_all(Locator::Css(css))
        .await
        .unwrap_or_else(|error| panic!("finding {css}: {error}"))
        .len()
}

/// Waits until exactly `expected` elements match `css`.
async fn wait_for_count(client: &Client, css: &str, expected: usize) {
    let deadline = std::time::Instant::now() + WAIT;
    let mut last = 0;
    while std::time::Instant::now() < deadline {
        last = count(client, css).await;
        if last == expected {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let shot = screenshot(client, "history-count-gave-up.png").await;
    panic!(
        "{css}: {last} found, {expected} expected; screenshot {}",
        shot.display()
    );
}

async fn focused_id(client: &Client) -> String {
    let focused = client
        .active_element()
        .await
        .unwrap_or_else(|error| panic!("the focused element: {error}"));
    focused.attr("id").await.ok().flatten().unwrap_or_default()
}

/// Waits until the element with `id` has keyboard focus.
async fn wait_for_focus(client: &Client, id: &str) {
    let deadline = std::time::Instant::now() + WAIT;
    let mut last = String::new();
    while std::time::Instant::now() < deadline {
        last = focused_id(client).await;
        if last == id {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("focus is on {last:?}, not {id:?}");
}

async fn press(client: &Client, css: &str, keys: &str) {
    element(client, css)
        .await
        .send_keys(keys)
        .await
        .unwrap_or_else(|error| panic!("keys to {css}: {error}"));
}

async fn is_displayed(client: &Client, css: &str) -> bool {
    match client.find(Locator::Css(css)).await {
        Ok(found) => found.is_displayed().await.unwrap_or(false),
        Err(_) => false,
    }
}

fn loud_tenths(samples: &[f32]) -> usize {
    samples
        .chunks(1_600)
        .filter(|window| {
            let power = window.iter().map(|sample| sample * sample).sum::<f32>();
            (power / window.len().max(1) as f32).sqrt() > 0.05
        })
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn sessions_are_searched_opened_played_deleted_and_charted() {
    let sound = VirtualMicrophone::start();
    let work = tempfile::tempdir().unwrap_or_else(|error| panic!("{error}"));
    let data = work.path().join("data");
    std::fs::create_dir_all(data.join("audio")).unwrap_or_else(|error| panic!("{error}"));
    // Recordings kept for ever: the seeded dates lie further back than the default 30 days,
    // and the app would remove the recording at start.
    std::fs::write(
        data.join("preferences.json"),
        r#"{"audio_retention_days": null}"#,
    )
    .unwrap_or_else(|error| panic!("writing the preferences: {error}"));
    let recording = data.join("audio").join("seeded.wav");
    write_tone(&recording);
    let store = Store::open(&data.join("aira.sqlite3"))
        .await
        .unwrap_or_else(|error| panic!("opening the database: {error}"));
    seed(
        &store,
        Seeded {
            session: "seeded-spoken",
            at: "2026-10-01T09:00:00Z",
            role: "backend",
            kind: "technical",
            question: "How would you cache product pages?",
            answer: "I would keep rendered product pages in Redis with a short expiry um and purge them when prices change",
            audio_path: Some(&recording),
            score: 5,
            words_per_minute: 120.0,
            fillers: 1,
            long_pauses: 2,
            point: "Name the trade-off of a short expiry.",
        },
    )
    .await;
    seed(
        &store,
        Seeded {
            session: "seeded-typed",
            at: "2026-10-08T09:00:00Z",
            role: "general",
            kind: "behavioral",
            question: "Tell me about a project you are proud of.",
            answer: "Our team of four built a canteen ordering app and lunch queues fell from twenty minutes to five",
            audio_path: None,
            score: 7,
            words_per_minute: 0.0,
            fillers: 0,
            long_pauses: 0,
            point: "Say what you did yourself.",
        },
    )
    .await;
    store.close().await;

    // Bedrock is not used here; nothing listens on port 9.
    let mut environment = cloud_environment("http://127.0.0.1:9", &data);
    environment.extend(sound.environment());
    let driver = TauriDriver::start(&environment);
    let client = driver.launch_app().await;

    // A third session: this run's typed answer.
    click(&client, "#start-practice").await;
    wait_for_text(&client, "#question-text", WAIT, |text| {
        !text.trim().is_empty()
    })
    .await;
    let practised = text_of(&client, ".question-details").await;
    click(&client, "#type-answer").await;
    element(&client, "#typed-answer")
        .await
        .send_keys(
            "I mentored two juniors through their first zeppelin release and we shipped on time",
        )
        .await
        .unwrap_or_else(|error| panic!("typing the answer: {error}"));
    click(&client, "#submit-typed-answer").await;
    wait_for_text(&client, "#score", Duration::from_secs(60), |text| {
        text.contains("/ 10")
    })
    .await;

    // History: three sessions, newest first; the search narrows them to one.
    navigate(&client, "#nav-history").await;
    wait_for_count(&client, "#session-list .session-item", 3).await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Sessions found: 3")
    })
    .await;
    let first = text_of(&client, "#session-list .session-item").await;
    assert!(first.contains("Answers"), "{first}");
    let roles = text_of(
        &client,
        "#session-list .session-item:nth-child(3) .session-roles",
    )
    .await;
    assert_eq!(roles, "Backend", "the oldest session's role");
    let role_options = count(&client, "#history-role option").await;
    assert!(
        role_options >= 7,
        "the bank's roles to choose from: {role_options}"
    );
    let list_shot = screenshot(&client, "history-list.png").await;

    element(&client, "#history-search")
        .await
        .send_keys("purge")
        .await
        .unwrap_or_else(|error| panic!("typing the search: {error}"));
    click(&client, "#history-search-button").await;
    wait_for_count(&client, "#session-list .session-item", 1).await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Sessions found: 1")
    })
    .await;
    assert_eq!(
        text_of(&client, "#session-list .session-score").await,
        "5.0"
    );

    // The session: its turn, feedback and figures; the recording plays into the sink.
    click(&client, "#session-list .open-session").await;
    let heading = wait_for_text(&client, "#session-heading", WAIT, |text| {
        text.starts_with("Session of")
    })
    .await;
    wait_for_focus(&client, "session-heading").await;
    let turn = text_of(&client, ".history-turn").await;
    for expected in [
        "Answer 1 of 1: How would you cache product pages?",
        "Coached",
        "5 / 10",
        "rendered product pages in Redis",
        "Name the trade-off of a short expiry.",
        "A concrete example.",
        "Words per minute",
    ] {
        assert!(turn.contains(expected), "{expected:?} not in {turn:?}");
    }
    let listening = sound.listen();
    click(&client, ".play-recording").await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Playing your recorded answer (2.0 seconds)")
    })
    .await;
    // The whole 2 s tone, and the sink's latency: the player may start a little after
    // the announcement.
    tokio::time::sleep(Duration::from_millis(3_000)).await;
    let heard = listening.stop();
    click(&client, ".stop-recording").await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Playback stopped")
    })
    .await;
    let loud = loud_tenths(&heard);
    assert!(
        loud >= 5,
        "the recording reached the speakers: {loud} loud tenths"
    );
    let session_shot = screenshot(&client, "history-session.png").await;

    // Back: focus returns to the session's Open button; the search is cleared.
    click(&client, "#back-to-sessions").await;
    wait_for_focus(&client, "open-session-seeded-spoken").await;
    click(&client, "#history-clear").await;
    wait_for_count(&client, "#session-list .session-item", 3).await;

    // The typed session says it has no recording; it is deleted after confirming.
    click(&client, "#open-session-seeded-typed").await;
    let note = text_of(&client, ".no-recording").await;
    assert!(note.contains("Typed answer"), "{note}");
    assert_eq!(count(&client, ".play-recording").await, 0);
    click(&client, "#delete-session").await;
    assert!(is_displayed(&client, "#delete-session-dialog").await);
    wait_for_focus(&client, "delete-session-dialog-cancel").await;
    click(&client, "#delete-session-dialog-confirm").await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("Session deleted. Answers removed: 1; recordings removed: 0.")
    })
    .await;
    wait_for_count(&client, "#session-list .session-item", 2).await;
    wait_for_focus(&client, "sessions-heading").await;
    assert_eq!(count(&client, "#open-session-seeded-typed").await, 0);

    // Progress: two sessions charted, each chart an image with a summary and a table.
    navigate(&client, "#nav-progress").await;
    wait_for_count(&client, "#chart-score circle.chart-point", 2).await;
    let score_label = element(&client, "#chart-score svg[role='img']")
        .await
        .attr("aria-label")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    assert!(
        score_label.contains("Average score over 2 sessions: 5.0 at first"),
        "{score_label}"
    );
    assert_eq!(
        count(&client, "#chart-pace circle.chart-point").await,
        1,
        "one spoken session has a pace"
    );
    assert_eq!(count(&client, "#chart-pace rect.chart-band").await, 1);
    assert!(
        text_of(&client, "#chart-pace")
            .await
            .contains("Clear pace: 130–175")
    );
    assert_eq!(count(&client, "#chart-fillers circle.chart-point").await, 2);
    assert_eq!(count(&client, "#chart-pauses circle.chart-point").await, 1);
    let summary = text_of(&client, "#progress-summary").await;
    assert!(summary.contains("over the last 2 sessions is"), "{summary}");
    assert!(!is_displayed(&client, "#chart-score-table").await);
    press(&client, "#chart-score-toggle", ENTER).await;
    wait_for_count(&client, "#chart-score-table tbody tr", 2).await;
    assert!(is_displayed(&client, "#chart-score-table").await);
    let table = text_of(&client, "#chart-score-table").await;
    assert!(table.contains("5.0"), "{table}");
    let progress_shot = screenshot(&client, "progress.png").await;

    // Progress filtered by kind: only the technical session.
    let kind = element(&client, "#progress-kind").await;
    kind.select_by_value("technical")
        .await
        .unwrap_or_else(|error| panic!("choosing a kind: {error}"));
    let technical = usize::from(practised.contains("Type: technical."));
    wait_for_count(&client, "#chart-score circle.chart-point", 1 + technical).await;

    // Delete all my data, from the keyboard: Escape closes the dialog and focus returns;
    // the deletion is refused until the box is ticked.
    navigate(&client, "#nav-history").await;
    wait_for_count(&client, "#session-list .session-item", 2).await;
    press(&client, "#delete-all-data", ENTER).await;
    wait_for_focus(&client, "delete-all-dialog-cancel").await;
    press(&client, "#delete-all-dialog-cancel", ESCAPE).await;
    wait_for_focus(&client, "delete-all-data").await;
    assert!(!is_displayed(&client, "#delete-all-dialog").await);
    press(&client, "#delete-all-data", ENTER).await;
    wait_for_focus(&client, "delete-all-dialog-cancel").await;
    press(&client, "#delete-all-dialog-confirm", ENTER).await;
    let refusal = text_of(&client, "#delete-all-dialog-refusal").await;
    assert!(refusal.contains("Tick the box"), "{refusal}");
    assert_eq!(count(&client, "#session-list .session-item").await, 2);
    press(&client, "#delete-all-dialog-acknowledge", " ").await;
    let dialog_shot = screenshot(&client, "history-delete-all.png").await;
    press(&client, "#delete-all-dialog-confirm", ENTER).await;
    wait_for_text(&client, "#status", WAIT, |text| {
        text.contains("All your data is deleted. Sessions: 2; answers: 2; recordings: 1;")
    })
    .await;
    wait_for_count(&client, "#session-list .session-item", 0).await;
    assert!(is_displayed(&client, "#history-empty").await);
    assert!(!recording.exists(), "the recording's file is removed too");
    let empty_shot = screenshot(&client, "history-empty.png").await;

    println!(
        "history: {heading}; heard {loud} loud tenths of the recording; screenshots {}, {}, {}, {}, {}",
        list_shot.display(),
        session_shot.display(),
        progress_shot.display(),
        dialog_shot.display(),
        empty_shot.display()
    );
    client
        .close()
        .await
        .unwrap_or_else(|error| panic!("closing the session: {error}"));
}
