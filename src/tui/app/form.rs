//! The forms: a new directive (`a`) and a new meeting (`N`). Each field is an [`Input`]; the
//! lead and coordinating units are [`UnitPicker`]s (filter as you type, a whole group at once,
//! several units). What a form becomes is checked as it is typed (the id against the
//! workspace) and written through the store's create functions by the effect runner; a
//! refused write reopens the form as it was.
//!
//! Another part of dondoc (an import) can show its drafts here for review:
//! [`DirectiveForm::from_draft`] then [`App::open_directive_form`].

use super::{App, Input, Popup};
use crate::dates::parse_deadline;
use crate::i18n::tui::{self as t, tr};
use crate::model::{Source, Workspace};
use crate::owners::pick;
use crate::store::create::{default_source_path, propose_ids, NewDirective};
use crate::tui::action::{Action, EditOp};
use crate::tui::effect::Effect;
use chrono::NaiveDate;

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

    fn key(&mut self, ws: &Workspace, action: Action) {
        match action {
            Action::Type(c) => {
                self.query.type_char(c);
                self.cursor = 0;
            }
            // Backspace on an empty query gives back the last unit taken.
            Action::Edit(EditOp::Backspace) if self.query.is_empty() => {
                self.chosen.pop();
            }
            Action::Edit(op) => {
                self.query.apply(op);
                self.cursor = 0;
            }
            Action::Down => self.cursor += 1,
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            _ => {}
        }
        let selectable = self.rows(ws).iter().filter(|r| !r.takes.is_empty()).count();
        self.cursor = self.cursor.min(selectable.saturating_sub(1));
    }
}

/// The fields of the new-directive form, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirectiveField {
    Text,
    Lead,
    Support,
    Deadline,
    Issuer,
    Note,
    Id,
}

impl DirectiveField {
    pub const ALL: [DirectiveField; 7] = [
        DirectiveField::Text,
        DirectiveField::Lead,
        DirectiveField::Support,
        DirectiveField::Deadline,
        DirectiveField::Issuer,
        DirectiveField::Note,
        DirectiveField::Id,
    ];
}

/// A new directive being entered for meeting file `file`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectiveForm {
    pub file: String,
    pub text: Input,
    pub lead: UnitPicker,
    pub support: UnitPicker,
    /// Empty: ongoing (no deadline).
    pub deadline: Input,
    pub issuer: Input,
    pub note: Input,
    /// The id; while `id_typed` is false it follows the format's proposal for the lead units.
    pub id: Input,
    pub id_typed: bool,
    /// From an imported draft: the status and done date it was found with (kept as they are).
    pub status: Option<crate::model::Status>,
    pub done_on: Option<NaiveDate>,
    pub focus: DirectiveField,
    /// Esc on a filled form asks first.
    pub asking_discard: bool,
}

impl DirectiveForm {
    /// An empty form for `file`: the issuer is the meeting's `issued_by`.
    pub fn new(ws: &Workspace, file: &str) -> DirectiveForm {
        let issuer = ws
            .files
            .iter()
            .find(|f| f.path == file)
            .and_then(|f| f.source.issued_by.clone())
            .unwrap_or_default();
        let mut form = DirectiveForm {
            file: file.to_string(),
            text: Input::lines(""),
            lead: UnitPicker::default(),
            support: UnitPicker::default(),
            deadline: Input::default(),
            issuer: Input::line(&issuer),
            note: Input::default(),
            id: Input::default(),
            id_typed: false,
            status: None,
            done_on: None,
            focus: DirectiveField::Text,
            asking_discard: false,
        };
        form.propose_id(ws);
        form
    }

    /// A form filled from a draft (an import's), for review before it is written: an id in the
    /// draft is kept as typed; the lead unit is taken when known.
    pub fn from_draft(ws: &Workspace, file: &str, draft: &NewDirective) -> DirectiveForm {
        let mut form = DirectiveForm::new(ws, file);
        form.text = Input::lines(&draft.text);
        let known = |id: &String| ws.owner(id).is_some();
        form.lead.chosen = std::iter::once(&draft.owner)
            .filter(|o| known(o))
            .cloned()
            .collect();
        form.support.chosen = draft.support.iter().filter(|o| known(o)).cloned().collect();
        if let Some(d) = draft.deadline {
            form.deadline = Input::line(&d.format("%d/%m/%Y").to_string());
        }
        if let Some(i) = &draft.issued_by {
            form.issuer = Input::line(i);
        }
        form.note = Input::line(draft.note.as_deref().unwrap_or(""));
        form.status = draft.status;
        form.done_on = draft.done_on;
        if draft.id.trim().is_empty() {
            form.propose_id(ws);
        } else {
            form.id = Input::line(&draft.id);
            form.id_typed = true;
        }
        form
    }

    /// Whether anything was typed or chosen (Esc then asks before discarding it).
    pub fn is_filled(&self) -> bool {
        !self.text.as_str().trim().is_empty()
            || !self.lead.chosen.is_empty()
            || !self.support.chosen.is_empty()
            || !self.deadline.is_empty()
            || !self.note.is_empty()
            || self.id_typed
    }

    fn propose_id(&mut self, ws: &Workspace) {
        if self.id_typed {
            return;
        }
        // The number part: with several units the proposal appends each unit's id to it.
        let base = propose_ids(ws, &self.file, &[]).pop().unwrap_or_default();
        self.id = Input::line(&base);
    }

    /// The ids the form would write: the id as shown, with each unit's id appended when there
    /// are several lead units.
    pub fn ids(&self) -> Vec<String> {
        let base = self.id.as_str().trim();
        match self.lead.chosen.as_slice() {
            [_] | [] => vec![base.to_string()],
            many => many.iter().map(|o| format!("{base}-{o}")).collect(),
        }
    }

    /// What stops the form from being written, as typed: the first problem, for the line under
    /// the fields (the store checks again when writing).
    pub fn problem(
        &self,
        ws: &Workspace,
        today: NaiveDate,
        lang: crate::i18n::Lang,
    ) -> Option<String> {
        for id in self.ids() {
            if let Some(d) = ws.directive(&id) {
                return Some(t::id_used(lang, &id, &ws.file_of(d).path));
            }
        }
        let deadline = self.deadline.as_str().trim();
        if !deadline.is_empty() {
            if let Err(e) = parse_deadline(deadline, today) {
                return Some(t::deadline_error(lang, &e));
            }
        }
        None
    }

    /// The directives to write, or the field to fix and why.
    pub fn build(
        &self,
        ws: &Workspace,
        today: NaiveDate,
        lang: crate::i18n::Lang,
    ) -> Result<Vec<NewDirective>, (DirectiveField, String)> {
        if self.text.as_str().trim().is_empty() {
            return Err((
                DirectiveField::Text,
                tr(lang, t::FORM_NEEDS_TEXT).to_string(),
            ));
        }
        if self.lead.chosen.is_empty() {
            return Err((
                DirectiveField::Lead,
                tr(lang, t::FORM_NEEDS_LEAD).to_string(),
            ));
        }
        let deadline = match self.deadline.as_str().trim() {
            "" => None,
            s => parse_deadline(s, today)
                .map_err(|e| (DirectiveField::Deadline, t::deadline_error(lang, &e)))?,
        };
        if let Some(p) = self.problem(ws, today, lang) {
            return Err((DirectiveField::Id, p));
        }
        let opt = |i: &Input| Some(i.as_str().trim().to_string()).filter(|s| !s.is_empty());
        Ok(self
            .lead
            .chosen
            .iter()
            .zip(self.ids())
            .map(|(owner, id)| NewDirective {
                id,
                text: self.text.as_str().to_string(),
                owner: owner.clone(),
                support: self.support.chosen.clone(),
                issued_by: opt(&self.issuer),
                deadline,
                note: opt(&self.note),
                status: self.status,
                done_on: self.done_on,
                // Reviewed in the form: no longer a draft.
                draft: false,
            })
            .collect())
    }

    fn input_mut(&mut self) -> Option<&mut Input> {
        Some(match self.focus {
            DirectiveField::Text => &mut self.text,
            DirectiveField::Deadline => &mut self.deadline,
            DirectiveField::Issuer => &mut self.issuer,
            DirectiveField::Note => &mut self.note,
            DirectiveField::Id => &mut self.id,
            DirectiveField::Lead | DirectiveField::Support => return None,
        })
    }

    fn step_focus(&mut self, forward: bool) {
        let all = DirectiveField::ALL;
        let i = all.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = all.len();
        self.focus = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }
}

/// The fields of the new-meeting form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingField {
    Title,
    Date,
    Number,
    Issuer,
}

impl MeetingField {
    pub const ALL: [MeetingField; 4] = [
        MeetingField::Title,
        MeetingField::Date,
        MeetingField::Number,
        MeetingField::Issuer,
    ];
}

/// A new meeting (a source file): title, date, document number, issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingForm {
    pub title: Input,
    pub date: Input,
    pub number: Input,
    pub issuer: Input,
    pub focus: MeetingField,
    pub asking_discard: bool,
}

impl MeetingForm {
    /// The date starts at the as-of date.
    pub fn new(today: NaiveDate) -> MeetingForm {
        MeetingForm {
            title: Input::default(),
            date: Input::line(&today.format("%d/%m/%Y").to_string()),
            number: Input::default(),
            issuer: Input::default(),
            focus: MeetingField::Title,
            asking_discard: false,
        }
    }

    pub fn is_filled(&self) -> bool {
        !self.title.is_empty() || !self.number.is_empty() || !self.issuer.is_empty()
    }

    /// The source and the file it goes to (`<year>/<slug>.toml`), or the field to fix.
    pub fn build(
        &self,
        today: NaiveDate,
        lang: crate::i18n::Lang,
    ) -> Result<(String, Source), (MeetingField, String)> {
        let title = self.title.as_str().trim();
        if title.is_empty() {
            return Err((
                MeetingField::Title,
                tr(lang, t::FORM_NEEDS_TITLE).to_string(),
            ));
        }
        let date = match self.date.as_str().trim() {
            "" => None,
            s => Some(
                crate::dates::parse_date(s, today)
                    .map_err(|e| (MeetingField::Date, t::deadline_error(lang, &e)))?,
            ),
        };
        let opt = |i: &Input| Some(i.as_str().trim().to_string()).filter(|s| !s.is_empty());
        let source = Source {
            title: title.to_string(),
            date,
            reference: opt(&self.number),
            issued_by: opt(&self.issuer),
        };
        Ok((default_source_path(&source), source))
    }

    fn input_mut(&mut self) -> &mut Input {
        match self.focus {
            MeetingField::Title => &mut self.title,
            MeetingField::Date => &mut self.date,
            MeetingField::Number => &mut self.number,
            MeetingField::Issuer => &mut self.issuer,
        }
    }

    fn step_focus(&mut self, forward: bool) {
        let all = MeetingField::ALL;
        let i = all.iter().position(|f| *f == self.focus).unwrap_or(0);
        let n = all.len();
        self.focus = all[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
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
        let Some(d) = self.selected().filter(|_| can) else {
            self.info(tr(self.lang, t::CHOOSE_DIRECTIVE));
            return;
        };
        let support = action == Action::EditSupport;
        let picker = UnitPicker {
            chosen: if support {
                d.support.clone()
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
    }

    fn units_key(&mut self, mut f: Box<UnitsForm>, action: Action) -> Vec<Effect> {
        match action {
            Action::Back => return vec![],
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

    fn write_units(&mut self, f: &UnitsForm) -> Vec<Effect> {
        let Some(current) = self.ws.directive(&f.id) else {
            return vec![];
        };
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
            prompt: None,
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
                    (Action::Confirm, DirectiveField::Text) => {
                        f.text.apply(EditOp::Newline);
                    }
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

    /// Ctrl-S (or Enter on a one-line field): the form's write, or the form again with the
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
