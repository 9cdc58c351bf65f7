//! `I`: importing a conclusion notice or a tracking sheet. A prompt takes the document's path
//! (or the notice's text, pasted); the runner reads it into a [`Review`]; the clerk accepts,
//! edits (in the directive form, which comes back here instead of writing), splits, merges
//! and drops drafts; nothing is written until the clerk confirms, and then through the
//! import's one write path (`import::write::new_file`, as `dondoc import`).

use super::{App, DirectiveForm, Form, Input, Popup};
use crate::i18n::import as ti;
use crate::import::load;
use crate::import::review::{split_points, Review, Split};
use crate::store::files::FileRead;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::Mode;
use std::collections::HashSet;

/// The import under way.
#[derive(Debug, Clone, PartialEq, Eq)]
// One at a time, moved rarely.
#[allow(clippy::large_enum_variant)]
pub enum Import {
    /// The path prompt.
    Prompt {
        input: Input,
    },
    Review(ReviewState),
}

/// The review list and what is open over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewState {
    pub review: Review,
    /// Over the drafts, then the skipped paragraphs.
    pub cursor: usize,
    pub ask: Option<Ask>,
    /// The draft open in the directive form, and the id it was shown with.
    pub editing: Option<(usize, String)>,
}

/// A question over the review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ask {
    /// Write the accepted drafts? (`unassigned` of them have no lead unit.)
    Write { count: usize, unassigned: usize },
    /// Leave, losing what was decided?
    Discard,
    /// Where to cut the draft: `points` in its text, then "two copies" last.
    Split { cursor: usize, points: Vec<usize> },
}

impl ReviewState {
    fn rows(&self) -> usize {
        self.review.items.len() + self.review.skipped.len()
    }

    /// The draft under the cursor, if it is on one.
    pub fn draft(&self) -> Option<usize> {
        (self.cursor < self.review.items.len()).then_some(self.cursor)
    }
}

impl Import {
    pub fn mode(&self) -> Mode {
        match self {
            Import::Prompt { .. } => Mode::ImportPath,
            Import::Review(r) => match r.ask {
                Some(Ask::Write { .. }) => Mode::ImportConfirm,
                Some(Ask::Discard) => Mode::Question,
                Some(Ask::Split { .. }) => Mode::ImportSplit,
                None => Mode::Import,
            },
        }
    }
}

impl App {
    /// `I`: the path prompt.
    pub(super) fn open_import(&mut self) {
        self.import = Some(Import::Prompt {
            input: Input::default(),
        });
    }

    fn taken_ids(&self) -> HashSet<String> {
        self.ws.directives.iter().map(|d| d.id.clone()).collect()
    }

    /// A key while an import is open (and no popup over it).
    pub(super) fn update_import(&mut self, action: Action) -> Vec<Effect> {
        let Some(import) = self.import.take() else {
            return vec![];
        };
        match import {
            Import::Prompt { mut input } => match action {
                Action::Back => vec![],
                Action::Confirm => {
                    let typed = input.as_str().to_string();
                    if typed.trim().is_empty() {
                        self.info(ti::tr(self.lang, ti::EMPTY_PATH));
                        self.import = Some(Import::Prompt { input });
                        return vec![];
                    }
                    self.import = Some(Import::Prompt { input });
                    vec![self.read_effect(load::Input::Path(typed))]
                }
                Action::Type(c) => {
                    input.type_char(c);
                    self.import = Some(Import::Prompt { input });
                    vec![]
                }
                Action::Edit(op) => {
                    input.apply(op);
                    self.import = Some(Import::Prompt { input });
                    vec![]
                }
                _ => {
                    self.import = Some(Import::Prompt { input });
                    vec![]
                }
            },
            Import::Review(r) => self.review_key(r, action),
        }
    }

    fn read_effect(&self, input: load::Input) -> Effect {
        Effect::ImportRead {
            input,
            today: self.today,
            lang: self.lang,
        }
    }

    /// Pasted text while the path prompt is open: several lines are the notice itself.
    /// Returns false when no import prompt is open.
    pub(super) fn import_paste(&mut self, text: &str) -> Option<Vec<Effect>> {
        let Some(Import::Prompt { input }) = &mut self.import else {
            return None;
        };
        if text.trim().contains('\n') {
            return Some(vec![self.read_effect(load::Input::Text(text.to_string()))]);
        }
        input.paste(text.trim());
        Some(vec![])
    }

    /// The document was read: its review opens, or the prompt stays with why not.
    pub(super) fn import_read(
        &mut self,
        input: load::Input,
        result: Result<Box<Review>, String>,
    ) -> Vec<Effect> {
        match result {
            Ok(mut review) => {
                // A meeting file needs its date; one the rules did not find is the as-of date,
                // shown in the review's header and said here, for the clerk to check.
                let assumed = review.source.date.is_none().then_some(self.today);
                review.source.date = review.source.date.or(assumed);
                let summary = crate::import::Proposal {
                    source: review.source.clone(),
                    drafts: review.items.iter().map(|i| i.draft.clone()).collect(),
                    skipped: review.skipped.clone(),
                }
                .summary();
                let mut message = ti::read_done(self.lang, &review.origin, &summary);
                if let Some(date) = assumed {
                    message = format!("{message}; {}", ti::date_assumed(self.lang, date));
                }
                self.info(message);
                self.import = Some(Import::Review(ReviewState {
                    review: *review,
                    cursor: 0,
                    ask: None,
                    editing: None,
                }));
            }
            Err(why) => {
                self.error(why);
                // The typed path stays to be corrected; a failed paste leaves it as it was.
                if let load::Input::Path(typed) = input {
                    self.import = Some(Import::Prompt {
                        input: Input::line(&typed),
                    });
                }
            }
        }
        vec![]
    }

    fn review_key(&mut self, mut r: ReviewState, action: Action) -> Vec<Effect> {
        if let Some(ask) = r.ask.take() {
            return self.review_answer(r, ask, action);
        }
        let page = self.list_height().max(2) / 2;
        let rows = r.rows();
        match action {
            Action::Down => r.cursor = (r.cursor + 1).min(rows.saturating_sub(1)),
            Action::Up => r.cursor = r.cursor.saturating_sub(1),
            Action::Top => r.cursor = 0,
            Action::Bottom => r.cursor = rows.saturating_sub(1),
            Action::PageDown => r.cursor = (r.cursor + page).min(rows.saturating_sub(1)),
            Action::PageUp => r.cursor = r.cursor.saturating_sub(page),
            Action::Mark => match r.draft() {
                Some(i) => {
                    r.review.toggle_accept(i);
                    r.cursor = (r.cursor + 1).min(rows.saturating_sub(1));
                }
                None => {
                    let skipped = r.cursor - r.review.items.len();
                    if let Some(at) = r.review.revive(skipped) {
                        r.cursor = at;
                    }
                }
            },
            Action::MarkAll => r.review.accept_all(),
            Action::Drop => match r.draft() {
                Some(i) => {
                    r.review.toggle_drop(i);
                    r.cursor = (r.cursor + 1).min(rows.saturating_sub(1));
                }
                None => self.info(ti::tr(self.lang, ti::NOT_A_DRAFT)),
            },
            Action::Merge => match r.draft() {
                Some(i) if r.review.merge_next(i) => {}
                Some(_) => self.info(ti::tr(self.lang, ti::MERGE_LAST)),
                None => self.info(ti::tr(self.lang, ti::NOT_A_DRAFT)),
            },
            Action::Split => match r.draft() {
                Some(i) => {
                    let points = split_points(&r.review.items[i].draft.text);
                    r.ask = Some(Ask::Split { cursor: 0, points });
                }
                None => self.info(ti::tr(self.lang, ti::SPLIT_NONE)),
            },
            Action::Confirm => match r.draft() {
                Some(i) => {
                    let taken = self.taken_ids();
                    if let Some(new) = r.review.as_new(i, &taken) {
                        let form = DirectiveForm::from_draft(&self.ws, &r.review.rel, &new);
                        r.editing = Some((i, new.id));
                        self.import = Some(Import::Review(r));
                        self.open_directive_form(form);
                        return vec![];
                    }
                }
                None => self.info(ti::tr(self.lang, ti::NOT_A_DRAFT)),
            },
            Action::Save => {
                let w = r.review.to_write(&self.taken_ids());
                if w.new.is_empty() {
                    self.info(ti::tr(self.lang, ti::NOTHING_ACCEPTED));
                } else {
                    r.ask = Some(Ask::Write {
                        count: w.new.len(),
                        unassigned: w.unassigned,
                    });
                }
            }
            Action::Back if r.review.touched => r.ask = Some(Ask::Discard),
            Action::Back => return vec![],
            Action::Help => self.popup = Some(Popup::Help { scroll: 0 }),
            _ => {}
        }
        self.import = Some(Import::Review(r));
        vec![]
    }

    fn review_answer(&mut self, mut r: ReviewState, ask: Ask, action: Action) -> Vec<Effect> {
        match ask {
            Ask::Discard => {
                if action == Action::Yes {
                    self.info(ti::tr(self.lang, ti::DISCARDED));
                    return vec![];
                }
            }
            Ask::Write { count, unassigned } => match action {
                Action::Yes if unassigned > 0 => {
                    self.warn(ti::unassigned_in_ui(self.lang, unassigned));
                    r.ask = Some(Ask::Write { count, unassigned });
                }
                Action::Yes | Action::AsDrafts => {
                    let w = r.review.to_write(&self.taken_ids());
                    let effect = Effect::ImportWrite {
                        rel: r.review.rel.clone(),
                        source: r.review.source.clone(),
                        new: w.new,
                        lang: self.lang,
                    };
                    self.import = Some(Import::Review(r));
                    return vec![effect];
                }
                _ => {}
            },
            Ask::Split { cursor, points } => {
                let choices = points.len() + 1;
                match action {
                    Action::Down => {
                        r.ask = Some(Ask::Split {
                            cursor: (cursor + 1).min(choices - 1),
                            points,
                        })
                    }
                    Action::Up => {
                        r.ask = Some(Ask::Split {
                            cursor: cursor.saturating_sub(1),
                            points,
                        })
                    }
                    Action::Confirm => {
                        let how = points.get(cursor).map_or(Split::Copy, |p| Split::At(*p));
                        if let Some(i) = r.draft() {
                            r.review.split(i, how);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.import = Some(Import::Review(r));
        vec![]
    }

    /// After a key with the directive form open over the review: the form's write becomes
    /// the draft's new content (nothing is written), and a closed form goes back to the list.
    pub(super) fn import_after(&mut self, effects: Vec<Effect>) -> Vec<Effect> {
        let Some(Import::Review(r)) = &mut self.import else {
            return effects;
        };
        let Some((i, proposed)) = r.editing.clone() else {
            return effects;
        };
        let mut out = Vec::new();
        for e in effects {
            match e {
                Effect::Create { new, .. } => {
                    r.review.replace(i, &new, &proposed);
                    r.editing = None;
                    r.cursor = i;
                }
                other => out.push(other),
            }
        }
        if !matches!(self.popup, Some(Popup::Form(Form::Directive(_)))) {
            r.editing = None;
        }
        out
    }

    /// The drafts were written (a new meeting file, shown), or refused (the review stays).
    pub(super) fn import_written(
        &mut self,
        rel: String,
        drafts: usize,
        result: Result<Vec<String>, String>,
        file: Option<FileRead>,
    ) -> Vec<Effect> {
        match result {
            Ok(ids) => {
                if let Some(file) = file {
                    self.put_file(file);
                }
                self.import = None;
                self.owners.cursor = 0;
                self.list.filter = None;
                self.list.filters.clear();
                self.list.clear_search();
                self.list.meeting = Some(rel.clone());
                self.list.reset_cursor();
                self.focus = super::Pane::Directives;
                self.workspace_changed(super::Changed::All, false);
                self.meeting = Some(rel.clone());
                self.info(ti::written(self.lang, &rel, ids.len(), drafts));
                vec![Effect::GitStatus]
            }
            Err(why) => {
                self.error(ti::write_refused(self.lang, &rel, &why));
                if let Some(file) = file {
                    self.put_file(file);
                    self.workspace_changed(super::Changed::All, false);
                }
                vec![]
            }
        }
    }
}
