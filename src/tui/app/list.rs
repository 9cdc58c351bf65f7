//! The directives list: the selected unit's directives, filtered, sorted and searched, with
//! its cursor. Rows are indices into `ws.directives`, rebuilt whenever the workspace changes
//! (`App::workspace_changed`); the selection follows the directive's id, not its row.

use super::scroll::{self, Span};
use super::Changed;
use crate::i18n::tui as t;
use crate::i18n::Lang;
use crate::model::{Directive, Status, Timeliness, Workspace};
use crate::query::{self, Role, Sort};
use crate::search::{narrows, search_terms, Matches, SearchIndex};
use crate::tui::action::Action;
use chrono::NaiveDate;
use rayon::prelude::*;

/// Show only directives with this timeliness or status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewFilter {
    Timeliness(Timeliness),
    Status(Status),
}

impl ViewFilter {
    /// The filter picker's timeliness and status choices, after "no filter". A cancelled
    /// directive's timeliness is "cancelled" too: offered once, as the status.
    pub fn choices() -> Vec<ViewFilter> {
        Timeliness::ALL
            .into_iter()
            .filter(|tl| *tl != Timeliness::None)
            .map(ViewFilter::Timeliness)
            .chain(Status::ALL.into_iter().map(ViewFilter::Status))
            .collect()
    }

    pub fn label(self, lang: Lang) -> String {
        match self {
            ViewFilter::Timeliness(tl) => format!(
                "{} {}",
                t::timeliness_symbol(tl),
                t::timeliness_label(lang, tl)
            ),
            ViewFilter::Status(s) => {
                format!("{} {}", t::status_symbol(s), t::status_label(lang, s))
            }
        }
    }
}

/// A choice of the filter menu (`f`), under its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterChoice {
    /// No filter: every value, the group and the meeting dropped.
    None,
    Value(ViewFilter),
    /// A group of units, as its row in the units pane: index into `ws.groups`.
    Group(usize),
    /// A meeting: its file's path.
    Meeting(String),
}

impl FilterChoice {
    /// The heading it is shown under.
    pub fn heading(&self) -> Option<t::Text> {
        match self {
            FilterChoice::None => None,
            FilterChoice::Value(ViewFilter::Timeliness(_)) => Some(t::FILTER_HEAD_TIMELINESS),
            FilterChoice::Value(ViewFilter::Status(_)) => Some(t::FILTER_HEAD_STATUS),
            FilterChoice::Group(_) => Some(t::FILTER_HEAD_GROUP),
            FilterChoice::Meeting(_) => Some(t::FILTER_HEAD_MEETING),
        }
    }
}
/// What the directives pane shows of all its rows: the widest deadline and distance, how many
/// are open, and whether a deadline moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowFigures {
    pub date: usize,
    pub when: usize,
    pub open: usize,
    /// Some deadline moved from its first one; the widest count of extensions.
    pub moved: bool,
    pub times: usize,
}

/// What the directives pane counts of a directive for [`RowFigures`], kept for every directive
/// in one array: counting 200,000 rows then reads 3 MB in a row, not 200,000 directives
/// scattered in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowFact {
    pub deadline: Option<NaiveDate>,
    pub timeliness: Timeliness,
    pub open: bool,
    /// The deadline moved from its first one.
    pub moved: bool,
    pub extensions: u16,
}

impl RowFact {
    pub fn of(d: &Directive, ws: &Workspace, today: NaiveDate) -> RowFact {
        let moved = d.first_deadline().is_some_and(|first| first != d.deadline);
        RowFact {
            deadline: d.deadline,
            timeliness: ws.timeliness(d, today),
            open: d.status.is_open(),
            moved,
            extensions: if moved {
                u16::try_from(d.extensions()).unwrap_or(u16::MAX)
            } else {
                0
            },
        }
    }
}

/// What [`RowFigures`] were found for: a set of rows (`List::rows_version`), a day, a language.
pub type FiguresKey = (u64, NaiveDate, Lang);

/// A row of the directives pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index into `ws.directives` (valid until the workspace changes; rows are rebuilt then).
    pub index: usize,
    /// The selected unit coordinates this directive rather than leading it.
    pub support: bool,
}

/// Where the selected directive is on screen, to put it back there after a reload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    id: Option<String>,
    row: usize,
}

#[derive(Debug, Default)]
pub struct List {
    /// Typing into the search line.
    pub searching: bool,
    /// The search as typed (kept equal to `search_line`'s text).
    pub search: String,
    /// The editor of the search line.
    pub search_line: super::Input,
    pub filter: Option<ViewFilter>,
    /// Several filters at once (`Space` in the filter picker): a directive is shown when it
    /// matches one of the timeliness values chosen (if any) and one of the statuses (if any).
    pub filters: Vec<ViewFilter>,
    pub sort: Sort,
    /// Only the directives led by the units of this group (its row in the units pane).
    pub group: Option<String>,
    /// Only this meeting file's directives, in file order (`m`).
    pub meeting: Option<String>,
    /// Directives of the selected unit before the filter and the search.
    pub owner_total: usize,
    pub rows: Vec<Row>,
    /// Bumped whenever `rows` are made again: what is drawn from all of them (the columns'
    /// widths) is kept until then, not computed again at every key.
    pub rows_version: u64,
    /// What the directives pane found of all the rows, for `rows_version`, a day and a
    /// language.
    pub row_figures: std::cell::Cell<Option<(FiguresKey, RowFigures)>>,
    /// Each directive's [`RowFact`] by index in `ws.directives`, at a day: made when first
    /// asked for, again after the workspace changes.
    facts: std::cell::RefCell<Option<(NaiveDate, std::rc::Rc<[RowFact]>)>>,
    pub cursor: usize,
    /// The first row on screen.
    pub offset: usize,
    /// Widest id, for the id column.
    pub id_width: usize,
    /// The selected unit's directives, filtered and sorted, before the search.
    base: Vec<Row>,
    selected_id: Option<String>,
    /// The search index: made at the first search (so it does not delay the first screen),
    /// then again after the workspace changes.
    index: Option<SearchIndex>,
    /// The base rows as a set, made at the first search of a set of base rows.
    base_set: Option<Matches>,
    /// The searches typed since the base rows were made, latest last, with what they found:
    /// a search typed again (a Backspace) is not looked for again, and a narrower one (a
    /// letter typed) looks only at what the one it narrows found.
    searches: Vec<(Vec<String>, Matches)>,
}

/// The searches kept in [`List::searches`]: a set is 1 bit per directive (25 KB at 200,000).
const SEARCHES_KEPT: usize = 64;

impl List {
    pub fn selected<'w>(&self, ws: &'w Workspace) -> Option<&'w Directive> {
        self.rows.get(self.cursor).map(|r| &ws.directives[r.index])
    }

    /// The id of the selected directive, kept when the rows are rebuilt.
    pub fn selected_id(&self) -> Option<&str> {
        self.selected_id.as_deref()
    }

    /// A move key on the list.
    pub fn step(&mut self, ws: &Workspace, height: usize, action: Action) {
        let last = self.rows.len().saturating_sub(1);
        let to = scroll::step(self.cursor, last, scroll::page(height), action);
        self.move_to(ws, height, to);
    }

    /// A key while typing the search: the text changes the rows at once.
    pub fn search_input(&mut self, ws: &Workspace, height: usize, action: Action) {
        match action {
            Action::Type(c) => self.search_line.type_char(c),
            Action::Edit(op) => {
                self.search_line.apply(op);
            }
            Action::Confirm => {
                self.searching = false;
                self.release_index();
                return;
            }
            Action::Back => {
                self.searching = false;
                self.search_line.clear();
            }
            Action::Down | Action::Up => return self.step(ws, height, action),
            _ => return,
        }
        self.search = self.search_line.as_str().to_string();
        self.apply_search(ws, height);
        self.release_index();
    }

    /// The search index is let go once no search is open or in force: at 200,000 directives
    /// it holds 30 MB, and `/` makes it again while the user is idle.
    fn release_index(&mut self) {
        if !self.searching && search_terms(&self.search).is_empty() {
            self.index = None;
            self.base_set = None;
            self.searches.clear();
        }
    }

    /// Pasted into the search line.
    pub fn search_paste(&mut self, ws: &Workspace, height: usize, text: &str) {
        self.search_line.paste(text);
        self.search = self.search_line.as_str().to_string();
        self.apply_search(ws, height);
    }

    /// Search opened: the index is folded a few chunks at a time while the user is idle
    /// ([`List::index_step`]), so that the first letter typed finds it (nearly) made.
    pub fn open_search(&mut self, ws: &Workspace) {
        self.searching = true;
        if self.index.is_none() {
            self.index = Some(SearchIndex::start(ws));
        }
    }

    /// Whether the search index is being made (the event loop then calls
    /// [`List::index_step`] while no event waits).
    pub fn index_pending(&self) -> bool {
        self.index.as_ref().is_some_and(|i| !i.is_complete())
    }

    /// Folds a little more of the search index: a few milliseconds, so a key pressed
    /// meanwhile waits no longer.
    pub fn index_step(&mut self, ws: &Workspace) {
        if let Some(index) = &mut self.index {
            index.fold_more(ws, rayon::current_num_threads());
        }
    }

    /// No search any more (the rows follow at the next refilter).
    pub fn clear_search(&mut self) {
        self.search.clear();
        self.search_line.clear();
        self.release_index();
    }

    /// Selects this directive at the next refilter (a directive just created).
    pub(super) fn select_id(&mut self, id: &str) {
        self.selected_id = Some(id.to_string());
    }

    /// A new unit starts at its most urgent directive.
    pub(super) fn reset_cursor(&mut self) {
        self.selected_id = None;
        self.cursor = 0;
        self.offset = 0;
    }

    pub(super) fn place(&self) -> Place {
        Place {
            id: self.selected_id.clone(),
            row: self.cursor.saturating_sub(self.offset),
        }
    }

    /// Puts the selected directive back on the screen row it was on, if it is still selected.
    pub(super) fn restore_place(&mut self, place: Place, height: usize) {
        if place.id.is_some() && place.id == self.selected_id {
            self.offset = self
                .cursor
                .saturating_sub(place.row)
                .min(self.rows.len().saturating_sub(height));
        }
    }

    /// Every directive's [`RowFact`] at `today`, by index in `ws.directives`.
    pub fn facts(&self, ws: &Workspace, today: NaiveDate) -> std::rc::Rc<[RowFact]> {
        let mut facts = self.facts.borrow_mut();
        match &*facts {
            Some((day, made)) if *day == today && made.len() == ws.directives.len() => made.clone(),
            _ => {
                let made: std::rc::Rc<[RowFact]> = ws
                    .directives
                    .par_iter()
                    .map(|d| RowFact::of(d, ws, today))
                    .collect::<Vec<_>>()
                    .into();
                *facts = Some((today, made.clone()));
                made
            }
        }
    }

    /// The caches that depend on the directives themselves: search index, facts, id width.
    pub(super) fn refold(&mut self, ws: &Workspace, changed: &Changed) {
        self.facts.replace(None);
        // The index is by position in `ws.directives`, which any change may move: it is made
        // again at the next search, or while idle if the search line is open.
        self.index = self.searching.then(|| SearchIndex::start(ws));
        self.base_set = None;
        self.searches.clear();
        match changed {
            Changed::All => {
                self.id_width = id_width(ws.directives.iter().map(|d| d.id.as_str()));
            }
            Changed::Directives { touched, .. } => {
                let widest = id_width(touched.iter().map(String::as_str));
                self.id_width = self.id_width.max(widest);
            }
        }
    }

    /// Recomputes the rows of unit `owner` (`None`: all units): those it leads, then those it
    /// supports, each filtered and sorted; then the search.
    pub(super) fn refilter(
        &mut self,
        ws: &Workspace,
        today: NaiveDate,
        owner: Option<&str>,
        height: usize,
    ) {
        let mut lead = Vec::new();
        let mut support = Vec::new();
        let mut owner_total = 0;
        for (index, d) in ws.directives.iter().enumerate() {
            if let Some(path) = &self.meeting {
                if ws.file_of(d).path != *path {
                    continue;
                }
            }
            if let Some(group) = &self.group {
                if ws.owner(&d.owner).is_none_or(|o| o.group != *group) {
                    continue;
                }
            }
            let role = match owner {
                None => Role::Lead,
                Some(o) => match query::role(d, o) {
                    Some(r) => r,
                    None => continue,
                },
            };
            owner_total += 1;
            let keep = if self.filters.is_empty() {
                match self.filter {
                    None => true,
                    Some(ViewFilter::Status(s)) => d.status == s,
                    Some(ViewFilter::Timeliness(tl)) => ws.timeliness(d, today) == tl,
                }
            } else {
                combined(&self.filters, d.status, ws.timeliness(d, today))
            };
            if !keep {
                continue;
            }
            let row = Row {
                index,
                support: role == Role::Support,
            };
            match role {
                Role::Lead => lead.push(row),
                Role::Support => support.push(row),
            }
        }
        let directives = &ws.directives;
        // A meeting reads in file order, the way its notice lists them.
        if self.meeting.is_none() {
            for list in [&mut lead, &mut support] {
                query::sort_with(ws, list, |r| &directives[r.index], self.sort, today);
            }
        }
        lead.append(&mut support);
        self.base = lead;
        self.base_set = None;
        self.searches.clear();
        self.owner_total = owner_total;
        self.apply_search(ws, height);
    }

    /// The base rows narrowed by the search; keeps the selected directive if still shown.
    fn apply_search(&mut self, ws: &Workspace, height: usize) {
        // The selected directive by its place in `ws.directives`: usually the cursor's row
        // (then no id is compared row by row), else looked up (after a reload).
        let selected = self.selected_id.as_deref().and_then(|id| {
            let at_cursor = self.rows.get(self.cursor).map(|r| r.index);
            at_cursor
                .filter(|&i| ws.directives.get(i).is_some_and(|d| d.id == id))
                .or_else(|| ws.directives.iter().position(|d| d.id == id))
        });
        let terms = search_terms(&self.search);
        self.rows_version += 1;
        if terms.is_empty() {
            self.rows.clone_from(&self.base);
        } else {
            let found = self.find(ws, terms);
            self.rows = self
                .base
                .iter()
                .filter(|r| found.contains(r.index))
                .copied()
                .collect();
        }
        let found = selected.and_then(|i| self.rows.iter().position(|r| r.index == i));
        let cursor = found.unwrap_or(self.cursor);
        self.move_to(ws, height, cursor);
    }

    /// The directives of the base rows that `terms` find. A search already typed is taken as
    /// it was found; one that narrows an earlier search (every old term inside a new one)
    /// looks only at what that one found.
    fn find(&mut self, ws: &Workspace, terms: Vec<String>) -> Matches {
        if let Some((_, found)) = self.searches.iter().rev().find(|(t, _)| *t == terms) {
            return found.clone();
        }
        let index = self.index.get_or_insert_with(|| SearchIndex::start(ws));
        index.fold_more(ws, usize::MAX);
        let base = &self.base;
        let base_set = self
            .base_set
            .get_or_insert_with(|| Matches::of(index.len(), base.iter().map(|r| r.index)));
        let within = self
            .searches
            .iter()
            .rev()
            .find(|(old, _)| narrows(old, &terms))
            .map_or(&*base_set, |(_, found)| found);
        let found = index.matching(&terms, within);
        if self.searches.len() == SEARCHES_KEPT {
            self.searches.remove(0);
        }
        self.searches.push((terms, found.clone()));
        found
    }

    fn move_to(&mut self, ws: &Workspace, height: usize, cursor: usize) {
        self.cursor = cursor.min(self.rows.len().saturating_sub(1));
        self.selected_id = self.selected(ws).map(|d| d.id.clone());
        self.scroll(height);
    }

    /// Keeps the cursor on screen, jumping half a page past an edge (see [`scroll::scroll`]).
    pub(super) fn scroll(&mut self, height: usize) {
        let half = height / 2;
        self.offset = scroll::scroll(
            self.offset,
            Span::row(self.cursor),
            self.rows.len(),
            height,
            half,
        );
    }
}

/// The id column's width: the widest id, between 2 and 20. Ids are ASCII (the loader refuses
/// any other), so a byte is a cell.
fn id_width<'a>(ids: impl Iterator<Item = &'a str>) -> usize {
    ids.map(str::len).max().unwrap_or(2).clamp(2, 20)
}

/// The rule of several filters: one of the timeliness values chosen (when any is) and one of
/// the statuses chosen (when any is): "overdue + due soon", "open + in progress + blocked".
pub fn combined(
    filters: &[ViewFilter],
    status: crate::model::Status,
    tl: crate::model::Timeliness,
) -> bool {
    let mut timeliness = filters
        .iter()
        .filter_map(|f| match f {
            ViewFilter::Timeliness(t) => Some(*t),
            _ => None,
        })
        .peekable();
    let mut statuses = filters
        .iter()
        .filter_map(|f| match f {
            ViewFilter::Status(s) => Some(*s),
            _ => None,
        })
        .peekable();
    let tl_ok = timeliness.peek().is_none() || timeliness.any(|t| t == tl);
    let status_ok = statuses.peek().is_none() || statuses.any(|s| s == status);
    tl_ok && status_ok
}
