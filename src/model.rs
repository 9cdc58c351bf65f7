//! Plain data of a workspace and the rules on it (timeliness). No I/O here.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// The five statuses of docs/FORMAT.md, in the order the UI offers them (keys 1–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// Derived from status, deadline and "today" (docs/FORMAT.md's table); never stored.
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

/// docs/FORMAT.md's timeliness table.
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
    /// Other names the unit goes by in documents ("UBND huyện Ba Bể"): for matching imports
    /// and the unit picker.
    pub aliases: Vec<String>,
    /// The "Kính gửi" line of a letter to the unit; the name when absent.
    pub addressee: Option<String>,
}

impl Owner {
    /// The name for narrow columns.
    pub fn short_name(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }

    /// Whom a letter to this unit is addressed to.
    pub fn addressee(&self) -> &str {
        self.addressee.as_deref().unwrap_or(&self.name)
    }
}

/// The meeting or notice a directive file records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    pub date: Option<NaiveDate>,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// Default issuer of the file's directives ("Thường trực Tỉnh ủy").
    pub issued_by: Option<String>,
}

/// One `[[directive.log]]` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub text: Option<String>,
    pub owner: Option<String>,
    pub support: Option<Vec<String>>,
    pub done_ref: Option<String>,
    /// This entry created the directive; it lists the values it was created with.
    pub created: bool,
    /// This entry takes back the previous change by the same author.
    pub undo: bool,
    /// A reminder letter about the directive was sent to its lead unit.
    pub reminder: bool,
    /// Why (a deadline change: the unit's request; a cancellation: the decision).
    pub reason: Option<String>,
    /// A document: the request, the decision, the letter.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub approved_by: Option<String>,
}

impl LogEntry {
    /// An entry by `by` at `at` that sets nothing yet.
    pub fn new(at: Option<DateTime<FixedOffset>>, by: &str) -> LogEntry {
        LogEntry {
            at,
            at_text: at.map(|t| t.to_rfc3339()).unwrap_or_default(),
            by: by.to_string(),
            status: None,
            deadline: None,
            done_on: None,
            note: None,
            cleared: Vec::new(),
            text: None,
            owner: None,
            support: None,
            done_ref: None,
            created: false,
            undo: false,
            reminder: false,
            reason: None,
            reference: None,
            approved_by: None,
        }
    }

    /// Whether this entry sets or clears the deadline.
    pub fn touches_deadline(&self) -> bool {
        self.deadline.is_some() || self.cleared.iter().any(|c| c == "deadline")
    }

    /// The local date of `at`, in the entry's own offset.
    pub fn date(&self) -> Option<NaiveDate> {
        self.at.map(|t| t.date_naive())
    }
}

/// A logged deadline change, as format 1.1 counts extensions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineChange {
    /// Index of the entry in the directive's log.
    pub entry: usize,
    /// The deadline before it; `None` when the log does not tell (a version-1 file without
    /// `first_deadline`).
    pub from: Option<Option<NaiveDate>>,
    pub to: Option<NaiveDate>,
    /// The entry is an undo, or a later undo entry took it back.
    pub undone: bool,
}

impl DeadlineChange {
    /// A later deadline than the one before, not undone. An unknown previous deadline counts
    /// as an extension when a deadline is set, as version 1 counted every change.
    pub fn is_extension(&self) -> bool {
        if self.undone {
            return false;
        }
        match (self.from, self.to) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(None), Some(_)) => false,
            (Some(Some(before)), Some(after)) => after > before,
        }
    }
}

/// One directive as written in its file. Strings are NFC-normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The deadline as first given, written the first time a deadline changes.
    pub first_deadline: Option<NaiveDate>,
    /// The document that reported completion.
    pub done_ref: Option<String>,
    /// Imported and not yet reviewed: may have no owner; counts in no figure.
    pub draft: bool,
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

    /// For each log entry, whether it is undone: an `undo` entry itself, or the change an
    /// `undo` entry took back (the latest earlier change by the same author not yet undone).
    pub fn undone_entries(&self) -> Vec<bool> {
        let mut undone = vec![false; self.log.len()];
        let mut open: Vec<usize> = Vec::new();
        for (i, e) in self.log.iter().enumerate() {
            if e.undo {
                undone[i] = true;
                if let Some(pos) = open.iter().rposition(|&j| self.log[j].by == e.by) {
                    undone[open.remove(pos)] = true;
                }
            } else if !e.created && !e.reminder {
                open.push(i);
            }
        }
        undone
    }

    /// The deadline as first given: `first_deadline`, else the one a `created` entry set, else
    /// the current one when no log entry changed it; `None` inside when the log cannot tell.
    pub fn first_deadline(&self) -> Option<Option<NaiveDate>> {
        if let Some(first) = self.first_deadline {
            return Some(Some(first));
        }
        if let Some(created) = self.log.iter().find(|e| e.created) {
            return Some(created.deadline);
        }
        if self.log.iter().any(|e| e.touches_deadline()) {
            None
        } else {
            Some(self.deadline)
        }
    }

    /// Every logged deadline change, oldest first, with the deadline before it.
    pub fn deadline_changes(&self) -> Vec<DeadlineChange> {
        let undone = self.undone_entries();
        let mut current = self.first_deadline();
        let mut changes = Vec::new();
        for (i, e) in self.log.iter().enumerate() {
            if e.created || !e.touches_deadline() {
                continue;
            }
            changes.push(DeadlineChange {
                entry: i,
                from: current,
                to: e.deadline,
                undone: undone[i],
            });
            current = Some(e.deadline);
        }
        changes
    }

    /// Extensions as format 1.1 counts them: logged, later than before, not undone.
    pub fn extensions(&self) -> usize {
        self.deadline_changes()
            .iter()
            .filter(|c| c.is_extension())
            .count()
    }

    /// The entry of the latest extension (its `reason` and `ref` are what a report shows).
    pub fn latest_extension(&self) -> Option<&LogEntry> {
        self.deadline_changes()
            .iter()
            .rev()
            .find(|c| c.is_extension())
            .map(|c| &self.log[c.entry])
    }

    /// Reminder letters sent about this directive, oldest first.
    pub fn reminders(&self) -> impl Iterator<Item = &LogEntry> {
        self.log.iter().filter(|e| e.reminder)
    }

    /// Who last changed this directive, from its log.
    pub fn last_author(&self) -> Option<&str> {
        self.log.last().map(|e| e.by.as_str())
    }
}

/// A directive file as loaded.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SourceFile {
    /// Relative to the workspace root, with `/` separators.
    pub path: String,
    pub source: Source,
    /// Why the file may not be written (parse error, conflict markers, invalid directives).
    pub broken: Option<ProblemKind>,
    /// Hash and length of the bytes read, for the stale check before a write.
    pub fingerprint: Fingerprint,
    /// Problems found in this file alone.
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    pub len: u64,
    pub hash: u64,
}

/// A problem found while loading, reported as `path:line:col: message`. What is wrong is
/// data ([`ProblemKind`]); `i18n::store` says it in either language, `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub kind: ProblemKind,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.path, self.line, self.col, self.kind)
    }
}

/// What a log time written as a TOML date-time lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LogTimeGap {
    /// A date without a time.
    NoTime,
    /// A date-time without its UTC offset.
    NoOffset,
    /// A time without a date.
    NoDate,
}

/// What a loaded file gets wrong. `what` and `key` name TOML keys or tables, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProblemKind {
    /// The OS error reading the file.
    CannotRead(String),
    InvalidUtf8,
    SecondByteOrderMark,
    ConflictMarker,
    /// The TOML parser's own message.
    TomlSyntax(String),
    InvalidInteger(String),
    InvalidFloat(String),
    EmptyFile,
    NotAString {
        what: String,
        found: ValueKind,
    },
    ImpossibleDate {
        what: String,
        date: String,
    },
    DateTimeNotDate {
        what: String,
        value: String,
    },
    /// A date in quotes; `date_inside`: the string is a valid date, written without quotes.
    DateAsString {
        what: String,
        value: String,
        date_inside: bool,
    },
    NotADate {
        what: String,
        found: ValueKind,
    },
    NotABoolean {
        what: String,
        found: ValueKind,
    },
    NotAStringList {
        what: String,
        found: ValueKind,
    },
    SupportNotAList {
        found: ValueKind,
    },
    UnknownSupport(String),
    UnknownStatus(String),
    NotATable {
        what: String,
        found: ValueKind,
    },
    ItemNotATable {
        what: String,
    },
    NotAnArrayOfTables {
        what: String,
        found: ValueKind,
    },
    UnknownKey {
        key: String,
        place: Place,
        allowed: Vec<String>,
    },
    SourceWithoutTitle,
    /// `[source]` without `date`: the meeting's date is needed to check done dates.
    SourceWithoutDate,
    NoSource,
    DirectiveWithoutId,
    InvalidId(String),
    NoText(String),
    NoOwner(String),
    UnknownOwner(String),
    NoStatus(String),
    DoneWithoutDate(String),
    DoneOnNotDone {
        id: String,
        status: Status,
    },
    DuplicateId {
        id: String,
        path: String,
        line: usize,
    },
    LogTimeNotDateTime {
        found: ValueKind,
    },
    LogWithoutTime,
    /// A log time lacking part of a date-time with its UTC offset.
    LogTimeIncomplete(LogTimeGap),
    ClearedNotAList,
    DueSoonDaysOutOfRange,
    /// `timezone` is not an IANA zone name.
    UnknownTimeZone(String),
    DueSoonDaysNotAnInteger {
        found: ValueKind,
    },
    OwnerWithoutId,
    InvalidOwnerId(String),
    DuplicateOwnerId {
        id: String,
        path: String,
        line: usize,
        col: usize,
    },
    OwnerWithoutName(String),
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::store::problem_kind(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

/// The type a TOML value was found to have, for "must be a date, found an integer".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ValueKind {
    String,
    Integer,
    Float,
    Boolean,
    Date,
    Array,
    Table,
}

/// Where an unknown key was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    DirectiveFile,
    Source,
    Directive,
    LogEntry,
    Config,
    Owner,
    Git,
    Report,
}

/// Git settings from `dondoc.toml` (`[git]`), overridable per user.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitSettings {
    pub commit: bool,
}

/// The frame of the documents dondoc prints (`[report]` in `dondoc.toml`); every key optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReportFrame {
    pub issuer: Option<String>,
    pub office: Option<String>,
    pub motto: Vec<String>,
    pub place: Option<String>,
    pub report_ref: Option<String>,
    pub letter_ref: Option<String>,
    pub signer_title: Vec<String>,
    pub signer: Option<String>,
    pub recipients: Vec<String>,
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
    /// The office's time zone (an IANA name), when `dondoc.toml` sets one.
    pub timezone: Option<String>,
    /// The document frame of `[report]`.
    pub report: ReportFrame,
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

    fn entry(by: &str, deadline: Option<&str>) -> LogEntry {
        let mut e = LogEntry::new(None, by);
        e.deadline = deadline.map(date);
        e
    }

    fn directive_with(first: Option<&str>, deadline: &str, log: Vec<LogEntry>) -> Directive {
        Directive {
            id: "x-01".into(),
            text: "t".into(),
            owner: "o".into(),
            support: vec![],
            issued_by: None,
            deadline: Some(date(deadline)),
            status: Status::Open,
            done_on: None,
            note: None,
            first_deadline: first.map(date),
            done_ref: None,
            draft: false,
            log,
            file: 0,
            line: 1,
            id_pos: (1, 1),
        }
    }

    #[test]
    fn an_undone_extension_is_not_counted() {
        let mut undo = entry("A", Some("2023-09-30"));
        undo.undo = true;
        let d = directive_with(
            Some("2023-09-30"),
            "2023-10-31",
            vec![
                entry("A", Some("2023-10-31")),
                entry("A", Some("2023-11-30")),
                undo,
            ],
        );
        assert_eq!(d.undone_entries(), vec![false, true, true]);
        assert_eq!(d.extensions(), 1);
        assert_eq!(
            d.latest_extension().unwrap().deadline,
            Some(date("2023-10-31"))
        );
    }

    #[test]
    fn an_earlier_deadline_is_a_change_but_not_an_extension() {
        let d = directive_with(
            Some("2023-09-30"),
            "2023-09-15",
            vec![entry("A", Some("2023-09-15"))],
        );
        assert_eq!(d.deadline_changes().len(), 1);
        assert_eq!(d.extensions(), 0);
    }

    #[test]
    fn an_undo_takes_back_the_same_authors_change_only() {
        let mut undo = entry("A", Some("2023-09-30"));
        undo.undo = true;
        let d = directive_with(
            Some("2023-09-30"),
            "2023-12-31",
            vec![
                entry("A", Some("2023-10-31")),
                entry("B", Some("2023-12-31")),
                undo,
            ],
        );
        assert_eq!(d.undone_entries(), vec![true, false, true]);
        assert_eq!(d.extensions(), 1);
    }

    #[test]
    fn a_version_1_log_without_first_deadline_counts_every_set_deadline() {
        let d = directive_with(
            None,
            "2023-11-30",
            vec![
                entry("A", Some("2023-10-31")),
                entry("A", Some("2023-11-30")),
            ],
        );
        assert_eq!(d.first_deadline(), None);
        // The first change's previous deadline is unknown; the second is known to be later.
        assert_eq!(d.extensions(), 2);
    }
}
