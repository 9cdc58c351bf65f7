//! The UI state and its rules: actions in, effects out. No terminal, no disk, no clock: the
//! as-of date is a field, and writes come back as [`Outcome`]s from the effect runner.
//!
//! What the screen shows is cached here (the visible rows, counts, folded search text) and
//! recomputed only when the data or the view changes, so drawing a frame is cheap.

use super::effect::{Effect, Outcome, WriteRequest};
use super::input::{parse_as_of, parse_deadline};
use super::keymap::Mode;
use super::ui::layout;
use crate::fold;
use crate::git::status::GitStatus;
use crate::git::sync::{SyncOutcome, SyncProblem};
use crate::i18n::tui::{self as t, tr};
use crate::i18n::Lang;
use crate::model::{Directive, Status, Timeliness, Workspace};
use crate::query::{self, Role, Sort};
use crate::report::{self, Report, ReportOptions};
use crate::store::edit::Change;
use crate::store::write::WriteError;
use crate::watch::ReloadSummary;
use chrono::NaiveDate;
use ratatui::layout::Rect;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// What the user asked for, after the keymap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    NextPane,
    FocusOwners,
    FocusDirectives,
    /// Enter: open the detail, choose in a picker, save a prompt.
    Confirm,
    /// Esc: close, cancel, go back.
    Back,
    Help,
    StatusPicker,
    SetStatus(Status),
    EditDeadline,
    AddNote,
    NoteInEditor,
    Undo,
    StartSearch,
    FilterPicker,
    CycleSort,
    Reload,
    /// Open or close the dashboard (figures by unit, as `dondoc report`).
    Dashboard,
    /// Ask for a new as-of date for the whole UI.
    AsOf,
    /// Commit, pull and push in the background.
    Sync,
    Quit,
    Type(char),
    Backspace,
    ClearInput,
    Resize(u16, u16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Owners,
    Directives,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Detail,
    /// Figures by unit in the report's buckets, worst first (`ui/dashboard.rs`).
    Dashboard,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Popup {
    Help { scroll: u16 },
    StatusPicker { cursor: usize },
    FilterPicker { cursor: usize },
    Prompt(Prompt),
}

/// A line of text being typed for one directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// The directive it is for, fixed when the prompt opens.
    pub id: String,
    pub input: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// A note, with the status chosen just before (if any).
    Note {
        status: Option<Status>,
    },
    Deadline,
    /// The as-of date of the whole UI (the prompt's `id` is empty: it is for no directive).
    AsOf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

/// Show only directives with this timeliness or status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewFilter {
    Timeliness(Timeliness),
    Status(Status),
}

impl ViewFilter {
    /// The filter picker's choices, after "no filter".
    pub fn choices() -> Vec<ViewFilter> {
        Timeliness::ALL
            .into_iter()
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

/// A row of the owners pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerRow {
    All,
    /// A group heading (not selectable): index into `ws.groups`.
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

/// A row of the directives pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Row {
    /// Index into `ws.directives` (valid until the workspace changes; rows are rebuilt then).
    pub index: usize,
    /// The selected unit coordinates this directive rather than leading it.
    pub support: bool,
}

/// A row of the dashboard; indices into `Report::groups` and their `units`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DashRow {
    Group(usize),
    Unit(usize, usize),
    /// The group's total, after its units.
    Total(usize),
}

/// An edit that can be taken back: the change that restores the old values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    pub id: String,
    pub change: Change,
}

const UNDO_DEPTH: usize = 100;

/// What the title bar knows of git.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum GitState {
    /// Not asked yet (the first `git status` runs in the background at startup).
    #[default]
    Unknown,
    /// Not a git repository: the title bar shows nothing of git.
    NotRepo,
    Repo(GitStatus),
}

pub struct App {
    pub ws: Workspace,
    /// The as-of date: every timeliness, count, sort and figure is computed at it. `t` changes
    /// it; `done` without a date and `+N` deadlines count from it too (as `--today` in the CLI).
    pub today: NaiveDate,
    /// The calendar's date when the UI started (the title bar says when `today` differs).
    /// Log entries still get the real time from the effect runner's clock.
    pub clock_today: NaiveDate,
    pub lang: Lang,
    /// False with NO_COLOR: meaning is then carried by symbols, text and bold/reverse.
    pub color: bool,
    pub size: (u16, u16),
    pub focus: Pane,
    pub view: View,
    pub popup: Option<Popup>,
    /// Typing into the search line.
    pub searching: bool,
    pub search: String,
    pub filter: Option<ViewFilter>,
    pub sort: Sort,
    pub message: Option<Message>,
    pub undo: Vec<UndoEntry>,
    pub quit: bool,
    pub git: GitState,
    /// A sync is running (a second `S` waits for it).
    pub syncing: bool,
    /// Directives changed by others (reloaded from disk or pulled) since the screen opened,
    /// not yet seen: marked `•` (in the row and the detail) until the cursor has been on
    /// them and moves on: the mark stays while one is selected, so the detail explains it.
    pub changed: HashSet<String>,

    pub owner_rows: Vec<OwnerRow>,
    pub owner_cursor: usize,
    pub owner_offset: usize,
    /// By owner index.
    pub owner_counts: Vec<Counts>,
    pub all_counts: Counts,
    /// Directives by timeliness, in `Timeliness::ALL` order, for the title bar.
    pub totals: [usize; 7],

    /// The selected unit's directives, filtered and sorted, before the search.
    base: Vec<Row>,
    /// Directives of the selected unit before the filter and the search.
    pub owner_total: usize,
    pub rows: Vec<Row>,
    pub cursor: usize,
    pub offset: usize,
    pub detail_scroll: u16,
    /// Widest id, for the id column.
    pub id_width: usize,
    selected_id: Option<String>,
    selected_owner: Option<String>,

    /// The dashboard's figures: `report::compute` with no period, as of `today`. Computed when
    /// the dashboard opens, then again only when the workspace or the as-of date changes.
    report: Option<Report>,
    pub dash_rows: Vec<DashRow>,
    /// Index into `dash_rows`, always on a unit.
    pub dash_cursor: usize,
    pub dash_offset: usize,
    /// The owner id under the dashboard cursor, kept when the ranking changes.
    dash_unit: Option<String>,
    /// Folded search text by directive id: computed once per load, at the first search (so
    /// it does not delay the first screen), then kept up to date file by file as edits land.
    folded: Option<HashMap<String, String>>,
}

impl App {
    pub fn new(ws: Workspace, today: NaiveDate, lang: Lang, size: (u16, u16)) -> App {
        let mut app = App {
            ws,
            today,
            clock_today: today,
            lang,
            color: true,
            size,
            focus: Pane::Directives,
            view: View::List,
            popup: None,
            searching: false,
            search: String::new(),
            filter: None,
            sort: Sort::Urgency,
            message: None,
            undo: Vec::new(),
            quit: false,
            git: GitState::Unknown,
            syncing: false,
            changed: HashSet::new(),
            owner_rows: Vec::new(),
            owner_cursor: 0,
            owner_offset: 0,
            owner_counts: Vec::new(),
            all_counts: Counts::default(),
            totals: [0; 7],
            base: Vec::new(),
            owner_total: 0,
            rows: Vec::new(),
            cursor: 0,
            offset: 0,
            detail_scroll: 0,
            id_width: 0,
            selected_id: None,
            selected_owner: None,
            report: None,
            dash_rows: Vec::new(),
            dash_cursor: 0,
            dash_offset: 0,
            dash_unit: None,
            folded: None,
        };
        app.reindex(None);
        app.report_problems();
        app
    }

    /// What the keys mean now.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Help { .. }) => Mode::Help,
            Some(Popup::StatusPicker { .. }) => Mode::StatusPicker,
            Some(Popup::FilterPicker { .. }) => Mode::FilterPicker,
            Some(Popup::Prompt(p)) => match p.kind {
                PromptKind::Note { .. } => Mode::NoteInput,
                PromptKind::Deadline => Mode::DeadlineInput,
                PromptKind::AsOf => Mode::AsOfInput,
            },
            None if self.searching => Mode::Search,
            None if self.view == View::Detail => Mode::Detail,
            None if self.view == View::Dashboard => Mode::Dashboard,
            None => Mode::Normal,
        }
    }

    pub fn selected(&self) -> Option<&Directive> {
        self.rows
            .get(self.cursor)
            .map(|r| &self.ws.directives[r.index])
    }

    pub fn directive(&self, row: &Row) -> &Directive {
        &self.ws.directives[row.index]
    }

    /// The selected unit; `None` is "All units".
    pub fn selected_owner(&self) -> Option<usize> {
        match self.owner_rows.get(self.owner_cursor) {
            Some(OwnerRow::Owner(i)) => Some(*i),
            _ => None,
        }
    }

    pub fn timeliness(&self, d: &Directive) -> Timeliness {
        self.ws.timeliness(d, self.today)
    }

    /// Rows of directives the pane can show at this size.
    pub fn list_height(&self) -> usize {
        let (w, h) = self.size;
        layout::areas(Rect::new(0, 0, w, h), Pane::Directives, View::List)
            .list
            .map_or(1, |r| layout::list_rows(r) as usize)
            .max(1)
    }

    pub fn owners_height(&self) -> usize {
        let (w, h) = self.size;
        layout::areas(Rect::new(0, 0, w, h), Pane::Owners, View::List)
            .owners
            .map_or(1, |r| r.height.saturating_sub(2) as usize)
            .max(1)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            level: Level::Info,
            text: text.into(),
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            level: Level::Error,
            text: text.into(),
        });
    }

    fn report_problems(&mut self) {
        if let Some(first) = self.ws.problems.first() {
            let text = t::problems_on_load(self.lang, self.ws.problems.len(), &first.to_string());
            self.message = Some(Message {
                level: Level::Warning,
                text,
            });
        }
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => {
                self.quit = true;
                return vec![];
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.scroll_owners();
                self.scroll_list();
                self.scroll_dashboard();
                return vec![];
            }
            _ => {}
        }
        match self.popup.take() {
            Some(Popup::Help { scroll }) => {
                self.popup = match action {
                    Action::Down => Some(Popup::Help {
                        scroll: scroll.saturating_add(1),
                    }),
                    Action::Up => Some(Popup::Help {
                        scroll: scroll.saturating_sub(1),
                    }),
                    Action::Back | Action::Help => None,
                    _ => Some(Popup::Help { scroll }),
                };
                vec![]
            }
            Some(Popup::StatusPicker { cursor }) => self.status_picker(cursor, action),
            Some(Popup::FilterPicker { cursor }) => {
                self.filter_picker(cursor, action);
                vec![]
            }
            Some(Popup::Prompt(prompt)) => self.prompt(prompt, action),
            None if self.searching => {
                self.search_input(action);
                vec![]
            }
            None => self.lists(action),
        }
    }

    fn lists(&mut self, action: Action) -> Vec<Effect> {
        if self.view == View::Dashboard {
            return self.dashboard(action);
        }
        let owners = self.focus == Pane::Owners && self.view == View::List;
        match action {
            Action::Down | Action::Up | Action::Top | Action::Bottom if owners => {
                self.move_owner(action)
            }
            Action::PageDown | Action::PageUp if owners => self.move_owner(action),
            Action::PageDown if self.view == View::Detail => {
                self.detail_scroll = self.detail_scroll.saturating_add(self.page() as u16)
            }
            Action::PageUp if self.view == View::Detail => {
                self.detail_scroll = self.detail_scroll.saturating_sub(self.page() as u16)
            }
            Action::Down => self.move_and_see(self.cursor.saturating_add(1)),
            Action::Up => self.move_and_see(self.cursor.saturating_sub(1)),
            Action::Top => self.move_and_see(0),
            Action::Bottom => self.move_and_see(self.rows.len().saturating_sub(1)),
            Action::PageDown => self.move_and_see(self.cursor + self.page()),
            Action::PageUp => self.move_and_see(self.cursor.saturating_sub(self.page())),
            Action::NextPane => {
                self.focus = match self.focus {
                    Pane::Owners => Pane::Directives,
                    Pane::Directives => Pane::Owners,
                }
            }
            Action::FocusOwners => self.focus = Pane::Owners,
            Action::FocusDirectives => self.focus = Pane::Directives,
            Action::Confirm if owners => self.focus = Pane::Directives,
            Action::Confirm if self.selected().is_some() => {
                self.view = View::Detail;
                self.detail_scroll = 0;
            }
            Action::Back if self.view == View::Detail => self.view = View::List,
            Action::Back if !self.search.is_empty() || self.filter.is_some() => {
                self.search.clear();
                self.filter = None;
                self.refilter();
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::StartSearch => {
                self.searching = true;
                self.focus = Pane::Directives;
            }
            Action::FilterPicker => {
                let cursor = self
                    .filter
                    .and_then(|f| ViewFilter::choices().iter().position(|c| *c == f))
                    .map_or(0, |i| i + 1);
                self.popup = Some(Popup::FilterPicker { cursor });
            }
            Action::CycleSort => {
                self.sort = self.sort.next();
                self.refilter();
                self.info(t::sorted_message(self.lang, self.sort));
            }
            Action::Reload => return vec![Effect::Reload],
            Action::Dashboard => self.open_dashboard(),
            Action::AsOf => self.ask_as_of(),
            Action::Sync => return self.start_sync(),
            Action::Undo => return self.undo_last(),
            Action::StatusPicker
            | Action::SetStatus(_)
            | Action::EditDeadline
            | Action::AddNote
            | Action::NoteInEditor => return self.start_edit(action),
            _ => {}
        }
        vec![]
    }

    fn page(&self) -> usize {
        self.list_height().saturating_sub(1).max(1)
    }

    /// Edits act on the selected directive, from the directives pane or the detail.
    fn start_edit(&mut self, action: Action) -> Vec<Effect> {
        let target = match self.selected() {
            Some(d) if self.focus == Pane::Directives || self.view == View::Detail => {
                (d.id.clone(), d.status, d.note.clone())
            }
            _ => {
                self.info(tr(self.lang, t::CHOOSE_DIRECTIVE));
                return vec![];
            }
        };
        let (id, status, note) = target;
        let prompt = |kind| Prompt {
            kind,
            id: id.clone(),
            input: String::new(),
        };
        match action {
            Action::StatusPicker => {
                let cursor = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
                self.popup = Some(Popup::StatusPicker { cursor });
            }
            Action::SetStatus(s) => {
                self.popup = Some(Popup::Prompt(prompt(PromptKind::Note { status: Some(s) })))
            }
            Action::EditDeadline => self.popup = Some(Popup::Prompt(prompt(PromptKind::Deadline))),
            Action::AddNote => {
                self.popup = Some(Popup::Prompt(prompt(PromptKind::Note { status: None })))
            }
            Action::NoteInEditor => {
                // A long note starts from the current one, to extend or rewrite it.
                let mut p = prompt(PromptKind::Note { status: None });
                p.input = note.unwrap_or_default();
                self.popup = Some(Popup::Prompt(p.clone()));
                return vec![Effect::Editor(p)];
            }
            _ => {}
        }
        vec![]
    }

    fn status_picker(&mut self, cursor: usize, action: Action) -> Vec<Effect> {
        let last = Status::ALL.len() - 1;
        let pick = |app: &mut App, status: Status| {
            app.popup = None;
            app.start_edit(Action::SetStatus(status))
        };
        match action {
            Action::Down => {
                self.popup = Some(Popup::StatusPicker {
                    cursor: (cursor + 1).min(last),
                })
            }
            Action::Up => {
                self.popup = Some(Popup::StatusPicker {
                    cursor: cursor.saturating_sub(1),
                })
            }
            Action::Confirm => return pick(self, Status::ALL[cursor.min(last)]),
            Action::SetStatus(s) => return pick(self, s),
            Action::Back => {}
            _ => self.popup = Some(Popup::StatusPicker { cursor }),
        }
        vec![]
    }

    fn filter_picker(&mut self, cursor: usize, action: Action) {
        let last = ViewFilter::choices().len();
        match action {
            Action::Down => {
                self.popup = Some(Popup::FilterPicker {
                    cursor: (cursor + 1).min(last),
                })
            }
            Action::Up => {
                self.popup = Some(Popup::FilterPicker {
                    cursor: cursor.saturating_sub(1),
                })
            }
            Action::Confirm => {
                self.filter = cursor
                    .checked_sub(1)
                    .and_then(|i| ViewFilter::choices().get(i).copied());
                self.focus = Pane::Directives;
                self.refilter();
            }
            Action::Back => {}
            _ => self.popup = Some(Popup::FilterPicker { cursor }),
        }
    }

    fn prompt(&mut self, mut prompt: Prompt, action: Action) -> Vec<Effect> {
        match action {
            Action::Type(c) => prompt.input.push(c),
            Action::Backspace => {
                prompt.input.pop();
            }
            Action::ClearInput => prompt.input.clear(),
            Action::Back => return vec![],
            Action::Confirm => return self.submit(prompt),
            Action::NoteInEditor => {
                self.popup = Some(Popup::Prompt(prompt.clone()));
                return vec![Effect::Editor(prompt)];
            }
            _ => {}
        }
        self.popup = Some(Popup::Prompt(prompt));
        vec![]
    }

    /// Turns a prompt into a write, or says why not (keeping the prompt open with its text).
    fn submit(&mut self, prompt: Prompt) -> Vec<Effect> {
        let change = match prompt.kind {
            PromptKind::AsOf => {
                match parse_as_of(&prompt.input, self.today, self.clock_today) {
                    Ok(date) => self.set_as_of(date),
                    Err(e) => {
                        self.error(t::as_of_error(self.lang, &e));
                        self.popup = Some(Popup::Prompt(prompt));
                    }
                }
                return vec![];
            }
            PromptKind::Note { status } => {
                let note = prompt.input.trim();
                Change {
                    status,
                    note: (!note.is_empty()).then(|| Some(note.to_string())),
                    ..Change::default()
                }
            }
            PromptKind::Deadline => match parse_deadline(&prompt.input, self.today) {
                Ok(deadline) => Change {
                    deadline: Some(deadline),
                    ..Change::default()
                },
                Err(e) => {
                    self.error(t::deadline_error(self.lang, &e));
                    self.popup = Some(Popup::Prompt(prompt));
                    return vec![];
                }
            },
        };
        let Some(current) = self.ws.directive(&prompt.id) else {
            self.error(format!("\"{}\"?", prompt.id));
            return vec![];
        };
        let change = change.resolve(current, self.today);
        if change.is_empty() {
            self.info(tr(self.lang, t::NOTHING_TO_CHANGE));
            return vec![];
        }
        vec![Effect::Write(WriteRequest {
            id: prompt.id.clone(),
            change,
            undo: false,
            prompt: Some(prompt),
        })]
    }

    fn undo_last(&mut self) -> Vec<Effect> {
        let Some(entry) = self.undo.pop() else {
            self.info(tr(self.lang, t::NOTHING_TO_UNDO));
            return vec![];
        };
        let Some(current) = self.ws.directive(&entry.id) else {
            self.error(format!("\"{}\"?", entry.id));
            return vec![];
        };
        let change = entry.change.resolve(current, self.today);
        if change.is_empty() {
            self.info(tr(self.lang, t::NOTHING_TO_CHANGE));
            return vec![];
        }
        vec![Effect::Write(WriteRequest {
            id: entry.id,
            change,
            undo: true,
            prompt: None,
        })]
    }

    fn search_input(&mut self, action: Action) {
        match action {
            Action::Type(c) => {
                self.search.push(c);
                self.apply_search();
            }
            Action::Backspace => {
                self.search.pop();
                self.apply_search();
            }
            Action::ClearInput => {
                self.search.clear();
                self.apply_search();
            }
            Action::Confirm => self.searching = false,
            Action::Back => {
                self.searching = false;
                self.search.clear();
                self.apply_search();
            }
            Action::Down => self.move_and_see(self.cursor.saturating_add(1)),
            Action::Up => self.move_and_see(self.cursor.saturating_sub(1)),
            _ => {}
        }
    }

    fn start_sync(&mut self) -> Vec<Effect> {
        if self.syncing {
            self.info(tr(self.lang, t::SYNC_RUNNING));
            return vec![];
        }
        if self.git == GitState::NotRepo {
            self.error(tr(self.lang, t::SYNC_NOT_A_REPO));
            return vec![];
        }
        self.syncing = true;
        self.info(tr(self.lang, t::SYNC_STARTED));
        vec![Effect::Sync]
    }

    /// A move the user made: the directive left counts as seen.
    fn move_and_see(&mut self, cursor: usize) {
        self.see_selected();
        self.move_to(cursor);
    }

    fn see_selected(&mut self) {
        if self.changed.is_empty() {
            return;
        }
        if let Some(id) = self.selected_id.clone() {
            self.changed.remove(&id);
        }
    }

    /// Changed by others since the screen opened, and not seen yet.
    pub fn is_changed(&self, id: &str) -> bool {
        self.changed.contains(id)
    }

    /// The git status, when the workspace is in a repository.
    pub fn git_status(&self) -> Option<&GitStatus> {
        match &self.git {
            GitState::Repo(s) => Some(s),
            _ => None,
        }
    }

    /// The directive's file has an unresolved git conflict.
    pub fn is_conflicted(&self, d: &Directive) -> bool {
        let path = &self.ws.file_of(d).path;
        self.git_status()
            .is_some_and(|s| s.conflicted.iter().any(|c| c == path))
    }

    /// Runs `change`, then puts the selected directive back on the same screen row (a reload
    /// must not make the list jump under the user's eyes).
    fn keeping_place(&mut self, change: impl FnOnce(&mut App)) {
        let id = self.selected_id.clone();
        let row = self.cursor.saturating_sub(self.offset);
        change(self);
        if id.is_some() && id == self.selected_id {
            let height = self.list_height();
            self.offset = self
                .cursor
                .saturating_sub(row)
                .min(self.rows.len().saturating_sub(height));
        }
    }

    /// Takes the result of an effect; returns what follows from it (a git status refresh
    /// after every change to the files, a reload after a sync).
    pub fn apply(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Written {
                request,
                written,
                others,
            } => {
                let what = t::describe_change(self.lang, &request.change, &written.before);
                let mut text = if request.undo {
                    format!("{} {}: {what}", tr(self.lang, t::UNDONE), request.id)
                } else {
                    self.undo.push(UndoEntry {
                        id: request.id.clone(),
                        change: request.change.inverse(&written.before),
                    });
                    if self.undo.len() > UNDO_DEPTH {
                        self.undo.remove(0);
                    }
                    format!("{} {}: {what}", tr(self.lang, t::SAVED), request.id)
                };
                text.push_str(&format!(" ({})", written.path));
                if written.rebased {
                    text.push_str(&format!("; {}", tr(self.lang, t::REBASED)));
                }
                if !others.is_empty() {
                    text.push_str(&format!("; {}", t::others_changed(self.lang, &others)));
                    self.changed.extend(others);
                }
                self.info(text);
                self.reindex(Some(&written.path));
                return vec![Effect::GitStatus];
            }
            Outcome::WriteFailed { request, error } => {
                self.error(t::write_error(self.lang, &request.id, &error));
                if matches!(error, WriteError::Stale { .. }) {
                    // The file was reloaded: the new value shows, marked as someone else's.
                    self.changed.insert(request.id.clone());
                }
                if request.undo {
                    self.undo.push(UndoEntry {
                        id: request.id.clone(),
                        change: request.change.clone(),
                    });
                }
                if let Some(prompt) = request.prompt {
                    self.popup = Some(Popup::Prompt(prompt));
                }
                // A refused write may have reloaded the file to show what is on disk now.
                self.reindex(None);
            }
            Outcome::Reloaded(Ok(ws)) => {
                self.ws = *ws;
                self.reindex(None);
                self.info(t::reloaded(
                    self.lang,
                    self.ws.directives.len(),
                    self.ws.problems.len(),
                ));
                if !self.ws.problems.is_empty() {
                    self.report_problems();
                }
                return vec![Effect::GitStatus];
            }
            Outcome::Reloaded(Err(e)) | Outcome::ReloadedAfterSync(Err(e)) => {
                self.error(format!("{}: {e}", tr(self.lang, t::RELOADING_FAILED)))
            }
            Outcome::ReloadedAfterSync(Ok(ws)) => {
                // The sync's message stays: it says what changed.
                self.keeping_place(|app| {
                    app.ws = *ws;
                    app.reindex(None);
                });
                return vec![Effect::GitStatus];
            }
            Outcome::FilesReloaded(summary) => return self.files_reloaded(summary),
            Outcome::WatchFailed(e) => self.warn(t::watch_failed(self.lang, &e)),
            Outcome::GitStatus(status) => self.git_status_arrived(status),
            Outcome::Committed { id, result } => {
                match result {
                    Ok(Some(hash)) => {
                        let note = t::committed(self.lang, &hash);
                        match &mut self.message {
                            // Added to "Saved <id>: …" if that is still what the line says.
                            Some(m) if m.level == Level::Info && m.text.contains(&id) => {
                                m.text.push_str(&format!("; {note}"))
                            }
                            _ => self.info(format!("{id}: {note}")),
                        }
                    }
                    Ok(None) => {}
                    Err(e) => self.warn(t::commit_failed(self.lang, &id, &e)),
                }
                return vec![Effect::GitStatus];
            }
            Outcome::SyncStep(step) => {
                self.syncing = true;
                self.info(t::sync_step(self.lang, &step));
            }
            Outcome::Synced(outcome) => return self.synced(*outcome),
            Outcome::Started => {}
            Outcome::EditorClosed { mut prompt, result } => {
                match result {
                    Ok(text) => prompt.input = text,
                    Err(e) => self.error(format!("{}: {e}", tr(self.lang, t::EDITOR_FAILED))),
                }
                self.popup = Some(Popup::Prompt(prompt));
            }
        }
        vec![]
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            level: Level::Warning,
            text: text.into(),
        });
    }

    /// Files changed on disk were reloaded: new rows, same selection and place on screen,
    /// the changes marked and told in the status line.
    fn files_reloaded(&mut self, summary: ReloadSummary) -> Vec<Effect> {
        if summary.is_empty() {
            return vec![];
        }
        if let Some(e) = &summary.error {
            self.error(format!("{}: {e}", tr(self.lang, t::RELOADING_FAILED)));
            return vec![];
        }
        self.changed.extend(summary.updated.iter().cloned());
        self.changed.extend(summary.added.iter().cloned());
        for id in &summary.removed {
            self.changed.remove(id);
        }
        self.keeping_place(|app| {
            if summary.config_changed {
                app.reindex(None);
            } else {
                app.reindex_directives(&summary);
            }
        });
        let mut text = t::reload_summary(self.lang, &summary);
        if summary.broken_files.is_empty() {
            self.info(text);
        } else {
            for path in &summary.broken_files {
                let why = self
                    .ws
                    .problems
                    .iter()
                    .find(|p| p.path == *path)
                    .map(|p| p.to_string())
                    .or_else(|| {
                        let file = self.ws.files.iter().find(|f| f.path == *path)?;
                        Some(format!("{path}: {}", file.broken.clone()?))
                    })
                    .unwrap_or_else(|| path.clone());
                if !text.is_empty() {
                    text.push_str("; ");
                }
                text.push_str(&t::file_broken(self.lang, &why));
            }
            self.warn(text);
        }
        vec![Effect::GitStatus]
    }

    fn git_status_arrived(&mut self, status: Option<GitStatus>) {
        let was_stopped = self.git_status().and_then(|s| s.operation);
        self.git = match status {
            Some(s) => GitState::Repo(s),
            None => GitState::NotRepo,
        };
        // A rebase or merge left stopped (by a sync, or by hand): say how to get out, once
        // when it appears; the title bar keeps showing it until it is resolved.
        if let Some(s) = self.git_status() {
            if let Some(op) = s.operation {
                if was_stopped != Some(op) {
                    let text = t::operation_stopped(self.lang, op, &s.conflicted);
                    self.warn(text);
                }
            }
        }
    }

    fn synced(&mut self, outcome: SyncOutcome) -> Vec<Effect> {
        self.syncing = false;
        self.changed
            .extend(outcome.updated_by_others.iter().cloned());
        self.changed.extend(outcome.added_by_others.iter().cloned());
        let text = t::sync_summary(self.lang, &outcome);
        match &outcome.problem {
            None => self.info(text),
            Some(SyncProblem::NotARepo) => {
                self.git = GitState::NotRepo;
                self.error(text);
                return vec![];
            }
            Some(_) => self.error(text),
        }
        vec![Effect::ReloadAfterSync, Effect::GitStatus]
    }

    /// The caches after some directives were reloaded (not the config): the folded search
    /// text of those directives only; counts and rows as after any change.
    fn reindex_directives(&mut self, summary: &ReloadSummary) {
        let ws = &self.ws;
        if let Some(folded) = &mut self.folded {
            for id in &summary.removed {
                folded.remove(id);
            }
            let touched: HashSet<&str> = summary
                .updated
                .iter()
                .chain(&summary.added)
                .map(String::as_str)
                .collect();
            for d in ws
                .directives
                .iter()
                .filter(|d| touched.contains(d.id.as_str()))
            {
                folded.insert(d.id.clone(), query::search_text(ws, d));
            }
        }
        if !summary.added.is_empty() {
            self.id_width = self.id_width.max(
                summary
                    .added
                    .iter()
                    .map(|id| super::ui::text::width(id))
                    .max()
                    .unwrap_or(2)
                    .clamp(2, 20),
            );
        }
        self.count();
        self.refilter();
    }

    /// Recomputes the caches after the workspace changed: the folded search text of one
    /// written file (or all of it), the counts, the owner rows, the visible rows.
    fn reindex(&mut self, written_path: Option<&str>) {
        let ws = &self.ws;
        match written_path {
            Some(path) => {
                if let Some(folded) = &mut self.folded {
                    for d in ws.directives.iter().filter(|d| ws.file_of(d).path == path) {
                        folded.insert(d.id.clone(), query::search_text(ws, d));
                    }
                }
            }
            None => {
                self.folded = None;
                self.id_width = ws
                    .directives
                    .iter()
                    .map(|d| super::ui::text::width(&d.id))
                    .max()
                    .unwrap_or(2)
                    .clamp(2, 20);
                self.build_owner_rows();
            }
        }
        self.count();
        self.refilter();
        self.refresh_report();
    }

    fn build_owner_rows(&mut self) {
        let ws = &self.ws;
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
        let selected = self.selected_owner.clone();
        self.owner_rows = rows;
        self.owner_cursor = selected
            .and_then(|id| {
                self.owner_rows
                    .iter()
                    .position(|r| matches!(r, OwnerRow::Owner(i) if self.ws.owners[*i].id == id))
            })
            .unwrap_or(0);
        self.scroll_owners();
    }

    fn count(&mut self) {
        let ws = &self.ws;
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
            let tl = ws.timeliness(d, self.today);
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
        self.owner_counts = counts;
        self.all_counts = all;
        self.totals = totals;
    }

    /// Recomputes the selected unit's rows: those it leads, then those it supports, each
    /// filtered and sorted; then the search.
    fn refilter(&mut self) {
        let ws = &self.ws;
        let owner = self.selected_owner().map(|i| ws.owners[i].id.as_str());
        let mut lead = Vec::new();
        let mut support = Vec::new();
        let mut owner_total = 0;
        for (index, d) in ws.directives.iter().enumerate() {
            let role = match owner {
                None => Role::Lead,
                Some(o) => match query::role(d, o) {
                    Some(r) => r,
                    None => continue,
                },
            };
            owner_total += 1;
            let keep = match self.filter {
                None => true,
                Some(ViewFilter::Status(s)) => d.status == s,
                Some(ViewFilter::Timeliness(tl)) => ws.timeliness(d, self.today) == tl,
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
        for list in [&mut lead, &mut support] {
            query::sort_with(ws, list, |r| &directives[r.index], self.sort, self.today);
        }
        lead.append(&mut support);
        self.base = lead;
        self.owner_total = owner_total;
        self.apply_search();
    }

    /// The base rows narrowed by the search; keeps the selected directive if still shown.
    fn apply_search(&mut self) {
        // Same rule as `fold::matches_folded`, with the query folded once, not once per row.
        let words: Vec<String> = fold::fold(&self.search)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            self.rows.clone_from(&self.base);
        } else {
            let ws = &self.ws;
            // The biggest cost of a large workspace, paid once per load: over all the cores.
            let folded = self.folded.get_or_insert_with(|| {
                ws.directives
                    .par_iter()
                    .map(|d| (d.id.clone(), query::search_text(ws, d)))
                    .collect()
            });
            self.rows = self
                .base
                .iter()
                .filter(|r| {
                    folded
                        .get(&ws.directives[r.index].id)
                        .is_some_and(|text| words.iter().all(|w| text.contains(w.as_str())))
                })
                .copied()
                .collect();
        }
        let found = self.selected_id.as_ref().and_then(|id| {
            self.rows
                .iter()
                .position(|r| self.ws.directives[r.index].id == *id)
        });
        let cursor = found.unwrap_or(self.cursor);
        self.move_to(cursor);
    }

    fn move_to(&mut self, cursor: usize) {
        self.cursor = cursor.min(self.rows.len().saturating_sub(1));
        self.selected_id = self.selected().map(|d| d.id.clone());
        self.scroll_list();
    }

    /// Keeps the cursor on screen. Stepping past an edge scrolls by half a page, not one row:
    /// every scroll redraws the whole list, so over SSH one big jump every half page costs
    /// far less than a redraw on every key.
    fn scroll_list(&mut self) {
        let height = self.list_height();
        let half = height / 2;
        if self.cursor < self.offset {
            let jump = if self.offset - self.cursor == 1 {
                half
            } else {
                0
            };
            self.offset = self.cursor.saturating_sub(jump);
        } else if self.cursor >= self.offset + height {
            let jump = if self.cursor - (self.offset + height) == 0 {
                half
            } else {
                0
            };
            self.offset = self.cursor + 1 + jump - height;
        }
        // No empty space below the last row when the list shrank.
        self.offset = self.offset.min(self.rows.len().saturating_sub(height));
    }

    fn move_owner(&mut self, action: Action) {
        let selectable: Vec<usize> = (0..self.owner_rows.len())
            .filter(|&i| !matches!(self.owner_rows[i], OwnerRow::Group(_)))
            .collect();
        let Some(at) = selectable.iter().position(|&i| i == self.owner_cursor) else {
            return;
        };
        let page = self.owners_height().saturating_sub(1).max(1);
        let last = selectable.len() - 1;
        let to = step(at, last, page, &action);
        if to == at {
            return;
        }
        self.see_selected();
        self.owner_cursor = selectable[to];
        self.selected_owner = self.selected_owner().map(|i| self.ws.owners[i].id.clone());
        self.scroll_owners();
        // A new unit starts at its most urgent directive.
        self.selected_id = None;
        self.cursor = 0;
        self.offset = 0;
        self.refilter();
    }

    fn scroll_owners(&mut self) {
        let height = self.owners_height();
        // Show the group heading above the first unit of a group when scrolling up to it.
        let want_top = if self.owner_cursor > 0
            && matches!(
                self.owner_rows.get(self.owner_cursor - 1),
                Some(OwnerRow::Group(_))
            ) {
            self.owner_cursor - 1
        } else {
            self.owner_cursor
        };
        if want_top < self.owner_offset {
            self.owner_offset = want_top;
        } else if self.owner_cursor >= self.owner_offset + height {
            self.owner_offset = self.owner_cursor + 1 - height;
        }
        self.owner_offset = self
            .owner_offset
            .min(self.owner_rows.len().saturating_sub(height));
    }
}

/// The dashboard and the as-of date.
impl App {
    /// The dashboard's figures, once it has been opened (see `report` above).
    pub fn report(&self) -> Option<&Report> {
        self.report.as_ref()
    }

    /// The unit under the dashboard cursor.
    pub fn dash_selected(&self) -> Option<&report::UnitReport> {
        match self.dash_rows.get(self.dash_cursor) {
            Some(&DashRow::Unit(g, u)) => self.report.as_ref().map(|r| &r.groups[g].units[u]),
            _ => None,
        }
    }

    /// Rows of the dashboard's table at this size.
    pub fn dash_height(&self) -> usize {
        let (w, h) = self.size;
        layout::areas(Rect::new(0, 0, w, h), self.focus, View::Dashboard)
            .dashboard
            .map_or(1, |r| super::ui::dashboard::table_rows(r) as usize)
            .max(1)
    }

    fn open_dashboard(&mut self) {
        self.view = View::Dashboard;
        if self.report.is_none() {
            self.compute_report();
        }
    }

    fn ask_as_of(&mut self) {
        self.popup = Some(Popup::Prompt(Prompt {
            kind: PromptKind::AsOf,
            id: String::new(),
            input: String::new(),
        }));
    }

    /// Moves the whole UI to another as-of date: counts, timeliness, sorting, the dashboard.
    pub fn set_as_of(&mut self, date: NaiveDate) {
        self.today = date;
        self.count();
        self.refilter();
        self.refresh_report();
        let overdue = self.totals[Timeliness::Overdue as usize];
        self.info(t::as_of_changed(self.lang, date, overdue));
    }

    /// After the workspace or the as-of date changed: recompute now if the dashboard shows,
    /// else when it next opens.
    fn refresh_report(&mut self) {
        self.report = None;
        if self.view == View::Dashboard {
            self.compute_report();
        }
    }

    fn compute_report(&mut self) {
        // The dashboard ranks units worst first, to chase the late ones.
        let opts = ReportOptions {
            rank: true,
            ..ReportOptions::new(self.today)
        };
        let report = report::compute(&self.ws, &opts);
        let mut rows = Vec::new();
        for (g, group) in report.groups.iter().enumerate() {
            rows.push(DashRow::Group(g));
            rows.extend((0..group.units.len()).map(|u| DashRow::Unit(g, u)));
            rows.push(DashRow::Total(g));
        }
        self.report = Some(report);
        self.dash_rows = rows;
        // The same unit stays selected when the ranking changes.
        let keep = self.dash_unit.clone();
        let at = keep.and_then(|id| {
            (0..self.dash_rows.len()).find(|&i| {
                matches!(self.dash_rows[i], DashRow::Unit(..))
                    && self.unit_at(i).is_some_and(|u| u.owner == id)
            })
        });
        let first = self
            .dash_rows
            .iter()
            .position(|r| matches!(r, DashRow::Unit(..)))
            .unwrap_or(0);
        self.dash_cursor = at.unwrap_or(first);
        self.dash_unit = self.dash_selected().map(|u| u.owner.clone());
        self.scroll_dashboard();
    }

    fn unit_at(&self, row: usize) -> Option<&report::UnitReport> {
        match self.dash_rows.get(row) {
            Some(&DashRow::Unit(g, u)) => self.report.as_ref().map(|r| &r.groups[g].units[u]),
            _ => None,
        }
    }

    fn dashboard(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Down
            | Action::Up
            | Action::Top
            | Action::Bottom
            | Action::PageDown
            | Action::PageUp => self.move_dash(action),
            Action::Confirm => self.jump_to_unit(),
            Action::Back | Action::Dashboard => self.view = View::List,
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::AsOf => self.ask_as_of(),
            Action::Reload => return vec![Effect::Reload],
            _ => {}
        }
        vec![]
    }

    fn move_dash(&mut self, action: Action) {
        let units: Vec<usize> = (0..self.dash_rows.len())
            .filter(|&i| matches!(self.dash_rows[i], DashRow::Unit(..)))
            .collect();
        let Some(at) = units.iter().position(|&i| i == self.dash_cursor) else {
            return;
        };
        let page = self.dash_height().saturating_sub(1).max(1);
        let last = units.len() - 1;
        let to = step(at, last, page, &action);
        self.dash_cursor = units[to];
        self.dash_unit = self.dash_selected().map(|u| u.owner.clone());
        self.scroll_dashboard();
    }

    /// Keeps the cursor on screen, with its group's heading when scrolling up to the first
    /// unit and the group's total when scrolling down to the last.
    fn scroll_dashboard(&mut self) {
        let height = self.dash_height();
        let cursor = self.dash_cursor;
        let want_top = match cursor.checked_sub(1).map(|i| self.dash_rows[i]) {
            Some(DashRow::Group(_)) => cursor - 1,
            _ => cursor,
        };
        let want_bottom = match self.dash_rows.get(cursor + 1) {
            Some(DashRow::Total(_)) => cursor + 1,
            _ => cursor,
        };
        if want_top < self.dash_offset {
            self.dash_offset = want_top;
        } else if want_bottom >= self.dash_offset + height {
            self.dash_offset = (want_bottom + 1 - height).min(cursor);
        }
        self.dash_offset = self
            .dash_offset
            .min(self.dash_rows.len().saturating_sub(height));
    }

    /// Enter on a unit: the lists, with that unit selected and its directives shown.
    fn jump_to_unit(&mut self) {
        let Some(id) = self.dash_selected().map(|u| u.owner.clone()) else {
            return;
        };
        let row = self
            .owner_rows
            .iter()
            .position(|r| matches!(r, OwnerRow::Owner(i) if self.ws.owners[*i].id == id));
        let Some(row) = row else {
            // A lead unit missing from dondoc.toml has no row in the units pane.
            self.error(t::unit_not_registered(self.lang, &id));
            return;
        };
        self.view = View::List;
        self.focus = Pane::Directives;
        self.owner_cursor = row;
        self.selected_owner = Some(id);
        self.scroll_owners();
        self.selected_id = None;
        self.cursor = 0;
        self.offset = 0;
        self.refilter();
    }
}

/// Where a move action takes a cursor at `at` in a list of `last + 1` selectable rows.
fn step(at: usize, last: usize, page: usize, action: &Action) -> usize {
    match action {
        Action::Down => (at + 1).min(last),
        Action::Up => at.saturating_sub(1),
        Action::Top => 0,
        Action::Bottom => last,
        Action::PageDown => (at + page).min(last),
        Action::PageUp => at.saturating_sub(page),
        _ => at,
    }
}
