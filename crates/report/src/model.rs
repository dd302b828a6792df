//! What a report shows: sessions and their turns, already read and localized by the caller, so
//! this crate needs neither the database nor the app.

use aira_protocol::{Feedback, Metrics};

/// One practice session, printed under its own heading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportSession {
    /// The heading, already localized, e.g. "Session of 22 Nov 2026".
    pub title: String,
    /// RFC 3339, e.g. "2026-11-22T14:05:09+05:30"; printed as date and time in that offset.
    pub started_at: String,
    pub turns: Vec<ReportTurn>,
}

/// One question and what happened to its answer.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportTurn {
    pub question: String,
    /// The role the question was asked for, e.g. "Backend engineer".
    pub role: Option<String>,
    /// What the user said; `None` when nothing was recorded.
    pub transcript: Option<String>,
    /// 1 to 10; when `None`, the feedback's score is printed if there is feedback.
    pub score: Option<u8>,
    pub metrics: Option<Metrics>,
    pub feedback: Option<Feedback>,
    /// The turn's state as the caller wants it read (e.g. "failed", localized); printed beside
    /// "Not scored" when the turn has no score.
    pub status: String,
}

impl ReportTurn {
    /// The score to print: the turn's own, else the coach's.
    pub(crate) fn shown_score(&self) -> Option<u8> {
        self.score
            .or_else(|| self.feedback.as_ref().map(|feedback| feedback.score))
    }
}
