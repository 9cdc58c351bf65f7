//! The one place that writes workspace files: lock, stale check, apply, verify, atomic rename.

use super::create::{self, CreateError, NewDirective};
use super::edit::{self, ApplyError, Edit};
use super::guard::{self, ReadError, ReplaceError, Staged};
pub use super::guard::{LockError, WorkspaceLock};
use super::load::{load_file, FileLoad};
use super::text;
use crate::model::{Directive, Owner, Problem, ProblemKind, Source, SourceFile, Workspace};
use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Why a write was refused or failed. The sentences are in `i18n::store`.
#[derive(Debug)]
pub enum WriteError {
    UnknownId(String),
    Broken {
        path: String,
        reason: ProblemKind,
    },
    /// The directive changed on disk since it was read; `by` is who changed it last, from
    /// its log, when the log says.
    Stale {
        path: String,
        id: String,
        by: Option<String>,
    },
    Gone {
        path: String,
        id: String,
    },
    ReadOnly {
        path: String,
    },
    NothingToChange {
        path: String,
        id: String,
    },
    FolderReadOnly {
        path: String,
    },
    Group {
        path: String,
        gid: u32,
    },
    Cut {
        path: String,
        missing: Vec<String>,
    },
    NewProblems {
        path: String,
        problem: Box<Problem>,
    },
    Unsettled {
        path: String,
    },
    Redirected {
        path: String,
    },
    Lock(LockError),
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A git rebase or merge is stopped half-way (see `git::operation_in_progress`).
    GitOperation(String),
    Apply {
        path: String,
        id: String,
        source: ApplyError,
    },
    /// A new directive, meeting file or unit refused (unknown unit, used id, existing file).
    New(CreateError),
}

impl From<CreateError> for WriteError {
    fn from(e: CreateError) -> Self {
        WriteError::New(e)
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::write_error(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WriteError::Io { source, .. } => Some(source),
            WriteError::Apply { source, .. } => Some(source),
            WriteError::New(source) => Some(source),
            _ => None,
        }
    }
}

impl From<LockError> for WriteError {
    fn from(e: LockError) -> Self {
        WriteError::Lock(e)
    }
}

impl WriteError {
    fn io(path: &str, source: std::io::Error) -> Self {
        WriteError::Io {
            path: path.to_string(),
            source,
        }
    }
}

/// What a successful write did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The file written, relative to the root.
    pub path: String,
    /// The directive as it was before the edit (for undo and messages).
    pub before: Directive,
    /// The file had changed on disk (another directive) and the edit was re-applied on top.
    pub rebased: bool,
}

/// Writes `edit` to its directive's file and reloads that file into `ws`.
///
/// The file on disk must be what `ws` read, or differ only outside this directive; otherwise
/// the edit is refused and `ws` gets the file as it is now, so the screen shows the new value.
pub fn write_edit(ws: &mut Workspace, edit: &Edit) -> Result<Written, WriteError> {
    let result = write_to_disk(ws, edit);
    let path = match &result {
        Ok(w) => Some(w.path.as_str()),
        Err(e) => e.reread_path(),
    };
    if let Some(path) = path.map(str::to_string) {
        ws.reload_file(&path);
    }
    result
}

impl WriteError {
    /// The file to read again after this refusal: the disk differs from what the workspace
    /// holds, so the screen should show the file as it is now.
    pub fn reread_path(&self) -> Option<&str> {
        match self {
            WriteError::Stale { path, .. }
            | WriteError::Gone { path, .. }
            | WriteError::Cut { path, .. }
            | WriteError::NewProblems { path, .. }
            | WriteError::Broken { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// [`write_edit`] without reloading the file into `ws`: the UI reads the file again itself
/// (`Workspace::read_file`) and puts it in from its one place that changes the workspace.
pub fn write_to_disk(ws: &Workspace, edit: &Edit) -> Result<Written, WriteError> {
    write_to_disk_observed(ws, edit, &mut |_| {})
}

/// The moments of a write another program may slip into; tests act there as that program.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// The file was read (and found settled), under the lock.
    Read,
    /// The new version is written beside the file, not yet renamed over it.
    BeforeRename,
    /// The file was found unchanged since it was read; the rename comes next.
    Checked,
    /// The new version has replaced the file.
    AfterRename,
}

/// [`write_to_disk`] waiting at most `wait` for another dondoc's lock: the UI waits a moment
/// only, says the workspace is busy and keeps the prompt, instead of freezing.
pub fn write_to_disk_within(
    ws: &Workspace,
    edit: &Edit,
    wait: std::time::Duration,
) -> Result<Written, WriteError> {
    write_inner(ws, edit, wait, &mut |_| {})
}

/// [`write_to_disk`], calling `hook` at each [`Stage`].
#[doc(hidden)]
pub fn write_to_disk_observed(
    ws: &Workspace,
    edit: &Edit,
    hook: &mut dyn FnMut(Stage),
) -> Result<Written, WriteError> {
    write_inner(ws, edit, guard::LOCK_WAIT, hook)
}

fn write_inner(
    ws: &Workspace,
    edit: &Edit,
    wait: std::time::Duration,
    hook: &mut dyn FnMut(Stage),
) -> Result<Written, WriteError> {
    if let Some(op) = crate::git::operation_in_progress(&ws.root) {
        return Err(WriteError::GitOperation(crate::git::operation_message(op)));
    }
    let current = ws
        .directive(&edit.id)
        .ok_or_else(|| WriteError::UnknownId(edit.id.clone()))?;
    let rel = ws.file_of(current).path.clone();
    if let Some(reason) = &ws.file_of(current).broken {
        return Err(WriteError::Broken {
            path: rel,
            reason: reason.clone(),
        });
    }
    if edit.change.is_empty() {
        return Err(WriteError::NothingToChange {
            path: rel,
            id: edit.id.clone(),
        });
    }
    let _lock = WorkspaceLock::acquire_within(&ws.root, wait)?;
    let (mut written, mut refused) = write_file_edits(ws, &rel, &[edit], hook);
    if let Some((_, e)) = refused.pop() {
        return Err(e);
    }
    written.pop().ok_or(WriteError::NothingToChange {
        path: rel,
        id: edit.id.clone(),
    })
}

/// Writes the same log-only entry (a reminder) on each of `ids`: one write per file, each
/// checked like [`write_edit`] (not broken, and each directive as `ws` read it). Returns the
/// files written; on an error, the files before it stay written and `ws` has them reloaded.
pub fn write_log_only(
    ws: &mut Workspace,
    ids: &[String],
    entry: &edit::LogOnly,
    by: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Vec<String>, WriteError> {
    let mut by_file: Vec<(usize, Vec<String>)> = Vec::new();
    for id in ids {
        let d = ws
            .directive(id)
            .ok_or_else(|| WriteError::UnknownId(id.clone()))?;
        match by_file.iter_mut().find(|(f, _)| *f == d.file) {
            Some((_, list)) => list.push(id.clone()),
            None => by_file.push((d.file, vec![id.clone()])),
        }
    }
    let mut written = Vec::new();
    for (file, ids) in by_file {
        let rel = ws.files[file].path.clone();
        let result = write_log_only_file(ws, file, &ids, entry, by, at);
        ws.reload_file(&rel);
        result?;
        written.push(rel);
    }
    Ok(written)
}

fn write_log_only_file(
    ws: &Workspace,
    file: usize,
    ids: &[String],
    entry: &edit::LogOnly,
    by: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), WriteError> {
    let f = &ws.files[file];
    let rel = f.path.as_str();
    if let Some(reason) = &f.broken {
        return Err(WriteError::Broken {
            path: rel.to_string(),
            reason: reason.clone(),
        });
    }
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    let mut loaded = Loaded::new(ws, rel, f);
    loaded.edited = ids.iter().cloned().collect();
    let first = ids.first().cloned().unwrap_or_default();
    let mut make = |original: &str, on_disk: Option<&FileLoad>| {
        // Changed on disk: each directive must still be as it was read.
        if let Some(disk) = on_disk {
            for id in ids {
                let current = ws
                    .directive(id)
                    .ok_or_else(|| WriteError::UnknownId(id.clone()))?;
                let Some(d) = disk.directives.iter().find(|d| d.id == *id) else {
                    return Err(WriteError::Gone {
                        path: rel.to_string(),
                        id: id.clone(),
                    });
                };
                if !d.same_content(current) {
                    return Err(stale(rel, d));
                }
            }
        }
        edit::apply_log_only(original, ids, entry, by, at)
            .map(Some)
            .map_err(|source| WriteError::Apply {
                path: rel.to_string(),
                id: first.clone(),
                source,
            })
    };
    replace_guarded(&ws.root, &loaded, &mut |_| {}, &mut make).map(|_| ())
}

/// Writes `bytes` to a temporary file beside `path`, flushes it and renames it over `path`,
/// keeping the old file's mode and group (a new file gets the umask's usual mode). A
/// read-only file is refused, not replaced.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    // Through a symlink, write the file it points to: renaming over the link would replace it.
    let resolved;
    let path = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            resolved = fs::canonicalize(path)?;
            resolved.as_path()
        }
        _ => path,
    };
    let like = match fs::metadata(path) {
        Ok(meta) => {
            check_writable(path, &meta)?;
            Some((meta.mode() & 0o7777, meta.gid()))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    Staged::new(path, bytes, like).map_err(replace_io)?.commit()
}

/// Renaming over a read-only file, or another account's file we may not write, would
/// succeed: the user meant it not to change.
fn check_writable(path: &Path, meta: &fs::Metadata) -> std::io::Result<()> {
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "read-only file",
        ));
    }
    OpenOptions::new().append(true).open(path).map(|_| ())
}

fn replace_io(e: ReplaceError) -> std::io::Error {
    match e {
        ReplaceError::Io(e) => e,
        other => std::io::Error::new(std::io::ErrorKind::PermissionDenied, other.to_string()),
    }
}

/// What a write does to a file's text: given the text on disk and, when it is not what was
/// loaded, the file parsed from it; `Ok(None)` writes nothing.
type Make<'a> = dyn FnMut(&str, Option<&FileLoad>) -> Result<Option<String>, WriteError> + 'a;

/// Times a write starts over because the file changed under it before it gives up.
const ATTEMPTS: usize = 8;

/// What the workspace holds of one directive file, to compare the disk with.
struct Loaded<'a> {
    rel: &'a str,
    file: &'a SourceFile,
    ids: HashSet<&'a str>,
    owners: Option<HashSet<String>>,
    /// The directives being edited: one gone from the disk is the edit's refusal (`Gone`).
    edited: HashSet<String>,
}

impl<'a> Loaded<'a> {
    fn new(ws: &'a Workspace, rel: &'a str, file: &'a SourceFile) -> Loaded<'a> {
        let index = ws.files.iter().position(|f| f.path == rel);
        Loaded {
            rel,
            file,
            ids: ws
                .directives
                .iter()
                .filter(|d| Some(d.file) == index)
                .map(|d| d.id.as_str())
                .collect(),
            owners: (!ws.config_broken).then(|| ws.owners.iter().map(|o| o.id.clone()).collect()),
            edited: HashSet::new(),
        }
    }

    /// Whether `bytes` parse and hold every directive that was loaded: a whole save, not
    /// half of one.
    fn sound(&self, bytes: &[u8]) -> bool {
        let load = load_file(self.rel, Ok(bytes.to_vec()), self.owners.as_ref());
        load.file.broken.is_none()
            && self
                .ids
                .iter()
                .all(|id| load.directives.iter().any(|d| d.id == *id))
    }

    /// The file as it is on disk now, when it differs from what was loaded: refused when it
    /// is broken, lost directives (a half-saved or cut file) or has new problems.
    fn check_disk(&self, bytes: &[u8]) -> Result<FileLoad, WriteError> {
        let path = self.rel.to_string();
        let on_disk = load_file(self.rel, Ok(bytes.to_vec()), self.owners.as_ref());
        if let Some(reason) = on_disk.file.broken.clone() {
            return Err(WriteError::Broken { path, reason });
        }
        let mut missing: Vec<String> = self
            .ids
            .iter()
            .filter(|id| !self.edited.contains(**id))
            .filter(|id| !on_disk.directives.iter().any(|d| d.id == **id))
            .map(|id| id.to_string())
            .collect();
        if !missing.is_empty() {
            missing.sort();
            return Err(WriteError::Cut { path, missing });
        }
        let known = |p: &Problem| self.file.problems.iter().any(|k| k.kind == p.kind);
        if let Some(p) = on_disk.file.problems.iter().find(|p| !known(p)) {
            return Err(WriteError::NewProblems {
                path,
                problem: Box::new(p.clone()),
            });
        }
        Ok(on_disk)
    }
}

/// The file a write replaces: `full`, or the file it links to when it was a link when
/// loaded. A file that became a link since it was loaded is not written through.
fn write_target(full: &Path, loaded: &Loaded) -> Result<PathBuf, WriteError> {
    let rel = loaded.rel;
    match fs::symlink_metadata(full) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let same = fs::read(full)
                .map(|b| text::fingerprint(&b) == loaded.file.fingerprint)
                .unwrap_or(false);
            if !same {
                return Err(WriteError::Redirected {
                    path: rel.to_string(),
                });
            }
            fs::canonicalize(full).map_err(|e| WriteError::io(rel, e))
        }
        Ok(_) => Ok(full.to_path_buf()),
        Err(e) => Err(WriteError::io(rel, e)),
    }
}

fn replace_error(rel: &str, e: ReplaceError) -> WriteError {
    match e {
        ReplaceError::FolderReadOnly => WriteError::FolderReadOnly {
            path: rel.to_string(),
        },
        ReplaceError::Group { gid } => WriteError::Group {
            path: rel.to_string(),
            gid,
        },
        ReplaceError::Io(e) => copy_io(rel, &e),
    }
}

fn read_error(rel: &str, e: ReadError) -> WriteError {
    match e {
        ReadError::Io(e) => copy_io(rel, &e),
        ReadError::Unsettled => WriteError::Unsettled {
            path: rel.to_string(),
        },
    }
}

/// Replaces directive file `loaded.rel` by what `make` does to its text, under the lock the
/// caller holds. `make` gets the text on disk and, when that is not what was loaded, the file
/// parsed from it (to check its directives against); `Ok(None)` writes nothing.
///
/// The file is read until two reads agree (never half of a save in progress); a version that
/// lost directives or gained problems since the load is refused. Right before the rename the
/// file must still be the one read; a save that lands after that check (into the old file,
/// or renamed over it) is found after the rename, and the edit is applied again on top of it.
/// Returns whether the edit was applied on a newer version than the one loaded.
fn replace_guarded(
    root: &Path,
    loaded: &Loaded,
    hook: &mut dyn FnMut(Stage),
    make: &mut Make,
) -> Result<bool, WriteError> {
    let mut pending: Option<Pending> = None;
    let result = replace_rounds(root, loaded, hook, make, &mut pending);
    // Given up with someone's save displaced by ours: put that save back (when whole), so
    // only our edit is lost, never theirs.
    if let (Err(_), Some(p)) = (&result, pending) {
        let now = std::fs::read(&p.target).unwrap_or_default();
        if loaded.sound(&p.bytes) && holds_all(loaded.rel, &p.bytes, &now) {
            if let Ok(staged) = Staged::new(&p.target, &p.bytes, Some((p.mode, p.gid))) {
                let _ = staged.commit();
            }
        }
    }
    result
}

/// A save our rename displaced, not yet in what is on disk.
struct Pending {
    bytes: Vec<u8>,
    target: PathBuf,
    mode: u32,
    gid: u32,
}

fn replace_rounds(
    root: &Path,
    loaded: &Loaded,
    hook: &mut dyn FnMut(Stage),
    make: &mut Make,
    pending: &mut Option<Pending>,
) -> Result<bool, WriteError> {
    let rel = loaded.rel;
    let full = root.join(rel);
    let read_only = || WriteError::ReadOnly {
        path: rel.to_string(),
    };
    let mut rebased = false;
    // A save found after our rename: the version to apply the edit on, instead of ours.
    let mut newer: Option<Vec<u8>> = None;
    for _ in 0..ATTEMPTS {
        let target = write_target(&full, loaded)?;
        let fingerprint = loaded.file.fingerprint;
        let snap = guard::read_settled(&target, |b| text::fingerprint(b) == fingerprint)
            .map_err(|e| read_error(rel, e))?;
        hook(Stage::Read);
        let meta = fs::metadata(&target).map_err(|e| WriteError::io(rel, e))?;
        check_writable(&target, &meta).map_err(|_| read_only())?;
        let displaced_save = newer.take();
        let bytes = displaced_save.as_deref().unwrap_or(&snap.bytes);
        let result = apply_on(loaded, bytes, make);
        let updated = match (result, displaced_save) {
            (Ok((Some(updated), changed)), _) => {
                rebased |= changed;
                updated
            }
            (other, None) => return other.map(|_| rebased),
            // Our first version is on disk, and the save it displaced cannot take the edit:
            // put that save back (when it is whole), so only our edit is lost.
            (other, Some(save)) => {
                if loaded.sound(&save) {
                    let staged = Staged::new(&target, &save, Some((snap.mode, snap.gid)))
                        .map_err(|e| replace_error(rel, e))?;
                    staged.commit().map_err(|e| WriteError::io(rel, e))?;
                }
                *pending = None;
                return other.map(|_| rebased);
            }
        };
        // Never fewer directives than the file replaced holds, whatever was loaded (a load
        // may itself have caught half of a save).
        let missing = missing_ids(rel, updated.as_bytes(), &snap.bytes);
        if !missing.is_empty() {
            return Err(WriteError::Cut {
                path: rel.to_string(),
                missing,
            });
        }
        let staged = Staged::new(&target, updated.as_bytes(), Some((snap.mode, snap.gid)))
            .map_err(|e| replace_error(rel, e))?;
        hook(Stage::BeforeRename);
        if !guard::unchanged(&target, &snap).map_err(|e| WriteError::io(rel, e))? {
            // A newer save is on disk now: it, not the displaced one, is the latest.
            *pending = None;
            continue;
        }
        hook(Stage::Checked);
        let displaced = staged.swap().map_err(|e| WriteError::io(rel, e))?;
        hook(Stage::AfterRename);
        // A file written a moment ago may be a save in place still going on: give its
        // writer a moment, then look at the file we replaced once more.
        if displaced.as_ref().is_none_or(|d| d.stamp == snap.stamp) && recently_written(&snap) {
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        newer = match displaced {
            Some(d) if d.stamp != snap.stamp => Some(settle_save(loaded, &d.file, d.bytes)?),
            _ if guard::written_since(&snap) => {
                let bytes =
                    guard::read_settled_handle(&snap.file).map_err(|e| read_error(rel, e))?;
                Some(settle_save(loaded, &snap.file, bytes)?)
            }
            _ => None,
        };
        *pending = newer.as_ref().map(|bytes| Pending {
            bytes: bytes.clone(),
            target: target.clone(),
            mode: snap.mode,
            gid: snap.gid,
        });
        if newer.is_none() {
            return Ok(rebased);
        }
    }
    Err(WriteError::Unsettled {
        path: rel.to_string(),
    })
}

/// Whether `new` holds every directive id `old` holds.
fn holds_all(rel: &str, new: &[u8], old: &[u8]) -> bool {
    missing_ids(rel, new, old).is_empty()
}

/// The directive ids `old` holds and `new` does not, sorted.
fn missing_ids(rel: &str, new: &[u8], old: &[u8]) -> Vec<String> {
    let old = load_file(rel, Ok(old.to_vec()), None);
    let new = load_file(rel, Ok(new.to_vec()), None);
    let mut missing: Vec<String> = old
        .directives
        .iter()
        .filter(|o| !new.directives.iter().any(|n| n.id == o.id))
        .map(|o| o.id.clone())
        .collect();
    missing.sort();
    missing
}

/// Whether the file was last written less than two seconds ago.
fn recently_written(snap: &guard::Snapshot) -> bool {
    snap.file
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|m| m.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(2))
}

/// A save found after the rename, read from the handle of the file it went into until it is
/// whole: the program saving in place may still be writing it.
fn settle_save(
    loaded: &Loaded,
    file: &fs::File,
    mut bytes: Vec<u8>,
) -> Result<Vec<u8>, WriteError> {
    for _ in 0..100 {
        if loaded.sound(&bytes) {
            return Ok(bytes);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        bytes = guard::read_settled_handle(file).map_err(|e| read_error(loaded.rel, e))?;
    }
    Err(WriteError::Unsettled {
        path: loaded.rel.to_string(),
    })
}

/// `make` applied to `bytes` (checked first when they are not what was loaded), and the
/// result checked: it must parse and keep every directive it started with.
fn apply_on(
    loaded: &Loaded,
    bytes: &[u8],
    make: &mut Make,
) -> Result<(Option<String>, bool), WriteError> {
    let rel = loaded.rel;
    let changed = text::fingerprint(bytes) != loaded.file.fingerprint;
    let on_disk = if changed {
        Some(loaded.check_disk(bytes)?)
    } else {
        None
    };
    let original = std::str::from_utf8(bytes).map_err(|_| WriteError::Broken {
        path: rel.to_string(),
        reason: ProblemKind::InvalidUtf8,
    })?;
    let Some(updated) = make(original, on_disk.as_ref())? else {
        return Ok((None, changed));
    };
    // Never write what we could not read back, nor a file with fewer directives.
    let check = load_file(rel, Ok(updated.clone().into_bytes()), None);
    if let Some(reason) = check.file.broken {
        return Err(WriteError::Apply {
            path: rel.to_string(),
            id: String::new(),
            source: ApplyError::Invalid(reason),
        });
    }
    let before: HashSet<&str> = match &on_disk {
        Some(d) => d.directives.iter().map(|d| d.id.as_str()).collect(),
        None => loaded.ids.clone(),
    };
    let mut missing: Vec<String> = before
        .iter()
        .filter(|id| !check.directives.iter().any(|d| d.id == **id))
        .map(|id| id.to_string())
        .collect();
    if !missing.is_empty() {
        missing.sort();
        return Err(WriteError::Cut {
            path: rel.to_string(),
            missing,
        });
    }
    Ok((Some(updated), changed))
}

/// What a write of several edits did: one write per file, one log entry per directive.
#[derive(Debug, Default)]
pub struct BatchWritten {
    pub written: Vec<Written>,
    /// The edits not written, by directive id, with why.
    pub refused: Vec<(String, WriteError)>,
}

/// Writes several edits, each file once: the edits of one file are applied together and
/// written in one atomic rename. An edit whose directive changed on disk is refused alone;
/// the others of its file are still written. Reloads every file touched into `ws`.
pub fn write_edits(ws: &mut Workspace, edits: &[Edit]) -> BatchWritten {
    let mut out = BatchWritten::default();
    let mut by_file: Vec<(String, Vec<&Edit>)> = Vec::new();
    for edit in edits {
        let Some(d) = ws.directive(&edit.id) else {
            out.refused
                .push((edit.id.clone(), WriteError::UnknownId(edit.id.clone())));
            continue;
        };
        let path = ws.file_of(d).path.clone();
        match by_file.iter_mut().find(|(p, _)| *p == path) {
            Some((_, list)) => list.push(edit),
            None => by_file.push((path, vec![edit])),
        }
    }
    let lock = match WorkspaceLock::acquire(&ws.root) {
        Ok(lock) => lock,
        Err(e) => {
            for (_, list) in by_file {
                for edit in list {
                    out.refused
                        .push((edit.id.clone(), WriteError::Lock(e.clone())));
                }
            }
            return out;
        }
    };
    for (path, list) in &by_file {
        let (written, refused) = write_file_edits(ws, path, list, &mut |_| {});
        out.written.extend(written);
        out.refused.extend(refused);
    }
    drop(lock);
    for (path, _) in &by_file {
        ws.reload_file(path);
    }
    out
}

fn copy_io(path: &str, e: &std::io::Error) -> WriteError {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => WriteError::ReadOnly {
            path: path.to_string(),
        },
        kind => WriteError::io(path, std::io::Error::new(kind, e.to_string())),
    }
}

/// The refusal for a directive someone else changed on disk.
fn stale(path: &str, disk_version: &Directive) -> WriteError {
    let by = disk_version
        .last_author()
        .filter(|b| !b.is_empty())
        .map(str::to_string);
    WriteError::Stale {
        path: path.to_string(),
        id: disk_version.id.clone(),
        by,
    }
}

/// The edits of one file, under the workspace lock: stale check per directive, one write.
fn write_file_edits(
    ws: &Workspace,
    rel: &str,
    edits: &[&Edit],
    hook: &mut dyn FnMut(Stage),
) -> (Vec<Written>, Vec<(String, WriteError)>) {
    let refuse_all = |edits: &[&Edit], e: &dyn Fn(&str) -> WriteError| {
        edits
            .iter()
            .map(|edit| (edit.id.clone(), e(&edit.id)))
            .collect::<Vec<_>>()
    };
    let Some(file) = ws.files.iter().find(|f| f.path == rel) else {
        let all = refuse_all(edits, &|_| WriteError::Io {
            path: rel.to_string(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
        return (vec![], all);
    };
    if let Some(reason) = &file.broken {
        let all = refuse_all(edits, &|_| WriteError::Broken {
            path: rel.to_string(),
            reason: reason.clone(),
        });
        return (vec![], all);
    }
    let mut loaded = Loaded::new(ws, rel, file);
    loaded.edited = edits.iter().map(|e| e.id.clone()).collect();
    let mut refused = Vec::new();
    let mut applied: Vec<(&Edit, &Directive)> = Vec::new();
    let mut make = |original: &str, on_disk: Option<&FileLoad>| {
        // Each attempt starts afresh on the version it is given.
        refused.clear();
        applied.clear();
        let mut current_text = original.to_string();
        for &edit in edits {
            let Some(before) = ws.directive(&edit.id) else {
                refused.push((edit.id.clone(), WriteError::UnknownId(edit.id.clone())));
                continue;
            };
            if edit.change.is_empty() {
                let e = WriteError::NothingToChange {
                    path: rel.to_string(),
                    id: edit.id.clone(),
                };
                refused.push((edit.id.clone(), e));
                continue;
            }
            if let Some(disk) = on_disk {
                match disk.directives.iter().find(|d| d.id == edit.id) {
                    None => {
                        let e = WriteError::Gone {
                            path: rel.to_string(),
                            id: edit.id.clone(),
                        };
                        refused.push((edit.id.clone(), e));
                        continue;
                    }
                    Some(d) if !d.same_content(before) => {
                        refused.push((edit.id.clone(), stale(rel, d)));
                        continue;
                    }
                    Some(_) => {}
                }
            }
            match edit::apply(&current_text, edit) {
                Ok(next) => {
                    current_text = next;
                    applied.push((edit, before));
                }
                Err(source) => {
                    let e = WriteError::Apply {
                        path: rel.to_string(),
                        id: edit.id.clone(),
                        source,
                    };
                    refused.push((edit.id.clone(), e));
                }
            }
        }
        Ok((!applied.is_empty()).then_some(current_text))
    };
    let result = replace_guarded(&ws.root, &loaded, hook, &mut make);
    match result {
        Ok(rebased) => {
            let written = applied
                .into_iter()
                .map(|(_, before)| Written {
                    path: rel.to_string(),
                    before: before.clone(),
                    rebased,
                })
                .collect();
            (written, refused)
        }
        Err(e) => {
            // The whole file refused: every edit not already refused alone, with the reason.
            let mut out: Vec<(String, WriteError)> = std::mem::take(&mut refused);
            let done: HashSet<String> = out.iter().map(|(id, _)| id.clone()).collect();
            let rest: Vec<&&Edit> = edits.iter().filter(|e| !done.contains(&e.id)).collect();
            if let Some((last, others)) = rest.split_last() {
                for edit in others {
                    out.push((edit.id.clone(), reason_copy(rel, Some(&e))));
                }
                out.push((last.id.clone(), e));
            }
            (vec![], out)
        }
    }
}

/// A copy of a whole-file refusal for the other edits of that file.
fn reason_copy(rel: &str, e: Option<&WriteError>) -> WriteError {
    match e {
        Some(WriteError::Broken { path, reason }) => WriteError::Broken {
            path: path.clone(),
            reason: reason.clone(),
        },
        Some(WriteError::Cut { path, missing }) => WriteError::Cut {
            path: path.clone(),
            missing: missing.clone(),
        },
        Some(WriteError::NewProblems { path, problem }) => WriteError::NewProblems {
            path: path.clone(),
            problem: problem.clone(),
        },
        Some(WriteError::Apply { path, source, .. }) => WriteError::Apply {
            path: path.clone(),
            id: String::new(),
            source: source.clone(),
        },
        Some(WriteError::Io { path, source }) => copy_io(path, source),
        Some(other) => WriteError::Io {
            path: rel.to_string(),
            source: std::io::Error::other(other.to_string()),
        },
        None => WriteError::Unsettled {
            path: rel.to_string(),
        },
    }
}

/// New directives written at the end of meeting file `rel` (relative to the root), each with
/// a `created = true` log entry; returns their ids. Refused when an id is used, a unit is
/// unknown, or the file is not a directive file of `ws`.
pub fn write_new_directives(
    ws: &mut Workspace,
    rel: &str,
    new: &[NewDirective],
    by: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<Vec<String>, WriteError> {
    let new: Vec<NewDirective> = new.iter().map(NewDirective::normalized).collect();
    let result = write_new_directives_inner(ws, rel, &new, by, at);
    if !matches!(result, Err(WriteError::New(_))) {
        ws.reload_file(rel);
    }
    result.map(|()| new.into_iter().map(|d| d.id).collect())
}

fn write_new_directives_inner(
    ws: &Workspace,
    rel: &str,
    new: &[NewDirective],
    by: &str,
    at: chrono::DateTime<chrono::FixedOffset>,
) -> Result<(), WriteError> {
    let Some(file) = ws.files.iter().find(|f| f.path == rel) else {
        return Err(CreateError::NoSuchFile(rel.to_string()).into());
    };
    if let Some(reason) = &file.broken {
        return Err(WriteError::Broken {
            path: rel.to_string(),
            reason: reason.clone(),
        });
    }
    create::check_new(ws, new)?;
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    let loaded = Loaded::new(ws, rel, file);
    let first_id = new.first().map(|d| d.id.clone()).unwrap_or_default();
    let mut make = |original: &str, on_disk: Option<&FileLoad>| {
        // Changed on disk: adding at the end is still safe, unless the file now holds one of
        // the ids.
        if let Some(disk) = on_disk {
            if let Some(d) = new
                .iter()
                .find(|n| disk.directives.iter().any(|d| d.id == n.id))
            {
                return Err(CreateError::DuplicateId {
                    id: d.id.clone(),
                    path: rel.to_string(),
                }
                .into());
            }
        }
        create::append_directives(original, new, by, at)
            .map(Some)
            .map_err(|source| WriteError::Apply {
                path: rel.to_string(),
                id: first_id.clone(),
                source,
            })
    };
    replace_guarded(&ws.root, &loaded, &mut |_| {}, &mut make).map(|_| ())
}

/// Whether `rel` may name a new meeting file: a file the loader reads as one (the one rule,
/// `files::is_directive_file`), written with `/` and without `\\`.
fn valid_new_path(rel: &str) -> bool {
    super::files::is_directive_file(rel)
        && !rel.contains('\\')
        && rel.rsplit('/').next().is_some_and(|name| name != ".toml")
}

/// A new meeting file `rel` holding the `[source]` table, added to `ws`; an existing file is
/// never replaced.
pub fn write_new_source(ws: &mut Workspace, rel: &str, source: &Source) -> Result<(), WriteError> {
    let rel = rel.trim().trim_start_matches("./");
    if source.title.trim().is_empty() {
        return Err(CreateError::EmptyTitle.into());
    }
    if !valid_new_path(rel) {
        return Err(CreateError::BadPath(rel.to_string()).into());
    }
    let full = ws.root.join(rel);
    if full.exists() || ws.files.iter().any(|f| f.path == rel) {
        return Err(CreateError::Exists(rel.to_string()).into());
    }
    let text = create::source_file_text(source);
    let dir = full.parent().unwrap_or(&ws.root);
    fs::create_dir_all(dir).map_err(|e| WriteError::io(rel, e))?;
    {
        let _lock = WorkspaceLock::acquire(&ws.root)?;
        let staged =
            Staged::new(&full, text.as_bytes(), None).map_err(|e| replace_error(rel, e))?;
        // No-clobber: a file made meanwhile by someone else is not replaced.
        staged.commit_new().map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                CreateError::Exists(rel.to_string()).into()
            } else {
                WriteError::io(rel, e)
            }
        })?;
    }
    ws.reload_file(rel);
    Ok(())
}

/// A new unit added to `dondoc.toml` (after the last unit of its group), then the workspace
/// loaded again.
pub fn write_new_owner(ws: &mut Workspace, owner: &Owner) -> Result<(), WriteError> {
    let rel = super::CONFIG_FILE;
    if ws.config_broken {
        // The first problem of dondoc.toml says why it does not load.
        let reason = ws.config_problems.first().map_or_else(
            || ProblemKind::CannotRead(rel.to_string()),
            |p| p.kind.clone(),
        );
        return Err(WriteError::Broken {
            path: rel.to_string(),
            reason,
        });
    }
    create::check_owner(ws, owner)?;
    let full = ws.root.join(rel);
    {
        let _lock = WorkspaceLock::acquire(&ws.root)?;
        let bytes = fs::read(&full).map_err(|e| WriteError::io(rel, e))?;
        let original = std::str::from_utf8(&bytes).map_err(|_| WriteError::Broken {
            path: rel.to_string(),
            reason: ProblemKind::InvalidUtf8,
        })?;
        let apply_error = |source| WriteError::Apply {
            path: rel.to_string(),
            id: owner.id.clone(),
            source,
        };
        // The file on disk may have gained units since it was read: check the id again there.
        let doc: toml_edit::DocumentMut = original
            .trim_start_matches(text::BOM)
            .parse()
            .map_err(|e: toml_edit::TomlError| apply_error(ApplyError::Parse(e.to_string())))?;
        let taken = doc
            .get("owner")
            .and_then(|o| o.as_array_of_tables())
            .is_some_and(|list| {
                list.iter()
                    .any(|t| t.get("id").and_then(|v| v.as_str()) == Some(owner.id.as_str()))
            });
        if taken {
            return Err(CreateError::DuplicateId {
                id: owner.id.clone(),
                path: rel.to_string(),
            }
            .into());
        }
        let updated = create::append_owner(original, owner).map_err(apply_error)?;
        if let Err(e) = updated
            .trim_start_matches(text::BOM)
            .parse::<toml_edit::DocumentMut>()
        {
            return Err(apply_error(ApplyError::Parse(e.to_string())));
        }
        atomic_write(&full, updated.as_bytes()).map_err(|e| copy_io(rel, &e))?;
    }
    if let Ok(fresh) = super::load(&ws.root) {
        *ws = fresh;
    }
    Ok(())
}
