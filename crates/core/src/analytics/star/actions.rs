//! The speaker's own actions in a story: "I profiled", "we split", "I also took", "maine".
//! A subject, at most two adverbs, then a past-tense verb, regular ("-ed") or one of the
//! irregular verbs stories are told with. What the speaker felt, wanted or argued about is
//! the situation, not an action: "my teammate and I disagreed" opens a conflict story, it
//! does not resolve it.

use crate::analytics::phrases::PhraseList;

const SUBJECTS: &[&str] = &["i", "we"];
/// Words allowed between the subject and its verb: "I also took", "we then split".
const ADVERBS: &[&str] = &[
    "also",
    "then",
    "first",
    "quickly",
    "immediately",
    "personally",
    "myself",
    "ourselves",
    "together",
    "later",
    "next",
    "soon",
    "actually",
    "again",
    "directly",
    "finally",
    "calmly",
    "politely",
    "carefully",
];
/// More than two adverbs in a row is not how people say it; the bound keeps the look-ahead
/// from each word constant, so the scan stays linear.
const MOST_ADVERBS: usize = 2;
/// Irregular past tenses that tell what someone did. "Thought" is left out on purpose: "I
/// thought his design was wrong" is an opinion, the situation of a conflict story. "Won"
/// and "cut" are left to the result cues.
const IRREGULAR_PAST: &[&str] = &[
    "took",
    "wrote",
    "rewrote",
    "split",
    "set",
    "spoke",
    "made",
    "led",
    "built",
    "rebuilt",
    "ran",
    "met",
    "went",
    "gave",
    "found",
    "chose",
    "brought",
    "sent",
    "put",
    "kept",
    "told",
    "sat",
    "got",
    "broke",
    "did",
    "spent",
    "taught",
    "drew",
    "began",
    "held",
    "sought",
    "caught",
    "bought",
    "dug",
    "understood",
];
/// Openings after which whatever comes next is taken as the action, in any tense ("so I
/// call the vendor", as stories are often told in the present), and Hindi's agentive
/// pronouns, which only go with a completed act ("maine", "humne": I did, we did).
const LEAD_INS: &[&str] = &[
    "so i",
    "first i",
    "then i",
    "after that i",
    "maine",
    "humne",
];
/// Disagreement verbs, in English and as Hinglish says them ("maine argue kiya"): they
/// describe the situation.
const CONFLICT_VERBS: &[&str] = &[
    "disagreed",
    "argued",
    "clashed",
    "quarrelled",
    "quarreled",
    "differed",
    "disagree",
    "argue",
    "clash",
];
/// Words that, where a verb should be, are not something the speaker did: "-ed" words that
/// are not past tenses, wants and feelings, hedges, states, and what happened to them.
const NOT_ACTIONS: &[&str] = &[
    "need",
    "feed",
    "speed",
    "seed",
    "bed",
    "red",
    "shed",
    "wed",
    "proceed",
    "succeed",
    "needed",
    "wanted",
    "liked",
    "loved",
    "enjoyed",
    "hoped",
    "wished",
    "believed",
    "seemed",
    "worried",
    "panicked",
    "felt",
    "thought",
    "think",
    "guess",
    "feel",
    "believe",
    "socha",
    "was",
    "were",
    "am",
    "had",
    "have",
    "faced",
    "failed",
    "struggled",
];

/// Every action heard, as (the words that name it, the index of its first word), left to
/// right. Linear: each word is looked at with a look-ahead of a few words at most.
pub fn actions(words: &[String]) -> Vec<(String, usize)> {
    let lead_ins = PhraseList::new(LEAD_INS);
    (0..words.len())
        .filter_map(|start| {
            lead_in_action(&lead_ins, words, start).or_else(|| past_tense_action(words, start))
        })
        .collect()
}

/// "So I called the vendor", "maine pura pipeline shift kiya": the lead-in, when what follows
/// it is something done.
fn lead_in_action(
    lead_ins: &PhraseList,
    words: &[String],
    start: usize,
) -> Option<(String, usize)> {
    let found = lead_ins.longest_at(words, start)?;
    let next = start + found.length;
    is_done(words, next).then(|| (found.phrase.to_owned(), start))
}

/// "I migrated", "we split", "I also took".
fn past_tense_action(words: &[String], start: usize) -> Option<(String, usize)> {
    if !SUBJECTS.contains(&words[start].as_str()) {
        return None;
    }
    let verb = (start + 1..words.len())
        .take(MOST_ADVERBS + 1)
        .find(|&index| !ADVERBS.contains(&words[index].as_str()))?;
    (is_past_tense(&words[verb]) && is_done(words, verb))
        .then(|| (words[start..=verb].join(" "), start))
}

fn is_past_tense(verb: &str) -> bool {
    (verb.len() > 3 && verb.ends_with("ed")) || IRREGULAR_PAST.contains(&verb)
}

/// Whether the word at `index` names something done: not a feeling, a state or an argument,
/// and not denied ("I did not plan").
fn is_done(words: &[String], index: usize) -> bool {
    let Some(verb) = words.get(index).map(String::as_str) else {
        return false;
    };
    let denied = words
        .get(index + 1)
        .is_some_and(|next| next == "not" || next == "never");
    !NOT_ACTIONS.contains(&verb) && !CONFLICT_VERBS.contains(&verb) && !denied
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalized_words;

    fn first_action(text: &str) -> Option<String> {
        actions(&normalized_words([text]))
            .into_iter()
            .next()
            .map(|(cue, _)| cue)
    }

    #[test]
    fn irregular_past_tenses_after_i_or_we_are_actions() {
        for (text, cue) in [
            ("I split the work into modules.", "i split"),
            ("We set up a call every evening.", "we set"),
            ("I spoke to the placement cell.", "i spoke"),
            ("I wrote a script for it.", "i wrote"),
            ("I led the standups.", "i led"),
            ("We met the client on Monday.", "we met"),
            ("I broke the work into small tickets.", "i broke"),
        ] {
            assert_eq!(first_action(text).as_deref(), Some(cue), "{text}");
        }
    }

    #[test]
    fn up_to_two_adverbs_may_come_between_subject_and_verb() {
        assert_eq!(
            first_action("I also took the report writing.").as_deref(),
            Some("i also took")
        );
        assert_eq!(
            first_action("We then quickly organised a hackathon.").as_deref(),
            Some("we then quickly organised")
        );
        assert_eq!(first_action("I also then quickly took it."), None);
    }

    #[test]
    fn feelings_opinions_arguments_and_denials_are_not_actions() {
        for text in [
            "My teammate and I disagreed about the schema.",
            "We argued for two days.",
            "I thought his approach was wrong.",
            "I wanted to quit.",
            "I did not plan the integration.",
            "So, I think we had different opinions.",
            "Mere teammate aur maine argue kiya.",
            "I was supposed to lead it.",
        ] {
            assert_eq!(first_action(text), None, "{text}");
        }
    }

    #[test]
    fn lead_ins_take_any_tense_and_hinglish_agentives_count() {
        assert_eq!(
            first_action("So I call the vendor and explain.").as_deref(),
            Some("so i")
        );
        assert_eq!(
            first_action("Phir humne ek naya schema banaya.").as_deref(),
            Some("humne")
        );
        assert_eq!(first_action("It ended with so I").as_deref(), None);
    }
}
