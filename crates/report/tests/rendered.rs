//! Reports written, rendered to images by Poppler and read back as text: what a reader of the
//! printed page would see.

#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/sample.rs"]
mod sample;

use std::path::{Path, PathBuf};

use aira_report::{ReportLabels, ReportSession, ReportTurn, write_pdf};
use poppler::{TestResult, assert_in_order};

fn write(
    directory: &Path,
    sessions: &[ReportSession],
    labels: &ReportLabels,
) -> TestResult<PathBuf> {
    let path = directory.join("report.pdf");
    let mut bytes = Vec::new();
    write_pdf(sessions, labels, &mut bytes)?;
    std::fs::write(&path, bytes)?;
    Ok(path)
}

#[test]
fn two_sessions_render_page_by_page_with_their_text_in_order() -> TestResult {
    let directory = tempfile::tempdir()?;
    let pdf = write(
        directory.path(),
        &sample::two_sessions(),
        &ReportLabels::english(),
    )?;

    let pages = poppler::render(&pdf, 50, directory.path())?;
    // The long transcript (30 paragraphs) alone fills more than two pages.
    assert_eq!(pages.len(), 5, "pages rendered");
    for (number, page) in pages.iter().enumerate() {
        // A4 at 50 dpi.
        assert_eq!((page.width, page.height), (414, 585), "page {}", number + 1);
        let share = page.dark_share();
        assert!(
            (0.005..0.3).contains(&share),
            "page {} has {:.2}% dark pixels",
            number + 1,
            share * 100.0
        );
    }

    let text = poppler::text(&pdf)?;
    assert_in_order(
        &text,
        &[
            "Interview practice report",
            "Session of 22 Nov 2026",
            "Started: 2026-11-22 14:05",
            "Average score: 7.0 / 10",
            "Question 1",
            "Role: Product manager",
            "Tell me about a time you handled a difficult budget.",
            "Score: 8 / 10",
            "Your answer",
            sample::SPECIAL,
            "Summary",
            "Say what you did, not what the team did.",
            "Strengths",
            "Improvements",
            "Cut the fillers: “um”, “like”, “you know”.",
            "A better answer",
            "Words per minute: 142",
            "Filler words per 100 words: 3.3",
            "Pauses over 2 s: 2",
            "Describe a large migration you led.",
            "Score: 6 / 10",
            "Page 1 of 5",
            "Page 2 of 5",
            "Page 3 of 5",
            sample::LONG_ENDING,
            "Why do you want this job?",
            "Not scored (failed)",
            "No answer was recorded.",
            "Session of 23 Nov 2026",
            "What is a race condition?",
            "Score: 9 / 10",
            "Page 5 of 5",
        ],
    );
    // Every page has its footer, on that page.
    let page_texts: Vec<&str> = text
        .split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .collect();
    assert_eq!(page_texts.len(), 5);
    for (index, page_text) in page_texts.iter().enumerate() {
        assert!(
            page_text.contains(&format!("Page {} of 5", index + 1)),
            "{page_text}"
        );
    }
    Ok(())
}

#[test]
fn an_empty_report_is_one_page_that_says_so() -> TestResult {
    let directory = tempfile::tempdir()?;
    let labels = ReportLabels::english();
    let pdf = write(directory.path(), &[], &labels)?;

    let pages = poppler::render(&pdf, 50, directory.path())?;
    assert_eq!(pages.len(), 1);
    assert!(pages[0].dark_share() > 0.001, "the page is not blank");
    assert_in_order(
        &poppler::text(&pdf)?,
        &[&labels.report_title, &labels.nothing_to_show, "Page 1 of 1"],
    );
    Ok(())
}

#[test]
fn the_document_has_a_title_a_producer_a_language_and_embedded_subset_fonts() -> TestResult {
    let directory = tempfile::tempdir()?;
    let pdf = write(
        directory.path(),
        &sample::two_sessions(),
        &ReportLabels::english(),
    )?;

    let info = String::from_utf8(poppler::run(
        "pdfinfo",
        &[pdf.to_str().unwrap_or_default()],
    )?)?;
    assert_in_order(
        &info,
        &[
            "Title:",
            "Interview practice report",
            "Producer:",
            "Aira",
            "Page size:",
            "(A4)",
        ],
    );
    let fonts = String::from_utf8(poppler::run(
        "pdffonts",
        &[pdf.to_str().unwrap_or_default()],
    )?)?;
    let embedded: Vec<&str> = fonts
        .lines()
        .filter(|line| line.contains("DejaVuSans"))
        .collect();
    assert_eq!(embedded.len(), 2, "{fonts}");
    for line in embedded {
        // Columns emb, sub and uni: embedded, subset, with a map back to Unicode.
        assert!(line.contains("yes yes yes"), "{line}");
    }
    let bytes = std::fs::read(&pdf)?;
    assert!(
        bytes.windows(9).any(|window| window == b"/Lang(en)"),
        "language tagged"
    );
    // The two faces are 1.4 MB whole; subsets of the glyphs used are a few kilobytes.
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    Ok(())
}

#[test]
fn hindi_prints_one_replacement_glyph_a_letter_not_nothing() -> TestResult {
    let directory = tempfile::tempdir()?;
    let hindi = "मैंने टीम का नेतृत्व किया";
    let session = ReportSession {
        title: "Hindi".to_owned(),
        started_at: "2026-11-22T14:05:09+05:30".to_owned(),
        turns: vec![ReportTurn {
            question: format!("Answer: {hindi} (end)"),
            status: "recorded".to_owned(),
            ..ReportTurn::default()
        }],
    };
    let pdf = write(directory.path(), &[session], &ReportLabels::english())?;

    let text = poppler::text(&pdf)?;
    let replacements = "\u{FFFD}".repeat(
        hindi
            .split(' ')
            .next()
            .map_or(0, |word| word.chars().count()),
    );
    assert_in_order(&text, &["Answer: ", &replacements, " ", "(end)"]);
    let printed = text
        .chars()
        .filter(|character| *character == '\u{FFFD}')
        .count();
    let devanagari = hindi.chars().filter(|character| *character != ' ').count();
    assert_eq!(printed, devanagari, "{text}");
    Ok(())
}

#[test]
fn the_callers_labels_are_printed_with_its_decimal_separator() -> TestResult {
    let directory = tempfile::tempdir()?;
    let labels = ReportLabels {
        language: "fr".to_owned(),
        report_title: "Rapport d’entraînement".to_owned(),
        average_score: "Note moyenne".to_owned(),
        score: "Note".to_owned(),
        score_value: "{score} sur 10".to_owned(),
        page: "Page {n} sur {total}".to_owned(),
        decimal_separator: ",".to_owned(),
        ..ReportLabels::english()
    };
    let mut sessions = sample::two_sessions();
    sessions.truncate(1);
    sessions[0].turns.truncate(1);
    sessions[0].turns[0].score = Some(7);
    let pdf = write(directory.path(), &sessions, &labels)?;

    assert_in_order(
        &poppler::text(&pdf)?,
        &[
            "Rapport d’entraînement",
            "Note moyenne: 7,0 sur 10",
            "Note: 7 sur 10",
            "Page 1 sur 1",
        ],
    );
    Ok(())
}

#[test]
fn two_hundred_sessions_make_one_valid_document_numbered_to_its_last_page() -> TestResult {
    let directory = tempfile::tempdir()?;
    let template = sample::two_sessions().remove(1);
    let sessions: Vec<ReportSession> = (1..=200)
        .map(|number| ReportSession {
            title: format!("Session {number}"),
            ..template.clone()
        })
        .collect();
    let pdf = write(directory.path(), &sessions, &ReportLabels::english())?;

    let pdf_argument = pdf.to_str().unwrap_or_default();
    let info = String::from_utf8(poppler::run("pdfinfo", &[pdf_argument])?)?;
    let pages: usize = info
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .ok_or("pdfinfo names no page count")?
        .trim()
        .parse()?;
    // A little over half a page a session (a turn with its feedback and figures).
    assert!((90..130).contains(&pages), "{pages} pages");
    // The last session starts on the last page or the one before.
    let (first, last) = ((pages - 1).to_string(), pages.to_string());
    let text = String::from_utf8(poppler::run(
        "pdftotext",
        &["-f", &first, "-l", &last, pdf_argument, "-"],
    )?)?;
    assert_in_order(&text, &["Session 200", &format!("Page {pages} of {pages}")]);
    Ok(())
}
