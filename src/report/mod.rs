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
mod figures;
pub mod html;
pub mod json;
pub mod letter;
pub mod md;
mod overdue;
pub mod period;
mod scope;
pub mod state;
pub mod xlsx;

pub use figures::{worse_first, Figures};
pub use overdue::OverdueItem;
pub use period::{Inclusion, Period, PeriodKind};
pub use scope::{selected, FilterError, ReportOptions, Scope, QUIET_DAYS};

use overdue::{overdue_item, Owners};

use crate::model::{Directive, Status, Timeliness, Workspace};
use crate::query;
use chrono::{Datelike, NaiveDate};
use state::{entry_date, state_on, StateOn};
use std::collections::HashMap;

/// A map looked up once or more per directive: foldhash, not std's SipHash, which was most of
/// the figures' time on a large workspace.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// The group given to lead units that are not in `dondoc.toml` (the loader reports them as
/// problems; the report still counts their directives rather than lose them).
pub const UNKNOWN_GROUP: &str = "?";

/// The workspace's problems as a report warns about them (files it leaves out, units it
/// does not know): by file path, then line, then column, as `validate` lists them.
pub fn warnings(ws: &Workspace) -> Vec<&crate::model::Problem> {
    let mut all: Vec<_> = ws.problems.iter().collect();
    all.sort_by(|a, b| (&a.path, a.line, a.col).cmp(&(&b.path, b.line, b.col)));
    all
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

/// A report as [`compute`] keeps it: owning its text, to be held apart from the workspace
/// (the UI's dashboard).
pub type Report = ReportOn<'static>;

/// A report, its overdue list borrowing the workspace's text ([`compute_on`]: nothing is
/// copied for a report printed at once) or owning it ([`Report`]).
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOn<'w> {
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
    pub overdue: Vec<OverdueItem<'w>>,
    /// Units gone quiet, in the order of `dondoc.toml`.
    pub quiet: Vec<QuietUnit>,
    pub quiet_days: i64,
}

impl ReportOn<'_> {
    /// The same report owning its text.
    pub fn into_owned(self) -> Report {
        Report {
            overdue: self
                .overdue
                .into_iter()
                .map(OverdueItem::into_owned)
                .collect(),
            title: self.title,
            as_of: self.as_of,
            period: self.period,
            scope: self.scope,
            source: self.source,
            ranked: self.ranked,
            previous: self.previous,
            groups: self.groups,
            overall: self.overall,
            overall_previous: self.overall_previous,
            quiet: self.quiet,
            quiet_days: self.quiet_days,
        }
    }

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

/// Puts `items[order[k]]` at place `k`, for every `k`, following each cycle of the
/// permutation with swaps (`order` is used up as the record of places done).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// The report's figures. Units with no directive in the period are listed too (total 0,
/// rates `None`) unless the owner or group filter leaves them out.
pub fn compute(ws: &Workspace, opts: &ReportOptions) -> Report {
    compute_on(ws, opts).into_owned()
}

/// [`compute`], the overdue list borrowing the workspace's text.
pub fn compute_on<'w>(ws: &'w Workspace, opts: &ReportOptions) -> ReportOn<'w> {
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

fn compute_one<'w>(ws: &'w Workspace, opts: &ReportOptions) -> ReportOn<'w> {
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
    // Keys borrowed from the workspace: a directive's unit is found without a copy of its id.
    // As the units above; an id listed twice in `dondoc.toml` counts for its last unit.
    let mut slot: FastMap<&str, usize> = ws
        .owners
        .iter()
        .filter(|o| opts.keeps_unit(&o.id, &o.group))
        .enumerate()
        .map(|(i, o)| (o.id.as_str(), i))
        .collect();
    let owners = Owners::new(ws);
    let selected = selected(ws, opts);
    // Counted first so that the list (the report's largest part) is allocated once, to size.
    let overdue_count = selected
        .iter()
        .filter(|(_, s)| s.timeliness == Timeliness::Overdue && s.deadline.is_some())
        .count();
    let mut overdue: Vec<OverdueItem<'w>> = Vec::with_capacity(overdue_count);
    // Each item's unit's place in `dondoc.toml`, for the order.
    let mut overdue_unit: Vec<usize> = Vec::with_capacity(overdue_count);
    // Per unit: directives not done, latest log entry, latest log entry or source date.
    let mut activity: FastMap<usize, (usize, Option<NaiveDate>, Option<NaiveDate>)> =
        FastMap::default();

    for (d, state) in selected {
        let i = *slot.entry(d.owner.as_str()).or_insert_with(|| {
            units.push(UnitReport {
                owner: d.owner.to_string(),
                name: d.owner.to_string(),
                short: d.owner.to_string(),
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
            let item = overdue_item(ws, &owners, d, &state, deadline, opts.as_of);
            units[i].figures.count_age(item.days_overdue);
            overdue.push(item);
            overdue_unit.push(units[i].registry_index);
        }
    }

    // The order is sorted as numbers, then the items moved into it in place: sorting the
    // items themselves would move each large item many times.
    let mut order: Vec<usize> = (0..overdue.len()).collect();
    order.sort_by(|&x, &y| {
        let (a, b) = (&overdue[x], &overdue[y]);
        b.days_overdue
            .cmp(&a.days_overdue)
            .then(overdue_unit[x].cmp(&overdue_unit[y]))
            .then_with(|| a.id.cmp(&b.id))
    });
    permute(&mut overdue, order);

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

    ReportOn {
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
        overdue,
        quiet: quiet.into_iter().map(|(_, q)| q).collect(),
        quiet_days: opts.quiet_days,
    }
}

#[cfg(test)]
mod tests {
    use super::permute;

    #[test]
    fn permute_puts_each_item_where_the_order_says() {
        // Cycles of every length, and fixed points.
        let order = vec![3, 0, 2, 5, 1, 4, 6, 8, 7];
        let mut items: Vec<char> = "abcdefghi".chars().collect();
        let want: Vec<char> = order.iter().map(|&i| items[i]).collect();
        permute(&mut items, order);
        assert_eq!(items, want);
        let mut none: Vec<u8> = Vec::new();
        permute(&mut none, Vec::new());
        assert!(none.is_empty());
    }
}
