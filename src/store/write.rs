//! The one place that writes workspace files: lock, stale check, apply, verify, atomic rename.

use super::edit::{self, ApplyError, Edit};
use super::load::load_file;
use super::text;
use crate::model::{Directive, Workspace};
use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("no directive with id \"{0}\"")]
    UnknownId(String),
    #[error("{path}: not written, the file is broken ({reason}); fix it by hand first")]
    Broken { path: String, reason: String },
    #[error("{path}: directive \"{id}\" was changed on disk{by} since it was read; not written (reload to see the new version)")]
    Stale {
        path: String,
        id: String,
        by: String,
    },
    #[error("{path}: directive \"{id}\" is no longer in the file on disk; not written")]
    Gone { path: String, id: String },
    #[error("{path}: the file is read-only; nothing was written")]
    ReadOnly { path: String },
    #[error("{path}: nothing to change for directive \"{id}\"")]
    NothingToChange { path: String, id: String },
    #[error("{path}: cannot write: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: edit of \"{id}\" failed: {source}")]
    Apply {
        path: String,
        id: String,
        source: ApplyError,
    },
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
    let result = write_edit_inner(ws, edit);
    let path = match &result {
        Ok(w) => Some(w.path.clone()),
        // The disk differs from what `ws` holds: show the file as it is now.
        Err(
            WriteError::Stale { path, .. }
            | WriteError::Gone { path, .. }
            | WriteError::Broken { path, .. },
        ) => Some(path.clone()),
        Err(_) => None,
    };
    if let Some(path) = path {
        ws.reload_file(&path);
    }
    result
}

fn write_edit_inner(ws: &Workspace, edit: &Edit) -> Result<Written, WriteError> {
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
                .map(|b| format!(" by {b}"))
                .unwrap_or_default();
            return Err(WriteError::Stale {
                path: rel,
                id: edit.id.clone(),
                by,
            });
        }
    }
    let original = std::str::from_utf8(&bytes).map_err(|_| WriteError::Broken {
        path: rel.clone(),
        reason: "invalid UTF-8".into(),
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
            source: ApplyError::Parse(reason),
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
                    .map(|b| format!(" by {b}"))
                    .unwrap_or_default();
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
        reason: "invalid UTF-8".into(),
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
            source: ApplyError::Parse(reason),
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
