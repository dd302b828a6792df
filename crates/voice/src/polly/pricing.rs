//! Polly's list prices per million characters (US East, 2026), for the estimate shown to
//! the user; the bill is what AWS says.

use aira_protocol::SpeechUsage;

pub fn usage(polly_engine: &str, characters: u64) -> SpeechUsage {
    let per_million = match polly_engine {
        "standard" => 4.0,
        "neural" => 16.0,
        "generative" => 30.0,
        "long-form" => 100.0,
        _ => 16.0,
    };
    SpeechUsage {
        characters,
        estimated_cost_usd: characters as f64 * per_million / 1_000_000.0,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_feedback_summary_costs_a_fraction_of_a_cent() {
        let usage = super::usage("neural", 600);
        assert!((usage.estimated_cost_usd - 0.0096).abs() < 1e-9);
        assert!(super::usage("standard", 600).estimated_cost_usd < usage.estimated_cost_usd);
    }
}
