//! The forms: a new directive (`a`) and a new meeting (`N`). Each field is an [`Input`]; the
//! lead and coordinating units are [`UnitPicker`]s (filter as you type, a whole group at once,
//! several units). What a form becomes is checked as it is typed (the id against the
//! workspace) and written through the store's create functions by the effect runner; a
//! refused write reopens the form as it was.
//!
//! Another part of dondoc (an import) can show its drafts here for review:
//! [`DirectiveForm::from_draft`] then [`App::open_directive_form`].

mod directive;
mod meeting;
mod picker;

pub use directive::{DirectiveField, DirectiveForm};
pub use meeting::{MeetingField, MeetingForm};
pub use picker::{PickRow, UnitPicker, UnitsForm};

use super::{App, Input, Popup};
use crate::i18n::tui::{self as t, tr};
use crate::tui::action::{Action, EditOp};
use crate::tui::effect::Effect;

/// An open form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Form {
    Directive(Box<DirectiveForm>),
    Meeting(Box<MeetingForm>),
    Units(Box<UnitsForm>),
}

impl Form {
    pub fn asking_discard(&self) -> bool {
        match self {
            Form::Directive(f) => f.asking_discard,
            Form::Meeting(f) => f.asking_discard,
            Form::Units(_) => false,
        }
    }

    /// The input that has the keys, if the focused field is one.
    pub fn input_mut(&mut self) -> Option<&mut Input> {
        match self {
            Form::Directive(f) => match f.focus {
                DirectiveField::Lead => Some(&mut f.lead.query),
                DirectiveField::Support => Some(&mut f.support.query),
                _ => f.input_mut(),
            },
            Form::Meeting(f) => Some(f.input_mut()),
            Form::Units(f) => Some(&mut f.picker.query),
        }
    }
}

impl App {
    /// `a`: a new directive in the meeting shown (after `N`), else in the selected directive's
    /// meeting.
    pub(super) fn open_new_directive(&mut self) {
        let file = self.meeting.clone().or_else(|| {
            let d = self.selected()?;
            Some(self.ws.file_of(d).path.clone())
        });
        match file {
            Some(file) => {
                let form = DirectiveForm::new(&self.ws, &file);
                self.open_directive_form(form);
            }
            None => self.info(tr(self.lang, t::CHOOSE_MEETING)),
        }
    }

    /// Shows a directive form (new, or filled from a draft) over the lists.
    pub fn open_directive_form(&mut self, form: DirectiveForm) {
        self.popup = Some(Popup::Form(Form::Directive(Box::new(form))));
    }

    /// `O`, `P`: the selected directive's lead unit or coordinating units.
    pub(super) fn open_units_form(&mut self, action: Action) {
        let can = self.focus == super::Pane::Directives || self.view == super::View::Detail;
        let Some(d) = self.selected().filter(|_| can).cloned() else {
            self.info(tr(self.lang, t::CHOOSE_DIRECTIVE));
            return;
        };
        let support = action == Action::EditSupport;
        let picker = UnitPicker {
            chosen: if support {
                d.support.iter().map(|s| s.to_string()).collect()
            } else {
                Vec::new()
            },
            ..UnitPicker::default()
        };
        let form = UnitsForm {
            id: d.id.clone(),
            support,
            picker,
        };
        self.popup = Some(Popup::Form(Form::Units(Box::new(form))));
        // The change is checked against the directive as it is now, when it is saved.
        self.prompt_shown = Some(d);
    }

    fn units_key(&mut self, mut f: Box<UnitsForm>, action: Action) -> Vec<Effect> {
        match action {
            Action::Back => {
                self.message = None;
                self.prompt_shown = None;
                return vec![];
            }
            Action::Save if f.support => return self.write_units(&f),
            Action::Confirm if !f.support => {
                // The lead is one unit: the highlighted unit row, written at once.
                match f.picker.highlighted(&self.ws) {
                    Some(row) if row.takes.len() == 1 && !row.is_group => {
                        f.picker.chosen = row.takes;
                        return self.write_units(&f);
                    }
                    _ => self.info(tr(self.lang, t::ONE_LEAD)),
                }
            }
            Action::Confirm => {
                f.picker.toggle(&self.ws);
            }
            _ => f.picker.key(&self.ws, action),
        }
        self.popup = Some(Popup::Form(Form::Units(f)));
        vec![]
    }

    /// The units chosen as a write, or the picker again, with the choice kept and why in the
    /// status line: the directive changed since the picker opened, the lead unit chosen as a
    /// coordinating one. A write the store refuses brings the picker back the same way.
    fn write_units(&mut self, f: &UnitsForm) -> Vec<Effect> {
        let Some(current) = self.ws.directive(&f.id) else {
            return vec![];
        };
        let reopen = |app: &mut App, why: String| {
            app.error(why);
            app.popup = Some(Popup::Form(Form::Units(Box::new(f.clone()))));
            vec![]
        };
        let shown = self.prompt_shown.replace(current.clone());
        if let Some(since) = shown.and_then(|s| crate::store::changes::edited_since(&s, current)) {
            self.changed.insert(f.id.clone());
            let save = if f.support { "Ctrl-S" } else { "Enter" };
            let why = t::units_changed_while_open(self.lang, &f.id, &since, save);
            return reopen(self, why);
        }
        if f.support && f.picker.chosen.iter().any(|c| *c == current.owner) {
            let name = self.ws.owner_name(&current.owner).to_string();
            return reopen(self, t::support_is_lead(self.lang, &name));
        }
        let change = if f.support {
            crate::store::edit::Change {
                support: Some(f.picker.chosen.clone()),
                ..Default::default()
            }
        } else {
            crate::store::edit::Change {
                owner: f.picker.chosen.first().cloned(),
                ..Default::default()
            }
        };
        let change = change.resolve(current, self.today);
        if change.is_empty() {
            self.info(tr(self.lang, t::NOTHING_TO_CHANGE));
            return vec![];
        }
        vec![Effect::Write(crate::tui::effect::WriteRequest {
            id: f.id.clone(),
            change,
            undo: false,
            prompt: Some(Popup::Form(Form::Units(Box::new(f.clone())))),
        })]
    }

    /// `N`: a new meeting.
    pub(super) fn open_new_meeting(&mut self) {
        self.popup = Some(Popup::Form(Form::Meeting(Box::new(MeetingForm::new(
            self.today,
        )))));
    }

    /// A key while a form is open.
    pub(super) fn form_key(&mut self, form: Form, action: Action) -> Vec<Effect> {
        let form = match form {
            Form::Units(f) => return self.units_key(f, action),
            other => other,
        };
        let mut form = form;
        if form.asking_discard() {
            // y discards; anything else goes back to the form.
            if action == Action::Yes {
                return vec![];
            }
            match &mut form {
                Form::Directive(f) => f.asking_discard = false,
                Form::Meeting(f) => f.asking_discard = false,
                Form::Units(_) => {}
            }
            self.popup = Some(Popup::Form(form));
            return vec![];
        }
        match action {
            Action::Back => {
                let filled = match &mut form {
                    Form::Directive(f) => {
                        f.asking_discard = f.is_filled();
                        f.asking_discard
                    }
                    Form::Meeting(f) => {
                        f.asking_discard = f.is_filled();
                        f.asking_discard
                    }
                    Form::Units(_) => false,
                };
                if filled {
                    self.popup = Some(Popup::Form(form));
                }
                return vec![];
            }
            Action::Save => return self.submit_form(form),
            _ => {}
        }
        match &mut form {
            Form::Directive(f) => {
                let f = f.as_mut();
                match (action, f.focus) {
                    (Action::NextField, _) => f.step_focus(true),
                    (Action::PrevField, _) => f.step_focus(false),
                    (Action::Confirm, DirectiveField::Lead) => {
                        f.lead.toggle(&self.ws);
                    }
                    (Action::Confirm, DirectiveField::Support) => {
                        f.support.toggle(&self.ws);
                    }
                    (Action::Confirm, _) => {
                        self.popup = Some(Popup::Form(form));
                        return self.submit_form_from_popup();
                    }
                    (_, DirectiveField::Lead) => f.lead.key(&self.ws, action),
                    (_, DirectiveField::Support) => f.support.key(&self.ws, action),
                    (action, field) => {
                        if let Some(input) = f.input_mut() {
                            match action {
                                Action::Type(c) => input.type_char(c),
                                Action::Edit(op) => {
                                    input.apply(op);
                                }
                                Action::Up => {
                                    input.apply(EditOp::Up);
                                }
                                Action::Down => {
                                    input.apply(EditOp::Down);
                                }
                                _ => {}
                            }
                            if field == DirectiveField::Id
                                && matches!(action, Action::Type(_) | Action::Edit(_))
                            {
                                f.id_typed = true;
                            }
                        }
                    }
                }
            }
            Form::Units(_) => {}
            Form::Meeting(f) => match action {
                Action::NextField | Action::Down => f.step_focus(true),
                Action::PrevField | Action::Up => f.step_focus(false),
                Action::Confirm => {
                    self.popup = Some(Popup::Form(form));
                    return self.submit_form_from_popup();
                }
                Action::Type(c) => f.input_mut().type_char(c),
                Action::Edit(op) => {
                    f.input_mut().apply(op);
                }
                _ => {}
            },
        }
        self.popup = Some(Popup::Form(form));
        vec![]
    }

    fn submit_form_from_popup(&mut self) -> Vec<Effect> {
        match self.popup.take() {
            Some(Popup::Form(form)) => self.submit_form(form),
            other => {
                self.popup = other;
                vec![]
            }
        }
    }

    /// Ctrl-S (or Enter outside the unit pickers): the form's write, or the form again with the
    /// field to fix focused and why in the status line.
    fn submit_form(&mut self, form: Form) -> Vec<Effect> {
        match form {
            Form::Units(f) => self.write_units(&f),
            Form::Directive(mut f) => match f.build(&self.ws, self.today, self.lang) {
                Ok(new) => vec![Effect::Create {
                    file: f.file.clone(),
                    new,
                    form: f,
                }],
                Err((field, why)) => {
                    f.focus = field;
                    self.error(why);
                    self.popup = Some(Popup::Form(Form::Directive(f)));
                    vec![]
                }
            },
            Form::Meeting(mut f) => match f.build(self.today, self.lang) {
                Ok((path, source)) => vec![Effect::NewMeeting {
                    path,
                    source,
                    form: f,
                }],
                Err((field, why)) => {
                    f.focus = field;
                    self.error(why);
                    self.popup = Some(Popup::Form(Form::Meeting(f)));
                    vec![]
                }
            },
        }
    }

    /// The new directives of a form were written (or refused: the form comes back as typed).
    pub(super) fn created(
        &mut self,
        form: Box<DirectiveForm>,
        result: Result<Vec<String>, String>,
        file: crate::store::files::FileRead,
    ) -> Vec<Effect> {
        match result {
            Ok(ids) => {
                self.info(t::created_directives(self.lang, &ids, &form.file));
                if let Some(first) = ids.first() {
                    self.list.select_id(first);
                }
                let changed = self.put_file(file);
                self.workspace_changed(changed, false);
                vec![Effect::GitStatus]
            }
            Err(e) => {
                self.error(e);
                self.put_file(file);
                self.workspace_changed(super::Changed::All, false);
                self.popup = Some(Popup::Form(Form::Directive(form)));
                vec![]
            }
        }
    }

    /// A new meeting file was written: `a` now adds to it. Refused: the form comes back.
    pub(super) fn meeting_created(
        &mut self,
        form: Box<MeetingForm>,
        path: String,
        result: Result<(), String>,
        file: crate::store::files::FileRead,
    ) -> Vec<Effect> {
        match result {
            Ok(()) => {
                self.put_file(file);
                // The new meeting is shown, empty, ready for its directives.
                self.owners.cursor = 0;
                self.list.filter = None;
                self.list.filters.clear();
                self.list.clear_search();
                self.list.meeting = Some(path.clone());
                self.list.reset_cursor();
                self.focus = super::Pane::Directives;
                self.workspace_changed(super::Changed::All, false);
                self.info(t::meeting_created(self.lang, &path));
                self.meeting = Some(path);
                vec![Effect::GitStatus]
            }
            Err(e) => {
                self.error(e);
                self.popup = Some(Popup::Form(Form::Meeting(form)));
                vec![]
            }
        }
    }
}
