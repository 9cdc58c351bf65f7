//! Plain data of a workspace and the rules on it (timeliness). No I/O here.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;
use std::fmt;
use std::path::PathBuf;

/// The five statuses of FORMAT.md, in the order the UI offers them (keys 1–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Open,
    InProgress,
    Blocked,
    Done,
    Cancelled,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Open,
        Status::InProgress,
        Status::Blocked,
        Status::Done,
        Status::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::InProgress => "in_progress",
            Status::Blocked => "blocked",
            Status::Done => "done",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Still to be done: counts as "open" work for a unit.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Done | Status::Cancelled)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Derived from status, deadline and "today" (FORMAT.md's table); never stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timeliness {
    Overdue,
    DueSoon,
    OnTrack,
    Ongoing,
    OnTime,
    Late,
    /// Cancelled directives have no timeliness.
    None,
}

impl Timeliness {
    pub const ALL: [Timeliness; 7] = [
        Timeliness::Overdue,
        Timeliness::DueSoon,
        Timeliness::OnTrack,
        Timeliness::Ongoing,
        Timeliness::OnTime,
        Timeliness::Late,
        Timeliness::None,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Timeliness::Overdue => "overdue",
            Timeliness::DueSoon => "due_soon",
            Timeliness::OnTrack => "on_track",
            Timeliness::Ongoing => "ongoing",
            Timeliness::OnTime => "on_time",
            Timeliness::Late => "late",
            Timeliness::None => "none",
        }
    }

    pub fn parse(s: &str) -> Option<Timeliness> {
        let s = s.replace('-', "_");
        Timeliness::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

impl fmt::Display for Timeliness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// FORMAT.md's timeliness table.
pub fn timeliness(
    status: Status,
    deadline: Option<NaiveDate>,
    done_on: Option<NaiveDate>,
    today: NaiveDate,
    due_soon_days: i64,
) -> Timeliness {
    match status {
        Status::Cancelled => Timeliness::None,
        Status::Done => match (deadline, done_on) {
            (Some(deadline), Some(done)) if done > deadline => Timeliness::Late,
            _ => Timeliness::OnTime,
        },
        _ => match deadline {
            None => Timeliness::Ongoing,
            Some(deadline) if today > deadline => Timeliness::Overdue,
            Some(deadline) if (deadline - today).num_days() <= due_soon_days => Timeliness::DueSoon,
            Some(_) => Timeliness::OnTrack,
        },
    }
}

/// A unit that carries directives out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Owner {
    pub id: String,
    pub name: String,
    pub short: Option<String>,
    pub group: String,
}

impl Owner {
    /// The name for narrow columns.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
}

/// The meeting or notice a directive file records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Source {
    pub title: String,
    pub date: Option<NaiveDate>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
}

/// One `[[directive.log]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    pub at: Option<DateTime<FixedOffset>>,
    /// The raw `at` text when it is not a full datetime with offset (hand-written logs).
    pub at_text: String,
    pub by: String,
    pub status: Option<Status>,
    pub deadline: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// Fields this entry removed (e.g. `deadline` set to none).
    pub cleared: Vec<String>,
}

/// One directive as written in its file. Strings are NFC-normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    pub id: String,
    pub text: String,
    pub owner: String,
    pub support: Vec<String>,
    pub issued_by: Option<String>,
    pub deadline: Option<NaiveDate>,
    pub status: Status,
    pub done_on: Option<NaiveDate>,
    pub note: Option<String>,
    pub log: Vec<LogEntry>,
    /// Index into `Workspace::files`.
    pub file: usize,
    /// 1-based line of the `[[directive]]` header.
    pub line: usize,
    /// Line and column of the id's value, for problems that point at it.
    pub id_pos: (usize, usize),
}

impl Directive {
    pub fn timeliness(&self, today: NaiveDate, due_soon_days: i64) -> Timeliness {
        timeliness(
            self.status,
            self.deadline,
            self.done_on,
            today,
            due_soon_days,
        )
    }

    /// Same content, wherever it sits in its file.
    pub fn same_content(&self, other: &Directive) -> bool {
        let strip = |d: &Directive| Directive {
            file: 0,
            line: 0,
            id_pos: (0, 0),
            ..d.clone()
        };
        strip(self) == strip(other)
    }

    /// Times the deadline was moved: the directive carries its first deadline itself, so every
    /// log entry that sets or clears a deadline is a change of it.
    pub fn extensions(&self) -> usize {
        self.log
            .iter()
            .filter(|e| e.deadline.is_some() || e.cleared.iter().any(|c| c == "deadline"))
            .count()
    }

    /// Who last changed this directive, from its log.
    pub fn last_author(&self) -> Option<&str> {
        self.log.last().map(|e| e.by.as_str())
    }
}

/// A directive file as loaded.
#[derive(Debug, Clone, Default)]
pub struct SourceFile {
    /// Relative to the workspace root, with `/` separators.
    pub path: String,
    pub source: Source,
    /// Why the file may not be written (parse error, conflict markers, invalid directives).
    pub broken: Option<String>,
    /// Hash and length of the bytes read, for the stale check before a write.
    pub fingerprint: Fingerprint,
    /// Problems found in this file alone.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

/// A problem found while loading, reported as `path:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.col, self.message
        )
    }
}

/// Git settings from `dondoc.toml` (`[git]`), overridable per user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitSettings {
    pub commit: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Workspace {
    pub root: PathBuf,
    pub title: String,
    pub due_soon_days: i64,
    pub owners: Vec<Owner>,
    /// Owner groups in order of first use.
    pub groups: Vec<String>,
    pub files: Vec<SourceFile>,
    pub directives: Vec<Directive>,
    /// Every problem: the config's, then each file's in path order.
    pub problems: Vec<Problem>,
    pub git: GitSettings,
    /// Problems in `dondoc.toml` itself.
    pub config_problems: Vec<Problem>,
    /// `dondoc.toml` could not be read: owner references are not checked.
    pub config_broken: bool,
}

impl Workspace {
    pub fn owner(&self, id: &str) -> Option<&Owner> {
        self.owners.iter().find(|o| o.id == id)
    }

    pub fn owner_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.owner(id).map(|o| o.name.as_str()).unwrap_or(id)
    }

    pub fn directive(&self, id: &str) -> Option<&Directive> {
        self.directives.iter().find(|d| d.id == id)
    }

    pub fn directive_index(&self, id: &str) -> Option<usize> {
        self.directives.iter().position(|d| d.id == id)
    }

    pub fn file_of(&self, d: &Directive) -> &SourceFile {
        &self.files[d.file]
    }

    pub fn timeliness(&self, d: &Directive, today: NaiveDate) -> Timeliness {
        d.timeliness(today, self.due_soon_days)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn timeliness_table() {
        let today = date("2023-10-15");
        let t = |st, dl: Option<&str>, done: Option<&str>| {
            timeliness(st, dl.map(date), done.map(date), today, 7)
        };
        use Status::*;
        assert_eq!(t(Done, None, Some("2023-10-01")), Timeliness::OnTime);
        assert_eq!(
            t(Done, Some("2023-10-01"), Some("2023-10-01")),
            Timeliness::OnTime
        );
        assert_eq!(
            t(Done, Some("2023-10-01"), Some("2023-10-02")),
            Timeliness::Late
        );
        assert_eq!(t(Cancelled, Some("2023-09-01"), None), Timeliness::None);
        assert_eq!(t(Open, None, None), Timeliness::Ongoing);
        assert_eq!(t(Blocked, None, None), Timeliness::Ongoing);
        assert_eq!(t(InProgress, Some("2023-10-14"), None), Timeliness::Overdue);
        // Deadline today is not yet overdue: it is due soon.
        assert_eq!(t(Open, Some("2023-10-15"), None), Timeliness::DueSoon);
        // Exactly due_soon_days ahead is still due soon; one more day is on track.
        assert_eq!(t(Open, Some("2023-10-22"), None), Timeliness::DueSoon);
        assert_eq!(t(Open, Some("2023-10-23"), None), Timeliness::OnTrack);
        assert_eq!(t(Blocked, Some("2023-10-14"), None), Timeliness::Overdue);
    }

    #[test]
    fn due_soon_days_zero_means_only_today() {
        let today = date("2023-10-15");
        assert_eq!(
            timeliness(Status::Open, Some(today), None, today, 0),
            Timeliness::DueSoon
        );
        assert_eq!(
            timeliness(Status::Open, Some(date("2023-10-16")), None, today, 0),
            Timeliness::OnTrack
        );
    }
}
