//! The coach's feedback as plain text: one fact a line, headings from `locales/`, nothing
//! drawn with symbols (screen readers read it line by line).

use aira_core::i18n::Catalog;
use aira_protocol::Feedback;

pub fn print(feedback: &Feedback, catalog: &Catalog) {
    println!(
        "{}",
        catalog.format("feedback.summary", &[("score", feedback.score.to_string())])
    );
    for point in &feedback.points {
        println!("- {point}");
    }
    if let Some(accuracy) = &feedback.technical_accuracy {
        println!(
            "{}: {}. {}",
            catalog.get("feedback.heading.accuracy"),
            catalog.get(&format!("feedback.accuracy.{}", accuracy.verdict.as_str())),
            accuracy.reason
        );
    }
    list(catalog, "feedback.heading.strengths", &feedback.strengths);
    list(
        catalog,
        "feedback.heading.improvements",
        &feedback.improvements,
    );
    if let Some(star) = &feedback.star {
        println!("{}:", catalog.get("feedback.heading.star"));
        for (key, part) in [
            ("analytics.star.situation", &star.situation),
            ("analytics.star.task", &star.task),
            ("analytics.star.action", &star.action),
            ("analytics.star.result", &star.result),
        ] {
            let told = part
                .clone()
                .unwrap_or_else(|| catalog.get("feedback.star.not_heard"));
            println!("- {}: {told}", catalog.get(key));
        }
    }
    if let Some(better) = &feedback.better_answer {
        println!(
            "{}: {better}",
            catalog.get("feedback.heading.better_answer")
        );
    }
    if let Some(follow_up) = &feedback.follow_up {
        println!("{}: {follow_up}", catalog.get("feedback.heading.follow_up"));
    }
    if let Some(usage) = &feedback.usage {
        println!(
            "{}: {}",
            catalog.get("feedback.heading.usage"),
            usage_sentence(catalog, usage)
        );
    }
    if let Some(reason) = &feedback.fallback {
        println!(
            "{}",
            catalog.format("feedback.coached_offline", &[("reason", reason.clone())])
        );
    }
}

pub fn usage_sentence(catalog: &Catalog, usage: &aira_protocol::TokenUsage) -> String {
    catalog.format(
        "feedback.usage",
        &[
            ("input", usage.input_tokens.to_string()),
            ("output", usage.output_tokens.to_string()),
            ("cost", format!("{:.4}", usage.estimated_cost_usd)),
        ],
    )
}

fn list(catalog: &Catalog, heading: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    println!("{}:", catalog.get(heading));
    for item in items {
        println!("- {item}");
    }
}
