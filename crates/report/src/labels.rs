//! Every fixed word the report prints, so the caller can fill them from its locale files.

/// The fixed words of a report. `{n}`, `{total}` and `{score}` are replaced where a field's
/// documentation names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLabels {
    /// BCP 47 tag of these labels' language, e.g. "en" or "hi-IN": the PDF is tagged with it so
    /// screen readers pick the right voice.
    pub language: String,
    /// The first heading, and the PDF's title.
    pub report_title: String,
    /// The only line of a report without sessions.
    pub nothing_to_show: String,
    /// Before the session's date and time.
    pub started: String,
    pub average_score: String,
    /// `{n}`: the turn's number within its session.
    pub question: String,
    pub role: String,
    pub score: String,
    /// `{score}`: a score out of ten, e.g. "{score} / 10".
    pub score_value: String,
    /// Printed instead of a score for a turn that was not coached.
    pub not_scored: String,
    pub your_answer: String,
    /// Printed instead of a transcript for a turn without one.
    pub no_answer: String,
    /// The coach's two or three sentences (`Feedback::points`).
    pub summary: String,
    pub strengths: String,
    pub improvements: String,
    pub better_answer: String,
    pub delivery: String,
    pub words_per_minute: String,
    pub fillers_per_100_words: String,
    pub pauses_over_2_seconds: String,
    /// `{n}` and `{total}`: the footer of every page.
    pub page: String,
    /// Between the whole and the tenths of an average score: "." in English, "," in French.
    pub decimal_separator: String,
}

impl ReportLabels {
    /// English labels, for tests and for the CLI when no locale is chosen.
    pub fn english() -> Self {
        ReportLabels {
            language: "en".to_owned(),
            report_title: "Interview practice report".to_owned(),
            nothing_to_show: "There are no practice sessions to show.".to_owned(),
            started: "Started".to_owned(),
            average_score: "Average score".to_owned(),
            question: "Question {n}".to_owned(),
            role: "Role".to_owned(),
            score: "Score".to_owned(),
            score_value: "{score} / 10".to_owned(),
            not_scored: "Not scored".to_owned(),
            your_answer: "Your answer".to_owned(),
            no_answer: "No answer was recorded.".to_owned(),
            summary: "Summary".to_owned(),
            strengths: "Strengths".to_owned(),
            improvements: "Improvements".to_owned(),
            better_answer: "A better answer".to_owned(),
            delivery: "Delivery".to_owned(),
            words_per_minute: "Words per minute".to_owned(),
            fillers_per_100_words: "Filler words per 100 words".to_owned(),
            pauses_over_2_seconds: "Pauses over 2 s".to_owned(),
            page: "Page {n} of {total}".to_owned(),
            decimal_separator: ".".to_owned(),
        }
    }

    pub(crate) fn question_number(&self, number: usize) -> String {
        self.question.replace("{n}", &number.to_string())
    }

    pub(crate) fn page_footer(&self, number: usize, total: usize) -> String {
        self.page
            .replace("{n}", &number.to_string())
            .replace("{total}", &total.to_string())
    }

    /// A score out of ten with `decimals` digits after the separator.
    pub(crate) fn score_out_of_ten(&self, score: f32, decimals: usize) -> String {
        let number = format!("{score:.decimals$}").replace('.', &self.decimal_separator);
        self.score_value.replace("{score}", &number)
    }

    /// A figure with one decimal, in this language's notation.
    pub(crate) fn decimal(&self, value: f32) -> String {
        format!("{value:.1}").replace('.', &self.decimal_separator)
    }
}
