//! The document an office signs: the frame of `[report]`, the title, the opening paragraph
//! generated from the figures, and the sections, as plain data that the HTML and docx
//! writers lay out the same way. Pure.

use chrono::NaiveDate;

/// Options of a printed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocOptions {
    /// Overrides the generated title.
    pub title: Option<String>,
    /// An annex to a report instead of a standalone report.
    pub annex: bool,
    /// The date on the place-and-date line.
    pub today: NaiveDate,
}
