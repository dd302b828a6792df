//! Sessions to print in tests and examples: two sessions, one long transcript that spans
//! pages, and the characters that break naive PDF writers.

use aira_protocol::{Feedback, Metrics};
use aira_report::{ReportSession, ReportTurn};

/// Text that must come back from the PDF unchanged: markup characters, quotes, the rupee sign,
/// an em dash and accents.
pub const SPECIAL: &str = "R&D <team> said “ship it” — ₹1,200 for café résumé naïve Łódź";

/// The last words of the long transcript, to find it on its last page.
pub const LONG_ENDING: &str = "And that is how the migration finished on time.";

pub fn metrics(
    words_per_minute: f32,
    word_count: u32,
    filler_count: u32,
    long_pauses: u32,
) -> Metrics {
    Metrics {
        words_per_minute,
        word_count,
        filler_count,
        long_pauses,
        ..Metrics::default()
    }
}

pub fn feedback(score: u8) -> Feedback {
    Feedback {
        score,
        points: vec![
            "You named the situation clearly, then lost the thread in the middle.".to_owned(),
            "Say what you did, not what the team did.".to_owned(),
        ],
        engine: "local".to_owned(),
        strengths: vec!["A concrete number: the budget of ₹1,200.".to_owned()],
        improvements: vec![
            "End with the result — what changed because of you.".to_owned(),
            "Cut the fillers: “um”, “like”, “you know”.".to_owned(),
        ],
        better_answer: Some(
            "When our release slipped, I split the work into three parts, took the riskiest \
             one myself and we shipped two days early."
                .to_owned(),
        ),
        ..Feedback::default()
    }
}

/// About `paragraphs` paragraphs of answer, each of several lines.
pub fn long_transcript(paragraphs: usize) -> String {
    let paragraph = "We had to move forty services from the old cluster to the new one while \
        customers kept using them, so I wrote down every dependency, agreed an order with the \
        other teams, rehearsed each move on a copy of production and kept a rollback ready at \
        every step, checking the dashboards after each service before starting the next.";
    let mut text = vec![paragraph; paragraphs].join("\n\n");
    // A paragraph of its own, so it is one line to find.
    text.push_str("\n\n");
    text.push_str(LONG_ENDING);
    text
}

pub fn two_sessions() -> Vec<ReportSession> {
    vec![
        ReportSession {
            title: "Session of 22 Nov 2026".to_owned(),
            started_at: "2026-11-22T14:05:09+05:30".to_owned(),
            turns: vec![
                ReportTurn {
                    question: "Tell me about a time you handled a difficult budget.".to_owned(),
                    role: Some("Product manager".to_owned()),
                    transcript: Some(format!("I said: {SPECIAL}.")),
                    score: Some(8),
                    metrics: Some(metrics(142.0, 180, 6, 2)),
                    feedback: Some(feedback(8)),
                    status: "coached".to_owned(),
                },
                ReportTurn {
                    question: "Describe a large migration you led.".to_owned(),
                    role: Some("Backend engineer".to_owned()),
                    transcript: Some(long_transcript(30)),
                    score: Some(6),
                    metrics: Some(metrics(171.0, 2400, 40, 5)),
                    feedback: Some(feedback(6)),
                    status: "coached".to_owned(),
                },
                ReportTurn {
                    question: "Why do you want this job?".to_owned(),
                    role: None,
                    transcript: None,
                    score: None,
                    metrics: None,
                    feedback: None,
                    status: "failed".to_owned(),
                },
            ],
        },
        ReportSession {
            title: "Session of 23 Nov 2026".to_owned(),
            started_at: "2026-11-23T09:30:00Z".to_owned(),
            turns: vec![ReportTurn {
                question: "What is a race condition?".to_owned(),
                role: Some("Backend engineer".to_owned()),
                transcript: Some(
                    "Two threads touch the same data without an order between them.".to_owned(),
                ),
                score: Some(9),
                metrics: Some(metrics(128.0, 60, 0, 0)),
                feedback: Some(feedback(9)),
                status: "coached".to_owned(),
            }],
        },
    ]
}
