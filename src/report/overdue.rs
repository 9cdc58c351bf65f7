//! The overdue list after the table: one item per overdue directive.

use super::*;
use std::borrow::Cow;

/// One overdue directive, for the list after the table. Its text is the workspace's,
/// borrowed ([`compute_on`]) or owned ([`compute`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueItem<'w> {
    pub id: Cow<'w, str>,
    pub owner: Cow<'w, str>,
    pub owner_name: Cow<'w, str>,
    /// Coordinating units: ids and names.
    pub support: Cow<'w, [String]>,
    pub support_names: Vec<Cow<'w, str>>,
    pub text: Cow<'w, str>,
    /// The notice's number and date.
    pub source_ref: Option<Cow<'w, str>>,
    pub source_date: Option<NaiveDate>,
    /// The status on the as-of date (blocked: có vướng mắc).
    pub status: Status,
    /// The deadline as first given, when the log tells.
    pub first_deadline: Option<NaiveDate>,
    /// The deadline on the as-of date.
    pub deadline: NaiveDate,
    pub days_overdue: i64,
    /// Extensions as format 1.1 counts them, logged on or before the as-of date.
    pub extensions: usize,
    /// The latest extension's reason.
    pub reason: Option<Cow<'w, str>>,
    /// Reminder letters sent on or before the as-of date, and the latest one's date.
    pub reminders: usize,
    pub last_reminder: Option<NaiveDate>,
    /// The directive's note, else the latest note in its log.
    pub note: Option<Cow<'w, str>>,
}

impl OverdueItem<'_> {
    /// The same item owning its text.
    pub fn into_owned(self) -> OverdueItem<'static> {
        let owned = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        OverdueItem {
            id: owned(self.id),
            owner: owned(self.owner),
            owner_name: owned(self.owner_name),
            support: Cow::Owned(self.support.into_owned()),
            support_names: self.support_names.into_iter().map(owned).collect(),
            text: owned(self.text),
            source_ref: self.source_ref.map(owned),
            source_date: self.source_date,
            status: self.status,
            first_deadline: self.first_deadline,
            deadline: self.deadline,
            days_overdue: self.days_overdue,
            extensions: self.extensions,
            reason: self.reason.map(owned),
            reminders: self.reminders,
            last_reminder: self.last_reminder,
            note: self.note.map(owned),
        }
    }
}

/// The registered units by id (the first entry of an id, as [`Workspace::owner`]): an
/// overdue item names its units without a walk through the list for each.
pub(super) struct Owners<'w>(FastMap<&'w str, &'w crate::model::Owner>);

impl<'w> Owners<'w> {
    pub(super) fn new(ws: &'w Workspace) -> Self {
        let mut map = FastMap::default();
        for o in &ws.owners {
            map.entry(o.id.as_str()).or_insert(o);
        }
        Owners(map)
    }

    fn get(&self, id: &str) -> Option<&'w crate::model::Owner> {
        self.0.get(id).copied()
    }
}

pub(super) fn overdue_item<'w>(
    ws: &'w Workspace,
    owners: &Owners<'w>,
    d: &'w Directive,
    state: &StateOn,
    deadline: NaiveDate,
    as_of: NaiveDate,
) -> OverdueItem<'w> {
    let known = |e: &crate::model::LogEntry| entry_date(e).is_some_and(|x| x <= as_of);
    // The latest progress as it stood: the file's note when nothing was logged after the date.
    let note = if d.log.iter().all(known) {
        d.note
            .as_deref()
            .or_else(|| d.log.iter().rev().find_map(|e| e.note.as_deref()))
    } else {
        d.log
            .iter()
            .rev()
            .filter(|e| known(e))
            .find_map(|e| e.note.as_deref())
    };
    let extensions: Vec<_> = d
        .deadline_changes()
        .into_iter()
        .filter(|c| c.is_extension() && known(&d.log[c.entry]))
        .collect();
    let reminders: Vec<NaiveDate> = d
        .reminders()
        .filter(|e| known(e))
        .filter_map(entry_date)
        .collect();
    let file = ws.file_of(d);
    OverdueItem {
        id: Cow::Borrowed(&d.id),
        owner: Cow::Borrowed(d.owner.as_str()),
        owner_name: Cow::Borrowed(
            owners
                .get(&d.owner)
                .map_or(d.owner.as_str(), |o| o.name.as_str()),
        ),
        support: Cow::Owned(d.support.iter().map(|s| s.to_string()).collect()),
        support_names: d
            .support
            .iter()
            .map(|s| Cow::Borrowed(owners.get(s).map_or(s.as_str(), |o| o.short_name())))
            .collect(),
        text: Cow::Borrowed(&d.text),
        source_ref: file.source.reference.as_deref().map(Cow::Borrowed),
        source_date: file.source.date,
        status: state.status,
        first_deadline: d.first_deadline().flatten(),
        deadline,
        days_overdue: (as_of - deadline).num_days(),
        extensions: extensions.len(),
        reason: extensions
            .last()
            .and_then(|c| d.log[c.entry].reason())
            .map(Cow::Borrowed),
        reminders: reminders.len(),
        last_reminder: reminders.into_iter().max(),
        note: note.map(Cow::Borrowed),
    }
}
