//! The offline coach: the rubric in `aira_core::rubric`, no network, no model, no download.

use aira_core::ports::{Coach, CoachError, CoachRequest, PortFuture};
use aira_core::rubric::{LocalCoachInput, local_feedback};
use aira_protocol::Feedback;

/// Writes in the language of the request's catalog.
pub struct LocalCoach;

impl Coach for LocalCoach {
    fn engine_name(&self) -> String {
        "offline coach".into()
    }

    fn coach<'a>(&'a self, request: CoachRequest<'a>) -> PortFuture<'a, Feedback, CoachError> {
        Box::pin(async move {
            let input = LocalCoachInput {
                question: request.question,
                transcript: request.transcript,
                delivery: request.delivery,
            };
            Ok(local_feedback(&input, request.catalog))
        })
    }
}

#[cfg(test)]
mod tests {
    use std::task::{Context, Poll, Waker};

    use aira_core::analytics::{DeliveryConfig, analyze, analyze_delivery};
    use aira_core::i18n::Catalog;
    use aira_core::{QuestionBank, Transcript, Word};

    use super::*;

    #[test]
    fn the_offline_coach_answers_at_once_from_the_delivery_report() {
        let question = QuestionBank::builtin()
            .ok()
            .and_then(|bank| bank.get("beh-conflict").cloned())
            .unwrap_or_else(|| panic!("beh-conflict is in the bank"));
        let text = "During my internship my teammate and I disagreed about retries. My task was \
            to fix the webhooks. I proposed backoff and we discussed it. As a result failures \
            fell by 38 percent.";
        let words = text
            .split_whitespace()
            .enumerate()
            .map(|(index, word)| {
                let start = index as u32 * 400;
                Word::new(word, start, start + 320)
            })
            .collect();
        let transcript = Transcript::from_words(words, 14_000);
        let metrics = analyze(&transcript, &question);
        let delivery = analyze_delivery(&transcript, &question, &DeliveryConfig::default());
        let coach = LocalCoach;
        let request = CoachRequest {
            question: &question,
            transcript: &transcript,
            metrics: &metrics,
            delivery: &delivery,
            catalog: &Catalog::english(),
            progress: None,
        };
        let mut future = coach.coach(request);
        // Nothing in the offline coach waits, so one poll finishes it.
        let poll = future
            .as_mut()
            .poll(&mut Context::from_waker(Waker::noop()));
        let Poll::Ready(Ok(feedback)) = poll else {
            panic!("the offline coach answers at once: {poll:?}");
        };
        assert_eq!(feedback.engine, "local");
        assert!(
            feedback
                .star
                .and_then(|star| star.result)
                .is_some_and(|result| result.contains("38 percent"))
        );
        assert!(
            feedback
                .strengths
                .iter()
                .any(|line| line.contains("38 percent"))
        );
    }
}
