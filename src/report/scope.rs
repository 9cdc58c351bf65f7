//! Selection: which directives a report covers (period scope, owner and group filters) and
//! the options that say so.

use super::*;

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

    pub(super) fn keeps_unit(&self, id: &str, group: &str) -> bool {
        self.owner.as_deref().is_none_or(|o| o == id)
            && self.group.as_deref().is_none_or(|g| g == group)
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
    // Looked up once per directive: a map, not a walk through the units; and only when a
    // filter asks for a unit or a group.
    let groups = owner_groups(ws);
    let filtered = opts.owner.is_some() || opts.group.is_some();
    let year_start = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d);
    ws.directives
        .iter()
        .filter(|d| !d.draft && file_ok.get(d.file).copied().unwrap_or(false))
        .filter(|d| {
            !filtered || {
                let group = groups.get(d.owner.as_str()).copied();
                opts.keeps_unit(&d.owner, group.unwrap_or(UNKNOWN_GROUP))
            }
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

/// Each registered unit's group, by id (the first entry of an id, as [`Workspace::owner`]).
pub(super) fn owner_groups(ws: &Workspace) -> FastMap<&str, &str> {
    let mut groups = FastMap::default();
    for o in &ws.owners {
        groups.entry(o.id.as_str()).or_insert(o.group.as_str());
    }
    groups
}
