//! STAR components (situation, task, action, result) in a behavioral answer, found from the
//! cue phrases people use to open each part. Cues are evidence, not proof: the coach says
//! "no result was heard", never "your answer has no result".

use serde::Serialize;

use super::phrases::PhraseList;

mod actions;

#[cfg(test)]
mod story_tests;

const SITUATION: &[&str] = &[
    "when i was",
    "while i was",
    "during my",
    "in my previous",
    "in my last",
    "at my previous",
    "at my last",
    "in my final year",
    "in my third year",
    "in my second year",
    "in college",
    "in our college",
    "last year",
    "the situation",
    "the context",
    "there was a",
    "we had a",
    "we were",
    "our team was",
    "back in",
    "once",
    "one time",
    "at that time",
    "in my internship",
    "in my current",
    "at my current",
    "jab main",
    "jab hum",
    "pichle saal",
    // A disagreement is what a conflict story is about, not what the speaker did about it.
    "disagreed",
    "argued",
    "clashed",
    "had a conflict",
    "had a disagreement",
    "had an argument",
    "had a clash",
    "had a difference of opinion",
    "argue kiya",
];
const TASK: &[&str] = &[
    "my task",
    "the task was",
    "our task was",
    "my role",
    "my responsibility",
    "i was responsible",
    "i was asked to",
    "i was tasked",
    "i was assigned",
    "i was in charge of",
    "i had to",
    "i needed to",
    "the goal was",
    "our goal was",
    "the target was",
    "the challenge was",
    "the problem was",
    "we needed to",
    "we had to",
    "we were asked to",
    "my job was",
    "my part was",
    "the objective",
    "i was supposed to",
    "we were supposed to",
    "the requirement was",
    "mera task",
    "mera kaam",
    "meri responsibility",
    "meri zimmedari",
];
/// Phrases that announce the result. Preferred over [`RESULT`]'s verbs, which also turn up
/// while the situation is told ("memory grew with every login").
const RESULT_OPENERS: &[&str] = &[
    "as a result",
    "the result",
    "in the end",
    "finally",
    "eventually",
    "the outcome",
    "which led to",
    "this led to",
    "it led to",
    "because of this",
    "thanks to this",
    "iska result",
    "aakhir mein",
];
const RESULT: &[&str] = &[
    "reduced",
    "increased",
    "improved",
    "saved",
    "cut down",
    "grew",
    "delivered",
    "launched",
    "shipped",
    "on time",
    "got selected",
    "we won",
    "appreciated",
    "promoted",
    "achieved",
    "completed",
    "resolved",
    "learned",
    "learnt",
    "the client was happy",
];
/// Words that state a quantity in an outcome.
const QUANTITIES: &[&str] = &[
    "percent", "per cent", "lakh", "lakhs", "crore", "crores", "thousand", "hundred", "million",
    "double", "doubled", "half", "halved", "twice", "two", "three", "four", "five", "ten",
    "twenty", "fifty",
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StarReport {
    /// The cue heard for each component, quoted in feedback; `None` when none was.
    pub situation: Option<String>,
    pub task: Option<String>,
    pub action: Option<String>,
    pub result: Option<String>,
    /// A number or quantity word after the result cue ("cut load time by 40 percent").
    pub quantified_result: bool,
    /// How many of the four components were heard.
    pub components_found: u8,
    /// Where each cue was heard, as an index into the answer's words, in STAR order, so
    /// feedback quotes that sentence and not wherever the cue's words are first said. Not
    /// serialised: an index means nothing to a reader without the word list.
    #[serde(skip)]
    pub starts: [Option<usize>; 4],
}

impl StarReport {
    /// The names of the four components, in STAR order, for a UI to show beside each.
    pub const LABEL_KEYS: [&'static str; 4] = [
        "analytics.star.situation",
        "analytics.star.task",
        "analytics.star.action",
        "analytics.star.result",
    ];
}

/// The STAR parts of an answer. `sentences` numbers the sentence of each word (see
/// [`crate::text::sentence_numbers`]), so that one sentence is not quoted as two parts while
/// a later sentence fits the second. Announced results are placed before actions, since an
/// action is easier to find elsewhere than a result is; result verbs after, since
/// "I improved the query" is more often the action.
pub fn star(words: &[String], sentences: &[usize]) -> StarReport {
    let cues = |list: &[&str]| {
        PhraseList::new(list)
            .find_all(words)
            .into_iter()
            .map(|found| (found.phrase.to_owned(), found.start))
            .collect::<Vec<_>>()
    };
    let mut taken = TakenSentences {
        sentences,
        taken: Vec::new(),
    };
    let situation = taken.pick(cues(SITUATION));
    let task = taken.pick(cues(TASK));
    let announced = taken.pick(cues(RESULT_OPENERS));
    let action = taken.pick(actions::actions(words));
    let result = announced.or_else(|| taken.pick(cues(RESULT)));
    let quantified_result = result
        .as_ref()
        .is_some_and(|(_, start)| words[*start..].iter().any(|word| is_quantity(word)));
    let parts = [situation, task, action, result];
    let starts = parts
        .each_ref()
        .map(|part| part.as_ref().map(|(_, start)| *start));
    let [situation, task, action, result] = parts.map(|part| part.map(|(cue, _)| cue));
    let components_found = starts.iter().filter(|start| start.is_some()).count() as u8;
    StarReport {
        situation,
        task,
        action,
        result,
        quantified_result,
        components_found,
        starts,
    }
}

/// The sentences already quoted for a STAR part.
struct TakenSentences<'a> {
    sentences: &'a [usize],
    taken: Vec<Option<usize>>,
}

impl TakenSentences<'_> {
    /// The first cue in a sentence no other part holds, else the first cue: a story told in
    /// one sentence still has its parts, it just cannot quote them apart.
    fn pick(&mut self, cues: Vec<(String, usize)>) -> Option<(String, usize)> {
        let sentence_of = |start: usize| self.sentences.get(start).copied();
        let free = cues
            .iter()
            .position(|(_, start)| !self.taken.contains(&sentence_of(*start)))
            .unwrap_or(0);
        let picked = cues.into_iter().nth(free)?;
        self.taken.push(sentence_of(picked.1));
        Some(picked)
    }
}

/// Digits that are not a calendar year, or a quantity word.
pub fn is_quantity(word: &str) -> bool {
    let is_year = word.len() == 4
        && word
            .parse::<u32>()
            .is_ok_and(|year| (1950..2040).contains(&year));
    (word.chars().any(|character| character.is_ascii_digit()) && !is_year)
        || QUANTITIES.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalized_words, sentence_numbers};

    fn report(text: &str) -> StarReport {
        star(&normalized_words([text]), &sentence_numbers([text]))
    }

    #[test]
    fn a_complete_star_answer_has_all_four_and_a_number() {
        let answer = report(
            "During my internship at Flipkart in 2022, the checkout page was timing out during \
             the Big Billion Days sale. My task was to find why. I profiled the service and \
             found an N plus one query, so I added a batch query and a Redis cache. As a result \
             the p99 latency dropped from 3 seconds to 400 milliseconds.",
        );
        assert_eq!(answer.situation.as_deref(), Some("during my"));
        assert_eq!(answer.task.as_deref(), Some("my task"));
        assert_eq!(answer.action.as_deref(), Some("i profiled"));
        assert_eq!(answer.result.as_deref(), Some("as a result"));
        assert!(answer.quantified_result);
        assert_eq!(answer.components_found, 4);
    }

    #[test]
    fn a_vague_answer_misses_task_and_result() {
        let answer = report(
            "In college we were doing a project and there were some issues in the team, \
             everyone had different ideas, it was a good experience overall.",
        );
        assert_eq!(answer.situation.as_deref(), Some("in college"));
        assert_eq!(answer.task, None);
        assert_eq!(answer.result, None);
        assert!(!answer.quantified_result);
    }

    #[test]
    fn hinglish_and_past_tense_actions_count() {
        let answer = report("Maine pura pipeline Airflow pe shift kiya aur runtime half ho gaya.");
        assert_eq!(answer.action.as_deref(), Some("maine"));
        let answer = report("I automated the invoice reconciliation for our finance team.");
        assert_eq!(answer.action.as_deref(), Some("i automated"));
        assert_eq!(answer.result, None);
    }

    #[test]
    fn an_announced_result_wins_over_an_earlier_result_verb() {
        let answer = report(
            "Our service crashed and memory grew with every login. I added logs and found a \
             leaking cache. As a result memory use dropped by 60 percent.",
        );
        assert_eq!(answer.result.as_deref(), Some("as a result"));
        assert!(answer.quantified_result);
        let unannounced = report("I rewrote the query and it reduced the load time.");
        assert_eq!(unannounced.result.as_deref(), Some("reduced"));
    }

    #[test]
    fn a_year_is_not_a_quantified_result() {
        let answer = report("Finally we completed it in 2021.");
        assert!(answer.result.is_some());
        assert!(!answer.quantified_result);
        assert_eq!(report("").components_found, 0);
    }
}
