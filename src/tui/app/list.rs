//! The directives list: the selected unit's directives, filtered, sorted and searched, with
//! its cursor. Rows are indices into `ws.directives`, rebuilt whenever the workspace changes
//! (`App::workspace_changed`); the selection follows the directive's id, not its row.

use super::scroll::{self, Span};
use super::Changed;
use crate::fold;
use crate::i18n::tui as t;
use crate::i18n::Lang;
use crate::model::{Directive, Status, Timeliness, Workspace};
use crate::query::{self, Role, Sort};
use crate::tui::action::Action;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

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
    pub cursor: usize,
    /// The first row on screen.
    pub offset: usize,
    /// Widest id, for the id column.
    pub id_width: usize,
    /// The selected unit's directives, filtered and sorted, before the search.
    base: Vec<Row>,
    selected_id: Option<String>,
    /// Folded search text by directive id: computed once per load, at the first search (so
    /// it does not delay the first screen), then kept up to date as files change.
    folded: Option<FoldedTexts>,
    /// The slot of each base row's text in `folded`, found once per set of base rows: a key
    /// of the search is then a plain scan, with no id hashed.
    base_slots: Option<Vec<u32>>,
    /// The terms of the search that made `rows`, and each row's slot: a search that only
    /// narrows it (a letter typed) looks at those rows, not at all of the base again.
    narrowed: Option<(Vec<String>, Vec<u32>)>,
}

/// Folded search texts, one per directive id, in slots that stay put as files change (a
/// removed directive leaves an empty slot), so rows can point at them by number.
#[derive(Debug, Default)]
struct FoldedTexts {
    slot: HashMap<String, u32, foldhash::fast::RandomState>,
    texts: Vec<String>,
}

impl FoldedTexts {
    fn build(ws: &Workspace) -> FoldedTexts {
        let texts: Vec<String> = ws
            .directives
            .par_iter()
            .map(|d| query::search_text(ws, d))
            .collect();
        let slot = ws
            .directives
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i as u32))
            .collect();
        FoldedTexts { slot, texts }
    }

    /// Sets the text of `id`; true when it is a new id (a new slot).
    fn set(&mut self, id: &str, text: String) -> bool {
        match self.slot.get(id) {
            Some(&s) => {
                self.texts[s as usize] = text;
                false
            }
            None => {
                self.slot.insert(id.to_string(), self.texts.len() as u32);
                self.texts.push(text);
                true
            }
        }
    }

    fn remove(&mut self, id: &str) {
        if let Some(s) = self.slot.remove(id) {
            self.texts[s as usize] = String::new();
        }
    }

    fn slot_of(&self, id: &str) -> u32 {
        self.slot.get(id).copied().unwrap_or(u32::MAX)
    }

    fn matches(&self, slot: u32, words: &[String]) -> bool {
        self.texts
            .get(slot as usize)
            .is_some_and(|text| words.iter().all(|w| text.contains(w.as_str())))
    }
}

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
    }

    /// Pasted into the search line.
    pub fn search_paste(&mut self, ws: &Workspace, height: usize, text: &str) {
        self.search_line.paste(text);
        self.search = self.search_line.as_str().to_string();
        self.apply_search(ws, height);
    }

    /// No search any more (the rows follow at the next refilter).
    pub fn clear_search(&mut self) {
        self.search.clear();
        self.search_line.clear();
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

    /// The caches that depend on the directives themselves: search text and id width.
    pub(super) fn refold(&mut self, ws: &Workspace, changed: &Changed) {
        match changed {
            Changed::All => {
                self.folded = None;
                self.base_slots = None;
                self.narrowed = None;
                self.id_width = id_width(ws.directives.iter().map(|d| d.id.as_str()));
            }
            Changed::Directives { touched, removed } => {
                // A text changed: the rows shown are no longer all a narrower search may find.
                self.narrowed = None;
                if let Some(folded) = &mut self.folded {
                    for id in removed {
                        folded.remove(id);
                    }
                    let mut new_slots = !removed.is_empty();
                    for id in touched {
                        if let Some(d) = ws.directive(id) {
                            new_slots |= folded.set(id, query::search_text(ws, d));
                        }
                    }
                    if new_slots {
                        self.base_slots = None;
                    }
                }
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
        self.base_slots = None;
        self.narrowed = None;
        self.owner_total = owner_total;
        self.apply_search(ws, height);
    }

    /// The base rows narrowed by the search; keeps the selected directive if still shown.
    fn apply_search(&mut self, ws: &Workspace, height: usize) {
        // Same rule as `fold::matches_folded`, with the query folded once, not once per row.
        let words = search_terms(&self.search);
        self.rows_version += 1;
        if words.is_empty() {
            self.rows.clone_from(&self.base);
            self.narrowed = None;
        } else {
            // The biggest cost of a large workspace, paid once per load: over all the cores.
            let folded = self.folded.get_or_insert_with(|| FoldedTexts::build(ws));
            let base = &self.base;
            let base_slots = self.base_slots.get_or_insert_with(|| {
                base.par_iter()
                    .map(|r| folded.slot_of(&ws.directives[r.index].id))
                    .collect()
            });
            // Every old term inside a new one: whatever matches now matched before, so only
            // the rows shown are looked at (a letter typed at the end of the search).
            let (rows, slots) = match &self.narrowed {
                Some((terms, slots)) if narrows(terms, &words) => (&self.rows, slots),
                _ => (base, &*base_slots),
            };
            // On every core too (in order): a key of the search looks at every row.
            let (rows, slots): (Vec<Row>, Vec<u32>) = rows
                .par_iter()
                .zip(slots.par_iter())
                .filter(|(_, &slot)| folded.matches(slot, &words))
                .map(|(r, &slot)| (*r, slot))
                .unzip();
            self.rows = rows;
            self.narrowed = Some((words, slots));
        }
        let found = self.selected_id.as_ref().and_then(|id| {
            self.rows
                .iter()
                .position(|r| ws.directives[r.index].id == *id)
        });
        let cursor = found.unwrap_or(self.cursor);
        self.move_to(ws, height, cursor);
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

/// The search's terms, folded: its words, and each "quoted phrase" as one term (its words in
/// that order, one space apart), so `"giai ngan"` does not match "giải pháp … ngân sách".
/// Whether a search of `new` terms can only find fewer directives than one of `old`: each old
/// term is inside one of the new (a text holding the new one holds the old one too).
fn narrows(old: &[String], new: &[String]) -> bool {
    old.iter()
        .all(|o| new.iter().any(|n| n.contains(o.as_str())))
}

pub fn search_terms(search: &str) -> Vec<String> {
    let folded = fold::fold(search);
    let mut terms = Vec::new();
    for (i, part) in folded.split('"').enumerate() {
        let words = part.split_whitespace();
        if i % 2 == 1 {
            let phrase = words.collect::<Vec<_>>().join(" ");
            if !phrase.is_empty() {
                terms.push(phrase);
            }
        } else {
            terms.extend(words.map(str::to_string));
        }
    }
    terms
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
