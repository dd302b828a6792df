//! Progress over time: per-session figures for the charts, and the summary of the last
//! few sessions against the few before them.

use serde::{Deserialize, Serialize};

/// How many sessions the summary compares: the most recent ones against as many before.
pub const SUMMARY_SESSIONS: usize = 5;

/// `progress`: which answers count; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressFilter {
    /// A question role, as in the bank ("backend").
    pub role: Option<String>,
    /// A kind of question: "technical", "behavioral" or "hr".
    pub kind: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressInput {
    pub filter: ProgressFilter,
}

/// One session's coached answers (those the filter keeps), averaged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionProgress {
    pub session_id: String,
    /// RFC 3339, UTC.
    pub started_at: String,
    pub answers: u32,
    pub average_score: Option<f32>,
    /// Spoken answers only: a typed answer has no pace.
    pub words_per_minute: Option<f32>,
    /// Filler words per 100 words, over all the session's words.
    pub fillers_per_100_words: Option<f32>,
    /// Pauses over 2 seconds per spoken answer.
    pub long_pauses: Option<f32>,
}

/// `progress`: sessions oldest first, the most recent at most 100.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressOutput {
    pub sessions: Vec<SessionProgress>,
}

/// A figure over the most recent sessions and over the ones before them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    pub recent: Option<f32>,
    pub earlier: Option<f32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Steady,
}

impl Direction {
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Steady => "steady",
        }
    }
}

impl Trend {
    /// Up or down when the two differ as shown (one decimal); `None` without both.
    pub fn direction(&self) -> Option<Direction> {
        let (recent, earlier) = (self.recent?, self.earlier?);
        let shown = |value: f32| (value * 10.0).round();
        Some(match shown(recent).partial_cmp(&shown(earlier)) {
            Some(std::cmp::Ordering::Greater) => Direction::Up,
            Some(std::cmp::Ordering::Less) => Direction::Down,
            _ => Direction::Steady,
        })
    }
}

/// The last [`SUMMARY_SESSIONS`] sessions against the ones before them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgressSummary {
    /// How many sessions `recent` covers (fewer than five early on).
    pub sessions: usize,
    pub score: Trend,
    pub words_per_minute: Trend,
    pub fillers_per_100_words: Trend,
    pub long_pauses: Trend,
}

impl ProgressSummary {
    /// From sessions oldest first, as `progress` returns them.
    pub fn of(sessions: &[SessionProgress]) -> Self {
        let split = sessions.len().saturating_sub(SUMMARY_SESSIONS);
        let (before, recent) = sessions.split_at(split);
        let earlier = &before[before.len().saturating_sub(SUMMARY_SESSIONS)..];
        let trend = |figure: fn(&SessionProgress) -> Option<f32>| Trend {
            recent: mean(recent.iter().filter_map(figure)),
            earlier: mean(earlier.iter().filter_map(figure)),
        };
        Self {
            sessions: recent.len(),
            score: trend(|session| session.average_score),
            words_per_minute: trend(|session| session.words_per_minute),
            fillers_per_100_words: trend(|session| session.fillers_per_100_words),
            long_pauses: trend(|session| session.long_pauses),
        }
    }
}

fn mean(values: impl Iterator<Item = f32>) -> Option<f32> {
    let (sum, count) = values.fold((0.0, 0_u32), |(sum, count), value| (sum + value, count + 1));
    (count > 0).then(|| sum / count as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(score: Option<f32>, pace: Option<f32>) -> SessionProgress {
        SessionProgress {
            session_id: String::new(),
            started_at: String::new(),
            answers: 1,
            average_score: score,
            words_per_minute: pace,
            fillers_per_100_words: Some(2.0),
            long_pauses: None,
        }
    }

    #[test]
    fn the_last_five_are_compared_with_the_five_before() {
        let mut sessions: Vec<SessionProgress> =
            (0..3).map(|_| session(Some(1.0), Some(100.0))).collect();
        sessions.extend((0..5).map(|_| session(Some(5.0), Some(120.0))));
        sessions.extend((0..5).map(|_| session(Some(7.0), None)));
        let summary = ProgressSummary::of(&sessions);
        assert_eq!(summary.sessions, 5);
        assert_eq!(summary.score.recent, Some(7.0));
        assert_eq!(summary.score.earlier, Some(5.0));
        assert_eq!(summary.score.direction(), Some(Direction::Up));
        assert_eq!(summary.words_per_minute.recent, None);
        assert_eq!(summary.words_per_minute.direction(), None);
        assert_eq!(
            summary.fillers_per_100_words.direction(),
            Some(Direction::Steady)
        );
    }

    #[test]
    fn few_sessions_have_nothing_to_compare_with() {
        let summary = ProgressSummary::of(&[session(Some(6.0), Some(140.0))]);
        assert_eq!(summary.sessions, 1);
        assert_eq!(summary.score.recent, Some(6.0));
        assert_eq!(summary.score.earlier, None);
        assert_eq!(ProgressSummary::of(&[]).sessions, 0);
    }

    #[test]
    fn differences_smaller_than_shown_are_steady() {
        let trend = Trend {
            recent: Some(6.41),
            earlier: Some(6.44),
        };
        assert_eq!(trend.direction(), Some(Direction::Steady));
        let trend = Trend {
            recent: Some(5.8),
            earlier: Some(6.4),
        };
        assert_eq!(trend.direction(), Some(Direction::Down));
    }
}
