//! STAR parts in whole stories, told the way candidates in India tell them: the task said as
//! "the task was" or "my job was", actions in irregular past tenses, conflicts that are the
//! situation and not the action, and one story in Hinglish.

use super::*;
use crate::text::{normalized_words, sentence_numbers};

fn report(text: &str) -> StarReport {
    star(&normalized_words([text]), &sentence_numbers([text]))
}

/// The numbers of the sentences each part was heard in, for checking none is shared.
fn sentences_of(text: &str, report: &StarReport) -> Vec<usize> {
    let sentences = sentence_numbers([text]);
    report
        .starts
        .iter()
        .flatten()
        .map(|&start| sentences[start])
        .collect()
}

#[test]
fn the_task_was_my_job_was_and_i_was_supposed_to_open_the_task() {
    for (story, cue) in [
        (
            "During my internship at Infosys in Mysuru, our regression suite took forty minutes \
             to run. The task was to bring it under ten minutes before the next release. I \
             profiled the slowest tests and moved the database setup into a shared fixture. As \
             a result the suite now runs in eight minutes.",
            "the task was",
        ),
        (
            "In my final year I was the class representative, and our lab had only twenty \
             working computers for sixty students. My job was to get everyone enough practice \
             before the practical exams. I made a slot sheet and spoke to the HOD about keeping \
             the lab open on Saturdays. In the end every student got at least six hours.",
            "my job was",
        ),
        (
            "Last year at TCS, our team still built the monthly finance reports with Excel \
             macros that nobody had documented. I was supposed to move them to Power BI in one \
             month. I sat with the finance team for two days and listed the reports they really \
             used. Finally we rebuilt only those eleven, a week before the deadline.",
            "i was supposed to",
        ),
    ] {
        let answer = report(story);
        assert_eq!(answer.task.as_deref(), Some(cue), "{answer:?}");
        assert_eq!(answer.components_found, 4, "{answer:?}");
    }
}

#[test]
fn irregular_past_tenses_and_adverbs_are_heard_as_actions() {
    for (story, cue) in [
        (
            "In my second year, our college fest website crashed the night before \
             registrations opened. I was asked to get it back up by morning. I split the static \
             pages onto GitHub Pages and put the form on a small Firebase backend. In the end \
             three thousand students registered without an outage.",
            "i split",
        ),
        (
            "Our team was building a library management system for the mini project, and two \
             members dropped out in the last month. My task was to still submit on time. I \
             also took over the database module and sent the others a checklist every night. \
             As a result we submitted two days before the deadline.",
            "i also took",
        ),
        (
            "At my previous company, the support team answered the same fifty questions every \
             day. The goal was to free up their time for real issues. We sat with the team \
             for a week and wrote a searchable FAQ into the help page. This led to thirty \
             percent fewer tickets in the first month.",
            "we sat",
        ),
    ] {
        let answer = report(story);
        assert_eq!(answer.action.as_deref(), Some(cue), "{answer:?}");
        assert_eq!(answer.components_found, 4, "{answer:?}");
        assert!(answer.quantified_result, "{answer:?}");
    }
}

#[test]
fn a_disagreement_is_the_situation_and_the_action_comes_after_it() {
    let story = "My teammate Rohan and I disagreed on whether to use MongoDB or PostgreSQL for \
        our hostel booking app. I had to settle it before the design review. I sat with him, \
        listed every query we needed, and showed that most of them were joins. We chose \
        PostgreSQL, and the review panel appreciated the reasoning.";
    let answer = report(story);
    assert_eq!(answer.situation.as_deref(), Some("disagreed"));
    assert_eq!(answer.task.as_deref(), Some("i had to"));
    assert_eq!(answer.action.as_deref(), Some("i sat"));
    assert_eq!(answer.result.as_deref(), Some("appreciated"));
    assert_eq!(sentences_of(story, &answer), vec![0, 1, 2, 3]);
}

#[test]
fn a_sentence_told_for_one_part_is_not_quoted_for_another_when_a_later_one_fits() {
    let story = "When I was at Wipro, I led a team of four freshers, and two of them clashed \
        over code review comments. I was responsible for keeping the sprint on track. I met \
        each of them separately and then set up a pairing rota. Eventually review time came \
        down from three days to one.";
    let answer = report(story);
    assert_eq!(answer.situation.as_deref(), Some("when i was"));
    // "I led" is in the situation's sentence; "I met" is the first action told apart from it.
    assert_eq!(answer.action.as_deref(), Some("i met"));
    assert_eq!(sentences_of(story, &answer), vec![0, 1, 2, 3]);
}

#[test]
fn a_story_told_in_one_sentence_keeps_its_parts() {
    let story = "When I was in college I organised a blood donation camp and as a result we \
        collected fifty units.";
    let answer = report(story);
    assert_eq!(answer.action.as_deref(), Some("i organised"));
    assert_eq!(answer.result.as_deref(), Some("as a result"));
    assert_eq!(answer.components_found, 3);
    assert!(answer.quantified_result);
    // Unpunctuated speech is one sentence too, so nothing found before is lost.
    let unpunctuated = report(&story.replace('.', ""));
    assert_eq!(unpunctuated.components_found, 3);
}

#[test]
fn a_hinglish_conflict_story_is_read_the_same_way() {
    let story = "Pichle saal meri internship mein, mere teammate aur maine argue kiya ki login \
        ke liye OTP use karein ya password. Meri responsibility thi ki release Friday tak ho \
        jaye. Maine dono options ka drop-off data nikala aur I spoke to our manager. Aakhir mein \
        humne OTP flow launch kiya aur login drop-offs twenty percent kam ho gaye.";
    let answer = report(story);
    assert_eq!(answer.situation.as_deref(), Some("pichle saal"));
    assert_eq!(answer.task.as_deref(), Some("meri responsibility"));
    // "maine argue kiya" is the disagreement; "Maine … data nikala" is what was done.
    assert_eq!(answer.action.as_deref(), Some("maine"));
    assert_eq!(answer.result.as_deref(), Some("aakhir mein"));
    assert!(answer.quantified_result);
    assert_eq!(sentences_of(story, &answer), vec![0, 1, 2, 3]);
}

#[test]
fn the_same_story_always_gives_the_same_report() {
    let story = "During my internship my lead and I argued about the release date. My task was \
        to ship it safely. I also took the testing myself. As a result we shipped on time.";
    assert_eq!(report(story), report(story));
}
