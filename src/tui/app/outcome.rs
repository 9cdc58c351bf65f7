//! What a write's outcome does to the state: the message, the undo and redo stacks, the
//! prompt reopened when a write is refused.

use super::{App, UndoEntry};
use crate::i18n::tui::{self as t, tr};
use crate::store::undo::Step;
use crate::store::write::WriteError;
use crate::tui::effect::{Effect, Outcome, WriteRequest};

const UNDO_DEPTH: usize = 100;

/// The entries on top of `stack` that go together: one edit, or the edits of marked
/// directives written together.
fn take_top(stack: &mut Vec<UndoEntry>) -> Vec<UndoEntry> {
    let Some(last) = stack.pop() else {
        return Vec::new();
    };
    let batch = last.batch;
    let mut out = vec![last];
    while batch != 0 && stack.last().is_some_and(|e| e.batch == batch) {
        out.extend(stack.pop());
    }
    out.reverse();
    out
}

impl App {
    /// A number for edits written together, unused in the stacks.
    fn next_batch(&self) -> u32 {
        let used = self.undo.iter().chain(&self.redo).chain(&self.undoing);
        used.map(|e| e.batch).max().unwrap_or(0) + 1
    }

    /// The changes that take back (or, `redo`, do again) edits written together, as one
    /// write per file; refused whole when someone changed one of them since.
    fn batch_again(&mut self, entries: Vec<UndoEntry>, redo: bool) -> Vec<Effect> {
        let mut requests = Vec::new();
        for e in &entries {
            let Some(current) = self.ws.directive(&e.id) else {
                self.error(format!("\"{}\"?", e.id));
                return vec![];
            };
            let step = if redo {
                e.step.redo(current)
            } else {
                e.step.undo(current)
            };
            match step {
                Ok(change) => requests.push(WriteRequest {
                    id: e.id.clone(),
                    change,
                    undo: !redo,
                    prompt: None,
                }),
                Err(moved) => {
                    self.error(t::moved(self.lang, &moved));
                    return vec![];
                }
            }
        }
        if redo {
            self.redoing = true;
        } else {
            self.undoing.extend(entries);
        }
        vec![Effect::WriteMany(requests)]
    }

    pub(super) fn undo_last(&mut self) -> Vec<Effect> {
        let mut entries = take_top(&mut self.undo);
        if entries.len() > 1 {
            return self.batch_again(entries, false);
        }
        let Some(entry) = entries.pop() else {
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
        let mut entries = take_top(&mut self.redo);
        if entries.len() > 1 {
            return self.batch_again(entries, true);
        }
        let Some(entry) = entries.pop() else {
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

    /// The marked directives were written, one write per file: the files go in, the written
    /// edits can be undone together, the refused stay marked and are named in the message.
    /// The same for edits undone or redone together.
    pub(super) fn written_many(
        &mut self,
        requests: Vec<WriteRequest>,
        written: Vec<crate::store::write::Written>,
        refused: Vec<(String, String)>,
        files: Vec<crate::store::files::FileRead>,
    ) -> Vec<Effect> {
        if requests.first().is_some_and(|r| r.undo) {
            return self.undone_many(written, refused, files);
        }
        let redoing = std::mem::take(&mut self.redoing);
        if !redoing {
            self.redo.clear();
        }
        let batch = self.next_batch();
        for w in &written {
            if let Some(r) = requests.iter().find(|r| r.id == w.before.id) {
                self.undo.push(UndoEntry {
                    id: r.id.clone(),
                    step: Step::new(&r.id, &r.change, &w.before),
                    batch,
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
        if !redoing {
            self.marked
                .retain(|id| refused.iter().any(|(r, _)| r == id));
        }
        let text = t::bulk_written(self.lang, written.len(), &refused);
        if refused.is_empty() {
            self.info(text);
        } else {
            self.error(text);
        }
        vec![Effect::GitStatus]
    }

    /// Edits taken back together: Ctrl-R does the written ones again; the refused stay on the
    /// undo stack.
    fn undone_many(
        &mut self,
        written: Vec<crate::store::write::Written>,
        refused: Vec<(String, String)>,
        files: Vec<crate::store::files::FileRead>,
    ) -> Vec<Effect> {
        for entry in std::mem::take(&mut self.undoing) {
            if written.iter().any(|w| w.before.id == entry.id) {
                self.redo.push(entry);
            } else {
                self.undo.push(entry);
            }
        }
        for file in files {
            self.put_file(file);
        }
        self.workspace_changed(super::Changed::All, false);
        let text = t::bulk_undone(self.lang, written.len(), &refused);
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
                        batch: 0,
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
                if let Some(popup) = request.prompt {
                    self.popup = Some(popup);
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
