//! The unit picker (filter as you type, a whole group at once, several units) and the form
//! that changes a directive's lead or coordinating units with it.

use crate::model::Workspace;
use crate::owners::pick;
use crate::tui::action::{Action, EditOp};
use crate::tui::app::Input;

/// A unit picker: what is typed filters the units (name, short name, id, aliases; no case, no
/// diacritics), shown under their groups; Enter takes the highlighted unit, or the whole group
/// on a group's row, or gives it back when already taken.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitPicker {
    pub query: Input,
    /// Unit ids taken, in the order taken.
    pub chosen: Vec<String>,
    /// Index among the rows that can be taken ([`PickRow::takes`]).
    pub cursor: usize,
}

/// One row of a picker's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickRow {
    /// The group's name (a group row) or the unit's display name.
    pub label: String,
    /// The units this row takes: a unit row one, a whole group row all of them, a group's
    /// heading when only some of its units match none (it is not selectable).
    pub takes: Vec<String>,
    pub is_group: bool,
}

impl UnitPicker {
    /// The list for what is typed: each group with its matching units under it. A group's row
    /// is selectable when the query names the group (or is empty): then it takes all its units.
    pub fn rows(&self, ws: &Workspace) -> Vec<PickRow> {
        let mut rows = Vec::new();
        for g in pick(&ws.owners, &ws.groups, self.query.as_str()) {
            rows.push(PickRow {
                label: g.name.to_string(),
                takes: if g.whole {
                    g.units.iter().map(|o| o.id.clone()).collect()
                } else {
                    Vec::new()
                },
                is_group: true,
            });
            for o in g.units {
                rows.push(PickRow {
                    label: o.name.clone(),
                    takes: vec![o.id.clone()],
                    is_group: false,
                });
            }
        }
        rows
    }

    /// The rows that can be taken, and which of them is highlighted.
    pub fn highlighted(&self, ws: &Workspace) -> Option<PickRow> {
        let rows: Vec<PickRow> = self
            .rows(ws)
            .into_iter()
            .filter(|r| !r.takes.is_empty())
            .collect();
        let last = rows.len().checked_sub(1)?;
        rows.into_iter().nth(self.cursor.min(last))
    }

    /// The row to highlight for what is typed: the group when its name was typed, else the
    /// unit that matches best ([`crate::owners::rank`]), the first of equals.
    fn likeliest(&self, ws: &Workspace) -> usize {
        let rows: Vec<PickRow> = self
            .rows(ws)
            .into_iter()
            .filter(|r| !r.takes.is_empty())
            .collect();
        if rows.first().is_none_or(|r| r.is_group) {
            return 0;
        }
        let query = self.query.as_str();
        let mut best = (0, 0);
        for (i, row) in rows.iter().enumerate() {
            let rank = ws
                .owner(&row.takes[0])
                .map_or(0, |o| crate::owners::rank(o, query));
            if rank > best.1 {
                best = (i, rank);
            }
        }
        best.0
    }

    /// Takes the highlighted row (or gives it back when all of it is taken already); the
    /// query is cleared for the next one.
    pub fn toggle(&mut self, ws: &Workspace) -> bool {
        let Some(row) = self.highlighted(ws) else {
            return false;
        };
        if row.takes.iter().all(|id| self.chosen.contains(id)) {
            self.chosen.retain(|id| !row.takes.contains(id));
        } else {
            for id in row.takes {
                if !self.chosen.contains(&id) {
                    self.chosen.push(id);
                }
            }
        }
        self.query.clear();
        self.cursor = 0;
        true
    }

    pub(super) fn key(&mut self, ws: &Workspace, action: Action) {
        match action {
            Action::Type(c) => {
                self.query.type_char(c);
                self.cursor = self.likeliest(ws);
            }
            // Backspace on an empty query gives back the last unit taken.
            Action::Edit(EditOp::Backspace) if self.query.is_empty() => {
                self.chosen.pop();
            }
            Action::Edit(op) => {
                self.query.apply(op);
                self.cursor = self.likeliest(ws);
            }
            Action::Down => self.cursor += 1,
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            _ => {}
        }
        let selectable = self.rows(ws).iter().filter(|r| !r.takes.is_empty()).count();
        self.cursor = self.cursor.min(selectable.saturating_sub(1));
    }
}

/// A directive's lead unit (`O`: the unit taken is written at once) or coordinating units
/// (`P`: the list as taken, written with Ctrl-S).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitsForm {
    pub id: String,
    pub support: bool,
    pub picker: UnitPicker,
}
