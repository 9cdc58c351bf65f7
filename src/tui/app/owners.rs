//! The units pane: "All units", then every unit under its group, with its counts; and the
//! title bar's totals by timeliness. The selection follows the unit's id across reloads.

use super::scroll::{self, Span};
use super::Input;
use crate::model::{Owner, Timeliness, Workspace};
use crate::owners::words;
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
    /// Finding a unit by typing (`/` in the units pane), while it is open.
    pub find: Option<Find>,
}

/// A unit being found by typing its name: the selection follows the text as it is typed.
#[derive(Debug, Default)]
pub struct Find {
    pub line: Input,
    /// The row selected when the find began: `Esc` goes back to it.
    pub before: usize,
    /// Whether some row matches the text (an empty text matches).
    pub found: bool,
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

    /// Selects a row (a unit, a group or "All units").
    pub(super) fn select_row(&mut self, ws: &Workspace, row: usize, height: usize) {
        self.cursor = row.min(self.rows.len().saturating_sub(1));
        self.selected = self.selected_id(ws).map(str::to_string);
        self.scroll(height);
    }

    /// The row a find for `query` selects: the first (in the pane's order) whose name, short
    /// name or id starts with the text, else contains it, else matches as the unit picker
    /// does (initials, aliases); case, diacritics, spaces and dashes ignored. A group's row
    /// answers to its name.
    pub fn find_row(&self, ws: &Workspace, query: &str) -> Option<usize> {
        let q = Query::new(query)?;
        (0..=2).find_map(|tier| {
            (0..self.rows.len()).find(|&i| self.rank(ws, i, &q).is_some_and(|r| r <= tier))
        })
    }

    /// The next (or previous) row after `from` that matches `query` at all, going round.
    pub fn next_match(
        &self,
        ws: &Workspace,
        query: &str,
        from: usize,
        back: bool,
    ) -> Option<usize> {
        let q = Query::new(query)?;
        let n = self.rows.len();
        (1..n)
            .map(|k| {
                if back {
                    (from + n - k) % n
                } else {
                    (from + k) % n
                }
            })
            .find(|&i| self.rank(ws, i, &q).is_some())
    }

    fn rank(&self, ws: &Workspace, row: usize, q: &Query) -> Option<u8> {
        match self.rows.get(row)? {
            OwnerRow::All => None,
            OwnerRow::Group(g) => q.rank(ws.groups.get(*g).map(String::as_str), None),
            OwnerRow::Owner(o) => q.rank(None, ws.owners.get(*o)),
        }
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

impl super::App {
    /// `/` in the units pane: find a unit by typing its name.
    pub(super) fn start_find(&mut self) {
        self.owners.find = Some(Find {
            line: Input::default(),
            before: self.owners.cursor,
            found: true,
        });
    }

    /// A key while finding a unit: the selection follows the text; `↓`/`↑` go to the next
    /// or previous match; `Enter` keeps the unit and shows its directives; `Esc` goes back.
    pub(super) fn find_key(&mut self, action: Action) {
        let Some(mut find) = self.owners.find.take() else {
            return;
        };
        let height = self.owners_height();
        let to = match action {
            Action::Type(c) => {
                find.line.type_char(c);
                self.owners.find_row(&self.ws, find.line.as_str())
            }
            Action::Edit(op) => {
                find.line.apply(op);
                self.owners.find_row(&self.ws, find.line.as_str())
            }
            Action::Down | Action::Up => self.owners.next_match(
                &self.ws,
                find.line.as_str(),
                self.owners.cursor,
                action == Action::Up,
            ),
            Action::Confirm => {
                self.focus = super::Pane::Directives;
                return;
            }
            Action::Back => Some(find.before),
            _ => None,
        };
        let done = action == Action::Back;
        find.found = to.is_some() || find.line.as_str().trim().is_empty();
        if !done {
            self.owners.find = Some(find);
        }
        self.find_select(to, height);
    }

    /// Text pasted while finding a unit.
    pub(super) fn find_paste(&mut self, text: &str) {
        let height = self.owners_height();
        let Some(mut find) = self.owners.find.take() else {
            return;
        };
        find.line.paste(text);
        let to = self.owners.find_row(&self.ws, find.line.as_str());
        find.found = to.is_some() || find.line.as_str().trim().is_empty();
        self.owners.find = Some(find);
        self.find_select(to, height);
    }

    fn find_select(&mut self, to: Option<usize>, height: usize) {
        let Some(row) = to.filter(|&r| r != self.owners.cursor) else {
            return;
        };
        self.see_selected();
        self.owners.select_row(&self.ws, row, height);
        self.list.reset_cursor();
        self.refilter();
    }
}

/// A find's text, folded: its words, and the words run together (`bab` finds "Ba Bể").
struct Query {
    spaced: String,
    joined: String,
    raw: String,
}

impl Query {
    fn new(text: &str) -> Option<Query> {
        let w = words(text);
        (!w.is_empty()).then(|| Query {
            spaced: w.join(" "),
            joined: w.concat(),
            raw: text.to_string(),
        })
    }

    /// 0: a name starts with the text; 1: a name contains it; 2: the unit picker's match
    /// (initials, aliases); `None`: no match.
    fn rank(&self, group: Option<&str>, unit: Option<&Owner>) -> Option<u8> {
        let names: Vec<&str> = match (group, unit) {
            (Some(g), _) => vec![g],
            (None, Some(o)) => [o.name.as_str(), o.id.as_str()]
                .into_iter()
                .chain(o.short.as_deref())
                .collect(),
            (None, None) => return None,
        };
        let folded: Vec<Vec<String>> = names.iter().map(|n| words(n)).collect();
        if folded.iter().any(|w| w.concat().starts_with(&self.joined)) {
            return Some(0);
        }
        if folded.iter().any(|w| w.join(" ").contains(&self.spaced)) {
            return Some(1);
        }
        unit.filter(|o| crate::owners::unit_matches(o, &self.raw))
            .map(|_| 2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, name: &str, short: &str) -> Owner {
        Owner {
            id: id.into(),
            name: name.into(),
            short: Some(short.into()),
            group: "g".into(),
            aliases: vec![],
            addressee: None,
        }
    }

    #[test]
    fn a_name_that_starts_with_the_text_comes_first() {
        let q = |s| Query::new(s).unwrap();
        let ba_be = unit("ba-be", "Huyện ủy Ba Bể", "Ba Bể");
        let thue = unit("cuc-thue", "Cục Thuế tỉnh", "Cục Thuế");
        assert_eq!(q("bab").rank(None, Some(&ba_be)), Some(0));
        assert_eq!(q("BA BỂ").rank(None, Some(&ba_be)), Some(0));
        assert_eq!(q("huyen uy").rank(None, Some(&ba_be)), Some(0));
        assert_eq!(q("thue").rank(None, Some(&thue)), Some(1));
        assert_eq!(q("ct").rank(None, Some(&thue)), Some(2));
        assert_eq!(q("xyz").rank(None, Some(&thue)), None);
        assert_eq!(q("so, ban").rank(Some("Sở, ban, ngành"), None), Some(0));
        assert!(Query::new(" - ").is_none());
    }
}
