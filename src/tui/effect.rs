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

use super::app::Prompt;
use super::event::{Event, EventSender};

/// The time limit of each pull and push of a sync.
pub const SYNC_TIMEOUT: Duration = Duration::from_secs(60);

#[derive(Debug, Clone, PartialEq, Eq)]
// A write carries a whole `Change` (text, units, the log's why); effects are few and short-lived.
#[allow(clippy::large_enum_variant)]
pub enum Effect {
    /// Write one change (already resolved against the directive as shown).
    Write(WriteRequest),
    /// Read the whole workspace again.
    Reload,
    /// Open `$EDITOR` on the prompt's text; the prompt comes back with what was written.
    Editor(Prompt),
    /// Reload only these files (the watcher saw them change).
    ReloadFiles(Vec<String>),
    /// Read the whole workspace again after a sync, keeping the sync's message.
    ReloadAfterSync,
    /// Read `git status` in the background ([`Event::GitStatus`]).
    GitStatus,
    /// Commit, pull, push in the background ([`Event::SyncStep`], [`Event::SyncDone`]).
    Sync,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteRequest {
    pub id: String,
    pub change: Change,
    /// An undo: not itself pushed on the undo stack.
    pub undo: bool,
    /// The prompt the user typed into, reopened with the text if the write fails.
    pub prompt: Option<Prompt>,
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
            | Event::Resize(..)
            | Event::Signal(_)
            | Event::InputClosed
            | Event::FilesChanged(_) => return None,
        })
    }
}

type Clock = Box<dyn Fn() -> DateTime<FixedOffset>>;
type Editor = Box<dyn FnMut(&str) -> std::io::Result<String>>;

/// Runs effects. The clock and the editor can be replaced (tests use a fixed time and a fake
/// editor); the terminal UI wraps the editor to leave and restore the screen around it.
pub struct Runner {
    author: String,
    clock: Clock,
    editor: Editor,
    /// The user's `[git] commit` (overrides the workspace's when set).
    commit: Option<bool>,
    /// Where background work reports; `None`: it runs at once into `pending`.
    events: Option<EventSender>,
    pending: Vec<Event>,
}

impl Runner {
    /// `author` signs every log entry (resolved once at startup).
    pub fn new(author: String) -> Runner {
        Runner {
            author,
            clock: Box::new(|| chrono::Local::now().fixed_offset()),
            editor: Box::new(|text| edit_in_editor(&editor_command(), text)),
            commit: None,
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
        self.background(move |send| {
            let result =
                git::after_write(&settings, &written, &edit, commit).map_err(|e| e.to_string());
            send(Event::Committed {
                id: edit.id.clone(),
                result,
            });
        });
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
    pub fn run(&mut self, effect: Effect, ws: &Workspace) -> Outcome {
        match effect {
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
            Effect::Editor(prompt) => {
                let result = (self.editor)(&prompt.input).map(|text| note_from_editor(&text));
                Outcome::EditorClosed { prompt, result }
            }
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
        return Err(std::io::Error::other(format!(
            "{command} exited with {status}"
        )));
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
        assert!(edit_in_editor("false", "x").is_err());
    }
}
