//! Which directives changed between two loads of a workspace: after a live reload (another
//! editor, another dondoc) and after a `git pull`. Compared by id and by content
//! ([`Directive::same_content`]: where a directive sits in its file does not count).

use crate::model::Directive;
use std::collections::HashMap;

/// The directives of one load, by id.
pub type Snapshot = HashMap<String, Directive>;

/// Takes a snapshot of `directives` to compare with a later load.
pub fn snapshot<'a>(directives: impl IntoIterator<Item = &'a Directive>) -> Snapshot {
    directives
        .into_iter()
        .map(|d| (d.id.clone(), d.clone()))
        .collect()
}

/// The ids whose directive changed, appeared or went away, each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    pub updated: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// What changed from `before` to `after`.
pub fn between(before: &Snapshot, after: &Snapshot) -> Changes {
    let mut changes = Changes::default();
    for (id, d) in after {
        match before.get(id) {
            Some(old) if !old.same_content(d) => changes.updated.push(id.clone()),
            Some(_) => {}
            None => changes.added.push(id.clone()),
        }
    }
    changes.removed = before
        .keys()
        .filter(|id| !after.contains_key(*id))
        .cloned()
        .collect();
    changes.updated.sort();
    changes.added.sort();
    changes.removed.sort();
    changes
}

/// What changed in one directive between the version a user saw and the one on disk now:
/// the fields that differ (as `undo::differs` names them) and who last changed it, from its
/// log. `None` when nothing did.
pub fn edited_since(seen: &Directive, now: &Directive) -> Option<EditedSince> {
    if seen.same_content(now) {
        return None;
    }
    let mut fields = Vec::new();
    let pairs: [(&'static str, bool); 9] = [
        ("status", seen.status != now.status),
        ("deadline", seen.deadline != now.deadline),
        ("done_on", seen.done_on != now.done_on),
        ("note", seen.note != now.note),
        ("text", seen.text != now.text),
        ("owner", seen.owner != now.owner),
        ("support", seen.support != now.support),
        ("done_ref", seen.done_ref != now.done_ref),
        ("log", seen.log != now.log),
    ];
    for (field, differs) in pairs {
        if differs {
            fields.push(field);
        }
    }
    let by = (now.log.len() > seen.log.len())
        .then(|| now.last_author())
        .flatten()
        .filter(|b| !b.is_empty())
        .map(str::to_string);
    Some(EditedSince { fields, by })
}

/// See [`edited_since`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditedSince {
    pub fields: Vec<&'static str>,
    /// From the log; `None` for a change by hand that logged nothing.
    pub by: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Status;

    fn directive(id: &str, status: Status, line: usize) -> Directive {
        Directive {
            id: id.to_string(),
            text: format!("Việc {id}"),
            owner: "a".into(),
            support: vec![],
            issued_by: None,
            deadline: None,
            status,
            done_on: None,
            note: None,
            first_deadline: None,
            done_ref: None,
            draft: false,
            log: vec![],
            file: 0,
            line,
            id_pos: (line, 6),
        }
    }

    #[test]
    fn updated_added_and_removed_by_id_and_content() {
        let before = snapshot(&[
            directive("b", Status::Open, 1),
            directive("a", Status::Open, 5),
            directive("gone", Status::Open, 9),
            directive("moved", Status::Open, 12),
        ]);
        let after = snapshot(&[
            directive("a", Status::Done, 5),
            directive("b", Status::InProgress, 1),
            directive("new", Status::Open, 9),
            // Only its place in the file changed: not an update.
            directive("moved", Status::Open, 30),
        ]);
        assert_eq!(
            between(&before, &after),
            Changes {
                updated: vec!["a".into(), "b".into()],
                added: vec!["new".into()],
                removed: vec!["gone".into()],
            }
        );
        assert_eq!(between(&after, &after), Changes::default());
    }
}
