use aira_protocol::{CoachingQueueOutput, CommandError, RecoachOutput};
use tauri::State;

use crate::state::AppState;

/// Answers waiting for the cloud coach, and the cloud coach's usage so far.
#[tauri::command]
pub async fn coaching_queue(
    state: State<'_, AppState>,
) -> Result<CoachingQueueOutput, CommandError> {
    let engine = state.engine()?;
    let (session_usage, total_usage) = engine.coaching_usage().await?;
    Ok(CoachingQueueOutput {
        waiting: engine.queued_for_cloud().await?,
        session_usage,
        total_usage,
    })
}

/// Coaches the waiting answers with Amazon Bedrock now; stops at the first failure.
#[tauri::command]
pub async fn recoach_queued(state: State<'_, AppState>) -> Result<RecoachOutput, CommandError> {
    let outcome = state.engine()?.recoach_queued().await?;
    Ok(RecoachOutput {
        coached: outcome.coached,
        remaining: outcome.remaining,
    })
}
