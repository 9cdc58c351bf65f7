//! A directive as written in its file, its log entries, and the format 1.1 history rules on
//! them (what an undo takes back, what counts as an extension).

use super::{timeliness, Name, Status, Timeliness};
use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

/// One `[[directive.log]]` entry. The fields most entries leave out live in one box
/// ([`LogExtra`]), absent when all of them are empty: a large workspace holds hundreds of
/// thousands of entries.
#[derive(Debug, Clone, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    #[serde(with = "super::compact::opt_time")]
    pub at: Option<DateTime<FixedOffset>>,
    pub by: Name,
    pub status: Option<Status>,
    #[serde(with = "super::compact::opt_date")]
    pub deadline: Option<NaiveDate>,
    #[serde(with = "super::compact::opt_date")]
    pub done_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// This entry created the directive; it lists the values it was created with.
    pub created: bool,
    /// This entry takes back the previous change by the same author.
    pub undo: bool,
    /// A reminder letter about the directive was sent to its lead unit.
    pub reminder: bool,
    extra: Option<Box<LogExtra>>,
}

/// The fields of a log entry that few entries have.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogExtra {
    /// The raw `at` text when it is not a full datetime with offset (hand-written logs).
    pub at_text: String,
    /// Fields this entry removed (e.g. `deadline` set to none).
    pub cleared: Vec<String>,
    pub text: Option<String>,
    pub owner: Option<String>,
    pub support: Option<Vec<String>>,
    pub done_ref: Option<String>,
    /// Why (a deadline change: the unit's request; a cancellation: the decision).
    pub reason: Option<String>,
    /// A document: the request, the decision, the letter.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub approved_by: Option<String>,
}

static NO_EXTRA: LogExtra = LogExtra {
    at_text: String::new(),
    cleared: Vec::new(),
    text: None,
    owner: None,
    support: None,
    done_ref: None,
    reason: None,
    reference: None,
    approved_by: None,
};

/// An entry without its extra fields equals one whose extra fields are all empty.
impl PartialEq for LogEntry {
    fn eq(&self, other: &LogEntry) -> bool {
        self.at == other.at
            && self.by == other.by
            && self.status == other.status
            && self.deadline == other.deadline
            && self.done_on == other.done_on
            && self.note == other.note
            && self.created == other.created
            && self.undo == other.undo
            && self.reminder == other.reminder
            && self.extra() == other.extra()
    }
}

impl LogEntry {
    /// An entry by `by` at `at` that sets nothing yet.
    pub fn new(at: Option<DateTime<FixedOffset>>, by: &str) -> LogEntry {
        let mut e = LogEntry {
            at,
            by: by.into(),
            status: None,
            deadline: None,
            done_on: None,
            note: None,
            created: false,
            undo: false,
            reminder: false,
            extra: None,
        };
        if let Some(t) = at {
            e.extra_mut().at_text = t.to_rfc3339();
        }
        e
    }

    /// The fields few entries have (all empty when the entry has none).
    pub fn extra(&self) -> &LogExtra {
        self.extra.as_deref().unwrap_or(&NO_EXTRA)
    }

    /// The fields few entries have, to set one.
    pub fn extra_mut(&mut self) -> &mut LogExtra {
        self.extra.get_or_insert_with(Default::default)
    }

    /// Sets the fields few entries have; no box is kept when they are all empty.
    pub fn set_extra(&mut self, extra: LogExtra) {
        self.extra = (extra != NO_EXTRA).then(|| Box::new(extra));
    }

    /// The raw `at` text when it is not a full datetime with offset (hand-written logs).
    pub fn at_text(&self) -> &str {
        &self.extra().at_text
    }

    /// Fields this entry removed (e.g. `deadline` set to none).
    pub fn cleared(&self) -> &[String] {
        &self.extra().cleared
    }

    pub fn text(&self) -> Option<&str> {
        self.extra().text.as_deref()
    }

    pub fn owner(&self) -> Option<&str> {
        self.extra().owner.as_deref()
    }

    pub fn support(&self) -> Option<&[String]> {
        self.extra().support.as_deref()
    }

    pub fn done_ref(&self) -> Option<&str> {
        self.extra().done_ref.as_deref()
    }

    /// Why (a deadline change: the unit's request; a cancellation: the decision).
    pub fn reason(&self) -> Option<&str> {
        self.extra().reason.as_deref()
    }

    /// A document: the request, the decision, the letter.
    pub fn reference(&self) -> Option<&str> {
        self.extra().reference.as_deref()
    }

    pub fn approved_by(&self) -> Option<&str> {
        self.extra().approved_by.as_deref()
    }

    /// Whether this entry sets or clears the deadline.
    pub fn touches_deadline(&self) -> bool {
        self.deadline.is_some() || self.cleared().iter().any(|c| c == "deadline")
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
    pub owner: Name,
    pub support: Vec<Name>,
    pub issued_by: Option<Name>,
    #[serde(with = "super::compact::opt_date")]
    pub deadline: Option<NaiveDate>,
    pub status: Status,
    #[serde(with = "super::compact::opt_date")]
    pub done_on: Option<NaiveDate>,
    pub note: Option<String>,
    /// The deadline as first given, written the first time a deadline changes.
    #[serde(with = "super::compact::opt_date")]
    pub first_deadline: Option<NaiveDate>,
    /// The document that reported completion.
    pub done_ref: Option<String>,
    /// Imported and not yet reviewed: may have no owner; counts in no figure.
    pub draft: bool,
    /// Kept in a block of its own by the cache, so that a load may leave logs out.
    #[serde(skip)]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
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
    fn an_entry_without_extra_fields_equals_one_whose_extra_fields_are_empty() {
        let plain = entry("A", Some("2023-10-31"));
        let mut emptied = plain.clone();
        emptied.extra_mut().reason = Some("Đơn vị đề nghị".into());
        assert_ne!(emptied, plain);
        emptied.extra_mut().reason = None;
        assert_eq!(emptied, plain);
        assert_eq!(plain, emptied);
        // No box is kept for nothing.
        emptied.set_extra(LogExtra::default());
        assert!(emptied.extra.is_none());
    }

    #[test]
    fn an_entry_comes_back_from_the_cache_with_its_extra_fields() {
        let mut e = entry("A", Some("2023-10-31"));
        e.extra_mut().cleared = vec!["done_on".into()];
        e.extra_mut().reference = Some("Công văn số 12".into());
        let plain = entry("B", None);
        let bytes = postcard::to_allocvec(&vec![e.clone(), plain.clone()]).unwrap();
        let back: Vec<LogEntry> = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, vec![e, plain]);
        assert_eq!(back[0].reference(), Some("Công văn số 12"));
        assert_eq!(back[0].cleared(), ["done_on".to_string()]);
        assert!(back[1].extra.is_none());
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
