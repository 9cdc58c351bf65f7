//! The one place that writes workspace files: lock, stale check, apply, verify, atomic rename.

use super::create::{self, CreateError, NewDirective};
use super::edit::{self, ApplyError, Edit};
use super::load::load_file;
use super::text;
use crate::model::{Directive, Owner, ProblemKind, Source, Workspace};
use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
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
            | WriteError::Broken { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// [`write_edit`] without reloading the file into `ws`: the UI reads the file again itself
/// (`Workspace::read_file`) and puts it in from its one place that changes the workspace.
pub fn write_to_disk(ws: &Workspace, edit: &Edit) -> Result<Written, WriteError> {
    if let Some(op) = crate::git::operation_in_progress(&ws.root) {
        return Err(WriteError::GitOperation(crate::git::operation_message(op)));
    }
    let current = ws
        .directive(&edit.id)
        .ok_or_else(|| WriteError::UnknownId(edit.id.clone()))?;
    let file = ws.file_of(current);
    let rel = file.path.clone();
    if let Some(reason) = &file.broken {
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
    let full = ws.root.join(&rel);
    let _lock = WorkspaceLock::acquire(&ws.root).map_err(|e| WriteError::io(&rel, e))?;

    let bytes = fs::read(&full).map_err(|e| WriteError::io(&rel, e))?;
    let rebased = text::fingerprint(&bytes) != file.fingerprint;
    if rebased {
        let owners: HashSet<String> = ws.owners.iter().map(|o| o.id.clone()).collect();
        let on_disk = load_file(&rel, Ok(bytes.clone()), Some(&owners));
        if let Some(reason) = on_disk.file.broken {
            return Err(WriteError::Broken { path: rel, reason });
        }
        let Some(disk_version) = on_disk.directives.iter().find(|d| d.id == edit.id) else {
            return Err(WriteError::Gone {
                path: rel,
                id: edit.id.clone(),
            });
        };
        if !disk_version.same_content(current) {
            let by = disk_version
                .last_author()
                .filter(|b| !b.is_empty())
                .map(str::to_string);
            return Err(WriteError::Stale {
                path: rel,
                id: edit.id.clone(),
                by,
            });
        }
    }
    let original = std::str::from_utf8(&bytes).map_err(|_| WriteError::Broken {
        path: rel.clone(),
        reason: ProblemKind::InvalidUtf8,
    })?;
    let updated = edit::apply(original, edit).map_err(|source| WriteError::Apply {
        path: rel.clone(),
        id: edit.id.clone(),
        source,
    })?;
    // Never write what we could not read back.
    let check = load_file(&rel, Ok(updated.clone().into_bytes()), None);
    if let Some(reason) = check.file.broken {
        return Err(WriteError::Apply {
            path: rel,
            id: edit.id.clone(),
            source: ApplyError::Invalid(reason),
        });
    }
    atomic_write(&full, updated.as_bytes()).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => WriteError::ReadOnly { path: rel.clone() },
        _ => WriteError::io(&rel, e),
    })?;
    Ok(Written {
        path: rel,
        before: current.clone(),
        rebased,
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
    let rel = f.path.clone();
    if let Some(reason) = &f.broken {
        return Err(WriteError::Broken {
            path: rel,
            reason: reason.clone(),
        });
    }
    let full = ws.root.join(&rel);
    let _lock = WorkspaceLock::acquire(&ws.root).map_err(|e| WriteError::io(&rel, e))?;
    let bytes = fs::read(&full).map_err(|e| WriteError::io(&rel, e))?;
    if text::fingerprint(&bytes) != f.fingerprint {
        let owners: HashSet<String> = ws.owners.iter().map(|o| o.id.clone()).collect();
        let on_disk = load_file(&rel, Ok(bytes.clone()), Some(&owners));
        if let Some(reason) = on_disk.file.broken {
            return Err(WriteError::Broken { path: rel, reason });
        }
        for id in ids {
            let current = ws
                .directive(id)
                .ok_or_else(|| WriteError::UnknownId(id.clone()))?;
            let Some(disk) = on_disk.directives.iter().find(|d| d.id == *id) else {
                return Err(WriteError::Gone {
                    path: rel,
                    id: id.clone(),
                });
            };
            if !disk.same_content(current) {
                let by = disk
                    .last_author()
                    .filter(|b| !b.is_empty())
                    .map(str::to_string);
                return Err(WriteError::Stale {
                    path: rel,
                    id: id.clone(),
                    by,
                });
            }
        }
    }
    let original = std::str::from_utf8(&bytes).map_err(|_| WriteError::Broken {
        path: rel.clone(),
        reason: ProblemKind::InvalidUtf8,
    })?;
    let first = ids.first().cloned().unwrap_or_default();
    let updated =
        edit::apply_log_only(original, ids, entry, by, at).map_err(|source| WriteError::Apply {
            path: rel.clone(),
            id: first.clone(),
            source,
        })?;
    let check = load_file(&rel, Ok(updated.clone().into_bytes()), None);
    if let Some(reason) = check.file.broken {
        return Err(WriteError::Apply {
            path: rel,
            id: first,
            source: ApplyError::Invalid(reason),
        });
    }
    atomic_write(&full, updated.as_bytes()).map_err(|e| match e.kind() {
        std::io::ErrorKind::PermissionDenied => WriteError::ReadOnly { path: rel.clone() },
        _ => WriteError::io(&rel, e),
    })
}

/// Writes `bytes` to a temporary file beside `path`, flushes it and renames it over `path`,
/// keeping the old file's permissions. A read-only file is refused, not replaced.
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
    let dir = path.parent().unwrap_or(Path::new("."));
    let permissions = match fs::metadata(path) {
        Ok(meta) => {
            // Renaming over a read-only file would succeed; the user meant it not to change.
            if meta.permissions().readonly() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    "read-only file",
                ));
            }
            // Another account's file we may not write: the rename would still work.
            OpenOptions::new().append(true).open(path)?;
            Some(meta.permissions())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".dondoc-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Some(p) = permissions {
        fs::set_permissions(tmp.path(), p)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// An advisory lock serialising writes by every dondoc on this workspace. The OS drops it
/// when the process dies, so a killed process never leaves a stale lock.
pub struct WorkspaceLock {
    file: File,
}

impl WorkspaceLock {
    pub fn path(root: &Path) -> PathBuf {
        let git = root.join(".git");
        if git.is_dir() {
            git.join("dondoc.lock")
        } else {
            root.join(".dondoc.lock")
        }
    }

    pub fn acquire(root: &Path) -> std::io::Result<WorkspaceLock> {
        let path = Self::path(root);
        let file = match OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
        {
            Ok(f) => f,
            // Another user's lock file we cannot write: a read-only handle locks as well.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => File::open(&path)?,
            Err(e) => return Err(e),
        };
        file.lock()?;
        Ok(WorkspaceLock { file })
    }
}

impl Drop for WorkspaceLock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
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
            for (path, list) in by_file {
                for edit in list {
                    out.refused.push((edit.id.clone(), copy_io(&path, &e)));
                }
            }
            return out;
        }
    };
    for (path, list) in &by_file {
        let (written, refused) = write_file_edits(ws, path, list);
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
) -> (Vec<Written>, Vec<(String, WriteError)>) {
    let mut refused = Vec::new();
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
    let bytes = match fs::read(ws.root.join(rel)) {
        Ok(b) => b,
        Err(e) => return (vec![], refuse_all(edits, &|_| copy_io(rel, &e))),
    };
    let rebased = text::fingerprint(&bytes) != file.fingerprint;
    let on_disk = rebased.then(|| {
        let owners: HashSet<String> = ws.owners.iter().map(|o| o.id.clone()).collect();
        load_file(rel, Ok(bytes.clone()), Some(&owners))
    });
    if let Some(reason) = on_disk.as_ref().and_then(|d| d.file.broken.clone()) {
        let all = refuse_all(edits, &|_| WriteError::Broken {
            path: rel.to_string(),
            reason: reason.clone(),
        });
        return (vec![], all);
    }
    let Ok(mut current_text) = String::from_utf8(bytes) else {
        let all = refuse_all(edits, &|_| WriteError::Broken {
            path: rel.to_string(),
            reason: ProblemKind::InvalidUtf8,
        });
        return (vec![], all);
    };
    let mut applied = Vec::new();
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
        if let Some(disk) = &on_disk {
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
    if applied.is_empty() {
        return (vec![], refused);
    }
    let applied_edits: Vec<&Edit> = applied.iter().map(|(e, _)| *e).collect();
    // Never write what we could not read back.
    let check = load_file(rel, Ok(current_text.clone().into_bytes()), None);
    if let Some(reason) = check.file.broken {
        refused.extend(refuse_all(&applied_edits, &|id| WriteError::Apply {
            path: rel.to_string(),
            id: id.to_string(),
            source: ApplyError::Invalid(reason.clone()),
        }));
        return (vec![], refused);
    }
    if let Err(e) = atomic_write(&ws.root.join(rel), current_text.as_bytes()) {
        refused.extend(refuse_all(&applied_edits, &|_| copy_io(rel, &e)));
        return (vec![], refused);
    }
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
    let full = ws.root.join(rel);
    let _lock = WorkspaceLock::acquire(&ws.root).map_err(|e| WriteError::io(rel, e))?;
    let bytes = fs::read(&full).map_err(|e| WriteError::io(rel, e))?;
    if text::fingerprint(&bytes) != file.fingerprint {
        // Changed on disk: adding at the end is still safe, unless the file now holds one of
        // the ids (or is broken).
        let on_disk = load_file(rel, Ok(bytes.clone()), None);
        if let Some(reason) = on_disk.file.broken {
            return Err(WriteError::Broken {
                path: rel.to_string(),
                reason,
            });
        }
        if let Some(d) = new
            .iter()
            .find(|n| on_disk.directives.iter().any(|d| d.id == n.id))
        {
            return Err(CreateError::DuplicateId {
                id: d.id.clone(),
                path: rel.to_string(),
            }
            .into());
        }
    }
    let original = std::str::from_utf8(&bytes).map_err(|_| WriteError::Broken {
        path: rel.to_string(),
        reason: ProblemKind::InvalidUtf8,
    })?;
    let first_id = new.first().map(|d| d.id.clone()).unwrap_or_default();
    let apply_error = |source| WriteError::Apply {
        path: rel.to_string(),
        id: first_id.clone(),
        source,
    };
    let updated = create::append_directives(original, new, by, at).map_err(apply_error)?;
    let check = load_file(rel, Ok(updated.clone().into_bytes()), None);
    if let Some(reason) = check.file.broken {
        return Err(apply_error(ApplyError::Invalid(reason)));
    }
    atomic_write(&full, updated.as_bytes()).map_err(|e| copy_io(rel, &e))
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
    let mut tmp = tempfile::Builder::new()
        .prefix(".dondoc-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| copy_io(rel, &e))?;
    tmp.write_all(text.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| WriteError::io(rel, e))?;
    // No-clobber: a file made meanwhile by someone else is not replaced.
    tmp.persist_noclobber(&full).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            CreateError::Exists(rel.to_string()).into()
        } else {
            WriteError::io(rel, e.error)
        }
    })?;
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
        let _lock = WorkspaceLock::acquire(&ws.root).map_err(|e| WriteError::io(rel, e))?;
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
