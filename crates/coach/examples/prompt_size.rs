//! What one coaching call sends, in characters and estimated tokens, and what it costs at
//! each suggested model's price: the figures behind the README's cost per turn.
//!
//! `cargo run -p aira-coach --example prompt_size`
//!
//! Tokens are estimated at 4 characters each (Claude's tokenizer averages 3.5–4.5 on
//! English); the tool schema counts as input, as Bedrock bills it.

use aira_core::analytics::{DeliveryConfig, analyze_delivery};
use aira_core::prompt::{coaching_prompt, feedback_tool_schema};
use aira_core::{QuestionBank, Transcript, Word};

const ANSWER: &str = "In my final year project our team of four had to build a canteen ordering \
    app for our college. I was responsible for the backend. The problem was that at lunch time \
    two hundred students ordered within ten minutes and the old system crashed. I designed an \
    order queue, wrote the payment service in Spring Boot and added caching for the menu. I also \
    load tested it with JMeter. As a result, lunch queues fell from twenty minutes to five and \
    the app handled six hundred orders a day without a crash.";
/// Output tokens of a typical feedback call: summary, lists, STAR, a 120-word rewrite.
const OUTPUT_TOKENS: usize = 550;

fn main() {
    let bank = QuestionBank::builtin().unwrap_or_else(|error| panic!("bank: {error}"));
    let question = bank
        .questions()
        .iter()
        .find(|question| question.kind == "behavioral")
        .unwrap_or_else(|| panic!("no behavioral question"));
    let words = ANSWER
        .split_whitespace()
        .enumerate()
        .map(|(index, word)| Word::new(word, index as u32 * 400, index as u32 * 400 + 300))
        .collect();
    let transcript = Transcript::from_words(words, 40_000);
    let delivery = analyze_delivery(&transcript, question, &DeliveryConfig::default());
    let prompt = coaching_prompt(question, &transcript.text, &delivery, "English");
    let schema = feedback_tool_schema().to_string();
    let characters = prompt.system.len() + prompt.message.len() + schema.len();
    let input_tokens = characters / 4;
    println!("answer: {} words", transcript.words.len());
    println!(
        "system {} + message {} + tool schema {} = {characters} characters ≈ {input_tokens} input tokens; ≈ {OUTPUT_TOKENS} output tokens",
        prompt.system.len(),
        prompt.message.len(),
        schema.len()
    );
    for (model, input_price, output_price) in [
        ("Claude Haiku 4.5", 1.00, 5.00),
        ("Claude 3.5 Haiku", 0.80, 4.00),
        ("Claude 3 Haiku (legacy)", 0.25, 1.25),
    ] {
        let cost = (input_tokens as f64 * input_price + OUTPUT_TOKENS as f64 * output_price) / 1e6;
        println!(
            "{model}: US${cost:.4} a turn, US${:.2} for 100 turns",
            cost * 100.0
        );
    }
}
