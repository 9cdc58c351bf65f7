//! Popups and prompts: what a popup holds (the help screen, the pickers, a one-line prompt
//! and its extra fields, the meetings list), and the undo stack's entry.

use super::Input;
use crate::i18n::tui as t;
use crate::model::Status;
use crate::store::undo::Step;

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

    pub(super) fn focused(&mut self) -> &mut Input {
        match self.field.checked_sub(1) {
            Some(i) if i < self.extra.len() => &mut self.extra[i],
            _ => &mut self.input,
        }
    }

    /// The optional field `i` (0-based among the extras), trimmed; `None` when empty.
    pub(super) fn extra_value(&self, i: usize) -> Option<String> {
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
    /// Why the file cannot be read or written: the row names the file and says so.
    pub broken: Option<crate::model::ProblemKind>,
}

/// An edit that can be taken back (and, once taken back, done again): the store's step,
/// which refuses when someone changed the fields since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoEntry {
    pub id: String,
    pub step: Step,
    /// 0: an edit on its own. Edits written together (the marked directives) share a number:
    /// `u` takes them back together and `Ctrl-R` does them again together.
    pub batch: u32,
}
