//! The outcomes of effects: the only place that changes the workspace (a written or
//! reloaded file, a whole workspace), then the caches recomputed at once.

use super::{App, Changed, Level, Popup};
use crate::i18n::tui::{self as t, tr};
use crate::model::Workspace;
use crate::store::files::FileRead;
use crate::tui::effect::{Effect, Outcome};
use crate::watch::ReloadSummary;

impl App {
    /// Takes the result of an effect; returns what follows from it (a git status refresh
    /// after every change to the files, a reload after a sync). The only place that changes
    /// the workspace; the caches follow at once.
    pub fn apply(&mut self, outcome: Outcome) -> Vec<Effect> {
        match outcome {
            Outcome::Written { .. } | Outcome::WriteFailed { .. } => self.write_done(outcome),
            Outcome::Reloaded(Ok(ws)) => {
                self.ws = *ws;
                self.workspace_changed(Changed::All, false);
                self.info(t::reloaded(
                    self.lang,
                    self.ws.directives.len(),
                    self.ws.problems.len(),
                ));
                if !self.ws.problems.is_empty() {
                    self.report_problems();
                }
                vec![Effect::GitStatus]
            }
            Outcome::Reloaded(Err(e)) | Outcome::ReloadedAfterSync(Err(e)) => {
                self.error(t::reload_failed(self.lang, &e));
                vec![]
            }
            Outcome::ReloadedAfterSync(Ok(ws)) => {
                // The sync's message stays: it says what changed.
                self.ws = *ws;
                self.workspace_changed(Changed::All, true);
                vec![Effect::GitStatus]
            }
            // The echo of dondoc's own write: nothing to put in, nothing to re-index.
            Outcome::FilesRead(reread) if reread.is_unchanged() => vec![],
            Outcome::FilesRead(reread) => {
                let summary = crate::watch::apply_changes(&mut self.ws, reread);
                self.files_reloaded(summary)
            }
            Outcome::WatchFailed(e) => {
                self.warn(t::watch_failed(self.lang, &e));
                vec![]
            }
            Outcome::GitStatus(status) => {
                self.git_status_arrived(status);
                vec![]
            }
            Outcome::Committed { id, result } => {
                match result {
                    Ok(Some(hash)) => {
                        let note = t::committed(self.lang, &hash);
                        match &mut self.message {
                            // Added to "Saved <id>: …" if that is still what the line says.
                            Some(m) if m.level == Level::Info && m.text.contains(&id) => {
                                m.text.push_str(&format!("; {note}"))
                            }
                            _ => self.info(format!("{id}: {note}")),
                        }
                    }
                    Ok(None) => {}
                    Err(e) => self.warn(t::commit_failed(self.lang, &id, &e)),
                }
                vec![Effect::GitStatus]
            }
            Outcome::SyncStep(step) => {
                self.syncing = true;
                self.info(t::sync_step(self.lang, &step));
                vec![]
            }
            Outcome::Synced(outcome) => self.synced(*outcome),
            Outcome::Started => vec![],
            Outcome::Deleted { id, result, file } => self.deleted(id, result, file),
            Outcome::WrittenMany {
                requests,
                written,
                refused,
                files,
            } => self.written_many(requests, written, refused, files),
            Outcome::Created { form, result, file } => self.created(form, result, file),
            Outcome::MeetingCreated {
                form,
                path,
                result,
                file,
            } => self.meeting_created(form, path, result, file),
            Outcome::Reminded { .. } => self.reminded(outcome),
            Outcome::ImportRead { input, result } => self.import_read(input, result),
            Outcome::ImportWritten {
                rel,
                drafts,
                result,
                file,
            } => self.import_written(rel, drafts, result, file),
            Outcome::EditorClosed { mut prompt, result } => {
                match result {
                    Ok(text) => prompt.input.set_text(&text),
                    Err(e) => {
                        let exited = e
                            .get_ref()
                            .and_then(|e| e.downcast_ref::<crate::tui::effect::EditorExited>());
                        let why = match exited {
                            Some(x) => t::editor_exited(self.lang, &x.command, x.code),
                            // The system's own words (the editor could not be started).
                            None => e.to_string(),
                        };
                        self.error(format!("{}: {why}", tr(self.lang, t::EDITOR_FAILED)));
                    }
                }
                self.popup = Some(Popup::Prompt(prompt));
                vec![]
            }
        }
    }

    /// Recomputes the caches after the workspace changed: the folded search text (of the
    /// directives touched, or all), the counts, the units, the visible rows, the dashboard.
    /// With `keep_place` the selected directive stays on the same screen row if still shown
    /// (a reload must not make the list jump under the user's eyes).
    pub(super) fn workspace_changed(&mut self, changed: Changed, keep_place: bool) {
        let place = keep_place.then(|| self.list.place());
        self.revision += 1;
        self.list.refold(&self.ws, &changed);
        if changed == Changed::All {
            self.owners.rebuild(&self.ws, self.owners_height());
        }
        self.owners.count(&self.ws, self.today);
        self.refilter();
        if let Some(place) = place {
            self.list.restore_place(place, self.list_height());
        }
        self.refresh_report();
    }

    /// Puts one file read from disk into the workspace; says which directives that touched.
    pub(super) fn put_file(&mut self, read: FileRead) -> Changed {
        let path = read.path.clone();
        let ids_of = |ws: &Workspace| -> Vec<String> {
            ws.directives
                .iter()
                .filter(|d| ws.file_of(d).path == path)
                .map(|d| d.id.clone())
                .collect()
        };
        let before = ids_of(&self.ws);
        self.ws.put_file(read);
        let touched = ids_of(&self.ws);
        let removed = before
            .into_iter()
            .filter(|id| !touched.contains(id))
            .collect();
        Changed::Directives { touched, removed }
    }

    /// Files changed on disk were reloaded: new rows, same selection and place on screen,
    /// the changes marked and told in the status line.
    fn files_reloaded(&mut self, summary: ReloadSummary) -> Vec<Effect> {
        if let Some(e) = &summary.error {
            self.error(format!("{}: {e}", tr(self.lang, t::RELOADING_FAILED)));
            return vec![];
        }
        if let Some(why) = &summary.config_broken {
            self.error(t::file_broken(self.lang, &t::problem(self.lang, why)));
            return vec![];
        }
        let changed = if summary.config_changed {
            Changed::All
        } else {
            Changed::Directives {
                touched: summary
                    .updated
                    .iter()
                    .chain(&summary.added)
                    .cloned()
                    .collect(),
                removed: summary.removed.clone(),
            }
        };
        // Even a reload that changed no directive (a comment, a broken file) may have moved
        // them in `ws.directives`: the rows always follow.
        self.workspace_changed(changed, true);
        if summary.is_empty() {
            return vec![];
        }
        self.changed.extend(summary.updated.iter().cloned());
        self.changed.extend(summary.added.iter().cloned());
        for id in &summary.removed {
            self.changed.remove(id);
        }
        let mut text = t::reload_summary(self.lang, &summary);
        if summary.broken_files.is_empty() {
            self.info(text);
        } else {
            for path in &summary.broken_files {
                let why = self
                    .ws
                    .problems
                    .iter()
                    .find(|p| p.path == *path)
                    .map(|p| t::problem(self.lang, p))
                    .or_else(|| {
                        let file = self.ws.files.iter().find(|f| f.path == *path)?;
                        let why = t::problem_kind(self.lang, file.broken.as_ref()?);
                        Some(format!("{path}: {why}"))
                    })
                    .unwrap_or_else(|| path.clone());
                if !text.is_empty() {
                    text.push_str("; ");
                }
                text.push_str(&t::file_broken(self.lang, &why));
            }
            self.warn(text);
        }
        vec![Effect::GitStatus]
    }
}
