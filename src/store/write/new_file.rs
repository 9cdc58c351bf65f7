//! New directives appended to a meeting file, new meeting files and new units.

use super::error::replace_error;
use super::guarded::{replace_guarded, Loaded};
use super::{WorkspaceLock, WriteError};
use crate::model::{Owner, ProblemKind, Source, Workspace};
use crate::store::create::{self, CreateError, NewDirective};
use crate::store::edit::ApplyError;
use crate::store::guard::Staged;
use crate::store::load::FileLoad;
use crate::store::text;
use std::fs;

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

pub(super) fn write_new_directives_inner(
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
        return Err(super::error::broken(rel, reason, &file.problems));
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
pub(super) fn valid_new_path(rel: &str) -> bool {
    crate::store::files::is_directive_file(rel)
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
    if let Some(op) = crate::git::operation_in_progress(&ws.root) {
        return Err(WriteError::GitOperation(op));
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
    let rel = crate::store::CONFIG_FILE;
    if ws.config_broken {
        // The first problem of dondoc.toml says why it does not load.
        let reason = ws.config_problems.first().map_or_else(
            || ProblemKind::CannotRead(rel.to_string()),
            |p| p.kind.clone(),
        );
        return Err(super::error::broken(rel, &reason, &ws.config_problems));
    }
    create::check_owner(ws, owner)?;
    {
        let _lock = WorkspaceLock::acquire(&ws.root)?;
        let loaded = Loaded::config(ws);
        let apply_error = |source| WriteError::Apply {
            path: rel.to_string(),
            id: owner.id.clone(),
            source,
        };
        let mut make = |original: &str, _: Option<&FileLoad>| {
            // The file on disk may have gained units since it was read: check the id there.
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
            Ok(Some(updated))
        };
        replace_guarded(&ws.root, &loaded, &mut |_| {}, &mut make)?;
    }
    if let Ok(fresh) = crate::store::load(&ws.root) {
        *ws = fresh;
    }
    Ok(())
}

/// Takes directive `id` out of its file `rel` with `remove` (a deletion), when the file is
/// exactly as `ws` read it; under the lock, through the same checked replace as every edit.
pub(crate) fn write_removal(
    ws: &Workspace,
    rel: &str,
    id: &str,
    remove: &dyn Fn(&str) -> Result<String, ApplyError>,
) -> Result<(), WriteError> {
    let Some(file) = ws.files.iter().find(|f| f.path == rel) else {
        return Err(CreateError::NoSuchFile(rel.to_string()).into());
    };
    let _lock = WorkspaceLock::acquire(&ws.root)?;
    let mut loaded = Loaded::new(ws, rel, file);
    loaded.removed.insert(id.to_string());
    let mut make = |original: &str, on_disk: Option<&FileLoad>| {
        // Anything changed in the file since it was read: nothing is deleted.
        if on_disk.is_some() {
            return Err(WriteError::Stale {
                path: rel.to_string(),
                id: id.to_string(),
                by: None,
            });
        }
        remove(original)
            .map(Some)
            .map_err(|source| WriteError::Apply {
                path: rel.to_string(),
                id: id.to_string(),
                source,
            })
    };
    replace_guarded(&ws.root, &loaded, &mut |_| {}, &mut make).map(|_| ())
}
