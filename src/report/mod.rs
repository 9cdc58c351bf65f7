//! Report figures by unit, in the official buckets: done on time, done late, not done within
//! the deadline, overdue. Pure: [`compute`] takes a loaded workspace and options and returns
//! numbers; the format modules turn a [`Report`] into text or bytes. The CLI (`dondoc
//! report`) and the UI's dashboard draw from the same [`Report`].
//!
//! Every figure is the state on the as-of date ([`state::state_on`]): a directive done after
//! it is not done, one created after it is absent, a deadline extended after it counts with
//! the deadline it had.
//!
//! Definitions (the official ones; timeliness as in docs/FORMAT.md):
//! - `total` = on_time + late + within + overdue + ongoing: done plus not done; cancelled
//!   directives (dừng thực hiện) are counted apart, outside the total and the rates;
//! - `within` = not done, deadline on or after the as-of date (`due_soon` is a part of it);
//!   documents show ongoing ones (thường xuyên) inside "trong hạn" too;
//! - completion rate = (on_time + late) / (on_time + late + overdue), `None` when 0/0;
//! - on-time rate = on_time / (on_time + late), `None` when nothing is done.

pub mod csv;
pub mod doc;
pub mod docx;
pub mod html;
pub mod json;
pub mod letter;
pub mod md;
pub mod period;
pub mod state;
pub mod xlsx;

pub use period::{Inclusion, Period, PeriodKind};

use crate::model::{Directive, Status, Timeliness, Workspace};
use crate::query;
use chrono::{Datelike, NaiveDate};
use state::{entry_date, state_on, StateOn};
use std::cmp::Ordering;
use std::collections::HashMap;

/// The group given to lead units that are not in `dondoc.toml` (the loader reports them as
/// problems; the report still counts their directives rather than lose them).
pub const UNKNOWN_GROUP: &str = "?";

/// Which directives a report with a period covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Directives whose source (meeting, notice) is dated in the period: the report on a
    /// month's or a quarter's meetings.
    #[default]
    Assigned,
    /// Directives whose source is dated from the start of the period's year to the as-of date.
    Cumulative,
    /// Directives due in the period, those due earlier and still overdue, and ongoing ones
    /// from sources dated in it (see [`period`]).
    Due,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Assigned => "assigned",
            Scope::Cumulative => "cumulative",
            Scope::Due => "due",
        }
    }
}

/// A filter that names nothing in the workspace. The sentences are in `i18n::report`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    UnknownUnit(String),
    UnknownGroup { group: String, groups: Vec<String> },
    UnknownSource(String),
}

impl std::fmt::Display for FilterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::report::filter_error(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

/// What to report on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// The date the figures stand at (ngày chốt số liệu).
    pub as_of: NaiveDate,
    /// `None`: every directive (a cumulative scope: the as-of date's year).
    pub period: Option<Period>,
    pub scope: Scope,
    /// Only directives from this file (path, trailing path or file name), as `--source`.
    pub source: Option<String>,
    /// Only this lead unit (owner id).
    pub owner: Option<String>,
    /// Only the lead units of this group.
    pub group: Option<String>,
    /// Units worst first within each group, with a rank; else in the order of `dondoc.toml`.
    pub rank: bool,
    /// Also each unit's figures for the period of the same length just before.
    pub compare: bool,
    /// Units with open directives and no log entry for this many days are "quiet".
    pub quiet_days: i64,
}

/// The default of `--quiet-days`.
pub const QUIET_DAYS: i64 = 30;

impl ReportOptions {
    pub fn new(as_of: NaiveDate) -> ReportOptions {
        ReportOptions {
            as_of,
            period: None,
            scope: Scope::default(),
            source: None,
            owner: None,
            group: None,
            rank: false,
            compare: false,
            quiet_days: QUIET_DAYS,
        }
    }

    /// Refuses filters that name nothing in the workspace (a typo would otherwise give an
    /// empty report that looks like good news).
    pub fn check(&self, ws: &Workspace) -> Result<(), FilterError> {
        if let Some(owner) = &self.owner {
            let known =
                ws.owner(owner).is_some() || ws.directives.iter().any(|d| d.owner == *owner);
            if !known {
                return Err(FilterError::UnknownUnit(owner.clone()));
            }
        }
        if let Some(group) = &self.group {
            if !ws.groups.iter().any(|g| g == group) {
                return Err(FilterError::UnknownGroup {
                    group: group.clone(),
                    groups: ws.groups.clone(),
                });
            }
        }
        if let Some(source) = &self.source {
            if !ws
                .files
                .iter()
                .any(|f| query::source_matches(&f.path, source))
            {
                return Err(FilterError::UnknownSource(source.clone()));
            }
        }
        Ok(())
    }

    fn keeps_unit(&self, id: &str, group: &str) -> bool {
        self.owner.as_deref().is_none_or(|o| o == id)
            && self.group.as_deref().is_none_or(|g| g == group)
    }
}

/// Counts of directives in each bucket. See the module documentation for the definitions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    /// Done plus not done; cancelled directives are not in it.
    pub total: usize,
    pub on_time: usize,
    pub late: usize,
    /// Not done, deadline not passed; includes `due_soon`.
    pub within: usize,
    pub due_soon: usize,
    pub overdue: usize,
    /// No deadline, not done.
    pub ongoing: usize,
    pub cancelled: usize,
    /// Overdue by more than 30 days (a part of `overdue`).
    pub overdue_30: usize,
    /// Overdue by more than 90 days (a part of `overdue_30`).
    pub overdue_90: usize,
}

impl Figures {
    pub fn count(&mut self, t: Timeliness) {
        if t != Timeliness::None {
            self.total += 1;
        }
        match t {
            Timeliness::OnTime => self.on_time += 1,
            Timeliness::Late => self.late += 1,
            Timeliness::DueSoon => {
                self.within += 1;
                self.due_soon += 1;
            }
            Timeliness::OnTrack => self.within += 1,
            Timeliness::Overdue => self.overdue += 1,
            Timeliness::Ongoing => self.ongoing += 1,
            Timeliness::None => self.cancelled += 1,
        }
    }

    /// Counts a directive overdue by `days` in the ageing columns.
    fn count_age(&mut self, days: i64) {
        if days > 30 {
            self.overdue_30 += 1;
        }
        if days > 90 {
            self.overdue_90 += 1;
        }
    }

    pub fn add(&mut self, other: &Figures) {
        self.total += other.total;
        self.on_time += other.on_time;
        self.late += other.late;
        self.within += other.within;
        self.due_soon += other.due_soon;
        self.overdue += other.overdue;
        self.ongoing += other.ongoing;
        self.cancelled += other.cancelled;
        self.overdue_30 += other.overdue_30;
        self.overdue_90 += other.overdue_90;
    }

    pub fn done(&self) -> usize {
        self.on_time + self.late
    }

    /// Not done: within (with due soon), ongoing and overdue (chưa hoàn thành).
    pub fn not_done(&self) -> usize {
        self.within + self.ongoing + self.overdue
    }

    /// Not done and not overdue: what documents call "trong hạn" (ongoing ones included).
    pub fn within_with_ongoing(&self) -> usize {
        self.within + self.ongoing
    }

    /// Done, or should have been: the completion rate's denominator.
    pub fn fallen_due(&self) -> usize {
        self.done() + self.overdue
    }

    /// (on_time + late) / (on_time + late + overdue); `None` when nothing has fallen due.
    pub fn completion_rate(&self) -> Option<f64> {
        ratio(self.done(), self.fallen_due())
    }

    /// on_time / (on_time + late); `None` when nothing is done.
    pub fn on_time_rate(&self) -> Option<f64> {
        ratio(self.on_time, self.done())
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// One lead unit's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitReport {
    pub owner: String,
    pub name: String,
    /// For narrow columns and chart labels.
    pub short: String,
    pub group: String,
    pub figures: Figures,
    /// With `rank`: 1 for the worst unit of its group.
    pub rank: Option<usize>,
    /// With `compare`: the figures of the period just before.
    pub previous: Option<Figures>,
    /// Position in `dondoc.toml` (units not in it come after every registered one).
    registry_index: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupReport {
    pub group: String,
    /// The group's units, in the order of `dondoc.toml`, or worst first with `rank`.
    pub units: Vec<UnitReport>,
    pub figures: Figures,
    pub previous: Option<Figures>,
}

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

/// The source a `--source` report is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceInfo {
    pub path: String,
    pub title: String,
    pub date: Option<NaiveDate>,
}

/// A unit with open directives and no log entry for a while.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuietUnit {
    pub owner: String,
    pub name: String,
    /// Its directives not done on the as-of date.
    pub open: usize,
    /// Its latest log entry on or before the as-of date, if any.
    pub last_entry: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The workspace title.
    pub title: String,
    pub as_of: NaiveDate,
    pub period: Option<Period>,
    pub scope: Scope,
    pub source: Option<SourceInfo>,
    /// Whether units are ranked worst first (with a rank column).
    pub ranked: bool,
    /// With `compare`: the period the previous figures are for.
    pub previous: Option<Period>,
    /// In `ws.groups` order; units of unknown owners last, in [`UNKNOWN_GROUP`].
    pub groups: Vec<GroupReport>,
    pub overall: Figures,
    pub overall_previous: Option<Figures>,
    /// Most overdue first.
    pub overdue: Vec<OverdueItem>,
    /// Units gone quiet, in the order of `dondoc.toml`.
    pub quiet: Vec<QuietUnit>,
    pub quiet_days: i64,
}

impl Report {
    /// Every unit, group by group.
    pub fn units(&self) -> impl Iterator<Item = &UnitReport> {
        self.groups.iter().flat_map(|g| g.units.iter())
    }

    /// Nothing in the period (after the filters): the formats say so instead of a table of
    /// zeros.
    pub fn is_empty(&self) -> bool {
        self.overall.total == 0 && self.overall.cancelled == 0
    }
}

/// The directives a report with these options covers, in workspace order, each with its
/// state on the as-of date. Drafts and directives that did not exist yet are not in it.
pub fn selected<'w>(ws: &'w Workspace, opts: &ReportOptions) -> Vec<(&'w Directive, StateOn)> {
    let file_ok: Vec<bool> = ws
        .files
        .iter()
        .map(|f| {
            opts.source
                .as_deref()
                .is_none_or(|s| query::source_matches(&f.path, s))
        })
        .collect();
    let year_start = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d);
    ws.directives
        .iter()
        .filter(|d| !d.draft && file_ok.get(d.file).copied().unwrap_or(false))
        .filter(|d| {
            let group = ws
                .owner(&d.owner)
                .map_or(UNKNOWN_GROUP, |o| o.group.as_str());
            opts.keeps_unit(&d.owner, group)
        })
        .filter_map(|d| {
            let state = state_on(d, opts.as_of, ws.due_soon_days)?;
            let date = ws.file_of(d).source.date;
            let keep = match (opts.scope, opts.period.as_ref()) {
                (Scope::Cumulative, period) => {
                    let from = year_start(period.map_or(opts.as_of, |p| p.from));
                    date.is_some_and(|x| from <= x && x <= opts.as_of)
                }
                (_, None) => true,
                (Scope::Assigned, Some(p)) => date.is_some_and(|x| p.contains(x)),
                (Scope::Due, Some(p)) => period::inclusion(
                    Some(p),
                    state.deadline,
                    state.status.is_open(),
                    date,
                    opts.as_of,
                )
                .is_some(),
            };
            keep.then_some((d, state))
        })
        .collect()
}

/// The report's figures. Units with no directive in the period are listed too (total 0,
/// rates `None`) unless the owner or group filter leaves them out.
pub fn compute(ws: &Workspace, opts: &ReportOptions) -> Report {
    let mut report = compute_one(ws, opts);
    if opts.compare {
        if let Some(prev) = opts.period.map(|p| p.previous()) {
            let before = compute_one(
                ws,
                &ReportOptions {
                    period: Some(prev),
                    as_of: prev.to.min(opts.as_of),
                    compare: false,
                    ..opts.clone()
                },
            );
            let previous: HashMap<&str, Figures> = before
                .units()
                .map(|u| (u.owner.as_str(), u.figures))
                .collect();
            for group in &mut report.groups {
                group.previous = Some(
                    before
                        .groups
                        .iter()
                        .find(|g| g.group == group.group)
                        .map(|g| g.figures)
                        .unwrap_or_default(),
                );
                for unit in &mut group.units {
                    unit.previous = Some(
                        previous
                            .get(unit.owner.as_str())
                            .copied()
                            .unwrap_or_default(),
                    );
                }
            }
            report.overall_previous = Some(before.overall);
            report.previous = Some(prev);
        }
    }
    report
}

fn compute_one(ws: &Workspace, opts: &ReportOptions) -> Report {
    let mut units: Vec<UnitReport> = ws
        .owners
        .iter()
        .enumerate()
        .filter(|(_, o)| opts.keeps_unit(&o.id, &o.group))
        .map(|(i, o)| UnitReport {
            owner: o.id.clone(),
            name: o.name.clone(),
            short: o.short_name().to_string(),
            group: o.group.clone(),
            figures: Figures::default(),
            rank: None,
            previous: None,
            registry_index: i,
        })
        .collect();
    let mut slot: HashMap<String, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.owner.clone(), i))
        .collect();
    let mut overdue = Vec::new();
    // Per unit: directives not done, latest log entry, latest log entry or source date.
    let mut activity: HashMap<usize, (usize, Option<NaiveDate>, Option<NaiveDate>)> =
        HashMap::new();

    for (d, state) in selected(ws, opts) {
        let i = *slot.entry(d.owner.clone()).or_insert_with(|| {
            units.push(UnitReport {
                owner: d.owner.clone(),
                name: d.owner.clone(),
                short: d.owner.clone(),
                group: UNKNOWN_GROUP.to_string(),
                figures: Figures::default(),
                rank: None,
                previous: None,
                registry_index: ws.owners.len() + units.len(),
            });
            units.len() - 1
        });
        let t = state.timeliness;
        units[i].figures.count(t);
        if state.status.is_open() {
            let last = d
                .log
                .iter()
                .filter_map(entry_date)
                .filter(|x| *x <= opts.as_of)
                .max();
            // A directive given recently is not news overdue: its source's date counts too.
            let given = ws.file_of(d).source.date.filter(|x| *x <= opts.as_of);
            let a = activity.entry(i).or_insert((0, None, None));
            a.0 += 1;
            a.1 = a.1.max(last);
            a.2 = a.2.max(last.max(given));
        }
        if let (Timeliness::Overdue, Some(deadline)) = (t, state.deadline) {
            let item = overdue_item(ws, d, &state, deadline, opts.as_of);
            units[i].figures.count_age(item.days_overdue);
            overdue.push((units[i].registry_index, item));
        }
    }

    overdue.sort_by(|(ra, a), (rb, b)| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(ra.cmp(rb))
            .then_with(|| a.id.cmp(&b.id))
    });

    let mut quiet: Vec<(usize, QuietUnit)> = activity
        .into_iter()
        .filter(|(_, (_, _, news))| {
            news.is_none_or(|x| (opts.as_of - x).num_days() >= opts.quiet_days)
        })
        .map(|(i, (open, last, _))| {
            (
                units[i].registry_index,
                QuietUnit {
                    owner: units[i].owner.clone(),
                    name: units[i].name.clone(),
                    open,
                    last_entry: last,
                },
            )
        })
        .collect();
    quiet.sort_by_key(|(r, _)| *r);

    let mut group_names: Vec<&str> = ws.groups.iter().map(String::as_str).collect();
    if units.iter().any(|u| u.group == UNKNOWN_GROUP) {
        group_names.push(UNKNOWN_GROUP);
    }
    let mut groups: Vec<GroupReport> = group_names
        .into_iter()
        .filter(|g| opts.group.as_deref().is_none_or(|want| want == *g))
        .map(|g| GroupReport {
            group: g.to_string(),
            units: Vec::new(),
            figures: Figures::default(),
            previous: None,
        })
        .collect();
    for unit in units {
        if let Some(group) = groups.iter_mut().find(|g| g.group == unit.group) {
            group.figures.add(&unit.figures);
            group.units.push(unit);
        }
    }
    groups.retain(|g| !g.units.is_empty());
    let mut overall = Figures::default();
    for group in &mut groups {
        if opts.rank {
            group.units.sort_by(|a, b| {
                worse_first(&a.figures, &b.figures).then(a.registry_index.cmp(&b.registry_index))
            });
            for (n, unit) in group.units.iter_mut().enumerate() {
                unit.rank = Some(n + 1);
            }
        } else {
            group.units.sort_by_key(|u| u.registry_index);
        }
        overall.add(&group.figures);
    }

    let source = opts.source.as_deref().and_then(|s| {
        ws.files
            .iter()
            .find(|f| query::source_matches(&f.path, s))
            .map(|f| SourceInfo {
                path: f.path.clone(),
                title: f.source.title.clone(),
                date: f.source.date,
            })
    });

    Report {
        title: ws.title.clone(),
        as_of: opts.as_of,
        period: opts.period,
        scope: opts.scope,
        source,
        ranked: opts.rank,
        previous: None,
        groups,
        overall,
        overall_previous: None,
        overdue: overdue.into_iter().map(|(_, item)| item).collect(),
        quiet: quiet.into_iter().map(|(_, q)| q).collect(),
        quiet_days: opts.quiet_days,
    }
}

fn overdue_item(
    ws: &Workspace,
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
        owner_name: ws.owner_name(&d.owner).to_string(),
        support: d.support.clone(),
        support_names: d
            .support
            .iter()
            .map(|s| {
                ws.owner(s)
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

/// The ranking within a group, worst first: lowest completion rate first (a unit with an
/// overdue directive is below 100%, so it comes before every unit without one), then more
/// overdue, then lowest on-time rate, then more done late. Units with nothing fallen due
/// (completion rate `None`) come last. Ties keep the registry order (the caller's tie-break).
pub fn worse_first(a: &Figures, b: &Figures) -> Ordering {
    rate_ascending_none_last(a.completion_rate(), b.completion_rate())
        .then(b.overdue.cmp(&a.overdue))
        .then(rate_ascending_none_last(a.on_time_rate(), b.on_time_rate()))
        .then(b.late.cmp(&a.late))
}

fn rate_ascending_none_last(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(on_time: usize, late: usize, overdue: usize) -> Figures {
        Figures {
            total: on_time + late + overdue,
            on_time,
            late,
            overdue,
            ..Figures::default()
        }
    }

    #[test]
    fn rates_follow_the_formulas_and_are_none_on_zero_denominators() {
        let f = figures(2, 1, 1);
        assert_eq!(f.completion_rate(), Some(0.75));
        assert_eq!(f.on_time_rate(), Some(2.0 / 3.0));
        let only_overdue = figures(0, 0, 3);
        assert_eq!(only_overdue.completion_rate(), Some(0.0));
        assert_eq!(only_overdue.on_time_rate(), None);
        assert_eq!(Figures::default().completion_rate(), None);
    }

    #[test]
    fn ranking_puts_overdue_units_first_and_nothing_due_last() {
        let mut list = [
            ("nothing", Figures::default()),
            ("all-done-late", figures(0, 2, 0)),
            ("half", figures(1, 0, 1)),
            ("all-on-time", figures(3, 0, 0)),
            ("none-done", figures(0, 0, 1)),
            ("none-done-more", figures(0, 0, 4)),
        ];
        list.sort_by(|a, b| worse_first(&a.1, &b.1));
        let order: Vec<&str> = list.iter().map(|(n, _)| *n).collect();
        assert_eq!(
            order,
            [
                "none-done-more",
                "none-done",
                "half",
                "all-done-late",
                "all-on-time",
                "nothing"
            ]
        );
    }
}
