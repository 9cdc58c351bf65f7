//! Popups, prompts and edits: the help screen, the status and filter pickers, the one-line
//! prompts (note, deadline, as-of date), undo, and what the outcome of a write does to the
//! state (the message, the undo stack, the prompt reopened when a write is refused).

use super::{App, Input, ViewFilter};
use crate::dates::{parse_as_of, parse_date, parse_deadline};
use crate::i18n::tui::{self as t, tr};
use crate::model::Status;
use crate::store::edit::Change;
use crate::store::undo::Step;
use crate::store::write::WriteError;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, Outcome, WriteRequest};

#[derive(Debug, Clone, PartialEq, Eq)]
// One popup at a time, moved rarely: an editor inline is simpler than a box.
#[allow(clippy::large_enum_variant)]
pub enum Popup {
    Help {
        scroll: u16,
    },
    StatusPicker {
        cursor: usize,
    },
    FilterPicker {
        cursor: usize,
    },
    /// The meetings (`m`): choosing one shows its directives in file order.
    Meetings {
        cursor: usize,
    },
    Prompt(Prompt),
    /// `D`: delete this directive entered by mistake? (`y` deletes)
    ConfirmDelete {
        id: String,
    },
    /// A new directive or a new meeting ([`super::form`]).
    Form(super::form::Form),
    Letter(super::remind::LetterPreview),
}

/// A line of text being typed for one directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    /// The directive it is for, fixed when the prompt opens.
    pub id: String,
    pub input: Input,
    /// The optional fields after the first, reached with Tab: the why of a deadline change
    /// (reason, document, approved by), of a done (the date, the report), of a cancellation
    /// (reason, who decided). See [`PromptKind::extras`].
    pub extra: Vec<Input>,
    /// The field typed into: 0 the input, then the extras.
    pub field: usize,
    /// Marked directives the prompt applies to (then `id` only names them for the title).
    pub targets: Vec<String>,
}

impl Prompt {
    /// A prompt for directive `id`, its optional fields empty (a done date starts at `today`).
    pub fn new(kind: PromptKind, id: &str, today: chrono::NaiveDate) -> Prompt {
        let extra = kind
            .extras()
            .iter()
            .map(|(_, prefill)| match prefill {
                Prefill::Today => Input::line(&today.format("%d/%m/%Y").to_string()),
                Prefill::Empty => Input::default(),
            })
            .collect();
        Prompt {
            kind,
            id: id.to_string(),
            input: Input::default(),
            extra,
            field: 0,
            targets: Vec::new(),
        }
    }

    /// Pasted text goes into the field being typed into.
    pub fn paste(&mut self, text: &str) {
        self.focused().paste(text);
    }

    fn focused(&mut self) -> &mut Input {
        match self.field.checked_sub(1) {
            Some(i) if i < self.extra.len() => &mut self.extra[i],
            _ => &mut self.input,
        }
    }

    /// The optional field `i` (0-based among the extras), trimmed; `None` when empty.
    fn extra_value(&self, i: usize) -> Option<String> {
        self.extra
            .get(i)
            .map(|e| e.as_str().trim().to_string())
            .filter(|s| !s.is_empty())
    }
}

/// What an optional field of a prompt starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefill {
    Empty,
    Today,
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
    /// The directive's text (`E`).
    Text,
}

impl PromptKind {
    /// The optional fields after the first: (label, what they start with).
    pub fn extras(self) -> &'static [(crate::i18n::tui::Text, Prefill)] {
        match self {
            PromptKind::Deadline => &[
                (t::LOG_REASON, Prefill::Empty),
                (t::FIELD_REQUEST_DOC, Prefill::Empty),
                (t::LOG_APPROVED_BY, Prefill::Empty),
            ],
            PromptKind::Note {
                status: Some(Status::Done),
            } => &[
                (t::FIELD_DONE_ON, Prefill::Today),
                (t::LOG_DONE_REF, Prefill::Empty),
            ],
            PromptKind::Note {
                status: Some(Status::Cancelled),
            } => &[
                (t::LOG_REASON, Prefill::Empty),
                (t::FIELD_DECIDED_BY, Prefill::Empty),
            ],
            _ => &[],
        }
    }
}

/// One meeting of the `m` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRow {
    pub path: String,
    pub title: String,
    pub date: Option<chrono::NaiveDate>,
    pub number: Option<String>,
    pub count: usize,
}

/// An edit that can be taken back (and, once taken back, done again): the store's step,
/// which refuses when someone changed the fields since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    pub id: String,
    pub step: Step,
}

const UNDO_DEPTH: usize = 100;

impl App {
    /// A key while a popup is open (taken out of `self.popup`: each arm puts back what stays).
    pub(super) fn update_popup(&mut self, popup: Popup, action: Action) -> Vec<Effect> {
        match popup {
            Popup::Help { scroll } => {
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
            Popup::StatusPicker { cursor } => self.status_picker(cursor, action),
            Popup::FilterPicker { cursor } => {
                self.filter_picker(cursor, action);
                vec![]
            }
            Popup::Prompt(prompt) => self.prompt(prompt, action),
            Popup::ConfirmDelete { id } => {
                if action == Action::Yes {
                    return vec![Effect::Delete(id)];
                }
                vec![]
            }
            Popup::Meetings { cursor } => {
                self.meetings_key(cursor, action);
                vec![]
            }
            Popup::Form(form) => self.form_key(form, action),
            Popup::Letter(preview) => self.letter_key(preview, action),
        }
    }

    /// Edits act on the selected directive, from the directives pane or the detail.
    pub(super) fn start_edit(&mut self, action: Action) -> Vec<Effect> {
        let bulk = !self.marked.is_empty()
            && matches!(
                action,
                Action::StatusPicker
                    | Action::SetStatus(_)
                    | Action::EditDeadline
                    | Action::AddNote
            );
        if bulk {
            return self.start_bulk(action);
        }
        let target = match self.selected() {
            Some(d)
                if self.focus == super::Pane::Directives || self.view == super::View::Detail =>
            {
                (d.id.clone(), d.status, d.note.clone(), d.text.clone())
            }
            _ => {
                self.info(tr(self.lang, t::CHOOSE_DIRECTIVE));
                return vec![];
            }
        };
        let (id, status, note, text) = target;
        self.prompt_shown = self.ws.directive(&id).cloned();
        let today = self.today;
        let prompt = |kind| Prompt::new(kind, &id, today);
        match action {
            Action::StatusPicker => {
                let cursor = Status::ALL.iter().position(|s| *s == status).unwrap_or(0);
                self.popup = Some(Popup::StatusPicker { cursor });
            }
            Action::SetStatus(s) => {
                self.popup = Some(Popup::Prompt(prompt(PromptKind::Note { status: Some(s) })))
            }
            Action::EditDeadline => self.popup = Some(Popup::Prompt(prompt(PromptKind::Deadline))),
            Action::EditText => {
                let mut p = prompt(PromptKind::Text);
                p.input = Input::lines(&text);
                self.popup = Some(Popup::Prompt(p));
            }
            Action::AddNote => {
                self.popup = Some(Popup::Prompt(prompt(PromptKind::Note { status: None })))
            }
            Action::NoteInEditor => {
                // A long note starts from the current one, to extend or rewrite it.
                let mut p = prompt(PromptKind::Note { status: None });
                p.input = Input::line(&note.unwrap_or_default());
                self.popup = Some(Popup::Prompt(p.clone()));
                return vec![Effect::Editor(p)];
            }
            _ => {}
        }
        vec![]
    }

    /// Status, deadline, note for every marked directive: one prompt, then one write per file.
    fn start_bulk(&mut self, action: Action) -> Vec<Effect> {
        let name = t::marked_count(self.lang, self.marked.len());
        let kind = match action {
            Action::StatusPicker => {
                self.popup = Some(Popup::StatusPicker { cursor: 0 });
                return vec![];
            }
            Action::SetStatus(s) => PromptKind::Note { status: Some(s) },
            Action::EditDeadline => PromptKind::Deadline,
            _ => PromptKind::Note { status: None },
        };
        let mut p = Prompt::new(kind, &name, self.today);
        p.targets = self.marked.clone();
        self.popup = Some(Popup::Prompt(p));
        vec![]
    }

    pub(super) fn ask_as_of(&mut self) {
        self.popup = Some(Popup::Prompt(Prompt::new(PromptKind::AsOf, "", self.today)));
    }

    pub(super) fn open_filter_picker(&mut self) {
        let cursor = self
            .list
            .filter
            .and_then(|f| ViewFilter::choices().iter().position(|c| *c == f))
            .map_or(0, |i| i + 1);
        self.popup = Some(Popup::FilterPicker { cursor });
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

    /// `D`: a directive entered by mistake (created today) is deleted after a confirmation
    /// naming it; anything else is refused, with the advice to cancel it. The store checks
    /// again that no one else changed it.
    pub(super) fn ask_delete(&mut self) {
        let can = self.focus == super::Pane::Directives || self.view == super::View::Detail;
        let Some(d) = self.selected().filter(|_| can) else {
            self.info(tr(self.lang, t::CHOOSE_DIRECTIVE));
            return;
        };
        let today = self.clock_today;
        let new = d
            .log
            .iter()
            .any(|e| e.created && e.at.is_some_and(|at| at.date_naive() == today));
        if new {
            self.popup = Some(Popup::ConfirmDelete { id: d.id.clone() });
        } else {
            let text = t::delete_refused(self.lang, &d.id);
            self.warn(text);
        }
    }

    /// A delete was written (or refused).
    pub(super) fn deleted(
        &mut self,
        id: String,
        result: Result<String, String>,
        file: Option<crate::store::files::FileRead>,
    ) -> Vec<Effect> {
        if let Some(file) = file {
            self.put_file(file);
        }
        self.workspace_changed(super::Changed::All, false);
        match result {
            Ok(path) => {
                self.marked.retain(|m| *m != id);
                self.undo.retain(|e| e.id != id);
                self.redo.retain(|e| e.id != id);
                self.info(t::deleted(self.lang, &id, &path));
                vec![Effect::GitStatus]
            }
            Err(e) => {
                self.error(e);
                vec![]
            }
        }
    }

    /// The meetings, newest first: (path, title, date, number, directives).
    pub fn meetings(&self) -> Vec<MeetingRow> {
        let mut out: Vec<MeetingRow> = self
            .ws
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| MeetingRow {
                path: f.path.clone(),
                title: f.source.title.clone(),
                date: f.source.date,
                number: f.source.reference.clone(),
                count: self.ws.directives.iter().filter(|d| d.file == i).count(),
            })
            .collect();
        out.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.path.cmp(&b.path)));
        out
    }

    fn meetings_key(&mut self, cursor: usize, action: Action) {
        let last = self.ws.files.len().saturating_sub(1);
        match action {
            Action::Down => {
                self.popup = Some(Popup::Meetings {
                    cursor: (cursor + 1).min(last),
                })
            }
            Action::Up => {
                self.popup = Some(Popup::Meetings {
                    cursor: cursor.saturating_sub(1),
                })
            }
            Action::Confirm => {
                if let Some(m) = self.meetings().into_iter().nth(cursor) {
                    // The whole meeting: every unit, no filter; `a` adds to it.
                    self.owners.cursor = 0;
                    self.list.filter = None;
                    self.list.clear_search();
                    self.list.meeting = Some(m.path.clone());
                    self.meeting = Some(m.path);
                    self.list.reset_cursor();
                    self.focus = super::Pane::Directives;
                    self.refilter();
                }
            }
            Action::Back => {}
            _ => self.popup = Some(Popup::Meetings { cursor }),
        }
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
            Action::Mark => {
                // Space: one more value (or one less) in a combined filter, shown at once.
                if let Some(f) = cursor
                    .checked_sub(1)
                    .and_then(|i| ViewFilter::choices().get(i).copied())
                {
                    if let Some(single) = self.list.filter.take() {
                        self.list.filters.push(single);
                    }
                    match self.list.filters.iter().position(|x| *x == f) {
                        Some(i) => {
                            self.list.filters.remove(i);
                        }
                        None => self.list.filters.push(f),
                    }
                    self.refilter();
                }
                self.popup = Some(Popup::FilterPicker { cursor });
            }
            Action::Confirm if !self.list.filters.is_empty() && cursor > 0 => {
                self.focus = super::Pane::Directives;
            }
            Action::Confirm => {
                self.list.filters.clear();
                self.list.filter = cursor
                    .checked_sub(1)
                    .and_then(|i| ViewFilter::choices().get(i).copied());
                self.focus = super::Pane::Directives;
                self.refilter();
            }
            Action::Back => {}
            _ => self.popup = Some(Popup::FilterPicker { cursor }),
        }
    }

    fn prompt(&mut self, mut prompt: Prompt, action: Action) -> Vec<Effect> {
        match action {
            Action::Type(c) => prompt.focused().type_char(c),
            Action::Edit(op) => {
                prompt.focused().apply(op);
            }
            Action::NextField => prompt.field = (prompt.field + 1) % (prompt.extra.len() + 1),
            Action::PrevField => {
                let n = prompt.extra.len() + 1;
                prompt.field = (prompt.field + n - 1) % n;
            }
            Action::Back => {
                // What the message said (a refusal, a hint) no longer applies.
                self.message = None;
                self.prompt_shown = None;
                return vec![];
            }
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
                match parse_as_of(prompt.input.as_str(), self.today, self.clock_today) {
                    Ok(date) => self.set_as_of(date),
                    Err(e) => {
                        self.error(t::as_of_error(self.lang, &e));
                        self.popup = Some(Popup::Prompt(prompt));
                    }
                }
                return vec![];
            }
            PromptKind::Text => Change {
                text: Some(prompt.input.as_str().to_string()),
                ..Change::default()
            },
            PromptKind::Note { status } => {
                let note = prompt.input.as_str().trim();
                let mut change = Change {
                    status,
                    note: (!note.is_empty()).then(|| Some(note.to_string())),
                    ..Change::default()
                };
                match status {
                    Some(Status::Done) => {
                        if let Some(date) = prompt.extra_value(0) {
                            match parse_date(&date, self.today) {
                                Ok(d) => change.done_on = Some(Some(d)),
                                Err(e) => {
                                    self.error(t::deadline_error(self.lang, &e));
                                    let mut prompt = prompt;
                                    prompt.field = 1;
                                    self.popup = Some(Popup::Prompt(prompt));
                                    return vec![];
                                }
                            }
                        }
                        change.done_ref = prompt.extra_value(1).map(Some);
                    }
                    Some(Status::Cancelled) => {
                        change.reason = prompt.extra_value(0);
                        change.approved_by = prompt.extra_value(1);
                    }
                    _ => {}
                }
                change
            }
            PromptKind::Deadline => match parse_deadline(prompt.input.as_str(), self.today) {
                Ok(deadline) => Change {
                    deadline: Some(deadline),
                    reason: prompt.extra_value(0),
                    reference: prompt.extra_value(1),
                    approved_by: prompt.extra_value(2),
                    ..Change::default()
                },
                Err(e) => {
                    self.error(t::deadline_error(self.lang, &e));
                    self.popup = Some(Popup::Prompt(prompt));
                    return vec![];
                }
            },
        };
        if !prompt.targets.is_empty() {
            // Each marked directive takes the change as it applies to it.
            let requests: Vec<WriteRequest> = prompt
                .targets
                .iter()
                .filter_map(|id| {
                    let current = self.ws.directive(id)?;
                    let change = change.resolve(current, self.today);
                    (!change.is_empty()).then(|| WriteRequest {
                        id: id.clone(),
                        change,
                        undo: false,
                        prompt: None,
                    })
                })
                .collect();
            if requests.is_empty() {
                self.info(tr(self.lang, t::NOTHING_TO_CHANGE));
                return vec![];
            }
            return vec![Effect::WriteMany(requests)];
        }
        let Some(current) = self.ws.directive(&prompt.id) else {
            self.error(format!("\"{}\"?", prompt.id));
            return vec![];
        };
        // Checked against the directive as it was when the prompt opened: a change that
        // arrived meanwhile (live reload) is shown, never silently overwritten.
        let shown = self.prompt_shown.replace(current.clone());
        if let Some(since) = shown.and_then(|s| crate::store::changes::edited_since(&s, current)) {
            self.error(t::changed_while_open(self.lang, &prompt.id, &since));
            self.changed.insert(prompt.id.clone());
            self.popup = Some(Popup::Prompt(prompt));
            return vec![];
        }
        let change = change.resolve(current, self.today);
        if let Some(Some(done)) = change.done_on {
            let given = self.ws.file_of(current).source.date;
            if let Err(e) = crate::store::edit::check_done_on(done, self.today, given) {
                self.error(t::done_date_error(self.lang, &e));
                self.popup = Some(Popup::Prompt(prompt));
                return vec![];
            }
        }
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

    pub(super) fn undo_last(&mut self) -> Vec<Effect> {
        let Some(entry) = self.undo.pop() else {
            self.info(tr(self.lang, t::NOTHING_TO_UNDO));
            return vec![];
        };
        let Some(current) = self.ws.directive(&entry.id) else {
            self.error(format!("\"{}\"?", entry.id));
            return vec![];
        };
        let change = match entry.step.undo(current) {
            Ok(change) => change,
            Err(moved) => {
                self.error(t::moved(self.lang, &moved));
                return vec![];
            }
        };
        self.undoing.push(entry);
        vec![Effect::Write(WriteRequest {
            id: self
                .undoing
                .last()
                .map(|e| e.id.clone())
                .unwrap_or_default(),
            change,
            undo: true,
            prompt: None,
        })]
    }

    /// `Ctrl-R`: does the last undone edit again, when its fields still hold what the undo
    /// wrote (the same rule as undo).
    pub(super) fn redo_last(&mut self) -> Vec<Effect> {
        let Some(entry) = self.redo.pop() else {
            self.info(tr(self.lang, t::NOTHING_TO_REDO));
            return vec![];
        };
        let Some(current) = self.ws.directive(&entry.id) else {
            self.error(format!("\"{}\"?", entry.id));
            return vec![];
        };
        match entry.step.redo(current) {
            Ok(change) => {
                self.redoing = true;
                vec![Effect::Write(WriteRequest {
                    id: entry.id,
                    change,
                    undo: false,
                    prompt: None,
                })]
            }
            Err(moved) => {
                self.error(t::moved(self.lang, &moved));
                vec![]
            }
        }
    }

    /// The marked directives were written, one write per file: the files go in, each written
    /// edit can be undone, the refused stay marked and are named in the message.
    pub(super) fn written_many(
        &mut self,
        requests: Vec<WriteRequest>,
        written: Vec<crate::store::write::Written>,
        refused: Vec<(String, String)>,
        files: Vec<crate::store::files::FileRead>,
    ) -> Vec<Effect> {
        self.redo.clear();
        for w in &written {
            if let Some(r) = requests.iter().find(|r| r.id == w.before.id) {
                self.undo.push(UndoEntry {
                    id: r.id.clone(),
                    step: Step::new(&r.id, &r.change, &w.before),
                });
            }
        }
        while self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        for file in files {
            self.put_file(file);
        }
        self.workspace_changed(super::Changed::All, false);
        self.marked
            .retain(|id| refused.iter().any(|(r, _)| r == id));
        let text = t::bulk_written(self.lang, written.len(), &refused);
        if refused.is_empty() {
            self.info(text);
        } else {
            self.error(text);
        }
        vec![Effect::GitStatus]
    }

    /// A write landed or was refused: the file as it is on disk now goes into the workspace
    /// (refused writes too, so the screen shows what blocked them), then the message, the
    /// undo stack and, after a refusal, the prompt with what was typed.
    pub(super) fn write_done(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Written {
                request,
                written,
                file,
                others,
            } => {
                let what = t::describe_change(self.lang, &request.change, &written.before);
                let mut text = if request.undo {
                    // Taken back: Ctrl-R can do it again.
                    if let Some(entry) = self.undoing.pop() {
                        self.redo.push(entry);
                    }
                    format!("{} {}: {what}", tr(self.lang, t::UNDONE), request.id)
                } else {
                    // A new edit ends what could be redone; a redo keeps the rest.
                    if !std::mem::take(&mut self.redoing) {
                        self.redo.clear();
                    }
                    self.undo.push(UndoEntry {
                        id: request.id.clone(),
                        step: Step::new(&request.id, &request.change, &written.before),
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
                let changed = self.put_file(file);
                self.workspace_changed(changed, false);
                vec![Effect::GitStatus]
            }
            Outcome::WriteFailed {
                request,
                error,
                file,
            } => {
                self.error(t::write_error(self.lang, &request.id, &error));
                if matches!(error, WriteError::Stale { .. }) {
                    // The file was read again: the new value shows, marked as someone else's.
                    self.changed.insert(request.id.clone());
                }
                if request.undo {
                    if let Some(entry) = self.undoing.pop() {
                        self.undo.push(entry);
                    }
                }
                self.redoing = false;
                if let Some(prompt) = request.prompt {
                    self.popup = Some(Popup::Prompt(prompt));
                }
                if let Some(file) = file {
                    self.put_file(file);
                }
                // The reopened prompt is now for the version on screen.
                self.prompt_shown = self.ws.directive(&request.id).cloned();
                self.workspace_changed(super::Changed::All, false);
                vec![]
            }
            _ => vec![],
        }
    }
}
