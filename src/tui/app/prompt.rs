//! Popup keys: the help screen, the status, filter and meetings pickers, the delete
//! confirmation, and the one-line prompts (note, deadline, text, as-of date) up to the write.

use super::{App, FilterChoice, Input, MeetingRow, Popup, Prompt, PromptKind, ViewFilter};
use crate::dates::{parse_as_of, parse_date, parse_deadline};
use crate::i18n::tui::{self as t, tr};
use crate::model::Status;
use crate::store::edit::Change;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, WriteRequest};

impl App {
    /// A key while a popup is open (taken out of `self.popup`: each arm puts back what stays).
    pub(super) fn update_popup(&mut self, popup: Popup, action: Action) -> Vec<Effect> {
        match popup {
            Popup::Help { scroll } => {
                // The last row at the bottom of the box, never blank space below it.
                let (width, height) = crate::tui::layout::help_inner(self.size);
                let rows = crate::tui::keymap::help_rows(self.lang, width).len();
                let last = rows.saturating_sub(height);
                let page = super::scroll::page(height);
                let to = super::scroll::step(scroll as usize, last, page, action);
                self.popup = match action {
                    Action::Back | Action::Help => None,
                    _ => Some(Popup::Help {
                        scroll: to.min(last) as u16,
                    }),
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
            .and_then(|f| {
                self.filter_choices()
                    .iter()
                    .position(|c| *c == FilterChoice::Value(f))
            })
            .unwrap_or(0);
        self.popup = Some(Popup::FilterPicker { cursor });
    }

    /// The filter menu's choices in order: no filter, the timeliness values, the statuses,
    /// the groups of units, the meetings (newest first).
    pub fn filter_choices(&self) -> Vec<FilterChoice> {
        std::iter::once(FilterChoice::None)
            .chain(ViewFilter::choices().into_iter().map(FilterChoice::Value))
            .chain((0..self.ws.groups.len()).map(FilterChoice::Group))
            .chain(
                self.meetings()
                    .into_iter()
                    .map(|m| FilterChoice::Meeting(m.path)),
            )
            .collect()
    }

    /// Whether a choice of the filter menu is in force now.
    pub fn filter_active(&self, choice: &FilterChoice) -> bool {
        match choice {
            FilterChoice::None => {
                self.list.filter.is_none()
                    && self.list.filters.is_empty()
                    && self.list.group.is_none()
                    && self.list.meeting.is_none()
            }
            FilterChoice::Value(f) => self.list.filter == Some(*f) || self.list.filters.contains(f),
            FilterChoice::Group(g) => {
                self.list.group.is_some() && self.list.group.as_ref() == self.ws.groups.get(*g)
            }
            FilterChoice::Meeting(path) => self.list.meeting.as_ref() == Some(path),
        }
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
        result: Result<String, crate::store::delete::DeleteError>,
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
                self.error(crate::i18n::store::delete_error(self.lang, &e));
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
                broken: f.broken.clone(),
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
            Action::Top => self.popup = Some(Popup::Meetings { cursor: 0 }),
            Action::Bottom => self.popup = Some(Popup::Meetings { cursor: last }),
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
        let choices = self.filter_choices();
        let last = choices.len().saturating_sub(1);
        let keep_open = |app: &mut App| app.popup = Some(Popup::FilterPicker { cursor });
        let choice = choices.get(cursor).cloned().unwrap_or(FilterChoice::None);
        match (action, choice) {
            (Action::Down, _) => {
                self.popup = Some(Popup::FilterPicker {
                    cursor: (cursor + 1).min(last),
                })
            }
            (Action::Up, _) => {
                self.popup = Some(Popup::FilterPicker {
                    cursor: cursor.saturating_sub(1),
                })
            }
            (Action::Top, _) => self.popup = Some(Popup::FilterPicker { cursor: 0 }),
            (Action::Bottom, _) => self.popup = Some(Popup::FilterPicker { cursor: last }),
            // Space: one more value (or one less) in a combined filter, shown at once.
            (Action::Mark, FilterChoice::Value(f)) => {
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
                keep_open(self);
            }
            // A group or a meeting: on, or off again; the values chosen still apply.
            (Action::Mark, choice @ (FilterChoice::Group(_) | FilterChoice::Meeting(_))) => {
                let on = !self.filter_active(&choice);
                self.choose_scope(&choice, on);
                keep_open(self);
            }
            (Action::Mark, FilterChoice::None) => {
                self.clear_filters();
                keep_open(self);
            }
            (Action::Confirm, FilterChoice::Value(_)) if !self.list.filters.is_empty() => {
                self.focus = super::Pane::Directives;
            }
            (Action::Confirm, FilterChoice::Value(f)) => {
                self.list.filter = Some(f);
                self.focus = super::Pane::Directives;
                self.refilter();
            }
            (Action::Confirm, choice @ (FilterChoice::Group(_) | FilterChoice::Meeting(_))) => {
                self.choose_scope(&choice, true);
                self.focus = super::Pane::Directives;
            }
            (Action::Confirm, FilterChoice::None) => {
                self.clear_filters();
                self.focus = super::Pane::Directives;
            }
            (Action::Back, _) => {}
            _ => keep_open(self),
        }
    }

    /// No filter: no timeliness or status value, no group, no meeting.
    fn clear_filters(&mut self) {
        self.list.filters.clear();
        self.list.filter = None;
        self.list.meeting = None;
        self.meeting = None;
        if self.list.group.is_some() {
            self.owners.select_row(&self.ws, 0, self.owners_height());
        }
        self.list.reset_cursor();
        self.refilter();
    }

    /// A group (its row in the units pane) or a meeting, on or off.
    fn choose_scope(&mut self, choice: &FilterChoice, on: bool) {
        match choice {
            FilterChoice::Group(g) => {
                let row = self
                    .owners
                    .rows
                    .iter()
                    .position(|r| *r == super::OwnerRow::Group(*g))
                    .filter(|_| on)
                    .unwrap_or(0);
                self.owners.select_row(&self.ws, row, self.owners_height());
            }
            FilterChoice::Meeting(path) => {
                let path = on.then(|| path.clone());
                self.list.meeting.clone_from(&path);
                self.meeting = path;
            }
            _ => return,
        }
        self.list.reset_cursor();
        self.refilter();
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
            // A done date is checked for each, as for one: the prompt stays if one refuses it.
            for r in &requests {
                let (Some(Some(done)), Some(d)) = (r.change.done_on, self.ws.directive(&r.id))
                else {
                    continue;
                };
                let given = self.ws.file_of(d).source.date;
                if let Err(e) = crate::store::edit::check_done_on(done, self.today, given) {
                    self.error(format!("{}: {}", r.id, t::done_date_error(self.lang, &e)));
                    let mut prompt = prompt;
                    prompt.field = 1;
                    self.popup = Some(Popup::Prompt(prompt));
                    return vec![];
                }
            }
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
            prompt: Some(Popup::Prompt(prompt)),
        })]
    }
}
