//! The offline coach: a 1–10 score from the delivery report and the question's key points,
//! and feedback sentences that quote the answer's own specifics, all from `locales/`.
//!
//! No network, no model: rules a person can read. What the rules cannot know, they do not
//! claim: the offline coach never judges whether technical content is correct, and its
//! "better answer" is an outline of what was missing, not a rewritten answer.

mod content;
mod delivery_remarks;
mod lists;
mod quotes;
mod scorecard;

#[cfg(test)]
mod edge_tests;
#[cfg(test)]
mod feedback_tests;
#[cfg(test)]
mod ordering_tests;
#[cfg(test)]
mod test_answers;

use aira_protocol::Feedback;

use crate::analytics::DeliveryReport;
use crate::i18n::Catalog;
use crate::question_bank::Question;
use crate::transcript::Transcript;

pub use scorecard::{FILLERS_PER_HUNDRED_OK, HEDGES_PER_HUNDRED_OK, Scorecard, scorecard};

use quotes::SpokenWords;

/// Words per minute that listeners follow comfortably.
pub const PACE_BAND: (f32, f32) = (130.0, 175.0);
/// The most sentences read aloud: more is a lecture, not coaching.
const MOST_POINTS: usize = 3;
/// A strength is read aloud only when it earned at least this many points: praise for a
/// detail of a weak answer would drown out what to fix.
const PRAISE_WORTH_SAYING: f32 = 0.5;

/// What the offline coach looks at: the question, what was said, and the report on how.
#[derive(Debug, Clone, Copy)]
pub struct LocalCoachInput<'a> {
    pub question: &'a Question,
    pub transcript: &'a Transcript,
    /// Made from `transcript` by [`crate::analytics::analyze_delivery`].
    pub delivery: &'a DeliveryReport,
}

/// One sentence of feedback and how much it matters: the points the answer earned (a
/// strength) or lost (an improvement) on the part it is about.
#[derive(Debug, Clone, PartialEq)]
struct Remark {
    weight: f32,
    text: String,
    /// False when the spoken opening already says the same.
    speakable: bool,
}

impl Remark {
    fn new(weight: f32, text: String) -> Self {
        Self {
            weight,
            text,
            speakable: true,
        }
    }

    fn written_only(weight: f32, text: String) -> Self {
        Self {
            speakable: false,
            ..Self::new(weight, text)
        }
    }
}

/// What every sentence-writing function reads.
struct Context<'a> {
    question: &'a Question,
    delivery: &'a DeliveryReport,
    spoken: SpokenWords<'a>,
    catalog: &'a Catalog,
    card: Scorecard,
    maximum: Scorecard,
}

#[derive(Debug, Default)]
struct Remarks {
    strengths: Vec<Remark>,
    improvements: Vec<Remark>,
}

/// The offline coach's verdict on one answer.
pub fn local_feedback(input: &LocalCoachInput<'_>, catalog: &Catalog) -> Feedback {
    let context = Context {
        question: input.question,
        delivery: input.delivery,
        spoken: SpokenWords::new(input.transcript),
        catalog,
        card: scorecard(input.delivery),
        maximum: Scorecard::maximum(input.delivery),
    };
    let mut remarks = Remarks::default();
    let opening = content::key_point_remarks(&context, &mut remarks);
    content::star_remarks(&context, &mut remarks);
    delivery_remarks::delivery_remarks(&context, &mut remarks);
    // Stable sorts: equal weights keep the order they were written in, so output is
    // deterministic.
    remarks
        .strengths
        .sort_by(|left, right| right.weight.total_cmp(&left.weight));
    remarks
        .improvements
        .sort_by(|left, right| right.weight.total_cmp(&left.weight));

    Feedback {
        score: context.card.score(),
        points: spoken_points(opening, &remarks),
        engine: "local".into(),
        // The offline coach matches keywords; it cannot tell a right explanation from a wrong
        // one that uses the same words, so it gives no verdict rather than a false one.
        technical_accuracy: None,
        strengths: texts(&remarks.strengths),
        improvements: texts(&remarks.improvements),
        better_answer: content::outline(&context),
        star: content::star_breakdown(&context),
        follow_up: content::follow_up(&context),
        ..Feedback::default()
    }
}

/// Two or three sentences to read aloud, most important first: the opening (what was heard,
/// or which key points), the improvements worth the most points, then the best strength so
/// the user hears what to keep too, when it is worth hearing.
fn spoken_points(opening: Option<String>, remarks: &Remarks) -> Vec<String> {
    let mut points: Vec<String> = opening.into_iter().collect();
    let speakable = |remark: &&Remark| remark.speakable && !points.contains(&remark.text);
    let praise = remarks
        .strengths
        .iter()
        .filter(speakable)
        .find(|remark| remark.weight >= PRAISE_WORTH_SAYING)
        .cloned();
    let room = MOST_POINTS.saturating_sub(points.len() + usize::from(praise.is_some()));
    let improvements: Vec<String> = remarks
        .improvements
        .iter()
        .filter(speakable)
        .take(room)
        .map(|remark| remark.text.clone())
        .collect();
    points.extend(improvements);
    points.extend(praise.map(|remark| remark.text));
    // A strong answer has little to fix: fill up with what it did well.
    for remark in &remarks.strengths {
        if points.len() >= MOST_POINTS {
            break;
        }
        if remark.speakable && !points.contains(&remark.text) {
            points.push(remark.text.clone());
        }
    }
    points
}

fn texts(remarks: &[Remark]) -> Vec<String> {
    remarks.iter().map(|remark| remark.text.clone()).collect()
}
