//! Turning numbers and results into display text. Pure functions, tested natively.

use aira_protocol::{Feedback, ModelProgress};

use crate::i18n::{t, t_with};

/// "7 / 10": the form the score takes everywhere on screen.
pub fn score_out_of(score: u8) -> String {
    t_with("ui.score.out_of", &[("score", &score.to_string())])
}

/// The sentence read aloud and announced when feedback arrives.
pub fn score_sentence(score: u8) -> String {
    t_with("feedback.summary", &[("score", &score.to_string())])
}

/// What "Read feedback aloud" says: the score, then each point.
pub fn spoken_feedback(feedback: &Feedback) -> String {
    let mut sentences = vec![score_sentence(feedback.score)];
    sentences.extend(feedback.points.iter().cloned());
    sentences.join(" ")
}

pub fn whole_number(value: f32) -> String {
    format!("{:.0}", value.max(0.0))
}

pub fn one_decimal(value: f32) -> String {
    format!("{:.1}", value.max(0.0))
}

/// Items as a comma-separated list, or the localized "None".
pub fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        t("ui.metrics.none")
    } else {
        items.join(", ")
    }
}

/// Maps an RMS level to 0–100 on a decibel scale (-60 dB to 0 dB), because speech sits
/// far below full scale and a linear bar would barely move.
pub fn level_percent(rms: f32) -> u8 {
    const FLOOR_DB: f32 = -60.0;
    if rms.is_nan() || rms <= 0.0 {
        return 0;
    }
    let decibels = 20.0 * rms.min(1.0).log10();
    let fraction = (decibels - FLOOR_DB) / -FLOOR_DB;
    (fraction.clamp(0.0, 1.0) * 100.0).round() as u8
}

/// A model's size as file managers show it: decimal megabytes with one decimal ("77.7").
pub fn megabytes(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}

/// How far a download or import is, for its progress bar: "45 % – 35 of 77 MB".
pub fn progress_text(progress: &ModelProgress) -> String {
    let whole_megabytes = |bytes: u64| (bytes / 1_000_000).to_string();
    t_with(
        "ui.models.progress_value",
        &[
            ("percent", &progress.percent().to_string()),
            ("done", &whole_megabytes(progress.done_bytes)),
            ("total", &whole_megabytes(progress.total_bytes)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_reads_as_out_of_ten() {
        assert_eq!(score_out_of(7), "7 / 10");
        assert_eq!(score_sentence(10), "Score 10 of 10.");
    }

    #[test]
    fn spoken_feedback_leads_with_the_score() {
        let feedback = Feedback {
            score: 6,
            points: vec!["Add a result.".to_owned(), "Slow down.".to_owned()],
            engine: "local".to_owned(),
            ..Feedback::default()
        };
        assert_eq!(
            spoken_feedback(&feedback),
            "Score 6 of 10. Add a result. Slow down."
        );
    }

    #[test]
    fn numbers_round_and_never_go_negative() {
        assert_eq!(whole_number(141.6), "142");
        assert_eq!(one_decimal(2.345), "2.3");
        assert_eq!(whole_number(-3.0), "0");
    }

    #[test]
    fn empty_lists_say_none() {
        assert_eq!(list_or_none(&[]), "None");
        assert_eq!(list_or_none(&["a".to_owned(), "b".to_owned()]), "a, b");
    }

    #[test]
    fn level_follows_a_decibel_scale() {
        assert_eq!(level_percent(0.0), 0);
        assert_eq!(level_percent(f32::NAN), 0);
        assert_eq!(level_percent(0.000_1), 0);
        assert_eq!(level_percent(0.001), 0);
        assert_eq!(level_percent(0.031_622_8), 50);
        assert_eq!(level_percent(1.0), 100);
        assert_eq!(level_percent(3.0), 100);
    }

    #[test]
    fn model_sizes_and_progress_read_in_megabytes() {
        assert_eq!(megabytes(77_704_715), "77.7");
        let progress = ModelProgress {
            stage: aira_protocol::ModelStage::Downloading,
            done_bytes: 35_200_000,
            total_bytes: 77_704_715,
            bytes_per_second: 0,
        };
        assert_eq!(progress_text(&progress), "45 % – 35 of 77 MB");
    }
}
