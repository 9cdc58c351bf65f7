//! Undo and redo of a written change, as values: a [`Step`] remembers what a change set and
//! what it replaced. Taking it back (or doing it again) is refused when the fields no longer
//! hold what the step left there: someone changed them since, and their change wins. Pure.

use super::edit::Change;
use crate::model::{Directive, LogEntry};

/// A change that was written to one directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub id: String,
    /// What the change set (as resolved and written).
    pub forward: Change,
    /// What puts the old values back.
    pub backward: Change,
}

/// The field a step would overwrite was changed since, by `by` (unknown: by hand, no log).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{id}\": {field} was changed since{}; not taken back", by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default())]
pub struct Moved {
    pub id: String,
    pub field: &'static str,
    pub by: Option<String>,
}

impl Step {
    /// The step of `applied` (a resolved change) written over `before`.
    pub fn new(id: &str, applied: &Change, before: &Directive) -> Step {
        Step {
            id: id.to_string(),
            forward: Change {
                undo: false,
                ..applied.clone()
            },
            backward: applied.inverse(before),
        }
    }

    /// The change that takes this step back (logged `undo = true`), when `current` still holds
    /// what the step wrote.
    pub fn undo(&self, current: &Directive) -> Result<Change, Moved> {
        self.check(&self.forward, current)?;
        Ok(Change {
            undo: true,
            ..self.backward.clone()
        })
    }

    /// The change that does this step again after [`Step::undo`] was written, when `current`
    /// still holds what the undo wrote. Logged as a plain change (it is a new decision).
    pub fn redo(&self, current: &Directive) -> Result<Change, Moved> {
        self.check(&self.backward, current)?;
        Ok(self.forward.clone())
    }

    fn check(&self, expected: &Change, current: &Directive) -> Result<(), Moved> {
        match differs(expected, current) {
            None => Ok(()),
            Some(field) => Err(Moved {
                id: self.id.clone(),
                field,
                by: last_to_touch(current, field),
            }),
        }
    }
}

/// The first field `change` sets that `d` does not hold.
pub fn differs(change: &Change, d: &Directive) -> Option<&'static str> {
    let checks: [(&'static str, bool); 8] = [
        ("status", change.status.is_some_and(|s| s != d.status)),
        ("deadline", change.deadline.is_some_and(|v| v != d.deadline)),
        ("done_on", change.done_on.is_some_and(|v| v != d.done_on)),
        ("note", change.note.as_ref().is_some_and(|v| *v != d.note)),
        ("text", change.text.as_ref().is_some_and(|v| *v != d.text)),
        (
            "owner",
            change.owner.as_ref().is_some_and(|v| *v != d.owner),
        ),
        (
            "support",
            change.support.as_ref().is_some_and(|v| *v != d.support),
        ),
        (
            "done_ref",
            change.done_ref.as_ref().is_some_and(|v| *v != d.done_ref),
        ),
    ];
    checks.into_iter().find(|(_, moved)| *moved).map(|(f, _)| f)
}

/// Who last set or cleared `field`, from the directive's log.
fn last_to_touch(d: &Directive, field: &str) -> Option<String> {
    let touches = |e: &LogEntry| {
        e.cleared().iter().any(|c| c == field)
            || match field {
                "status" => e.status.is_some(),
                "deadline" => e.deadline.is_some(),
                "done_on" => e.done_on.is_some(),
                "note" => e.note.is_some(),
                "text" => e.text().is_some(),
                "owner" => e.owner().is_some(),
                "support" => e.support().is_some(),
                "done_ref" => e.done_ref().is_some(),
                _ => false,
            }
    };
    d.log
        .iter()
        .rev()
        .find(|e| touches(e))
        .map(|e| e.by.to_string())
        .filter(|b| !b.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;
    use chrono::NaiveDate;

    fn date(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    fn directive() -> Directive {
        Directive {
            id: "x-01".into(),
            text: "t".into(),
            owner: "a".into(),
            support: vec![],
            issued_by: None,
            deadline: date("2023-09-30"),
            status: Status::Open,
            done_on: None,
            note: None,
            first_deadline: None,
            done_ref: None,
            draft: false,
            log: vec![],
            file: 0,
            line: 1,
            id_pos: (1, 1),
        }
    }

    #[test]
    fn undo_then_redo() {
        let before = directive();
        let asked = Change {
            deadline: Some(date("2023-10-31")),
            owner: Some("b".into()),
            reason: Some("xin gia hạn".into()),
            ..Default::default()
        };
        let applied = asked.resolve(&before, before.deadline.unwrap());
        assert_eq!(applied.first_deadline, date("2023-09-30"));
        let step = Step::new("x-01", &applied, &before);
        let mut after = before.clone();
        after.deadline = date("2023-10-31");
        after.owner = "b".into();
        let undo = step.undo(&after).unwrap();
        assert!(undo.undo);
        assert_eq!(undo.deadline, Some(date("2023-09-30")));
        assert_eq!(undo.owner.as_deref(), Some("a"));
        assert_eq!(undo.reason, None);
        // Undo again on the old values: the fields no longer hold what the step wrote.
        assert_eq!(step.undo(&before).unwrap_err().field, "deadline");
        let redo = step.redo(&before).unwrap();
        assert!(!redo.undo);
        assert_eq!(redo.deadline, Some(date("2023-10-31")));
        assert_eq!(redo.reason.as_deref(), Some("xin gia hạn"));
    }

    #[test]
    fn a_field_changed_since_is_refused_naming_who() {
        let before = directive();
        let applied = Change {
            note: Some(Some("n1".into())),
            ..Default::default()
        }
        .resolve(&before, before.deadline.unwrap());
        let step = Step::new("x-01", &applied, &before);
        let mut now = before.clone();
        now.note = Some("n2".into());
        let mut entry = LogEntry::new(None, "Trần Thị B");
        entry.note = Some("n2".into());
        now.log.push(entry);
        let moved = step.undo(&now).unwrap_err();
        assert_eq!(moved.by.as_deref(), Some("Trần Thị B"));
        assert_eq!(
            moved.to_string(),
            "\"x-01\": note was changed since by Trần Thị B; not taken back"
        );
        // Another field changed by someone else does not block it.
        now.note = Some("n1".into());
        now.status = Status::Blocked;
        assert!(step.undo(&now).is_ok());
    }
}
