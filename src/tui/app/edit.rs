//! Popups, prompts and edits: the help screen, the status and filter pickers, the one-line
//! prompts (note, deadline, as-of date), undo, and what the outcome of a write does to the
//! state (the message, the undo stack, the prompt reopened when a write is refused).

use super::{App, ViewFilter};
use crate::dates::{parse_as_of, parse_deadline};
use crate::i18n::tui::{self as t, tr};
use crate::model::Status;
use crate::store::edit::Change;
use crate::store::write::WriteError;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, Outcome, WriteRequest};

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

/// An edit that can be taken back: the change that restores the old values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    pub id: String,
    pub change: Change,
    /// What the edit wrote: the undo is refused when the fields no longer hold it.
    pub written: Change,
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
        }
    }

    /// Edits act on the selected directive, from the directives pane or the detail.
    pub(super) fn start_edit(&mut self, action: Action) -> Vec<Effect> {
        let target = match self.selected() {
            Some(d)
                if self.focus == super::Pane::Directives || self.view == super::View::Detail =>
            {
                (d.id.clone(), d.status, d.note.clone())
            }
            _ => {
                self.info(tr(self.lang, t::CHOOSE_DIRECTIVE));
                return vec![];
            }
        };
        let (id, status, note) = target;
        self.prompt_shown = self.ws.directive(&id).cloned();
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

    pub(super) fn ask_as_of(&mut self) {
        self.popup = Some(Popup::Prompt(Prompt {
            kind: PromptKind::AsOf,
            id: String::new(),
            input: String::new(),
        }));
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
            Action::Type(c) => prompt.input.push(c),
            Action::Backspace => {
                prompt.input.pop();
            }
            Action::ClearInput => prompt.input.clear(),
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
        // Someone else changed a field since: their change wins.
        if let Some(field) = crate::store::undo::differs(&entry.written, current) {
            let moved = crate::store::undo::Moved {
                id: entry.id.clone(),
                field,
                by: current.last_author().map(str::to_string),
            };
            self.error(t::undo_moved(self.lang, &moved));
            return vec![];
        }
        let change = entry.change.resolve(current, self.today);
        if change.is_empty() {
            self.info(tr(self.lang, t::NOTHING_TO_CHANGE));
            return vec![];
        }
        self.undo_in_flight = Some(entry.clone());
        vec![Effect::Write(WriteRequest {
            id: entry.id,
            change,
            undo: true,
            prompt: None,
        })]
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
                    format!("{} {}: {what}", tr(self.lang, t::UNDONE), request.id)
                } else {
                    self.undo.push(UndoEntry {
                        id: request.id.clone(),
                        change: request.change.inverse(&written.before),
                        written: request.change.clone(),
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
                    if let Some(entry) = self.undo_in_flight.take() {
                        self.undo.push(entry);
                    }
                }
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
