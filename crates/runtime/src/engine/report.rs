//! Files the user takes away: the history as JSON, CSV or Markdown (streamed by the
//! store), and the printable PDF report (laid out by `aira-report`). Every file is written
//! beside its target and renamed when complete, so a failed export leaves no half file and
//! an earlier file of that name is untouched until then.

use std::io::BufWriter;
use std::path::Path;

use aira_core::i18n::Catalog;
use aira_report::{ReportLabels, ReportSession, ReportTurn};
use aira_store::{ExportedSession, Moved};
use tempfile::NamedTempFile;

use super::{Engine, now_rfc3339};
use crate::error::RuntimeError;

impl Engine {
    /// Writes the whole history, or the session `only`, to `path` in `format`.
    pub async fn export_history(
        &self,
        format: aira_store::ExportFormat,
        path: &Path,
        only: Option<&str>,
    ) -> Result<Moved, RuntimeError> {
        self.check_session(only).await?;
        let mut writer = replacing_writer(path)?;
        let moved = self
            .store
            .export(format, &mut writer, &now_rfc3339(), only)
            .await?;
        persist(writer, path)?;
        Ok(moved)
    }

    /// Writes the printable PDF report of the whole history, or of the session `only`.
    pub async fn export_report(
        &self,
        path: &Path,
        only: Option<&str>,
    ) -> Result<Moved, RuntimeError> {
        self.check_session(only).await?;
        let sessions = self.store.sessions_with_turns(only).await?;
        let moved = Moved {
            sessions: sessions.len() as u64,
            turns: sessions
                .iter()
                .map(|session| session.turns.len() as u64)
                .sum(),
            ..Moved::default()
        };
        let catalog = self.catalog();
        let report: Vec<ReportSession> = sessions
            .iter()
            .map(|session| report_session(catalog, session))
            .collect();
        let labels = report_labels(catalog);
        let mut writer = replacing_writer(path)?;
        // Laying out hundreds of pages takes a while: off the async threads.
        let writer = tokio::task::spawn_blocking(move || {
            aira_report::write_pdf(&report, &labels, &mut writer).map(|()| writer)
        })
        .await?
        .map_err(|error| RuntimeError::Internal(format!("the PDF report: {error}")))?;
        persist(writer, path)?;
        Ok(moved)
    }

    async fn check_session(&self, only: Option<&str>) -> Result<(), RuntimeError> {
        if let Some(id) = only {
            self.session(id).await?;
        }
        Ok(())
    }
}

/// A buffered temporary file in the target's folder (so the rename cannot cross disks).
fn replacing_writer(path: &Path) -> Result<BufWriter<NamedTempFile>, RuntimeError> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = NamedTempFile::new_in(folder).map_err(file_error(path))?;
    Ok(BufWriter::new(file))
}

/// Flushes the temporary file and renames it to `path`.
fn persist(writer: BufWriter<NamedTempFile>, path: &Path) -> Result<(), RuntimeError> {
    let file = writer
        .into_inner()
        .map_err(|error| file_error(path)(error.into_error()))?;
    file.persist(path)
        .map_err(|error| file_error(path)(error.error))?;
    Ok(())
}

fn file_error(path: &Path) -> impl Fn(std::io::Error) -> RuntimeError + '_ {
    move |source| RuntimeError::File {
        path: path.display().to_string(),
        source,
    }
}

fn report_labels(catalog: &Catalog) -> ReportLabels {
    let text = |key: &str| catalog.get(&format!("report.{key}"));
    ReportLabels {
        language: text("language"),
        report_title: text("title"),
        nothing_to_show: text("nothing_to_show"),
        started: text("started"),
        average_score: text("average_score"),
        question: text("question"),
        role: text("role"),
        score: text("score"),
        score_value: text("score_value"),
        not_scored: text("not_scored"),
        your_answer: text("your_answer"),
        no_answer: text("no_answer"),
        summary: text("summary"),
        strengths: text("strengths"),
        improvements: text("improvements"),
        better_answer: text("better_answer"),
        delivery: text("delivery"),
        words_per_minute: text("words_per_minute"),
        fillers_per_100_words: text("fillers_per_100_words"),
        pauses_over_2_seconds: text("pauses_over_2_seconds"),
        page: text("page"),
        decimal_separator: text("decimal_separator"),
    }
}

fn report_session(catalog: &Catalog, session: &ExportedSession) -> ReportSession {
    let date: String = session.started_at.chars().take(10).collect();
    ReportSession {
        title: catalog.format("report.session_title", &[("date", date)]),
        started_at: session.started_at.clone(),
        turns: session
            .turns
            .iter()
            .map(|turn| ReportTurn {
                question: turn.question["text"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                role: turn.question["role"].as_str().map(str::to_owned),
                transcript: turn.transcript.clone(),
                score: turn.score.and_then(|score| u8::try_from(score).ok()),
                // Saved by this version of Aira, or checked on import: a value that does
                // not read is left out of the report rather than failing it.
                metrics: turn
                    .metrics
                    .clone()
                    .and_then(|metrics| serde_json::from_value(metrics).ok()),
                feedback: turn
                    .feedback
                    .clone()
                    .and_then(|feedback| serde_json::from_value(feedback).ok()),
                status: catalog.get(&format!("report.status.{}", turn.status)),
            })
            .collect(),
    }
}
