//! Reading a model's tool input as feedback, defensively: models leave fields out, add
//! their own, send numbers as strings or the whole input as a JSON string. Only a missing
//! or unreadable score makes the answer unusable; everything else has a safe default.

use aira_protocol::{AccuracyVerdict, Feedback, StarBreakdown, TechnicalAccuracy};
use serde_json::Value;

/// Longest kept text of one field, in characters: a runaway model cannot flood the UI.
const MOST_FIELD_CHARACTERS: usize = 600;
const MOST_BETTER_ANSWER_CHARACTERS: usize = 3_000;
const MOST_LIST_ITEMS: usize = 5;

/// The feedback in `input` (the `record_feedback` tool's input), or why it is unusable.
/// `engine` and `model` are not set here.
pub fn parse_feedback(input: &Value) -> Result<Feedback, String> {
    let input = unwrap_string_json(input);
    let Value::Object(fields) = &input else {
        return Err(format!(
            "the feedback is not a JSON object but {}",
            kind(&input)
        ));
    };
    let score = fields
        .get("score")
        .and_then(read_score)
        .ok_or_else(|| "the feedback has no readable score".to_owned())?;
    let summary = fields.get("summary").and_then(read_text);
    let strengths = fields.get("strengths").map(read_list).unwrap_or_default();
    let improvements = fields
        .get("improvements")
        .map(read_list)
        .unwrap_or_default();
    let mut points: Vec<String> = summary.into_iter().collect();
    points.extend(improvements.iter().take(2).cloned());
    Ok(Feedback {
        score,
        points,
        technical_accuracy: fields.get("technical_accuracy").and_then(read_accuracy),
        strengths,
        improvements,
        better_answer: fields
            .get("better_answer")
            .and_then(|value| read_text_up_to(value, MOST_BETTER_ANSWER_CHARACTERS)),
        star: fields.get("star").and_then(read_star),
        follow_up: fields
            .get("follow_up_question")
            .or_else(|| fields.get("follow_up"))
            .and_then(read_text),
        ..Feedback::default()
    })
}

/// Some models send the tool input as a string holding JSON.
fn unwrap_string_json(input: &Value) -> Value {
    match input {
        Value::String(text) => serde_json::from_str(text).unwrap_or_else(|_| input.clone()),
        other => other.clone(),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// 7, 7.4, "7", "7/10", "7 out of 10" → 7; clamped to 1–10. NaN and words are unreadable.
fn read_score(value: &Value) -> Option<u8> {
    let number = match value {
        Value::Number(number) => number.as_f64()?,
        Value::String(text) => text
            .trim()
            .split(|character: char| !(character.is_ascii_digit() || character == '.'))
            .next()?
            .parse::<f64>()
            .ok()?,
        _ => return None,
    };
    number
        .is_finite()
        .then(|| number.round().clamp(1.0, 10.0) as u8)
}

fn read_text(value: &Value) -> Option<String> {
    read_text_up_to(value, MOST_FIELD_CHARACTERS)
}

fn read_text_up_to(value: &Value, most: usize) -> Option<String> {
    let text = match value {
        Value::String(text) => text.trim().to_owned(),
        Value::Number(number) => number.to_string(),
        Value::Object(object) => object
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .trim()
            .to_owned(),
        _ => return None,
    };
    if text.is_empty() {
        return None;
    }
    Some(match text.char_indices().nth(most) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    })
}

/// A list of strings; a single string counts as a list of one.
fn read_list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .filter_map(read_text)
            .take(MOST_LIST_ITEMS)
            .collect(),
        other => read_text(other).into_iter().collect(),
    }
}

fn read_accuracy(value: &Value) -> Option<TechnicalAccuracy> {
    let verdict_text = value.get("verdict").and_then(Value::as_str)?;
    let normalized = verdict_text
        .trim()
        .to_ascii_lowercase()
        .replace([' ', '-'], "_");
    let verdict = AccuracyVerdict::ALL
        .into_iter()
        .find(|verdict| verdict.as_str() == normalized)?;
    Some(TechnicalAccuracy {
        verdict,
        reason: value.get("reason").and_then(read_text).unwrap_or_default(),
    })
}

fn read_star(value: &Value) -> Option<StarBreakdown> {
    let part = |name: &str| value.get(name).and_then(read_text);
    let star = StarBreakdown {
        situation: part("situation"),
        task: part("task"),
        action: part("action"),
        result: part("result"),
    };
    (star != StarBreakdown::default()).then_some(star)
}

/// Text fields pulled out of a tool input while it is still streaming, so the UI can show
/// the summary and the better answer as they are written. Feed it the input so far.
#[derive(Debug, Default)]
pub struct PartialFields {
    shown: std::collections::HashMap<&'static str, usize>,
}

impl PartialFields {
    /// The text of `field` that has arrived since the last call, if any.
    pub fn new_text(&mut self, partial_json: &str, field: &'static str) -> Option<String> {
        let text = partial_string_field(partial_json, field)?;
        let shown = self.shown.entry(field).or_default();
        let fresh: String = text.chars().skip(*shown).collect();
        if fresh.is_empty() {
            return None;
        }
        *shown += fresh.chars().count();
        Some(fresh)
    }
}

/// The decoded characters of string field `field` in a JSON prefix, as far as they go.
fn partial_string_field(partial_json: &str, field: &str) -> Option<String> {
    let key = format!("\"{field}\"");
    let after_key = &partial_json[partial_json.find(&key)? + key.len()..];
    let after_colon = after_key.trim_start().strip_prefix(':')?.trim_start();
    let body = after_colon.strip_prefix('"')?;
    let mut text = String::new();
    let mut characters = body.chars();
    while let Some(character) = characters.next() {
        match character {
            '"' => break,
            '\\' => match characters.next() {
                Some('n') => text.push('\n'),
                Some('t') => text.push('\t'),
                Some('u') => {
                    let code: String = characters.by_ref().take(4).collect();
                    match u32::from_str_radix(&code, 16).ok().and_then(char::from_u32) {
                        Some(decoded) if code.len() == 4 => text.push(decoded),
                        // A half-arrived or surrogate escape: wait for more.
                        _ => break,
                    }
                }
                Some(other) => text.push(other),
                None => break,
            },
            other => text.push(other),
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn complete_feedback_is_read() -> Result<(), String> {
        let feedback = parse_feedback(&json!({
            "summary": "Clear answer; add a number to the result.",
            "score": 7,
            "technical_accuracy": {"verdict": "partly_correct", "reason": "Mixed up mutex and semaphore."},
            "strengths": ["You named the critical section."],
            "improvements": ["Say what a semaphore counts.", "Give a real example.", "Slow down."],
            "star": null,
            "follow_up_question": "When would you use a read-write lock?",
            "better_answer": "A mutex lets one thread in at a time…",
        }))?;
        assert_eq!(feedback.score, 7);
        assert_eq!(
            feedback.points,
            vec![
                "Clear answer; add a number to the result.",
                "Say what a semaphore counts.",
                "Give a real example."
            ]
        );
        assert_eq!(
            feedback.technical_accuracy.map(|accuracy| accuracy.verdict),
            Some(AccuracyVerdict::PartlyCorrect)
        );
        assert_eq!(feedback.star, None);
        assert_eq!(
            feedback.follow_up.as_deref(),
            Some("When would you use a read-write lock?")
        );
        Ok(())
    }

    #[test]
    fn odd_shapes_are_read_and_out_of_range_scores_clamped() -> Result<(), String> {
        let feedback = parse_feedback(&json!(
            r#"{"score": "12/10", "strengths": "Good energy.", "extra": {"ignored": true},
                "technical_accuracy": {"verdict": "Not Applicable"},
                "star": {"situation": "final-year project", "result": ""}}"#
        ))?;
        assert_eq!(feedback.score, 10);
        assert_eq!(feedback.strengths, vec!["Good energy."]);
        assert!(feedback.improvements.is_empty());
        assert_eq!(
            feedback.technical_accuracy.map(|accuracy| accuracy.verdict),
            Some(AccuracyVerdict::NotApplicable)
        );
        let star = feedback.star.unwrap_or_default();
        assert_eq!(star.situation.as_deref(), Some("final-year project"));
        assert_eq!(star.result, None);
        assert_eq!(parse_feedback(&json!({"score": -3}))?.score, 1);
        assert_eq!(parse_feedback(&json!({"score": 6.6}))?.score, 7);
        Ok(())
    }

    #[test]
    fn no_score_no_feedback() {
        for input in [
            json!({"summary": "Nice."}),
            json!({"score": "excellent"}),
            json!({"score": null}),
            json!([1, 2]),
            json!("{not json"),
        ] {
            assert!(parse_feedback(&input).is_err(), "accepted {input}");
        }
    }

    #[test]
    fn streamed_text_is_shown_as_it_arrives() {
        let mut fields = PartialFields::default();
        assert_eq!(fields.new_text(r#"{"summ"#, "summary"), None);
        assert_eq!(
            fields
                .new_text(r#"{"summary": "Good st"#, "summary")
                .as_deref(),
            Some("Good st")
        );
        assert_eq!(
            fields
                .new_text(r#"{"summary": "Good start.\n Add \u00e9"#, "summary")
                .as_deref(),
            Some("art.\n Add é")
        );
        assert_eq!(
            fields.new_text(
                r#"{"summary": "Good start.\n Add \u00e9", "score": 7"#,
                "summary"
            ),
            None
        );
        assert_eq!(
            fields
                .new_text(
                    r#"{"summary": "x", "better_answer": "I \u00"#,
                    "better_answer"
                )
                .as_deref(),
            Some("I ")
        );
    }
}
