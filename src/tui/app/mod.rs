//! The UI state and its rules: actions in, effects out. No terminal, no disk, no clock: the
//! as-of date is a field, and writes come back as [`Outcome`](super::effect::Outcome)s from
//! the effect runner.
//!
//! [`App`] holds what every part shares (the workspace, the as-of date, the view, the popup,
//! the status line, git) and one sub-state per concern, each in its own file with its own
//! update:
//!
//! - [`list`]: the directives list: filter, sort, search, cursor ([`List`]);
//! - [`owners`]: the units pane and the counts ([`Owners`]);
//! - [`dashboard`]: figures by unit ([`Dashboard`]);
//! - [`edit`]: what a popup and a prompt hold;
//! - [`prompt`]: popup keys, prompts and edits (status, deadline, note, as-of date);
//! - [`outcome`]: what a write's outcome does (undo, redo, a refusal);
//! - [`apply`]: the outcomes of effects, the only place that changes the workspace;
//! - [`git`]: the title bar's git status and the sync;
//! - [`scroll`]: the one scrolling rule of all three lists.
//!
//! [`App::update`] sends an action to the part that has the keys now; [`App::apply`] takes
//! the outcome of an effect and is the only place that changes the workspace: it puts in what
//! the runner read (a written or reloaded file, a whole workspace) and then re-indexes once
//! (`App::workspace_changed`), so rows, counts and the dashboard can never lag behind it.
//!
//! A new form or popup: a variant of [`Popup`] and of `keymap::Mode`, its keys in the keymap,
//! its update in a file of its own (as `prompt.rs`), reached from [`App::update`].
//!
//! What the screen shows is cached here (the visible rows, counts, folded search text) and
//! recomputed only when the data or the view changes, so drawing a frame is cheap.

pub mod apply;
pub mod dashboard;
pub mod edit;
pub mod form;
pub mod git;
pub mod import;
pub mod input;
pub mod list;
pub mod memo;
pub mod outcome;
pub mod owners;
pub mod prompt;
pub mod remind;
pub mod scroll;

pub use dashboard::{DashRow, Dashboard};
pub use edit::{MeetingRow, Popup, Prompt, PromptKind, UndoEntry};
pub use form::{DirectiveField, DirectiveForm, Form, MeetingField, MeetingForm, UnitPicker};
pub use input::Input;
pub use list::{FilterChoice, List, Row, RowFact, RowFigures, ViewFilter};
pub use owners::{Counts, OwnerRow, Owners};

use super::action::Action;
use super::effect::Effect;
use super::keymap::Mode;
use super::layout;
use crate::git::status::GitStatus;
use crate::i18n::tui::{self as t, tr};
use crate::i18n::Lang;
use crate::model::{Directive, Timeliness, Workspace};
use chrono::NaiveDate;
use std::collections::HashSet;

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

/// Which caches a change of the workspace makes stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changed {
    /// Everything (a reload, a new `dondoc.toml`): the units too.
    All,
    /// Only these directives (a file written or reloaded): their search text, then the
    /// counts and rows as after any change.
    Directives {
        touched: Vec<String>,
        removed: Vec<String>,
    },
}

pub struct App {
    /// Changed only by [`App::apply`]; read it with [`App::ws`].
    ws: Workspace,
    /// The as-of date: every timeliness, count, sort and figure is computed at it. `t` changes
    /// it; `done` without a date and `+N` deadlines count from it too (as `--today` in the CLI).
    today: NaiveDate,
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
    pub message: Option<Message>,
    quit: bool,
    git: GitState,
    /// A sync is running (a second `S` waits for it).
    syncing: bool,
    /// Directives changed by others (reloaded from disk or pulled) since the screen opened,
    /// not yet seen: marked `•` (in the row and the detail) until the cursor has been on
    /// them and moves on: the mark stays while one is selected, so the detail explains it.
    changed: HashSet<String>,
    undo: Vec<UndoEntry>,
    /// The directive as it was when the open prompt opened: the edit is checked against it.
    prompt_shown: Option<Directive>,
    /// The undo being written (back on `undo` if refused, on `redo` once written).
    undoing: Vec<UndoEntry>,
    /// Edits taken back, that `Ctrl-R` does again; a new edit clears them.
    redo: Vec<UndoEntry>,
    /// A redo is being written (it must not clear `redo`).
    redoing: bool,
    /// Marked directives (ids, in the order marked): status, deadline and note apply to all.
    pub marked: Vec<String>,
    /// The meeting file `a` adds to: the one shown (chosen with `m`, or just created with
    /// `N`); else the selected directive's.
    pub meeting: Option<String>,

    pub list: List,
    pub owners: Owners,
    pub dash: Dashboard,
    pub detail_scroll: u16,
    /// `y` copies ids with OSC 52 (off with `osc52 = false` in the user's config).
    pub copy_ids: bool,
    /// Where `R` writes letters; `None`: beside the workspace folder.
    pub letters_dir: Option<std::path::PathBuf>,
    /// `#`: the list shows the id column whatever the room.
    pub show_ids: bool,
    /// `I`: a notice or sheet being imported (the path prompt, then the review).
    pub import: Option<import::Import>,
    /// `v`: each directive's text on two rows, its facts on the row below.
    pub two_lines: bool,
    /// Counts the workspace's changes: what the view keeps is keyed by it.
    revision: u64,
    /// The detail's rows, wrapped once per change, not on every frame (`ui/detail.rs`).
    pub detail_rows: memo::Memo<DetailKey, Vec<ratatui::text::Line<'static>>>,
}

/// Screen rows of one directive with `v`: two of text, one of facts.
pub const TWO_LINES_ROWS: usize = 3;

/// What the detail's rows depend on: the workspace's revision, the directive, the width, and
/// the rest of what it shows (language, as-of date, colours, marks, git) as one string.
pub type DetailKey = (u64, String, u16, String);

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
            message: None,
            quit: false,
            git: GitState::Unknown,
            syncing: false,
            changed: HashSet::new(),
            undo: Vec::new(),
            prompt_shown: None,
            undoing: Vec::new(),
            redo: Vec::new(),
            redoing: false,
            meeting: None,
            marked: Vec::new(),
            list: List::default(),
            owners: Owners::default(),
            dash: Dashboard::default(),
            detail_scroll: 0,
            copy_ids: true,
            letters_dir: None,
            show_ids: false,
            import: None,
            two_lines: false,
            revision: 0,
            detail_rows: memo::Memo::default(),
        };
        app.workspace_changed(Changed::All, false);
        app.report_problems();
        app
    }

    /// The workspace as shown.
    pub fn ws(&self) -> &Workspace {
        &self.ws
    }

    /// Goes up whenever the workspace changes.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The as-of date ([`App::set_as_of`] changes it).
    pub fn today(&self) -> NaiveDate {
        self.today
    }

    /// Work to do while no event waits (the search index being made).
    pub fn has_idle_work(&self) -> bool {
        self.list.index_pending()
    }

    /// A few milliseconds of that work; nothing on screen changes.
    pub fn idle_work(&mut self) {
        self.list.index_step(&self.ws);
    }

    /// The user asked to leave (or a signal did): the loop ends.
    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// What the title bar knows of git.
    pub fn git(&self) -> &GitState {
        &self.git
    }

    /// A sync is running.
    pub fn is_syncing(&self) -> bool {
        self.syncing
    }

    /// Edits that `u` can take back, oldest first.
    pub fn undo_entries(&self) -> &[UndoEntry] {
        &self.undo
    }

    /// What the keys mean now.
    pub fn mode(&self) -> Mode {
        match &self.popup {
            Some(Popup::Help { .. }) => Mode::Help,
            Some(Popup::StatusPicker { .. }) => Mode::StatusPicker,
            Some(Popup::FilterPicker { .. }) | Some(Popup::Meetings { .. }) => Mode::FilterPicker,
            Some(Popup::Letter(_)) => Mode::Letter,
            Some(Popup::Prompt(p)) => match p.kind {
                PromptKind::Note { .. } => Mode::NoteInput,
                PromptKind::Deadline => Mode::DeadlineInput,
                PromptKind::AsOf => Mode::AsOfInput,
                PromptKind::Text => Mode::TextInput,
            },
            Some(Popup::Form(f)) if f.asking_discard() => Mode::Question,
            Some(Popup::ConfirmDelete { .. }) => Mode::Question,
            Some(Popup::Form(_)) => Mode::Form,
            None if self.import.is_some() => {
                self.import.as_ref().map_or(Mode::Normal, |i| i.mode())
            }
            None if self.list.searching => Mode::Search,
            None if self.owners.find.is_some() => Mode::UnitFind,
            None if self.view == View::Detail => Mode::Detail,
            None if self.view == View::Dashboard => Mode::Dashboard,
            None => Mode::Normal,
        }
    }

    pub fn selected(&self) -> Option<&Directive> {
        self.list.selected(&self.ws)
    }

    pub fn directive(&self, row: &Row) -> &Directive {
        &self.ws.directives[row.index]
    }

    /// The selected unit; `None` is "All units".
    pub fn selected_owner(&self) -> Option<usize> {
        self.owners.selected()
    }

    pub fn timeliness(&self, d: &Directive) -> Timeliness {
        self.ws.timeliness(d, self.today)
    }

    /// Rows of directives the pane can show at this size.
    pub fn list_height(&self) -> usize {
        let rows = layout::list_height(self.size);
        if self.two_lines {
            (rows / TWO_LINES_ROWS).max(1)
        } else {
            rows
        }
    }

    pub fn owners_height(&self) -> usize {
        layout::owners_height(self.size)
    }

    /// Rows of the dashboard's table at this size.
    pub fn dash_height(&self) -> usize {
        layout::dashboard_height(self.size)
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

    pub fn info(&mut self, text: impl Into<String>) {
        self.say(Level::Info, text);
    }

    pub fn warn(&mut self, text: impl Into<String>) {
        self.say(Level::Warning, text);
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.say(Level::Error, text);
    }

    fn say(&mut self, level: Level, text: impl Into<String>) {
        self.message = Some(Message {
            level,
            text: text.into(),
        });
    }

    fn report_problems(&mut self) {
        if let Some(first) = self.ws.problems.first() {
            let first = t::problem(self.lang, first);
            let text = t::problems_on_load(self.lang, self.ws.problems.len(), &first);
            self.warn(text);
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
                self.owners.scroll(self.owners_height());
                self.list.scroll(self.list_height());
                self.dash.scroll(self.dash_height());
                return vec![];
            }
            _ => {}
        }
        let effects = match self.popup.take() {
            Some(popup) => self.update_popup(popup, action),
            None if self.import.is_some() => self.update_import(action),
            None if self.list.searching => {
                if matches!(action, Action::Down | Action::Up) {
                    self.see_selected();
                }
                self.list.search_input(&self.ws, self.list_height(), action);
                vec![]
            }
            None if self.owners.find.is_some() => {
                self.find_key(action);
                vec![]
            }
            None if self.view == View::Dashboard => self.update_dashboard(action),
            None => self.update_lists(action),
        };
        self.import_after(effects)
    }

    /// The units pane, the directives list and the detail.
    fn update_lists(&mut self, action: Action) -> Vec<Effect> {
        let owners = self.focus == Pane::Owners && self.view == View::List;
        let page = scroll::page(self.list_height()) as u16;
        match action {
            _ if owners && action.is_move() => self.move_owner(action),
            Action::PageDown if self.view == View::Detail => {
                self.detail_scroll = self.detail_scroll.saturating_add(page)
            }
            Action::PageUp if self.view == View::Detail => {
                self.detail_scroll = self.detail_scroll.saturating_sub(page)
            }
            _ if action.is_move() => {
                self.see_selected();
                self.list.step(&self.ws, self.list_height(), action);
            }
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
            // Out of a meeting's list first, the marks kept: marking goes on across files.
            Action::Back if self.list.meeting.is_some() => {
                self.list.meeting = None;
                self.meeting = None;
                self.refilter();
            }
            Action::Back if !self.marked.is_empty() => self.marked.clear(),
            Action::Delete => self.ask_delete(),
            Action::Meetings => self.popup = Some(Popup::Meetings { cursor: 0 }),
            Action::Mark => {
                if let Some(id) = self.list.selected_id().map(str::to_string) {
                    match self.marked.iter().position(|m| *m == id) {
                        Some(i) => {
                            self.marked.remove(i);
                        }
                        None => self.marked.push(id),
                    }
                    self.see_selected();
                    self.list.step(&self.ws, self.list_height(), Action::Down);
                }
            }
            Action::MarkAll => {
                let shown: Vec<String> = self
                    .list
                    .rows
                    .iter()
                    .map(|r| self.ws.directives[r.index].id.clone())
                    .collect();
                if shown.iter().all(|id| self.marked.contains(id)) {
                    self.marked.retain(|id| !shown.contains(id));
                } else {
                    for id in shown {
                        if !self.marked.contains(&id) {
                            self.marked.push(id);
                        }
                    }
                }
            }
            Action::Back
                if !self.list.search.is_empty()
                    || self.list.filter.is_some()
                    || !self.list.filters.is_empty() =>
            {
                self.list.clear_search();
                self.list.filter = None;
                self.list.filters.clear();
                self.refilter();
            }
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            Action::StartSearch if owners => self.start_find(),
            Action::StartSearch => {
                self.list.open_search(&self.ws);
                self.focus = Pane::Directives;
            }
            Action::FilterPicker => self.open_filter_picker(),
            Action::CycleSort => {
                self.list.sort = self.list.sort.next();
                self.refilter();
                self.info(t::sorted_message(self.lang, self.list.sort));
            }
            Action::Reload => return vec![Effect::Reload],
            Action::Dashboard => self.open_dashboard(),
            Action::AsOf => self.ask_as_of(),
            Action::Sync => return self.start_sync(),
            Action::Remind => self.open_letter(),
            Action::Undo => return self.undo_last(),
            Action::CopyId => return self.copy_id(),
            Action::ToggleIds => self.show_ids = !self.show_ids,
            Action::ToggleLines => {
                self.two_lines = !self.two_lines;
                self.list.scroll(self.list_height());
            }
            Action::Redo => return self.redo_last(),
            Action::NewDirective => self.open_new_directive(),
            Action::NewMeeting => self.open_new_meeting(),
            Action::Import => self.open_import(),
            Action::StatusPicker
            | Action::SetStatus(_)
            | Action::EditDeadline
            | Action::AddNote
            | Action::NoteInEditor
            | Action::EditText => return self.start_edit(action),
            Action::EditOwner | Action::EditSupport => self.open_units_form(action),
            _ => {}
        }
        vec![]
    }

    /// `y`: the selected directive's id to the clipboard, said in the status line.
    fn copy_id(&mut self) -> Vec<Effect> {
        let Some(id) = self.selected().map(|d| d.id.clone()) else {
            return vec![];
        };
        if !self.copy_ids {
            self.warn(tr(self.lang, t::COPY_OFF));
            return vec![];
        }
        self.info(t::copied(self.lang, &id));
        vec![Effect::Copy(id)]
    }

    /// Text pasted into the terminal: into the open input as typed text; with no input open
    /// it is dropped (its letters must not run as commands) and the status line says so.
    pub fn paste(&mut self, text: &str) -> Vec<Effect> {
        // Terminals send a pasted line break as CR (as if Enter were typed), some as CRLF.
        let text = &text.replace("\r\n", "\n").replace('\r', "\n");
        if self.popup.is_none() {
            if let Some(effects) = self.import_paste(text) {
                return effects;
            }
        }
        match &mut self.popup {
            Some(Popup::Prompt(p)) => p.paste(text),
            // Into the focused field (a text of several lines keeps its line breaks).
            Some(Popup::Form(f)) if !f.asking_discard() => {
                if let Some(input) = f.input_mut() {
                    input.paste(text);
                }
            }
            _ if self.list.searching => {
                let height = self.list_height();
                self.list.search_paste(&self.ws, height, text);
            }
            _ if self.owners.find.is_some() => self.find_paste(text),
            _ => self.warn(tr(self.lang, t::PASTE_IGNORED)),
        }
        vec![]
    }

    /// A move the user made: the directive left counts as seen.
    fn see_selected(&mut self) {
        if self.changed.is_empty() {
            return;
        }
        if let Some(id) = self.list.selected_id() {
            self.changed.remove(id);
        }
    }

    fn move_owner(&mut self, action: Action) {
        if !self.owners.step(&self.ws, self.owners_height(), action) {
            return;
        }
        self.see_selected();
        // A new unit starts at its most urgent directive.
        self.list.reset_cursor();
        self.refilter();
    }

    /// The directives list again after the unit, the filter, the sort or the as-of date changed.
    fn refilter(&mut self) {
        self.list.group = self.owners.selected_group(&self.ws).map(str::to_string);
        let owner = self.owners.selected_id(&self.ws);
        self.list
            .refilter(&self.ws, self.today, owner, self.list_height());
    }

    /// Moves the whole UI to another as-of date: counts, timeliness, sorting, the dashboard.
    pub fn set_as_of(&mut self, date: NaiveDate) {
        self.today = date;
        self.owners.count(&self.ws, self.today);
        self.refilter();
        self.refresh_report();
        let overdue = self.owners.totals[Timeliness::Overdue as usize];
        self.info(t::as_of_changed(self.lang, date, overdue));
    }
}
