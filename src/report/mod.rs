//! Report figures by unit, in the official buckets: done on time, done late, not done within
//! the deadline, overdue. Pure: [`compute`] takes a loaded workspace and options and returns
//! numbers; the format modules turn a [`Report`] into text or bytes. The CLI (`dondoc
//! report`) and the UI's dashboard draw from the same [`Report`].
//!
//! Definitions (as of the as-of date, docs/FORMAT.md's timeliness):
//! - `total` = on_time + late + within + overdue + ongoing + cancelled;
//! - `within` = not done, deadline on or after the as-of date (`due_soon` is a part of it);
//! - completion rate = (on_time + late) / (on_time + late + overdue), `None` when 0/0;
//! - on-time rate = on_time / (on_time + late), `None` when nothing is done.
//!
//! Cancelled and ongoing directives are counted but are in neither rate.

pub mod csv;
pub mod html;
pub mod json;
pub mod md;
pub mod period;
pub mod xlsx;

pub use period::{Inclusion, Period, PeriodKind};

use crate::model::{Directive, Timeliness, Workspace};
use crate::query;
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::HashMap;

/// The group given to lead units that are not in `dondoc.toml` (the loader reports them as
/// problems; the report still counts their directives rather than lose them).
pub const UNKNOWN_GROUP: &str = "?";

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
    /// The date timeliness is computed at (the meeting's date, usually).
    pub as_of: NaiveDate,
    /// `None`: every directive.
    pub period: Option<Period>,
    /// Only directives from this file (path, trailing path or file name), as `--source`.
    pub source: Option<String>,
    /// Only this lead unit (owner id).
    pub owner: Option<String>,
    /// Only the lead units of this group.
    pub group: Option<String>,
}

impl ReportOptions {
    pub fn new(as_of: NaiveDate) -> ReportOptions {
        ReportOptions {
            as_of,
            period: None,
            source: None,
            owner: None,
            group: None,
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
}

impl Figures {
    pub fn count(&mut self, t: Timeliness) {
        self.total += 1;
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

    pub fn add(&mut self, other: &Figures) {
        self.total += other.total;
        self.on_time += other.on_time;
        self.late += other.late;
        self.within += other.within;
        self.due_soon += other.due_soon;
        self.overdue += other.overdue;
        self.ongoing += other.ongoing;
        self.cancelled += other.cancelled;
    }

    pub fn done(&self) -> usize {
        self.on_time + self.late
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
    /// Position in `dondoc.toml` (units not in it come after every registered one).
    registry_index: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupReport {
    pub group: String,
    /// The group's units, worst first (see [`worse_first`]).
    pub units: Vec<UnitReport>,
    pub figures: Figures,
}

/// One overdue directive, for the list after the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverdueItem {
    pub id: String,
    pub owner: String,
    pub owner_name: String,
    pub text: String,
    pub deadline: NaiveDate,
    pub days_overdue: i64,
    /// Times the deadline was changed, from the log.
    pub extensions: usize,
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

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The workspace title.
    pub title: String,
    pub as_of: NaiveDate,
    pub period: Option<Period>,
    pub source: Option<SourceInfo>,
    /// In `ws.groups` order; units of unknown owners last, in [`UNKNOWN_GROUP`].
    pub groups: Vec<GroupReport>,
    pub overall: Figures,
    /// Most overdue first.
    pub overdue: Vec<OverdueItem>,
}

impl Report {
    /// Every unit, group by group, worst first within each group.
    pub fn units(&self) -> impl Iterator<Item = &UnitReport> {
        self.groups.iter().flat_map(|g| g.units.iter())
    }

    /// Nothing in the period (after the filters): the formats say so instead of a table of
    /// zeros.
    pub fn is_empty(&self) -> bool {
        self.overall.total == 0
    }
}

/// The directives a report with these options covers, in workspace order.
pub fn selected<'w>(ws: &'w Workspace, opts: &ReportOptions) -> Vec<&'w Directive> {
    let file_ok: Vec<bool> = ws
        .files
        .iter()
        .map(|f| {
            opts.source
                .as_deref()
                .is_none_or(|s| query::source_matches(&f.path, s))
        })
        .collect();
    ws.directives
        .iter()
        .filter(|d| file_ok.get(d.file).copied().unwrap_or(false))
        .filter(|d| {
            let group = ws
                .owner(&d.owner)
                .map_or(UNKNOWN_GROUP, |o| o.group.as_str());
            opts.keeps_unit(&d.owner, group)
        })
        .filter(|d| {
            let date = ws.file_of(d).source.date;
            period::inclusion(opts.period.as_ref(), d, date, opts.as_of).is_some()
        })
        .collect()
}

/// The report's figures. Units with no directive in the period are listed too (total 0,
/// rates `None`) unless the owner or group filter leaves them out.
pub fn compute(ws: &Workspace, opts: &ReportOptions) -> Report {
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
            registry_index: i,
        })
        .collect();
    let mut slot: HashMap<String, usize> = units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.owner.clone(), i))
        .collect();
    let mut overdue = Vec::new();

    for d in selected(ws, opts) {
        let i = *slot.entry(d.owner.clone()).or_insert_with(|| {
            units.push(UnitReport {
                owner: d.owner.clone(),
                name: d.owner.clone(),
                short: d.owner.clone(),
                group: UNKNOWN_GROUP.to_string(),
                figures: Figures::default(),
                registry_index: ws.owners.len() + units.len(),
            });
            units.len() - 1
        });
        let t = ws.timeliness(d, opts.as_of);
        units[i].figures.count(t);
        if let (Timeliness::Overdue, Some(deadline)) = (t, d.deadline) {
            overdue.push((
                units[i].registry_index,
                overdue_item(ws, d, deadline, opts.as_of),
            ));
        }
    }

    overdue.sort_by(|(ra, a), (rb, b)| {
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(ra.cmp(rb))
            .then_with(|| a.id.cmp(&b.id))
    });

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
        group.units.sort_by(|a, b| {
            worse_first(&a.figures, &b.figures).then(a.registry_index.cmp(&b.registry_index))
        });
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
        source,
        groups,
        overall,
        overdue: overdue.into_iter().map(|(_, item)| item).collect(),
    }
}

fn overdue_item(
    ws: &Workspace,
    d: &Directive,
    deadline: NaiveDate,
    as_of: NaiveDate,
) -> OverdueItem {
    let note = d
        .note
        .clone()
        .or_else(|| d.log.iter().rev().find_map(|e| e.note.clone()));
    OverdueItem {
        id: d.id.clone(),
        owner: d.owner.clone(),
        owner_name: ws.owner_name(&d.owner).to_string(),
        text: d.text.clone(),
        deadline,
        days_overdue: (as_of - deadline).num_days(),
        extensions: d.extensions(),
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
