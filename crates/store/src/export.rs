//! The user's history taken out and brought back: JSON (complete, versioned, re-importable),
//! CSV of turns, and a Markdown report. Export walks the sessions a page at a time and
//! writes each as it is read, so memory stays bounded however long the history is.
//! Import checks the whole file before it changes anything, then adds it in one
//! transaction: a bad file changes nothing.

use std::io::Write;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;

mod reports;
mod validation;

use reports::{write_csv, write_markdown};
use validation::validate;

use crate::{Store, StoreError};

/// What the JSON says it is.
pub const EXPORT_FORMAT: &str = "aira-history";
/// The version written; files of a later version are refused, not guessed at.
pub const EXPORT_VERSION: u32 = 1;
/// Sessions read per query while exporting.
const PAGE: i64 = 200;

/// A turn as exported: every column, the JSON ones as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedTurn {
    pub created_at: String,
    pub question_id: String,
    pub question: Value,
    pub source: String,
    pub audio_path: String,
    pub status: String,
    pub transcript: Option<String>,
    pub words: Option<Value>,
    pub metrics: Option<Value>,
    pub feedback: Option<Value>,
    pub score: Option<i64>,
    pub transcription_engine: Option<String>,
    pub error: Option<String>,
    pub coach_engine: Option<String>,
    pub input_tokens: i64,
    pub output_tokens: i64,
    pub cost_usd: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedSession {
    pub id: String,
    pub mode: String,
    pub role: Option<String>,
    pub kind: Option<String>,
    pub level: Option<String>,
    pub language: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub status: String,
    pub turns: Vec<ExportedTurn>,
}

#[derive(Debug, Deserialize)]
struct ExportFile {
    format: String,
    version: u32,
    sessions: Vec<ExportedSession>,
}

/// The format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Csv,
    Markdown,
}

/// How much an export or import moved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub sessions: u64,
    pub turns: u64,
    /// Import only: sessions already in the history, left as they are.
    pub skipped_sessions: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("this is not an Aira history file: {0}")]
    NotAnExport(String),
    #[error(
        "this history file is version {found}; this Aira reads version {EXPORT_VERSION} or older: update Aira to import it"
    )]
    FutureVersion { found: u32 },
    #[error("the history file is damaged: {0}")]
    Invalid(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Store {
    /// Writes the whole history (or one session of it) to `out` in `format`; returns how
    /// much was written.
    pub async fn export(
        &self,
        format: ExportFormat,
        out: &mut impl Write,
        exported_at: &str,
        only: Option<&str>,
    ) -> Result<Moved, StoreError> {
        let io = |error: std::io::Error| StoreError::Decode(format!("writing the export: {error}"));
        match format {
            ExportFormat::Json => write!(
                out,
                "{{\"format\":\"{EXPORT_FORMAT}\",\"version\":{EXPORT_VERSION},\"exported_at\":{},\"sessions\":[",
                json_string(exported_at)
            )
            .map_err(io)?,
            ExportFormat::Csv => writeln!(
                out,
                "session_id,created_at,question_id,question,status,score,words_per_minute,transcript,coach_engine,transcription_engine"
            )
            .map_err(io)?,
            ExportFormat::Markdown => writeln!(out, "# Aira practice history\n\nExported {exported_at}.").map_err(io)?,
        }
        let mut moved = Moved::default();
        let mut last: Option<(String, String)> = None;
        loop {
            let page = self.next_page_with_turns(&mut last, only).await?;
            if page.is_empty() {
                break;
            }
            for session in page {
                moved.turns += session.turns.len() as u64;
                match format {
                    ExportFormat::Json => {
                        if moved.sessions > 0 {
                            out.write_all(b",").map_err(io)?;
                        }
                        serde_json::to_writer(&mut *out, &session)
                            .map_err(|error| StoreError::Decode(error.to_string()))?;
                    }
                    ExportFormat::Csv => write_csv(out, &session).map_err(io)?,
                    ExportFormat::Markdown => write_markdown(out, &session).map_err(io)?,
                }
                moved.sessions += 1;
            }
        }
        if format == ExportFormat::Json {
            out.write_all(b"]}\n").map_err(io)?;
        }
        out.flush().map_err(io)?;
        Ok(moved)
    }

    /// Adds the sessions of a JSON export; sessions already here are skipped. Nothing
    /// changes unless the whole file is valid.
    pub async fn import(&self, data: &[u8]) -> Result<Moved, ImportError> {
        let header: Value = serde_json::from_slice(data)
            .map_err(|error| ImportError::NotAnExport(format!("not JSON ({error})")))?;
        if header.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
            return Err(ImportError::NotAnExport(format!(
                "no \"format\": \"{EXPORT_FORMAT}\""
            )));
        }
        let version = header.get("version").and_then(Value::as_u64).unwrap_or(0);
        if version > u64::from(EXPORT_VERSION) {
            return Err(ImportError::FutureVersion {
                found: u32::try_from(version).unwrap_or(u32::MAX),
            });
        }
        let file: ExportFile = serde_json::from_value(header)
            .map_err(|error| ImportError::Invalid(error.to_string()))?;
        if file.format != EXPORT_FORMAT || file.version == 0 {
            return Err(ImportError::Invalid("unknown format or version".into()));
        }
        for session in &file.sessions {
            validate(session)?;
        }
        let mut moved = Moved::default();
        let mut transaction = self.pool().begin().await.map_err(StoreError::from)?;
        for session in &file.sessions {
            let inserted = sqlx::query(
                "INSERT INTO sessions (id, profile_id, mode, role, kind, level, language, started_at, ended_at, status)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            )
            .bind(&session.id)
            .bind(self.profile())
            .bind(&session.mode)
            .bind(&session.role)
            .bind(&session.kind)
            .bind(&session.level)
            .bind(&session.language)
            .bind(&session.started_at)
            .bind(&session.ended_at)
            .bind(&session.status)
            .execute(&mut *transaction)
            .await
            .map_err(|error| ImportError::Invalid(format!("session {}: {error}", session.id)))?;
            if inserted.rows_affected() == 0 {
                moved.skipped_sessions += 1;
                continue;
            }
            for turn in &session.turns {
                insert_turn(&mut transaction, &session.id, turn).await?;
                moved.turns += 1;
            }
            moved.sessions += 1;
        }
        transaction.commit().await.map_err(StoreError::from)?;
        Ok(moved)
    }

    /// Sessions with all their turns, oldest first: every one, or `only` that one. For
    /// reports that lay out whole sessions (the PDF); exports stream instead.
    pub async fn sessions_with_turns(
        &self,
        only: Option<&str>,
    ) -> Result<Vec<ExportedSession>, StoreError> {
        let mut sessions = Vec::new();
        let mut last: Option<(String, String)> = None;
        loop {
            let page = self.next_page_with_turns(&mut last, only).await?;
            if page.is_empty() {
                break;
            }
            sessions.extend(page);
        }
        Ok(sessions)
    }

    /// The next page of sessions after `last` (which it moves on), each with its turns;
    /// empty at the end.
    async fn next_page_with_turns(
        &self,
        last: &mut Option<(String, String)>,
        only: Option<&str>,
    ) -> Result<Vec<ExportedSession>, StoreError> {
        let mut page = self.session_page(last.as_ref(), only).await?;
        if let Some(final_row) = page.last() {
            *last = Some((final_row.started_at.clone(), final_row.id.clone()));
        }
        for session in &mut page {
            session.turns = self.exported_turns(&session.id).await?;
        }
        Ok(page)
    }

    /// The sessions after `after` (started_at, id) in export order, without their turns;
    /// only the session `only` if given.
    async fn session_page(
        &self,
        after: Option<&(String, String)>,
        only: Option<&str>,
    ) -> Result<Vec<ExportedSession>, StoreError> {
        let (started_at, id) = after.cloned().unwrap_or_default();
        let rows = sqlx::query(
            "SELECT id, mode, role, kind, level, language, started_at, ended_at, status FROM sessions
             WHERE (?1 = 0 OR (started_at, id) > (?2, ?3)) AND (?5 IS NULL OR id = ?5)
                 AND profile_id = ?6
             ORDER BY started_at, id LIMIT ?4",
        )
        .bind(i64::from(after.is_some()))
        .bind(started_at)
        .bind(id)
        .bind(PAGE)
        .bind(only)
        .bind(self.profile())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ExportedSession {
                    id: row.try_get("id")?,
                    mode: row.try_get("mode")?,
                    role: row.try_get("role")?,
                    kind: row.try_get("kind")?,
                    level: row.try_get("level")?,
                    language: row.try_get("language")?,
                    started_at: row.try_get("started_at")?,
                    ended_at: row.try_get("ended_at")?,
                    status: row.try_get("status")?,
                    turns: Vec::new(),
                })
            })
            .collect()
    }

    async fn exported_turns(&self, session: &str) -> Result<Vec<ExportedTurn>, StoreError> {
        let rows = sqlx::query(
            "SELECT created_at, question_id, question_json, source, audio_path, status, transcript,
                    words_json, metrics_json, feedback_json, score, transcription_engine, error,
                    coach_engine, input_tokens, output_tokens, cost_usd
             FROM turns WHERE session_id = ? ORDER BY created_at, id",
        )
        .bind(session)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(exported_turn).collect()
    }
}

fn exported_turn(row: &sqlx::sqlite::SqliteRow) -> Result<ExportedTurn, StoreError> {
    let json = |column: &str| -> Result<Option<Value>, StoreError> {
        row.try_get::<Option<String>, _>(column)?
            .map(|text| {
                serde_json::from_str(&text).map_err(|error| StoreError::Decode(error.to_string()))
            })
            .transpose()
    };
    Ok(ExportedTurn {
        created_at: row.try_get("created_at")?,
        question_id: row.try_get("question_id")?,
        question: json("question_json")?.unwrap_or(Value::Null),
        source: row.try_get("source")?,
        audio_path: row.try_get("audio_path")?,
        status: row.try_get("status")?,
        transcript: row.try_get("transcript")?,
        words: json("words_json")?,
        metrics: json("metrics_json")?,
        feedback: json("feedback_json")?,
        score: row.try_get("score")?,
        transcription_engine: row.try_get("transcription_engine")?,
        error: row.try_get("error")?,
        coach_engine: row.try_get("coach_engine")?,
        input_tokens: row.try_get("input_tokens")?,
        output_tokens: row.try_get("output_tokens")?,
        cost_usd: row.try_get("cost_usd")?,
    })
}

async fn insert_turn(
    transaction: &mut sqlx::SqliteConnection,
    session: &str,
    turn: &ExportedTurn,
) -> Result<(), ImportError> {
    let text = |value: &Option<Value>| value.as_ref().map(Value::to_string);
    sqlx::query(
        "INSERT INTO turns (created_at, session_id, question_id, question_json, source, audio_path, status,
             transcript, words_json, metrics_json, feedback_json, score, transcription_engine, error,
             coach_engine, input_tokens, output_tokens, cost_usd)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&turn.created_at)
    .bind(session)
    .bind(&turn.question_id)
    .bind(turn.question.to_string())
    .bind(&turn.source)
    .bind(&turn.audio_path)
    .bind(&turn.status)
    .bind(&turn.transcript)
    .bind(text(&turn.words))
    .bind(text(&turn.metrics))
    .bind(text(&turn.feedback))
    .bind(turn.score)
    .bind(&turn.transcription_engine)
    .bind(&turn.error)
    .bind(&turn.coach_engine)
    .bind(turn.input_tokens)
    .bind(turn.output_tokens)
    .bind(turn.cost_usd)
    .execute(&mut *transaction)
    .await
    // The schema's checks (status, source, score range) refuse what is out of bounds.
    .map_err(|error| ImportError::Invalid(format!("a turn of session {session}: {error}")))?;
    Ok(())
}

fn json_string(text: &str) -> String {
    Value::String(text.to_owned()).to_string()
}
