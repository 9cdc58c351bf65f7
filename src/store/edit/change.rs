//! What an edit sets (`Change`), resolved against a directive, inverted for undo and described.

use crate::fold::nfc;
use crate::model::{Directive, Status};
use chrono::{DateTime, FixedOffset, NaiveDate};

/// A done date that cannot be true.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DoneDateError {
    #[error("done on {done} is after the as-of date {today}: work cannot be reported done on a day that has not come (give the day it was done)")]
    AfterToday { done: NaiveDate, today: NaiveDate },
    #[error("done on {done} is before {given}, the date of the meeting that gave the directive: it cannot be done before it was given")]
    BeforeSource { done: NaiveDate, given: NaiveDate },
}

/// Refuses a done date after the as-of date `today` or before `given`, the date of the
/// source meeting.
pub fn check_done_on(
    done: NaiveDate,
    today: NaiveDate,
    given: Option<NaiveDate>,
) -> Result<(), DoneDateError> {
    if done > today {
        return Err(DoneDateError::AfterToday { done, today });
    }
    match given {
        Some(given) if done < given => Err(DoneDateError::BeforeSource { done, given }),
        _ => Ok(()),
    }
}

/// A note on one line, as the format wants it: its lines trimmed and joined by a space.
fn one_line(s: &str) -> String {
    s.split(['\r', '\n'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// What an edit sets. `None` leaves a field alone; `Some(None)` removes an optional field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub status: Option<Status>,
    pub done_on: Option<Option<NaiveDate>>,
    pub deadline: Option<Option<NaiveDate>>,
    pub note: Option<Option<String>>,
    /// The directive's text, its lead unit, its coordinating units (empty: none).
    pub text: Option<String>,
    pub owner: Option<String>,
    pub support: Option<Vec<String>>,
    /// The document that reported completion.
    pub done_ref: Option<Option<String>>,
    /// The deadline as first given, written once (by [`Change::resolve`]) when a deadline
    /// first changes; never logged, never undone.
    pub first_deadline: Option<NaiveDate>,
    /// For the log entry only: why, the document, who decided.
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub approved_by: Option<String>,
    /// This change takes back the author's previous one (`undo = true` in the log).
    pub undo: bool,
}

impl Change {
    /// Whether the change sets nothing (what only goes to the log does not count).
    pub fn is_empty(&self) -> bool {
        Change {
            first_deadline: None,
            reason: None,
            reference: None,
            approved_by: None,
            undo: false,
            ..self.clone()
        } == Change::default()
    }

    /// The change as a directive will take it: set `done` without a date is done `today`, leaving
    /// `done` drops `done_on`, and fields already at the asked value are left out.
    pub fn resolve(&self, current: &Directive, today: NaiveDate) -> Change {
        let status = self.status.unwrap_or(current.status);
        let mut done_on = self.done_on;
        // Only a change of the status or of the date decides the date: a note on a directive
        // written `done` by hand without a date must not invent one (validate names it).
        let about_done = self.status.is_some() || self.done_on.is_some();
        if status == Status::Done && about_done && matches!(done_on, None | Some(None)) {
            // Done always has a date: the one it had, else today. Removing it is not asked
            // for: it would leave a "done without done_on" in the file.
            let had = current.done_on.filter(|_| current.status == Status::Done);
            done_on = Some(Some(had.unwrap_or(today)));
        }
        if status != Status::Done {
            done_on = Some(None);
        }
        let clean = |s: &str| Some(nfc(s.trim())).filter(|s| !s.is_empty());
        let mut done_ref = self.done_ref.clone().map(|r| r.as_deref().and_then(clean));
        if status != Status::Done && current.done_ref.is_some() {
            // A reopened directive's completion report no longer applies.
            done_ref = Some(None);
        }
        let mut support = self.support.clone().map(|list| {
            let mut out: Vec<String> = Vec::new();
            for s in list.iter().map(|s| s.trim().to_string()) {
                if !s.is_empty() && !out.contains(&s) {
                    out.push(s);
                }
            }
            out
        });
        let owner = self
            .owner
            .as_deref()
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty() && *o != current.owner);
        // The lead unit does not also coordinate: a unit that becomes the lead leaves support.
        let lead = owner.as_deref().unwrap_or(&current.owner);
        if support.is_none() && current.support.iter().any(|s| s == lead) {
            support = Some(current.support.iter().map(|s| s.to_string()).collect());
        }
        if let Some(list) = &mut support {
            list.retain(|s| s != lead);
        }
        let deadline = self.deadline.filter(|d| *d != current.deadline);
        // Written the first time a deadline changes, with the deadline as first given.
        let first_deadline = match (deadline, current.first_deadline, current.first_deadline()) {
            (Some(_), None, Some(Some(first))) => Some(first),
            _ => None,
        };
        Change {
            // Line breaks as the loader reads them (`\n`, also from a CRLF file).
            text: self
                .text
                .as_deref()
                .map(|t| t.replace("\r\n", "\n"))
                .as_deref()
                .and_then(clean)
                .filter(|t| *t != current.text),
            owner,
            support: support.filter(|s| *s != current.support),
            done_ref: done_ref.filter(|r| *r != current.done_ref),
            first_deadline,
            reason: self.reason.as_deref().and_then(clean),
            reference: self.reference.as_deref().and_then(clean),
            approved_by: self.approved_by.as_deref().and_then(clean),
            undo: self.undo,
            status: self.status.filter(|s| *s != current.status),
            done_on: done_on.filter(|d| *d != current.done_on),
            deadline,
            note: self
                .note
                .clone()
                .map(|n| n.map(|s| nfc(&one_line(&s))).filter(|s| !s.is_empty()))
                .filter(|n| *n != current.note),
        }
    }

    /// The change that puts back what `current` has for the fields this change touches (undo).
    pub fn inverse(&self, current: &Directive) -> Change {
        Change {
            status: self.status.map(|_| current.status),
            done_on: self.done_on.map(|_| current.done_on),
            deadline: self.deadline.map(|_| current.deadline),
            note: self.note.as_ref().map(|_| current.note.clone()),
            text: self.text.as_ref().map(|_| current.text.clone()),
            owner: self.owner.as_ref().map(|_| current.owner.to_string()),
            support: self
                .support
                .as_ref()
                .map(|_| current.support.iter().map(|s| s.to_string()).collect()),
            done_ref: self.done_ref.as_ref().map(|_| current.done_ref.clone()),
            undo: true,
            ..Change::default()
        }
    }

    /// One line for messages and commit subjects: `status in_progress → done, deadline → none`.
    pub fn describe(&self, before: &Directive) -> String {
        crate::i18n::store::describe_change(crate::i18n::Lang::En, self, before)
    }
}

/// One change to one directive, with who made it and when (for the log entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub id: String,
    pub change: Change,
    pub by: String,
    pub at: DateTime<FixedOffset>,
}
