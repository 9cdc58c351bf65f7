//! The units pane: "All units", then every unit under its group, with its counts; and the
//! title bar's totals by timeliness. The selection follows the unit's id across reloads.

use super::scroll::{self, Span};
use crate::model::{Timeliness, Workspace};
use crate::tui::action::Action;
use chrono::NaiveDate;
use std::collections::HashMap;

/// A row of the owners pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerRow {
    All,
    /// A group heading, selectable (every directive its units lead): index into `ws.groups`.
    Group(usize),
    /// Index into `ws.owners`.
    Owner(usize),
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Led by the unit and not done or cancelled.
    pub open: usize,
    pub overdue: usize,
}

#[derive(Debug, Default)]
pub struct Owners {
    pub rows: Vec<OwnerRow>,
    pub cursor: usize,
    /// The first row on screen.
    pub offset: usize,
    /// By owner index.
    pub counts: Vec<Counts>,
    pub all: Counts,
    /// Directives by timeliness, in `Timeliness::ALL` order, for the title bar.
    pub totals: [usize; 7],
    /// The selected unit's id, kept when the rows are rebuilt.
    selected: Option<String>,
}

impl Owners {
    /// The selected unit, as an index into `ws.owners`; `None` is "All units".
    pub fn selected(&self) -> Option<usize> {
        match self.rows.get(self.cursor) {
            Some(OwnerRow::Owner(i)) => Some(*i),
            _ => None,
        }
    }

    /// The selected unit's id; `None` is "All units".
    pub fn selected_id<'w>(&self, ws: &'w Workspace) -> Option<&'w str> {
        self.selected().map(|i| ws.owners[i].id.as_str())
    }

    /// The selected group's name, when a group's row is selected.
    pub fn selected_group<'w>(&self, ws: &'w Workspace) -> Option<&'w str> {
        match self.rows.get(self.cursor) {
            Some(OwnerRow::Group(g)) => ws.groups.get(*g).map(String::as_str),
            _ => None,
        }
    }

    /// A move key on the pane. Returns whether the selection changed.
    pub(super) fn step(&mut self, ws: &Workspace, height: usize, action: Action) -> bool {
        let selectable: Vec<usize> = (0..self.rows.len()).collect();
        let Some(at) = selectable.iter().position(|&i| i == self.cursor) else {
            return false;
        };
        let to = scroll::step(at, selectable.len() - 1, scroll::page(height), action);
        if to == at {
            return false;
        }
        self.cursor = selectable[to];
        self.selected = self.selected_id(ws).map(str::to_string);
        self.scroll(height);
        true
    }

    /// Selects the unit `id`; false when it has no row (a lead unit missing from dondoc.toml).
    pub(super) fn select(&mut self, ws: &Workspace, id: &str, height: usize) -> bool {
        let Some(row) = self.row_of(ws, id) else {
            return false;
        };
        self.cursor = row;
        self.selected = Some(id.to_string());
        self.scroll(height);
        true
    }

    fn row_of(&self, ws: &Workspace, id: &str) -> Option<usize> {
        self.rows
            .iter()
            .position(|r| matches!(r, OwnerRow::Owner(i) if ws.owners[*i].id == id))
    }

    /// The rows again after the units changed; the same unit stays selected.
    pub(super) fn rebuild(&mut self, ws: &Workspace, height: usize) {
        let mut rows = vec![OwnerRow::All];
        for (gi, group) in ws.groups.iter().enumerate() {
            rows.push(OwnerRow::Group(gi));
            rows.extend(
                ws.owners
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.group == *group)
                    .map(|(oi, _)| OwnerRow::Owner(oi)),
            );
        }
        self.rows = rows;
        let selected = self.selected.clone();
        self.cursor = selected.and_then(|id| self.row_of(ws, &id)).unwrap_or(0);
        self.scroll(height);
    }

    /// Open and overdue directives by unit, and the totals by timeliness, as of `today`.
    pub(super) fn count(&mut self, ws: &Workspace, today: NaiveDate) {
        let index: HashMap<&str, usize> = ws
            .owners
            .iter()
            .enumerate()
            .map(|(i, o)| (o.id.as_str(), i))
            .collect();
        let mut counts = vec![Counts::default(); ws.owners.len()];
        let mut all = Counts::default();
        let mut totals = [0; 7];
        for d in &ws.directives {
            let tl = ws.timeliness(d, today);
            totals[tl as usize] += 1;
            if !d.status.is_open() {
                continue;
            }
            let overdue = (tl == Timeliness::Overdue) as usize;
            all.open += 1;
            all.overdue += overdue;
            if let Some(&i) = index.get(d.owner.as_str()) {
                counts[i].open += 1;
                counts[i].overdue += overdue;
            }
        }
        self.counts = counts;
        self.all = all;
        self.totals = totals;
    }

    /// Keeps the cursor on screen, with its group's heading when scrolling up to the first
    /// unit of a group.
    pub(super) fn scroll(&mut self, height: usize) {
        let heading_above =
            self.cursor > 0 && matches!(self.rows.get(self.cursor - 1), Some(OwnerRow::Group(_)));
        let span = Span {
            top: self.cursor - heading_above as usize,
            ..Span::row(self.cursor)
        };
        self.offset = scroll::scroll(self.offset, span, self.rows.len(), height, 0);
    }
}
