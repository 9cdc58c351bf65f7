//! Side effects the app asks for, and the runner that carries them out: writes through the
//! store's one write path, reloads, `$EDITOR`. The result comes back as an [`Outcome`].
//!
//! Git work (status, the commit of an edit, sync) runs on threads of its own and reports
//! through the event channel, so the screen never waits on git. Without a channel (tests,
//! scripts) the same work runs at once and its events queue up in the runner
//! ([`Runner::take_pending`]), so results arrive in a fixed order.

use crate::git::status::GitStatus;
use crate::git::sync::SyncOutcome;
use crate::git::{self, sync::Step};
use crate::model::{Directive, Workspace};
use crate::store::edit::{Change, Edit};
use crate::store::files::{FileContent, FileRead};
use crate::store::write::{write_to_disk_within, WriteError, Written};
use crate::store::{self, LoadError};
use crate::watch::{self, Reread};
use chrono::{DateTime, FixedOffset};
use std::io::Write as _;
use std::path::Path;
use std::time::Duration;

use super::app::{DirectiveForm, MeetingForm, Popup, Prompt};
use super::event::{Event, EventSender};
use crate::model::Source;
use crate::store::create::NewDirective;

/// The time limit of each pull and push of a sync.
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, PartialEq, Eq)]
// A write carries a whole `Change` (text, units, the log's why); effects are few and short-lived.
#[allow(clippy::large_enum_variant)]
pub enum Effect {
    /// Write one change (already resolved against the directive as shown).
    Write(WriteRequest),
    /// Delete a directive entered by mistake (the store checks it may).
    Delete(String),
    /// Write the changes of marked directives, one write per file.
    WriteMany(Vec<WriteRequest>),
    /// Read the whole workspace again.
    Reload,
    /// Open `$EDITOR` on the prompt's text; the prompt comes back with what was written.
    Editor(Prompt),
    /// Reload only these files (the watcher saw them change).
    ReloadFiles(Vec<String>),
    /// Read the whole workspace again after a sync, keeping the sync's message.
    ReloadAfterSync,
    /// Write new directives at the end of meeting file `file` (the form comes back if refused).
    Create {
        file: String,
        new: Vec<NewDirective>,
        form: Box<DirectiveForm>,
    },
    /// Write a new meeting file at `path`.
    NewMeeting {
        path: String,
        source: Source,
        form: Box<MeetingForm>,
    },
    /// Read `git status` in the background ([`Event::GitStatus`]).
    GitStatus,
    /// Commit, pull, push in the background ([`Event::SyncStep`], [`Event::SyncDone`]).
    Sync,
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Write a reminder letter, then log it on each directive it lists.
    Remind(RemindRequest),
    /// Read a document (or pasted text) for the import's review.
    ImportRead {
        input: crate::import::load::Input,
        today: chrono::NaiveDate,
        lang: crate::i18n::Lang,
    },
    /// Write the reviewed drafts into a new meeting file (as `dondoc import`).
    ImportWrite {
        rel: String,
        source: Source,
        new: Vec<NewDirective>,
        lang: crate::i18n::Lang,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemindRequest {
    pub path: std::path::PathBuf,
    /// The letter, ready to write (docx).
    pub bytes: Vec<u8>,
    pub ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteRequest {
    pub id: String,
    pub change: Change,
    /// An undo: not itself pushed on the undo stack.
    pub undo: bool,
    /// The popup the user typed or chose in (a prompt, a unit picker), reopened as it was if
    /// the write fails.
    pub prompt: Option<Popup>,
}

#[derive(Debug)]
pub enum Outcome {
    Written {
        request: WriteRequest,
        written: Box<Written>,
        /// The written file as it is on disk now, for the app to put into the workspace.
        file: FileRead,
        /// Other directives of the file that someone else changed or added meanwhile (the
        /// write was applied on top of their version).
        others: Vec<String>,
    },
    WriteFailed {
        request: WriteRequest,
        error: WriteError,
        /// The file as it is on disk now, when it differs from what the app shows (stale,
        /// gone, broken): the app puts it in, so the screen shows what blocked the write.
        file: Option<FileRead>,
    },
    Reloaded(Result<Box<Workspace>, LoadError>),
    EditorClosed {
        prompt: Prompt,
        result: std::io::Result<String>,
    },
    /// Changed files, read again (the app puts them in and tells what changed).
    FilesRead(Reread),
    WatchFailed(String),
    ReloadedAfterSync(Result<Box<Workspace>, LoadError>),
    GitStatus(Option<GitStatus>),
    Committed {
        id: String,
        result: Result<Option<String>, String>,
    },
    SyncStep(Step),
    Synced(Box<SyncOutcome>),
    /// The work goes on in the background; its result comes as an event.
    Started,
    /// A directive deleted (its file's path) or refused (why, worded by the app in its
    /// language); the file as on disk now.
    Deleted {
        id: String,
        result: Result<String, store::delete::DeleteError>,
        file: Option<FileRead>,
    },
    /// Several edits written, each file once; the refused with why; the files as on disk now.
    WrittenMany {
        requests: Vec<WriteRequest>,
        written: Vec<Written>,
        refused: Vec<(String, String)>,
        files: Vec<FileRead>,
    },
    /// New directives written (their ids) or refused (why); `file` as it is on disk now.
    Created {
        form: Box<DirectiveForm>,
        result: Result<Vec<String>, String>,
        file: FileRead,
    },
    MeetingCreated {
        form: Box<MeetingForm>,
        path: String,
        result: Result<(), String>,
        file: FileRead,
    },
    Reminded {
        request: RemindRequest,
        /// The letter could not be written (then nothing is logged).
        file_error: Option<String>,
        /// The files the log entries went to, or the refusal.
        logged: Result<Vec<String>, WriteError>,
        /// The workspace's files touched, read again.
        files: Vec<FileRead>,
    },
    ImportRead {
        input: crate::import::load::Input,
        result: Result<Box<crate::import::review::Review>, String>,
    },
    /// The new meeting file written (the ids) or refused (why); the file as on disk now.
    ImportWritten {
        rel: String,
        /// How many were written as drafts (no lead unit).
        drafts: usize,
        result: Result<Vec<String>, String>,
        file: Option<FileRead>,
    },
}

impl Outcome {
    /// What an event from a background thread means to the app; `None` for terminal events.
    pub fn from_event(event: Event) -> Option<Outcome> {
        Some(match event {
            Event::WatchFailed(e) => Outcome::WatchFailed(e),
            Event::GitStatus(s) => Outcome::GitStatus(s),
            Event::Committed { id, result } => Outcome::Committed { id, result },
            Event::SyncStep(step) => Outcome::SyncStep(step),
            Event::SyncDone(outcome) => Outcome::Synced(outcome),
            Event::Key(_)
            | Event::Paste(_)
            | Event::Resize(..)
            | Event::Signal(_)
            | Event::InputClosed
            | Event::FilesChanged(_) => return None,
        })
    }
}

type Clock = Box<dyn Fn() -> DateTime<FixedOffset>>;
type Editor = Box<dyn FnMut(&str) -> std::io::Result<String>>;
type Clipboard = Box<dyn FnMut(&str)>;

/// Runs effects. The clock and the editor can be replaced (tests use a fixed time and a fake
/// editor); the terminal UI wraps the editor to leave and restore the screen around it.
pub struct Runner {
    author: String,
    clock: Clock,
    editor: Editor,
    clipboard: Clipboard,
    /// The user's `[git] commit` (overrides the workspace's when set).
    commit: Option<bool>,
    /// The language errors are worded in before they reach the status line.
    lang: crate::i18n::Lang,
    /// Where background work reports; `None`: it runs at once into `pending`.
    events: Option<EventSender>,
    pending: Vec<Event>,
}

impl Runner {
    /// `author` signs every log entry (resolved once at startup).
    pub fn new(author: String) -> Runner {
        Runner {
            author,
            clock: Box::new(|| crate::clock::Clock::default().now()),
            editor: Box::new(|text| edit_in_editor(&editor_command(), text)),
            clipboard: Box::new(|text| {
                // The terminal may be gone; a copy that cannot be sent is not worth an error.
                let mut out = std::io::stdout();
                let _ = out.write_all(super::copy::osc52(text).as_bytes());
                let _ = out.flush();
            }),
            commit: None,
            lang: crate::i18n::Lang::En,
            events: None,
            pending: Vec::new(),
        }
    }

    /// The user's `[git] commit` setting, from their config.
    pub fn with_commit(mut self, commit: Option<bool>) -> Runner {
        self.commit = commit;
        self
    }

    /// Background work runs on threads and reports into this channel.
    pub fn with_events(mut self, sender: EventSender) -> Runner {
        self.events = Some(sender);
        self
    }

    /// Events of background work done at once (no channel), oldest first.
    pub fn take_pending(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.pending)
    }

    /// Runs `job` on a thread reporting into the channel, or at once into `pending`.
    fn background(&mut self, job: impl FnOnce(&mut dyn FnMut(Event)) + Send + 'static) {
        match &self.events {
            Some(sender) => {
                let sender = sender.clone();
                std::thread::spawn(move || {
                    job(&mut |event| {
                        sender.send(event);
                    })
                });
            }
            None => {
                let mut events = Vec::new();
                job(&mut |event| events.push(event));
                self.pending.extend(events);
            }
        }
    }

    /// Commits the written file in the background when `[git] commit` is on.
    fn commit_in_background(&mut self, ws: &Workspace, written: &Written, edit: Edit) {
        if !self.commit.unwrap_or(ws.git.commit) {
            return;
        }
        // `after_write` needs only the root and the settings: not a copy of every directive.
        let settings = Workspace {
            root: ws.root.clone(),
            git: ws.git.clone(),
            ..Workspace::default()
        };
        let written = written.clone();
        let commit = self.commit;
        let lang = self.lang;
        self.background(move |send| {
            let result = git::after_write(&settings, &written, &edit, commit)
                .map_err(|e| crate::i18n::cli::git_error(lang, &e));
            send(Event::Committed {
                id: edit.id.clone(),
                result,
            });
        });
    }

    /// Commits a file the UI created or added to, when `[git] commit` is on (as `dondoc add`).
    fn commit_new(&mut self, ws: &Workspace, path: &str, message: String) {
        if !self.commit.unwrap_or(ws.git.commit) {
            return;
        }
        let root = ws.root.clone();
        let path = path.to_string();
        let author = self.author.clone();
        let lang = self.lang;
        self.background(move |send| {
            let result = if git::repo_root(&root).is_none() {
                Ok(None)
            } else {
                git::commit_edit(&root, &path, &message, &author)
                    .map(Some)
                    .map_err(|e| crate::i18n::cli::git_error(lang, &e))
            };
            send(Event::Committed { id: path, result });
        });
    }

    /// The language of the errors the runner words (git's, the store's).
    pub fn with_lang(mut self, lang: crate::i18n::Lang) -> Runner {
        self.lang = lang;
        self
    }

    pub fn with_clock(mut self, clock: impl Fn() -> DateTime<FixedOffset> + 'static) -> Runner {
        self.clock = Box::new(clock);
        self
    }

    pub fn with_editor(
        mut self,
        editor: impl FnMut(&str) -> std::io::Result<String> + 'static,
    ) -> Runner {
        self.editor = Box::new(editor);
        self
    }

    /// Carries out `effect`. The workspace is only read: what changed on disk comes back in
    /// the outcome, for `App::apply` to put in.
    /// Where copied text goes (tests record it; the UI sends OSC 52 to the terminal).
    pub fn with_clipboard(mut self, clipboard: impl FnMut(&str) + 'static) -> Runner {
        self.clipboard = Box::new(clipboard);
        self
    }

    pub fn run(&mut self, effect: Effect, ws: &Workspace) -> Outcome {
        match effect {
            Effect::Copy(text) => {
                (self.clipboard)(&text);
                Outcome::Started
            }
            Effect::Write(request) => {
                let edit = Edit {
                    id: request.id.clone(),
                    change: request.change.clone(),
                    by: self.author.clone(),
                    at: (self.clock)(),
                };
                // The file's directives as shown, to tell what others changed in it when the
                // write lands on a newer version of the file (a few directives: cheap).
                let shown: Vec<Directive> = match ws.directive(&edit.id) {
                    Some(d) => ws
                        .directives
                        .iter()
                        .filter(|o| o.file == d.file && o.id != d.id)
                        .cloned()
                        .collect(),
                    None => Vec::new(),
                };
                // A moment only: the screen must not freeze behind another dondoc's lock; the
                // refusal keeps the prompt and its text for another Enter.
                match write_to_disk_within(ws, &edit, Duration::from_millis(300)) {
                    Ok(written) => {
                        self.commit_in_background(ws, &written, edit);
                        let file = ws.read_file(&written.path);
                        let others = if written.rebased {
                            changed_since(&file, &request.id, &shown)
                        } else {
                            Vec::new()
                        };
                        Outcome::Written {
                            request,
                            written: Box::new(written),
                            file,
                            others,
                        }
                    }
                    Err(error) => {
                        let file = error.reread_path().map(|path| ws.read_file(path));
                        Outcome::WriteFailed {
                            request,
                            error,
                            file,
                        }
                    }
                }
            }
            Effect::Delete(id) => {
                let today = (self.clock)().date_naive();
                let result = store::delete::write_delete(ws, &id, &self.author, today);
                if let Ok(path) = &result {
                    self.commit_new(
                        ws,
                        path,
                        format!("dondoc: {id}: deleted (entered by mistake)"),
                    );
                }
                let file = ws
                    .directive(&id)
                    .map(|d| ws.read_file(&ws.file_of(d).path.clone()));
                Outcome::Deleted { id, result, file }
            }
            Effect::WriteMany(requests) => {
                let at = (self.clock)();
                let edits: Vec<Edit> = requests
                    .iter()
                    .map(|r| Edit {
                        id: r.id.clone(),
                        change: r.change.clone(),
                        by: self.author.clone(),
                        at,
                    })
                    .collect();
                let mut paths: Vec<String> = Vec::new();
                for r in &requests {
                    if let Some(d) = ws.directive(&r.id) {
                        let path = ws.file_of(d).path.clone();
                        if !paths.contains(&path) {
                            paths.push(path);
                        }
                    }
                }
                // The store's batch write takes the workspace to update; the app's copy
                // changes only in `App::apply`, from the files read back here.
                let mut copy = ws.clone();
                let batch = store::write::write_edits(&mut copy, &edits);
                for w in &batch.written {
                    if let Some(edit) = edits.iter().find(|e| e.id == w.before.id) {
                        self.commit_in_background(ws, w, edit.clone());
                    }
                }
                let files = paths.iter().map(|p| ws.read_file(p)).collect();
                Outcome::WrittenMany {
                    requests,
                    written: batch.written,
                    refused: batch
                        .refused
                        .into_iter()
                        .map(|(id, e)| (id, e.to_string()))
                        .collect(),
                    files,
                }
            }
            Effect::Create { file, new, form } => {
                // The store's create takes the workspace to update; the app's copy changes only
                // in `App::apply`, from the file read back here.
                let mut copy = ws.clone();
                let result = store::write::write_new_directives(
                    &mut copy,
                    &file,
                    &new,
                    &self.author,
                    (self.clock)(),
                )
                .map_err(|e| crate::i18n::store::write_error(self.lang, &e));
                if let Ok(ids) = &result {
                    let message = format!("dondoc: {}: new directive", ids.join(", "));
                    self.commit_new(ws, &file, message);
                }
                let read = ws.read_file(&file);
                Outcome::Created {
                    form,
                    result,
                    file: read,
                }
            }
            Effect::NewMeeting { path, source, form } => {
                let mut copy = ws.clone();
                let result = store::write::write_new_source(&mut copy, &path, &source)
                    .map_err(|e| crate::i18n::store::write_error(self.lang, &e));
                if result.is_ok() {
                    self.commit_new(ws, &path, format!("dondoc: {path}: new meeting"));
                }
                let read = ws.read_file(&path);
                Outcome::MeetingCreated {
                    form,
                    path,
                    result,
                    file: read,
                }
            }
            Effect::Reload => Outcome::Reloaded(store::load(&ws.root).map(Box::new)),
            Effect::ReloadAfterSync => {
                Outcome::ReloadedAfterSync(store::load(&ws.root).map(Box::new))
            }
            Effect::ReloadFiles(paths) => Outcome::FilesRead(watch::read_changed(ws, &paths)),
            Effect::GitStatus => {
                let root = ws.root.clone();
                self.background(move |send| send(Event::GitStatus(read_git_status(&root))));
                Outcome::Started
            }
            Effect::Sync => {
                let root = ws.root.clone();
                let author = self.author.clone();
                self.background(move |send| {
                    let outcome = git::sync::sync(&root, &author, SYNC_TIMEOUT, &mut |step| {
                        send(Event::SyncStep(step))
                    });
                    send(Event::SyncDone(Box::new(outcome)));
                });
                Outcome::Started
            }
            Effect::Remind(request) => self.remind(request, ws),
            Effect::ImportRead { input, today, lang } => {
                let cwd = std::env::current_dir().unwrap_or_else(|_| ws.root.clone());
                let result = crate::import::load::open(&input, ws, &cwd, today, lang).map(Box::new);
                Outcome::ImportRead { input, result }
            }
            Effect::ImportWrite {
                rel,
                source,
                new,
                lang,
            } => self.import_write(rel, source, new, lang, ws),
            Effect::Editor(prompt) => {
                let result =
                    (self.editor)(prompt.input.as_str()).map(|text| note_from_editor(&text));
                Outcome::EditorClosed { prompt, result }
            }
        }
    }
}

impl Runner {
    /// The reviewed drafts through the import's one write path, as `dondoc import`.
    fn import_write(
        &mut self,
        rel: String,
        source: Source,
        new: Vec<NewDirective>,
        lang: crate::i18n::Lang,
        ws: &Workspace,
    ) -> Outcome {
        let mut copy = ws.clone();
        let drafts = new.iter().filter(|d| d.draft).count();
        let result = crate::import::write::new_file(
            &mut copy,
            &rel,
            &source,
            &new,
            &self.author,
            (self.clock)(),
        )
        .map_err(|e| crate::i18n::store::write_error(lang, &e));
        if let Ok(ids) = &result {
            self.commit_new(
                ws,
                &rel,
                format!("dondoc: {rel}: imported, {} directives", ids.len()),
            );
        }
        let file = ws.root.join(&rel).exists().then(|| ws.read_file(&rel));
        Outcome::ImportWritten {
            rel,
            drafts,
            result,
            file,
        }
    }

    /// Writes the letter, then the `reminder = true` entries, as `dondoc remind` does.
    fn remind(&mut self, request: RemindRequest, ws: &Workspace) -> Outcome {
        let folder = request.path.parent().filter(|p| !p.as_os_str().is_empty());
        let written = folder
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&request.path, &request.bytes));
        if let Err(e) = written {
            return Outcome::Reminded {
                request,
                file_error: Some(e.to_string()),
                logged: Ok(Vec::new()),
                files: Vec::new(),
            };
        }
        let mut copy = ws.clone();
        let entry = store::edit::LogOnly::Reminder { reference: None };
        let logged = store::write::write_log_only(
            &mut copy,
            &request.ids,
            &entry,
            &self.author,
            (self.clock)(),
        );
        let mut paths: Vec<String> = Vec::new();
        for id in &request.ids {
            if let Some(d) = ws.directive(id) {
                let path = ws.file_of(d).path.clone();
                if !paths.contains(&path) {
                    paths.push(path);
                }
            }
        }
        let files = paths.iter().map(|p| ws.read_file(p)).collect();
        Outcome::Reminded {
            request,
            file_error: None,
            logged,
            files,
        }
    }
}

/// Directives of the file just read (other than `id`) that differ from `shown` or are new.
fn changed_since(file: &FileRead, id: &str, shown: &[Directive]) -> Vec<String> {
    let FileContent::Parsed(load) = &file.content else {
        return Vec::new();
    };
    let mut ids: Vec<String> = load
        .directives
        .iter()
        .filter(|d| d.id != id)
        .filter(|d| !shown.iter().any(|s| s.id == d.id && s.same_content(d)))
        .map(|d| d.id.clone())
        .collect();
    ids.sort();
    ids
}

/// The repository's status for the title bar, with conflicted paths made relative to the
/// workspace (git gives them relative to the repository's top folder) so they match
/// `SourceFile::path`. `None` when the workspace is not in a repository or git fails.
pub fn read_git_status(root: &Path) -> Option<GitStatus> {
    let mut status = git::status::read(root).ok()?;
    if !status.conflicted.is_empty() {
        let prefix = git::git_ok(
            root,
            &["rev-parse", "--show-prefix"],
            Some(git::LOCAL_TIMEOUT),
        )
        .map(|p| p.trim_end_matches(['\n', '\r']).to_string())
        .unwrap_or_default();
        status.conflicted = status
            .conflicted
            .iter()
            .map(|p| p.strip_prefix(&prefix).unwrap_or(p).to_string())
            .collect();
    }
    Some(status)
}

/// `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// The note's editor ended with an error: what it was run as and its exit code (none when
/// a signal stopped it). Worded by `i18n::tui::editor_exited`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditorExited {
    pub command: String,
    pub code: Option<i32>,
}

impl std::fmt::Display for EditorExited {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = crate::i18n::tui::editor_exited(crate::i18n::Lang::En, &self.command, self.code);
        f.write_str(&text)
    }
}

impl std::error::Error for EditorExited {}

/// Runs `command` (through the shell, so `EDITOR="code --wait"` works) on a temporary file
/// holding `initial`, and returns the file's text afterwards.
pub fn edit_in_editor(command: &str, initial: &str) -> std::io::Result<String> {
    let mut file = tempfile::Builder::new()
        .prefix("dondoc-note-")
        .suffix(".txt")
        .tempfile()?;
    writeln!(file, "{initial}")?;
    file.flush()?;
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{command} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()?;
    if !status.success() {
        return Err(std::io::Error::other(EditorExited {
            command: command.to_string(),
            code: status.code(),
        }));
    }
    std::fs::read_to_string(file.path())
}

/// A note is one line: the editor's non-empty lines, trimmed and joined by spaces.
pub fn note_from_editor(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_note_becomes_one_line() {
        assert_eq!(
            note_from_editor("\n  Đã họp với các xã \n\nngày 12/10; còn vướng\n  \n"),
            "Đã họp với các xã ngày 12/10; còn vướng"
        );
        assert_eq!(note_from_editor("\n\n"), "");
    }

    #[test]
    fn the_editor_edits_a_temp_file() {
        // `sed -i` stands in for an interactive editor.
        let out = edit_in_editor("sed -i 's/cũ/mới/'", "ghi chú cũ").unwrap();
        assert_eq!(out, "ghi chú mới\n");
        let e = edit_in_editor("false", "x").unwrap_err();
        let exited = e.get_ref().and_then(|e| e.downcast_ref::<EditorExited>());
        assert_eq!(
            exited,
            Some(&EditorExited {
                command: "false".into(),
                code: Some(1)
            })
        );
    }
}
