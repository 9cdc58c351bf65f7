//! The checked replace of one file: settled read, checks, atomic rename, displaced save kept.

use super::error::{read_error, replace_error};
use super::{Stage, WriteError};
use crate::model::{Problem, ProblemKind, SourceFile, Workspace};
use crate::store::edit::ApplyError;
use crate::store::guard::{self, ReplaceError, Staged};
use crate::store::load::{load_file, FileLoad};
use crate::store::text;
use std::collections::HashSet;
use std::fs::{self, OpenOptions};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

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
pub(super) fn check_writable(path: &Path, meta: &fs::Metadata) -> std::io::Result<()> {
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "read-only file",
        ));
    }
    OpenOptions::new().append(true).open(path).map(|_| ())
}

pub(super) fn replace_io(e: ReplaceError) -> std::io::Error {
    match e {
        ReplaceError::Io(e) => e,
        other => std::io::Error::new(std::io::ErrorKind::PermissionDenied, other.to_string()),
    }
}

/// What a write does to a file's text: given the text on disk and, when it is not what was
/// loaded, the file parsed from it; `Ok(None)` writes nothing.
pub(super) type Make<'a> =
    dyn FnMut(&str, Option<&FileLoad>) -> Result<Option<String>, WriteError> + 'a;

/// Times a write starts over because the file changed under it before it gives up.
pub(super) const ATTEMPTS: usize = 8;

/// What the workspace holds of one directive file, to compare the disk with.
pub(super) struct Loaded<'a> {
    rel: &'a str,
    file: &'a SourceFile,
    ids: HashSet<&'a str>,
    owners: Option<HashSet<String>>,
    /// The directives being edited: one gone from the disk is the edit's refusal (`Gone`).
    pub(super) edited: HashSet<String>,
}

impl<'a> Loaded<'a> {
    pub(super) fn new(ws: &'a Workspace, rel: &'a str, file: &'a SourceFile) -> Loaded<'a> {
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
    pub(super) fn sound(&self, bytes: &[u8]) -> bool {
        let load = load_file(self.rel, Ok(bytes.to_vec()), self.owners.as_ref());
        load.file.broken.is_none()
            && self
                .ids
                .iter()
                .all(|id| load.directives.iter().any(|d| d.id == *id))
    }

    /// The file as it is on disk now, when it differs from what was loaded: refused when it
    /// is broken, lost directives (a half-saved or cut file) or has new problems.
    pub(super) fn check_disk(&self, bytes: &[u8]) -> Result<FileLoad, WriteError> {
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
pub(super) fn write_target(full: &Path, loaded: &Loaded) -> Result<PathBuf, WriteError> {
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

/// Replaces directive file `loaded.rel` by what `make` does to its text, under the lock the
/// caller holds. `make` gets the text on disk and, when that is not what was loaded, the file
/// parsed from it (to check its directives against); `Ok(None)` writes nothing.
///
/// The file is read until two reads agree (never half of a save in progress); a version that
/// lost directives or gained problems since the load is refused. Right before the rename the
/// file must still be the one read; a save that lands after that check (into the old file,
/// or renamed over it) is found after the rename, and the edit is applied again on top of it.
/// Returns whether the edit was applied on a newer version than the one loaded.
pub(super) fn replace_guarded(
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
pub(super) struct Pending {
    bytes: Vec<u8>,
    target: PathBuf,
    mode: u32,
    gid: u32,
}

pub(super) fn replace_rounds(
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
pub(super) fn holds_all(rel: &str, new: &[u8], old: &[u8]) -> bool {
    missing_ids(rel, new, old).is_empty()
}

/// The directive ids `old` holds and `new` does not, sorted.
pub(super) fn missing_ids(rel: &str, new: &[u8], old: &[u8]) -> Vec<String> {
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
pub(super) fn recently_written(snap: &guard::Snapshot) -> bool {
    snap.file
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|m| m.elapsed().ok())
        .is_none_or(|age| age < std::time::Duration::from_secs(2))
}

/// A save found after the rename, read from the handle of the file it went into until it is
/// whole: the program saving in place may still be writing it.
pub(super) fn settle_save(
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
pub(super) fn apply_on(
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
