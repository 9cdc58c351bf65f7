//! Several edits, or one log-only entry on several directives, written each file once.

use super::error::{reason_copy, stale};
use super::guarded::{replace_guarded, Loaded};
use super::{IdPlace, Stage, WorkspaceLock, WriteError, Written};
use crate::model::{Directive, Workspace};
use crate::store::edit::{self, Edit};
use crate::store::load::FileLoad;
use std::collections::HashSet;

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
        super::check_unique(ws, id)?;
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

pub(super) fn write_log_only_file(
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
        return Err(super::error::broken(rel, reason, &f.problems));
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
                disk_unique(rel, disk, id)?;
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
        if let Err(e) = super::check_unique(ws, &edit.id) {
            out.refused.push((edit.id.clone(), e));
            continue;
        }
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

/// The edits of one file, under the workspace lock: stale check per directive, one write.
pub(super) fn write_file_edits(
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
        let all = refuse_all(edits, &|_| {
            super::error::broken(rel, reason, &file.problems)
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
                if let Err(e) = disk_unique(rel, disk, &edit.id) {
                    refused.push((edit.id.clone(), e));
                    continue;
                }
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

/// Refuses an edit of `id` when the file on disk, changed since the load, now holds it more
/// than once (a copy pasted above it): the edit would land on the first.
fn disk_unique(rel: &str, disk: &FileLoad, id: &str) -> Result<(), WriteError> {
    let places: Vec<IdPlace> = disk
        .directives
        .iter()
        .filter(|d| d.id == id)
        .map(|d| IdPlace {
            path: rel.to_string(),
            line: d.id_pos.0,
            col: d.id_pos.1,
        })
        .collect();
    if places.len() > 1 {
        return Err(WriteError::DuplicateId {
            id: id.to_string(),
            places,
        });
    }
    Ok(())
}
