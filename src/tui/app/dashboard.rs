//! The dashboard: the figures of `dondoc report` with no period, by unit under its group,
//! worst first. Computed when it opens, then again only when the workspace or the as-of date
//! changes; the cursor stays on the same unit when the ranking changes.

use super::scroll::{self, Span};
use super::{App, Popup, View};
use crate::i18n::tui as t;
use crate::model::Workspace;
use crate::report::{self, Report, ReportOptions};
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use chrono::NaiveDate;

/// A row of the dashboard; indices into `Report::groups` and their `units`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DashRow {
    Group(usize),
    Unit(usize, usize),
    /// The group's total, after its units.
    Total(usize),
}

#[derive(Debug, Default)]
pub struct Dashboard {
    /// `report::compute` with no period, as of the as-of date; `None` until first shown and
    /// after a change while hidden.
    report: Option<Report>,
    pub rows: Vec<DashRow>,
    /// Index into `rows`, always on a unit.
    pub cursor: usize,
    /// The first row on screen.
    pub offset: usize,
    /// The owner id under the cursor, kept when the ranking changes.
    unit: Option<String>,
}

impl Dashboard {
    /// The figures, once the dashboard has been opened.
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// The unit under the cursor.
    pub fn selected(&self) -> Option<&report::UnitReport> {
        self.unit_at(self.cursor)
    }

    fn unit_at(&self, row: usize) -> Option<&report::UnitReport> {
        match self.rows.get(row) {
            Some(&DashRow::Unit(g, u)) => self.report.as_ref().map(|r| &r.groups[g].units[u]),
            _ => None,
        }
    }

    /// Forgets the figures: the data or the date changed.
    pub(super) fn invalidate(&mut self) {
        self.report = None;
    }

    pub(super) fn is_computed(&self) -> bool {
        self.report.is_some()
    }

    pub(super) fn compute(&mut self, ws: &Workspace, today: NaiveDate, height: usize) {
        // The dashboard ranks units worst first, to chase the late ones.
        let opts = ReportOptions {
            rank: true,
            ..ReportOptions::new(today)
        };
        let report = report::compute(ws, &opts);
        let mut rows = Vec::new();
        for (g, group) in report.groups.iter().enumerate() {
            rows.push(DashRow::Group(g));
            rows.extend((0..group.units.len()).map(|u| DashRow::Unit(g, u)));
            rows.push(DashRow::Total(g));
        }
        self.report = Some(report);
        self.rows = rows;
        // The same unit stays selected when the ranking changes.
        let keep = self.unit.clone();
        let at = keep.and_then(|id| {
            (0..self.rows.len()).find(|&i| self.unit_at(i).is_some_and(|u| u.owner == id))
        });
        let first = self
            .rows
            .iter()
            .position(|r| matches!(r, DashRow::Unit(..)))
            .unwrap_or(0);
        self.cursor = at.unwrap_or(first);
        self.unit = self.selected().map(|u| u.owner.clone());
        self.scroll(height);
    }

    /// A move key: from unit to unit, over headings and totals.
    pub(super) fn step(&mut self, height: usize, action: Action) {
        let units: Vec<usize> = (0..self.rows.len())
            .filter(|&i| matches!(self.rows[i], DashRow::Unit(..)))
            .collect();
        let Some(at) = units.iter().position(|&i| i == self.cursor) else {
            return;
        };
        let to = scroll::step(at, units.len() - 1, scroll::page(height), action);
        self.cursor = units[to];
        self.unit = self.selected().map(|u| u.owner.clone());
        self.scroll(height);
    }

    /// Keeps the cursor on screen, with its group's heading when scrolling up to the first
    /// unit and the group's total when scrolling down to the last.
    pub(super) fn scroll(&mut self, height: usize) {
        let cursor = self.cursor;
        let top = match cursor.checked_sub(1).map(|i| self.rows[i]) {
            Some(DashRow::Group(_)) => cursor - 1,
            _ => cursor,
        };
        let bottom = match self.rows.get(cursor + 1) {
            Some(DashRow::Total(_)) => cursor + 1,
            _ => cursor,
        };
        let span = Span {
            top,
            cursor,
            bottom,
        };
        self.offset = scroll::scroll(self.offset, span, self.rows.len(), height, 0);
    }
}

/// The dashboard's keys and the as-of date.
impl App {
    /// The dashboard's figures, once it has been opened.
    pub fn report(&self) -> Option<&Report> {
        self.dash.report()
    }

    /// The unit under the dashboard cursor.
    pub fn dash_selected(&self) -> Option<&report::UnitReport> {
        self.dash.selected()
    }

    pub(super) fn update_dashboard(&mut self, action: Action) -> Vec<Effect> {
        match action {
            _ if action.is_move() => self.dash.step(self.dash_height(), action),
            Action::Confirm => self.jump_to_unit(),
            Action::Back | Action::Dashboard => self.view = View::List,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::AsOf => self.ask_as_of(),
            Action::Reload => return vec![Effect::Reload],
            _ => {}
        }
        vec![]
    }

    pub(super) fn open_dashboard(&mut self) {
        self.view = View::Dashboard;
        // The list's last message is about the list.
        self.message = None;
        if !self.dash.is_computed() {
            self.dash.compute(&self.ws, self.today, self.dash_height());
        }
    }

    /// After the workspace or the as-of date changed: recompute now if the dashboard shows,
    /// else when it next opens.
    pub(super) fn refresh_report(&mut self) {
        self.dash.invalidate();
        if self.view == View::Dashboard {
            self.dash.compute(&self.ws, self.today, self.dash_height());
        }
    }

    /// Enter on a unit: the lists, with that unit selected and its directives shown.
    fn jump_to_unit(&mut self) {
        let Some(id) = self.dash.selected().map(|u| u.owner.clone()) else {
            return;
        };
        if !self.owners.select(&self.ws, &id, self.owners_height()) {
            // A lead unit missing from dondoc.toml has no row in the units pane.
            self.error(t::unit_not_registered(self.lang, &id));
            return;
        }
        self.view = View::List;
        self.focus = super::Pane::Directives;
        self.list.reset_cursor();
        self.refilter();
    }
}
