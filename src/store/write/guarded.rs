//! The checked replace of one file: settled read, checks, atomic rename, displaced save kept.

use super::error::{read_error, replace_error};
use super::{Stage, WriteError};
use crate::model::{Fingerprint, Problem, ProblemKind, SourceFile, Workspace};
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

/// What the workspace holds of one file, to compare the disk with: a directive file, or
/// `dondoc.toml` (its units).
pub(super) struct Loaded<'a> {
    rel: &'a str,
    fingerprint: Fingerprint,
    problems: &'a [Problem],
    ids: HashSet<&'a str>,
    owners: Option<HashSet<String>>,
    /// `dondoc.toml`: checked as the settings, not as a directive file.
    config: bool,
    /// The directives being edited: one gone from the disk is the edit's refusal (`Gone`).
    pub(super) edited: HashSet<String>,
    /// The directives the write takes out of the file on purpose (a deletion).
    pub(super) removed: HashSet<String>,
}

impl<'a> Loaded<'a> {
    pub(super) fn new(ws: &'a Workspace, rel: &'a str, file: &'a SourceFile) -> Loaded<'a> {
        let index = ws.files.iter().position(|f| f.path == rel);
        Loaded {
            rel,
            fingerprint: file.fingerprint,
            problems: &file.problems,
            ids: ws
                .directives
                .iter()
                .filter(|d| Some(d.file) == index)
                .map(|d| d.id.as_str())
                .collect(),
            owners: (!ws.config_broken).then(|| ws.owners.iter().map(|o| o.id.clone()).collect()),
            config: false,
            edited: HashSet::new(),
            removed: HashSet::new(),
        }
    }

    /// `dondoc.toml` as `ws` read it.
    pub(super) fn config(ws: &'a Workspace) -> Loaded<'a> {
        Loaded {
            rel: crate::store::CONFIG_FILE,
            fingerprint: ws.config_fingerprint,
            problems: &ws.config_problems,
            ids: HashSet::new(),
            owners: (!ws.config_broken).then(|| ws.owners.iter().map(|o| o.id.clone()).collect()),
            config: true,
            edited: HashSet::new(),
            removed: HashSet::new(),
        }
    }

    /// The file as it is on disk now, when it differs from what was loaded: refused when it
    /// is broken, lost directives or units (a half-saved or cut file) or has new problems.
    /// The directive file parsed from it (`None` for `dondoc.toml`).
    pub(super) fn check_disk(&self, bytes: &[u8]) -> Result<Option<FileLoad>, WriteError> {
        let path = self.rel.to_string();
        let (on_disk, missing, problems) = if self.config {
            let mut now = Workspace::default();
            let owners = crate::store::config_file::parse_config(bytes, &mut now);
            let Some(owners) = owners else {
                let reason = now
                    .config_problems
                    .first()
                    .map_or_else(|| ProblemKind::CannotRead(path.clone()), |p| p.kind.clone());
                return Err(super::error::broken(&path, &reason, &now.config_problems));
            };
            let missing: Vec<String> = self
                .owners
                .iter()
                .flatten()
                .filter(|id| !owners.contains(*id))
                .cloned()
                .collect();
            (None, missing, now.config_problems)
        } else {
            let on_disk = load_file(self.rel, Ok(bytes.to_vec()), self.owners.as_ref());
            if let Some(reason) = &on_disk.file.broken {
                return Err(super::error::broken(&path, reason, &on_disk.file.problems));
            }
            let missing: Vec<String> = self
                .ids
                .iter()
                .filter(|id| !self.edited.contains(**id) && !self.removed.contains(**id))
                .filter(|id| !on_disk.directives.iter().any(|d| d.id == **id))
                .map(|id| id.to_string())
                .collect();
            let problems = on_disk.file.problems.clone();
            (Some(on_disk), missing, problems)
        };
        if !missing.is_empty() {
            let mut missing = missing;
            missing.sort();
            return Err(WriteError::Cut { path, missing });
        }
        let known = |p: &Problem| self.problems.iter().any(|k| k.kind == p.kind);
        // A warning never blocks a write; a new error (a save gone wrong) does.
        let new = |p: &&Problem| !known(p) && !p.kind.is_warning();
        if let Some(p) = problems.iter().find(new) {
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
                .map(|b| text::fingerprint(&b) == loaded.fingerprint)
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
/// file must still be the one read. A save that lands after that check (renamed over the
/// file, or written into the old file by a program that had it open) is found in the file
/// replaced, which the exchange keeps at hand: it is put back at once and the edit starts
/// over on top of it, as for any file changed since the load.
/// Returns whether the edit was applied on a newer version than the one loaded.
pub(super) fn replace_guarded(
    root: &Path,
    loaded: &Loaded,
    hook: &mut dyn FnMut(Stage),
    make: &mut Make,
) -> Result<bool, WriteError> {
    // Whatever the write: `git rebase --abort` / `git merge --abort` would discard it.
    if let Some(op) = crate::git::operation_in_progress(root) {
        return Err(WriteError::GitOperation(op));
    }
    let rel = loaded.rel;
    let full = root.join(rel);
    let read_only = || WriteError::ReadOnly {
        path: rel.to_string(),
    };
    let mut rebased = false;
    let mut hook = |at: Stage| {
        hook(at);
        test_hook::call(at);
    };
    let hook: &mut dyn FnMut(Stage) = &mut hook;
    for _ in 0..ATTEMPTS {
        let target = write_target(&full, loaded)?;
        let fingerprint = loaded.fingerprint;
        let snap = guard::read_settled(&target, |b| text::fingerprint(b) == fingerprint)
            .map_err(|e| read_error(rel, e))?;
        hook(Stage::Read);
        let meta = fs::metadata(&target).map_err(|e| WriteError::io(rel, e))?;
        check_writable(&target, &meta).map_err(|_| read_only())?;
        let updated = match apply_on(loaded, &snap.bytes, make)? {
            (Some(updated), changed) => {
                rebased |= changed;
                updated
            }
            (None, changed) => return Ok(rebased | changed),
        };
        // Never fewer directives than the file replaced holds, whatever was loaded (a load
        // may itself have caught half of a save).
        let mut missing = missing_ids(rel, updated.as_bytes(), &snap.bytes);
        missing.retain(|id| !loaded.removed.contains(id));
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
            continue;
        }
        hook(Stage::Checked);
        let swapped = staged.swap().map_err(|e| WriteError::io(rel, e))?;
        hook(Stage::AfterRename);
        if !saved_since(&swapped, &snap, hook).map_err(|e| WriteError::io(rel, e))? {
            return Ok(rebased);
        }
        put_back(swapped, &snap, &target).map_err(|e| WriteError::io(rel, e))?;
    }
    Err(WriteError::Unsettled {
        path: rel.to_string(),
    })
}

/// A hook for tests of the write paths that take none ([`super::write_new_owner`],
/// deletion, new directives): called at each [`Stage`] of every guarded write of this thread.
#[doc(hidden)]
pub mod test_hook {
    use super::Stage;
    use std::cell::RefCell;

    type Hook = Box<dyn FnMut(Stage)>;
    thread_local! {
        static HOOK: RefCell<Option<Hook>> = const { RefCell::new(None) };
    }

    /// Runs `f` with `hook` called at each stage of the writes it makes on this thread.
    pub fn with<T>(hook: impl FnMut(Stage) + 'static, f: impl FnOnce() -> T) -> T {
        HOOK.with(|h| *h.borrow_mut() = Some(Box::new(hook)));
        let out = f();
        HOOK.with(|h| *h.borrow_mut() = None);
        out
    }

    pub(crate) fn call(at: Stage) {
        HOOK.with(|h| {
            if let Some(hook) = h.borrow_mut().as_mut() {
                hook(at);
            }
        });
    }
}

/// How long a write waits for a program still writing into the file it replaced.
const WRITER_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Whether the file our rename replaced is no longer the version `snap` read: a save renamed
/// over it after the check, or written into it by a program that opened it before the rename
/// (waited for while it still has it open for writing).
fn saved_since(
    swapped: &guard::Swapped,
    snap: &guard::Snapshot,
    hook: &mut dyn FnMut(Stage),
) -> std::io::Result<bool> {
    let replaced = match swapped.replaced() {
        Some(file) => file?,
        // A plain rename: the old file is reachable through the handle it was read with.
        None => snap.file.try_clone()?,
    };
    let differs = |file: &fs::File| -> std::io::Result<bool> {
        let now = guard::read_handle(file.try_clone()?)?;
        Ok(now.stamp != snap.stamp || now.bytes != snap.bytes)
    };
    if differs(&replaced)? {
        return Ok(true);
    }
    match guard::open_for_writing(&replaced) {
        Some(true) => {
            hook(Stage::Waiting);
            let start = std::time::Instant::now();
            while guard::open_for_writing(&replaced) == Some(true) && start.elapsed() < WRITER_WAIT
            {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        }
        Some(false) => {}
        // Cannot tell: a file written a moment ago may be a save in place still going on,
        // so its writer gets a moment.
        None => {
            if recently_written(snap) {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
        }
    }
    differs(&replaced)
}

/// Puts back the save our rename replaced: the old file itself, exchanged back, or (after a
/// plain rename) its bytes once whole.
fn put_back(swapped: guard::Swapped, snap: &guard::Snapshot, target: &Path) -> std::io::Result<()> {
    if swapped.replaced().is_some() {
        return swapped.restore();
    }
    let bytes =
        guard::read_settled_handle(&snap.file).map_err(|e| std::io::Error::other(e.to_string()))?;
    Staged::new(target, &bytes, Some((snap.mode, snap.gid)))
        .map_err(replace_io)?
        .commit()
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

/// `make` applied to `bytes` (checked first when they are not what was loaded), and the
/// result checked: it must parse and keep every directive it started with.
pub(super) fn apply_on(
    loaded: &Loaded,
    bytes: &[u8],
    make: &mut Make,
) -> Result<(Option<String>, bool), WriteError> {
    let rel = loaded.rel;
    let changed = text::fingerprint(bytes) != loaded.fingerprint;
    let on_disk = if changed {
        loaded.check_disk(bytes)?
    } else {
        None
    };
    let original = std::str::from_utf8(bytes).map_err(|_| WriteError::Broken {
        path: rel.to_string(),
        reason: ProblemKind::InvalidUtf8,
        at: None,
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
        .filter(|id| !loaded.removed.contains(**id))
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
