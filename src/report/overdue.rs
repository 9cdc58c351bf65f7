//! The overdue list after the table: one item per overdue directive.

use super::*;

/// One overdue directive, for the list after the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueItem {
    pub id: String,
    pub owner: String,
    pub owner_name: String,
    /// Coordinating units: ids and names.
    pub support: Vec<String>,
    pub support_names: Vec<String>,
    pub text: String,
    /// The notice's number and date.
    pub source_ref: Option<String>,
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
    pub reason: Option<String>,
    /// Reminder letters sent on or before the as-of date, and the latest one's date.
    pub reminders: usize,
    pub last_reminder: Option<NaiveDate>,
    /// The directive's note, else the latest note in its log.
    pub note: Option<String>,
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

pub(super) fn overdue_item(
    ws: &Workspace,
    owners: &Owners,
    d: &Directive,
    state: &StateOn,
    deadline: NaiveDate,
    as_of: NaiveDate,
) -> OverdueItem {
    let known = |e: &crate::model::LogEntry| entry_date(e).is_some_and(|x| x <= as_of);
    // The latest progress as it stood: the file's note when nothing was logged after the date.
    let note = if d.log.iter().all(known) {
        d.note
            .clone()
            .or_else(|| d.log.iter().rev().find_map(|e| e.note.clone()))
    } else {
        d.log
            .iter()
            .rev()
            .filter(|e| known(e))
            .find_map(|e| e.note.clone())
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
        id: d.id.clone(),
        owner: d.owner.clone(),
        owner_name: owners
            .get(&d.owner)
            .map_or(d.owner.as_str(), |o| o.name.as_str())
            .to_string(),
        support: d.support.clone(),
        support_names: d
            .support
            .iter()
            .map(|s| {
                owners
                    .get(s)
                    .map_or(s.clone(), |o| o.short_name().to_string())
            })
            .collect(),
        text: d.text.clone(),
        source_ref: file.source.reference.clone(),
        source_date: file.source.date,
        status: state.status,
        first_deadline: d.first_deadline().flatten(),
        deadline,
        days_overdue: (as_of - deadline).num_days(),
        extensions: extensions.len(),
        reason: extensions
            .last()
            .and_then(|c| d.log[c.entry].reason.clone()),
        reminders: reminders.len(),
        last_reminder: reminders.into_iter().max(),
        note,
    }
}
