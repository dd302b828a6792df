//! An imported session checked before anything is written.

use super::{ExportedSession, ImportError};

/// What the schema's checks would refuse anyway, said before anything is written.
pub(super) fn validate(session: &ExportedSession) -> Result<(), ImportError> {
    let invalid = |what: String| {
        Err(ImportError::Invalid(format!(
            "session {:?}: {what}",
            session.id
        )))
    };
    if session.id.trim().is_empty() || session.id.len() > 200 {
        return invalid("no usable id".into());
    }
    if !["practice", "interview"].contains(&session.mode.as_str())
        || !["active", "finished", "abandoned"].contains(&session.status.as_str())
    {
        return invalid(format!(
            "mode {:?}, status {:?}",
            session.mode, session.status
        ));
    }
    for turn in &session.turns {
        if !["recorded", "coached", "failed"].contains(&turn.status.as_str())
            || !["microphone", "file", "typed"].contains(&turn.source.as_str())
        {
            return invalid(format!(
                "a turn with status {:?} from {:?}",
                turn.status, turn.source
            ));
        }
        if serde_json::from_value::<aira_protocol::PracticeQuestion>(turn.question.clone()).is_err()
        {
            return invalid("a turn without a readable question".into());
        }
        if turn.score.is_some_and(|score| !(1..=10).contains(&score)) {
            return invalid(format!("a score of {:?}", turn.score));
        }
        if let Some(feedback) = &turn.feedback {
            match serde_json::from_value::<aira_protocol::Feedback>(feedback.clone()) {
                Ok(feedback) if (1..=10).contains(&feedback.score) => {}
                Ok(feedback) => {
                    return invalid(format!("feedback with a score of {}", feedback.score));
                }
                Err(error) => return invalid(format!("unreadable feedback ({error})")),
            }
        }
        if let Some(metrics) = &turn.metrics
            && let Err(error) = serde_json::from_value::<aira_protocol::Metrics>(metrics.clone())
        {
            return invalid(format!("unreadable figures ({error})"));
        }
    }
    Ok(())
}
