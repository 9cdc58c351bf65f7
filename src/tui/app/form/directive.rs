//! The new-directive form (`a`): its fields, the id it proposes, and what it writes.

use super::UnitPicker;
use crate::dates::parse_deadline;
use crate::i18n::tui::{self as t, tr};
use crate::model::Workspace;
use crate::store::create::{propose_ids, NewDirective};
use crate::tui::app::Input;
use chrono::NaiveDate;

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
        // The meeting's own issuer is the format's default: not repeated on each directive
        // (as `dondoc add` does), so a correction of the meeting's applies to them all.
        let meeting_issuer = ws
            .files
            .iter()
            .find(|f| f.path == self.file)
            .and_then(|f| f.source.issued_by.as_deref())
            .map(crate::fold::nfc);
        let issued_by = opt(&self.issuer)
            .map(|i| crate::fold::nfc(&i))
            .filter(|i| Some(i) != meeting_issuer.as_ref());
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
                issued_by: issued_by.clone(),
                deadline,
                note: opt(&self.note),
                status: self.status,
                done_on: self.done_on,
                // Reviewed in the form: no longer a draft.
                draft: false,
            })
            .collect())
    }

    pub(super) fn input_mut(&mut self) -> Option<&mut Input> {
        Some(match self.focus {
            DirectiveField::Text => &mut self.text,
            DirectiveField::Deadline => &mut self.deadline,
            DirectiveField::Issuer => &mut self.issuer,
            DirectiveField::Note => &mut self.note,
            DirectiveField::Id => &mut self.id,
            DirectiveField::Lead | DirectiveField::Support => return None,
        })
    }

    pub(super) fn step_focus(&mut self, forward: bool) {
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
