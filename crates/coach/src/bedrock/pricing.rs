//! An estimate of what a call cost, from Bedrock's published on-demand prices (US dollars
//! per million tokens, 2026). Prices change and differ slightly by region; the figure tells
//! a user roughly what practice costs, it is not a bill.

use aira_protocol::TokenUsage;

/// (model id fragment, input price, output price) per million tokens. Matched by
/// substring, so regional and global inference profiles ("apac.", "global.") match too.
const PRICES: [(&str, f64, f64); 5] = [
    ("claude-haiku-4-5", 1.00, 5.00),
    ("claude-3-5-haiku", 0.80, 4.00),
    ("claude-3-haiku", 0.25, 1.25),
    ("claude-sonnet-4", 3.00, 15.00),
    ("claude-3-5-sonnet", 3.00, 15.00),
];
/// For a model not in the list: Haiku 4.5's price, so the estimate errs high for small
/// models rather than showing nothing.
const UNKNOWN_MODEL: (f64, f64) = (1.00, 5.00);

pub fn usage(model_id: &str, input_tokens: i32, output_tokens: i32) -> TokenUsage {
    let (input_price, output_price) = PRICES
        .iter()
        .find(|(fragment, _, _)| model_id.contains(fragment))
        .map_or(UNKNOWN_MODEL, |(_, input, output)| (*input, *output));
    let input_tokens = input_tokens.max(0) as u32;
    let output_tokens = output_tokens.max(0) as u32;
    TokenUsage {
        input_tokens,
        output_tokens,
        estimated_cost_usd: (f64::from(input_tokens) * input_price
            + f64::from(output_tokens) * output_price)
            / 1_000_000.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_follows_the_model() {
        let legacy = usage("anthropic.claude-3-haiku-20240307-v1:0", 2_000, 500);
        assert!((legacy.estimated_cost_usd - 0.001125).abs() < 1e-9);
        let current = usage(
            "global.anthropic.claude-haiku-4-5-20251001-v1:0",
            2_000,
            500,
        );
        assert!((current.estimated_cost_usd - 0.0045).abs() < 1e-9);
        assert_eq!(usage("x", -1, 3).input_tokens, 0);
    }
}
