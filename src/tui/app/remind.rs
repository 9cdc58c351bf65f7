//! `R`: the reminder letter (công văn đôn đốc) to one unit, previewed in a popup as
//! `dondoc remind --owner ID --format md` gives it; confirming writes the letter (docx) and
//! records it on each directive it lists, through the store function `remind` uses.
//!
//! With marked directives, `R` prepares one letter per lead unit among them, each listing
//! only the marked directives of that unit: previewed one after another, each written with
//! its own Enter (Esc stops, writing nothing more).

use super::{App, Pane, Popup};
use crate::i18n::tui as t;
use crate::report::{docx, letter};
use crate::tui::action::Action;
use crate::tui::effect::{Effect, Outcome, RemindRequest};
use chrono::Duration;
use std::path::PathBuf;

/// The letter shown before it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterPreview {
    pub owner: String,
    /// The unit's name, for the popup's title.
    pub name: String,
    /// The letter as Markdown, as `dondoc remind --format md` writes it.
    pub text: String,
    /// The directives it lists (the log entries go on them).
    pub ids: Vec<String>,
    /// Where the letter would be written.
    pub path: PathBuf,
    pub scroll: u16,
    /// The directives the letter is limited to (the marked ones); empty: every directive of
    /// the unit that a letter lists.
    pub only: Vec<String>,
    /// With marked directives: the lead units whose letters come after this one, and this
    /// letter's place among them all (1-based, total).
    pub next: Vec<String>,
    pub place: (usize, usize),
}

/// Letters go beside the workspace folder, not into it: they are not data.
pub fn letters_dir(root: &std::path::Path) -> PathBuf {
    root.parent()
        .map_or_else(|| root.to_path_buf(), std::path::Path::to_path_buf)
}

impl App {
    /// The unit `R` is about: the one selected in the units pane, else the selected
    /// directive's lead unit.
    fn remind_target(&self) -> Option<String> {
        if self.focus == Pane::Owners && self.view == super::View::List {
            if let Some(id) = self.owners.selected_id(&self.ws) {
                return Some(id.to_string());
            }
        }
        self.selected().map(|d| d.owner.to_string())
    }

    /// The letters for the marked directives, or for the unit `R` is about.
    fn letters_for(&self, owner: &str, only: &[String]) -> Vec<letter::Letter> {
        if only.is_empty() {
            letter::letters(&self.ws, self.today, &[owner.to_string()])
        } else {
            letter::letters_of(&self.ws, self.today, only)
                .into_iter()
                .filter(|l| l.owner == owner)
                .collect()
        }
    }

    /// Opens the preview of the letter to the unit, or says there is nothing to remind. With
    /// marked directives: the first of the letters to their lead units.
    pub(super) fn open_letter(&mut self) {
        if !self.marked.is_empty() {
            let only = self.marked.clone();
            let owners: Vec<String> = letter::letters_of(&self.ws, self.today, &only)
                .into_iter()
                .map(|l| l.owner)
                .collect();
            if owners.is_empty() {
                self.info(t::nothing_to_remind_marked(self.lang, only.len()));
                return;
            }
            let total = owners.len();
            self.preview_letter(&owners[0], only, owners[1..].to_vec(), (1, total));
            return;
        }
        let Some(owner) = self.remind_target() else {
            return;
        };
        self.preview_letter(&owner, Vec::new(), Vec::new(), (1, 1));
    }

    fn preview_letter(
        &mut self,
        owner: &str,
        only: Vec<String>,
        next: Vec<String>,
        place: (usize, usize),
    ) {
        let today = self.today;
        let letters = self.letters_for(owner, &only);
        let Some(l) = letters.into_iter().next() else {
            let who = self.ws.owner_name(owner).to_string();
            self.info(crate::i18n::cli::nothing_to_remind(
                self.lang,
                today,
                Some(&who),
            ));
            return;
        };
        let doc =
            letter::letter_document(&l, &self.ws, today, today + Duration::days(7), self.lang);
        let dir = self
            .letters_dir
            .clone()
            .unwrap_or_else(|| letters_dir(&self.ws.root));
        let path = dir.join(format!("don-doc-{}-{}.docx", l.owner, today));
        self.popup = Some(Popup::Letter(LetterPreview {
            owner: l.owner.clone(),
            name: l.name.clone(),
            text: letter::markdown(&doc),
            ids: l.items.iter().map(|i| i.id.clone()).collect(),
            path,
            scroll: 0,
            only,
            next,
            place,
        }));
    }

    /// A key in the preview: scroll, write (Enter), or close (Esc) without writing.
    pub(super) fn letter_key(&mut self, mut preview: LetterPreview, action: Action) -> Vec<Effect> {
        match action {
            Action::Down => preview.scroll = preview.scroll.saturating_add(1),
            Action::Up => preview.scroll = preview.scroll.saturating_sub(1),
            Action::Back => {
                if !preview.next.is_empty() {
                    let left = preview.next.len() + 1;
                    self.info(t::letters_not_written(self.lang, left));
                }
                return vec![];
            }
            Action::Confirm => {
                let (place, total) = preview.place;
                let (only, next) = (preview.only.clone(), preview.next.clone());
                let effects = self.write_letter(preview);
                // The next unit's letter, while this one is written.
                if let Some((owner, rest)) = next.split_first() {
                    self.preview_letter(owner, only, rest.to_vec(), (place + 1, total));
                }
                return effects;
            }
            _ => {}
        }
        self.popup = Some(Popup::Letter(preview));
        vec![]
    }

    fn write_letter(&mut self, preview: LetterPreview) -> Vec<Effect> {
        let today = self.today;
        let letters = self.letters_for(&preview.owner, &preview.only);
        let Some(l) = letters.into_iter().next() else {
            return vec![];
        };
        let doc =
            letter::letter_document(&l, &self.ws, today, today + Duration::days(7), self.lang);
        match docx::write(&doc, self.lang) {
            Ok(bytes) => vec![Effect::Remind(RemindRequest {
                path: preview.path,
                bytes,
                ids: preview.ids,
            })],
            Err(e) => {
                self.error(format!("{}: {e}", preview.path.display()));
                vec![]
            }
        }
    }

    /// The letter was written (or not) and logged (or not): the files as they are now go in,
    /// and the status line says where the letter is, or what was refused.
    pub(super) fn reminded(&mut self, outcome: Outcome) -> Vec<Effect> {
        let Outcome::Reminded {
            request,
            file_error,
            logged,
            files,
        } = outcome
        else {
            return vec![];
        };
        let path = request.path.display().to_string();
        for file in files {
            self.put_file(file);
        }
        self.workspace_changed(super::Changed::All, true);
        match (file_error, logged) {
            (Some(e), _) => self.error(t::letter_not_written(self.lang, &path, &e)),
            (None, Err(e)) => {
                let why = crate::i18n::store::write_error(self.lang, &e);
                self.error(t::letter_not_logged(self.lang, &path, &why));
            }
            (None, Ok(_)) => {
                // Reminded: no longer marked.
                self.marked.retain(|id| !request.ids.contains(id));
                self.info(t::letter_written(self.lang, &path, request.ids.len()))
            }
        }
        vec![Effect::GitStatus]
    }
}
