//! The one place that writes workspace files: lock, stale check, apply, verify, atomic rename.
//! One edit here; `batch` several edits or log-only entries, `new_file` new directives, files
//! and units, `guarded` the checked replace of a file, `error` why a write was refused.

mod batch;
mod error;
mod guarded;
mod new_file;

pub use batch::{write_edits, write_log_only, BatchWritten};
pub use error::{IdPlace, WriteError};
pub use guarded::{atomic_write, test_hook};
pub(crate) use new_file::write_removal;
pub use new_file::{write_new_directives, write_new_owner, write_new_source};

use super::edit::Edit;
use super::guard;
pub use super::guard::{LockError, WorkspaceLock};
use crate::model::{Directive, Workspace};
use batch::write_file_edits;

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
    /// The file replaced is still open for writing by another program: the write waits
    /// until that program closes it, then looks whether it saved into it.
    Waiting,
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
        return Err(WriteError::GitOperation(op));
    }
    let current = ws
        .directive(&edit.id)
        .ok_or_else(|| WriteError::UnknownId(edit.id.clone()))?;
    check_unique(ws, &edit.id)?;
    let rel = ws.file_of(current).path.clone();
    if let Some(reason) = &ws.file_of(current).broken {
        return Err(error::broken(&rel, reason, &ws.file_of(current).problems));
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

/// Refuses a write by an id that several directives of `ws` share: a workspace keeps the first
/// use (in path order) and reports the others as duplicates, so the edit could land on another
/// directive than the one meant. Every front end writes through here; the CLI also asks first.
pub fn check_unique(ws: &Workspace, id: &str) -> Result<(), WriteError> {
    let places = id_places(ws, id);
    if places.len() > 1 {
        return Err(WriteError::DuplicateId {
            id: id.to_string(),
            places,
        });
    }
    Ok(())
}

/// Every place `id` is written in `ws`: the directive kept, and the uses the loader left out
/// as duplicates; by path, line and column.
fn id_places(ws: &Workspace, id: &str) -> Vec<IdPlace> {
    let mut places: Vec<IdPlace> = ws
        .directive(id)
        .map(|d| IdPlace {
            path: ws.file_of(d).path.clone(),
            line: d.id_pos.0,
            col: d.id_pos.1,
        })
        .into_iter()
        .collect();
    let duplicates = ws.files.iter().flat_map(|f| &f.problems).filter(
        |p| matches!(&p.kind, crate::model::ProblemKind::DuplicateId { id: other, .. } if other == id),
    );
    places.extend(duplicates.map(|p| IdPlace {
        path: p.path.clone(),
        line: p.line,
        col: p.col,
    }));
    places.sort();
    places.dedup();
    places
}
