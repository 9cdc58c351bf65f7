//! Importing the documents offices already have: a conclusion notice (thông báo kết luận) or
//! a tracking spreadsheet becomes a proposed source and its directives, for review.
//!
//! [`notice`] and [`sheet`] are pure (text or cells in, a [`Proposal`] out); [`read`] turns
//! the bytes of a .txt/.md/.docx/.xlsx/.csv file into their input; [`render`] writes a
//! proposal as a format-1.1 directive file; [`load`] reads a document (or pasted text) into
//! proposals; [`review`] holds the clerk's decisions on the drafts; [`write`] is the one
//! write path of both the command and the UI.

pub mod dates;
pub mod load;
pub mod notice;
pub mod read;
pub mod render;
pub mod review;
pub mod sheet;
pub mod units;
pub mod write;

use crate::model::{Source, Status};
use chrono::NaiveDate;

/// A directive as the importer proposes it; not yet in the workspace.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub text: String,
    /// The lead unit, when recognised.
    pub owner: Option<String>,
    pub support: Vec<String>,
    pub deadline: Option<NaiveDate>,
    /// "thường xuyên" was written: no deadline on purpose.
    pub ongoing: bool,
    pub issued_by: Option<String>,
    pub status: Option<Status>,
    pub done_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// Set when several units get the same task: drafts of one group share it, and are
    /// written with one number and the unit's id.
    pub group: Option<usize>,
    /// 1-based line (paragraph or row) of the document it came from.
    pub line: usize,
    /// What a reviewer should look at (no lead unit, a unit name not in the registry, …).
    pub flags: Vec<Flag>,
}

/// Why a draft needs a reviewer's eye.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flag {
    NoLead,
    /// Words where the lead unit goes that name no unit of the registry.
    UnknownLead(String),
    UnknownSupport(String),
    /// A deadline cell that is not a date.
    BadDeadline(String),
    /// Done, with no date in the sheet: the import date was used.
    DoneWithoutDate,
}

/// A piece of the document that became no directive, listed so nothing disappears unseen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub kind: SkipKind,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipKind {
    /// Assessment or introduction: no task in it.
    Narrative,
    /// A heading over tasks: its unit and deadline went to the tasks under it.
    Heading,
    /// A spreadsheet row with no task text.
    EmptyRow,
}

impl SkipKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipKind::Narrative => "narrative",
            SkipKind::Heading => "heading",
            SkipKind::EmptyRow => "empty row",
        }
    }
}

/// One proposed directive file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Proposal {
    pub source: Source,
    pub drafts: Vec<Draft>,
    pub skipped: Vec<Skipped>,
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub tasks: usize,
    pub with_owner: usize,
    pub to_review: usize,
    pub with_deadline: usize,
    pub skipped: usize,
}

impl Proposal {
    pub fn summary(&self) -> Summary {
        Summary {
            tasks: self.drafts.len(),
            with_owner: self.drafts.iter().filter(|d| d.owner.is_some()).count(),
            to_review: self.drafts.iter().filter(|d| !d.flags.is_empty()).count(),
            with_deadline: self.drafts.iter().filter(|d| d.deadline.is_some()).count(),
            skipped: self.skipped.len(),
        }
    }
}

/// Splits a cell or phrase naming several units and keeps the ones not recognised, so a
/// reviewer sees "Ban Quản lý dự án" rather than nothing.
pub(crate) fn unknown_unit_text(text: &str, matcher: &units::UnitMatcher) -> Option<String> {
    let mut rest = text.to_string();
    for m in matcher.find_all(text).iter().rev() {
        rest.replace_range(m.start..m.end, " ");
    }
    let rest: Vec<&str> = rest
        .split([',', ';', '\n'])
        .flat_map(|p| p.split(" và "))
        .map(|p| p.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == '-'))
        .filter(|p| p.chars().any(|c| c.is_alphabetic()))
        .filter(|p| !is_filler(p))
        .collect();
    (!rest.is_empty()).then(|| rest.join(", "))
}

/// Words that follow a list of units without naming one ("các đơn vị liên quan").
pub(crate) fn is_filler(p: &str) -> bool {
    let f = crate::fold::fold(p);
    let f = f.trim();
    f.is_empty()
        || f == "va"
        || f == "tinh"
        || f.contains("lien quan")
        || f.starts_with("cac co quan")
        || f.starts_with("cac don vi")
        || f.starts_with("cac dia phuong")
}
