//! Filters, search and sorting over a workspace: shared by the CLI, the UI and reports.

use crate::fold;
use crate::model::{Directive, Status, Timeliness, Workspace};
use chrono::NaiveDate;

/// Which directives to show. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Lead unit; with `with_support`, coordinating units match too.
    pub owner: Option<String>,
    pub with_support: bool,
    /// Group of the lead unit.
    pub group: Option<String>,
    pub status: Option<Status>,
    pub timeliness: Option<Timeliness>,
    /// A directive file: its path relative to the root, or its file name.
    pub source: Option<String>,
    /// Words that must all occur, ignoring case and diacritics.
    pub search: Option<String>,
}

/// The role an owner has in a directive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Lead,
    Support,
}

pub fn role(d: &Directive, owner: &str) -> Option<Role> {
    if d.owner == owner {
        Some(Role::Lead)
    } else if d.support.iter().any(|s| s == owner) {
        Some(Role::Support)
    } else {
        None
    }
}

/// The text a search looks in: id, text, note, lead unit, issuer. Folded.
pub fn search_text(ws: &Workspace, d: &Directive) -> String {
    let mut s = String::with_capacity(d.text.len() + 64);
    let source = &ws.file_of(d).source;
    for part in [
        d.id.as_str(),
        d.text.as_str(),
        d.note.as_deref().unwrap_or(""),
        ws.owner_name(&d.owner),
        d.issued_by.as_deref().unwrap_or(""),
        source.title.as_str(),
        source.reference.as_deref().unwrap_or(""),
    ]
    .into_iter()
    .chain(d.support.iter().map(|o| ws.owner_name(o)))
    {
        s.push_str(part);
        s.push('\n');
    }
    fold::fold(&s)
}

/// Whether a directive file's `path` (relative, '/') is the one a `--source` names: its whole
/// relative path, a trailing part of it, or its file name.
/// Compared composed (NFC): a name typed on one machine matches a file named on a Mac (NFD).
pub fn source_matches(path: &str, source: &str) -> bool {
    let source = fold::nfc(&source.trim_start_matches("./").replace('\\', "/"));
    let path = fold::nfc(path);
    let path = path.as_str();
    let name_matches = path.rsplit('/').next() == Some(source.as_str());
    path == source || name_matches || path.ends_with(&format!("/{source}"))
}

impl Filter {
    pub fn matches(&self, ws: &Workspace, d: &Directive, today: NaiveDate) -> bool {
        if let Some(owner) = &self.owner {
            match role(d, owner) {
                Some(Role::Lead) => {}
                Some(Role::Support) if self.with_support => {}
                _ => return false,
            }
        }
        if let Some(group) = &self.group {
            let lead_group = ws.owner(&d.owner).map(|o| o.group.as_str());
            if lead_group != Some(group.as_str()) {
                return false;
            }
        }
        if self.status.is_some_and(|s| s != d.status) {
            return false;
        }
        if self
            .timeliness
            .is_some_and(|t| t != ws.timeliness(d, today))
        {
            return false;
        }
        if let Some(source) = &self.source {
            if !source_matches(&ws.file_of(d).path, source) {
                return false;
            }
        }
        if let Some(q) = self.search.as_deref().filter(|q| !q.trim().is_empty()) {
            if !fold::matches_folded(&search_text(ws, d), q) {
                return false;
            }
        }
        true
    }

    /// Matching directives, unsorted (workspace order).
    pub fn select<'w>(&self, ws: &'w Workspace, today: NaiveDate) -> Vec<&'w Directive> {
        ws.directives
            .iter()
            .filter(|d| self.matches(ws, d, today))
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Overdue first, then due soon, on track, ongoing, done; by deadline within each.
    #[default]
    Urgency,
    /// Earliest deadline first; no deadline last.
    Deadline,
    /// By lead unit, in registry order.
    Owner,
    Id,
}

impl Sort {
    pub const ALL: [Sort; 4] = [Sort::Urgency, Sort::Deadline, Sort::Owner, Sort::Id];

    pub fn next(self) -> Sort {
        let i = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL[(i + 1) % Sort::ALL.len()]
    }
}

/// Sorts in place; ties are broken by deadline then id so the order is stable across reloads.
pub fn sort(ws: &Workspace, list: &mut [&Directive], by: Sort, today: NaiveDate) {
    sort_with(ws, list, |d| *d, by, today)
}

/// [`sort`] for any list whose items lead to a directive (the UI sorts row indices).
pub fn sort_with<'d, T>(
    ws: &Workspace,
    list: &mut [T],
    directive: impl Fn(&T) -> &'d Directive,
    by: Sort,
    today: NaiveDate,
) {
    let deadline_key = |d: &Directive| (d.deadline.is_none(), d.deadline);
    match by {
        Sort::Urgency => list.sort_by_cached_key(|t| {
            let d = directive(t);
            (ws.timeliness(d, today), deadline_key(d), d.id.as_str())
        }),
        Sort::Deadline => list.sort_by_cached_key(|t| {
            let d = directive(t);
            (deadline_key(d), d.id.as_str())
        }),
        Sort::Owner => {
            let rank = |id: &str| {
                ws.owners
                    .iter()
                    .position(|o| o.id == id)
                    .unwrap_or(usize::MAX)
            };
            list.sort_by_cached_key(|t| {
                let d = directive(t);
                (rank(&d.owner), deadline_key(d), d.id.as_str())
            })
        }
        Sort::Id => list.sort_by(|a, b| directive(a).id.cmp(&directive(b).id)),
    }
}
