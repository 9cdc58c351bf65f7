//! The new-meeting form (`N`): title, date, document number, issuer, and the file it makes.

use crate::i18n::tui::{self as t, tr};
use crate::model::Source;
use crate::store::create::default_source_path;
use crate::tui::app::Input;
use chrono::NaiveDate;

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

    pub(super) fn input_mut(&mut self) -> &mut Input {
        match self.focus {
            MeetingField::Title => &mut self.title,
            MeetingField::Date => &mut self.date,
            MeetingField::Number => &mut self.number,
            MeetingField::Issuer => &mut self.issuer,
        }
    }

    pub(super) fn step_focus(&mut self, forward: bool) {
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
