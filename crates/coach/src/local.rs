//! The offline coach: the rubric in `aira_core::rubric`, no network, no model, no download.

use aira_core::i18n::Catalog;
use aira_core::ports::{Coach, CoachError, CoachRequest, PortFuture};
use aira_core::rubric::local_feedback;
use aira_protocol::Feedback;

pub struct LocalCoach {
    catalog: Catalog,
}

impl LocalCoach {
    pub fn new(catalog: Catalog) -> Self {
        Self { catalog }
    }
}

impl Coach for LocalCoach {
    fn engine_name(&self) -> String {
        "offline coach".into()
    }

    fn coach<'a>(&'a self, request: CoachRequest<'a>) -> PortFuture<'a, Feedback, CoachError> {
        Box::pin(async move {
            Ok(local_feedback(
                request.metrics,
                request.question,
                &self.catalog,
            ))
        })
    }
}
