//! Deleting a directive entered by mistake. Only one created on the day (in its own log's
//! time) and never changed by anyone but the one deleting it: anything else has a history
//! others may rely on, and is cancelled instead (status `cancelled`, logged).

use super::create::edit_document;
use super::edit::ApplyError;
use super::write::WriteError;
use crate::model::{Directive, ProblemKind, Workspace};
use chrono::NaiveDate;
use toml_edit::Item;

/// Why a directive may not be deleted, as data; the sentences, in both languages, are
/// `i18n::store::delete_error` (`Display` is its English form).
#[derive(Debug)]
pub enum DeleteError {
    UnknownId(String),
    /// Not created on the day: it has a history; cancel it instead.
    NotNew(String),
    /// Someone other than the one deleting it wrote in its log.
    ChangedByOthers {
        id: String,
        by: String,
    },
    /// The file changed on disk since it was read.
    Stale {
        path: String,
    },
    Broken {
        path: String,
        reason: ProblemKind,
        /// Line and column of the problem, when the loader placed it.
        at: Option<(usize, usize)>,
    },
    Apply {
        path: String,
        source: ApplyError,
    },
    /// A git rebase or merge is stopped half-way: the way out would discard the deletion.
    GitOperation(crate::git::status::Operation),
    /// Any other refusal of the write (a read-only file, the lock, the disk), as the write
    /// itself says it.
    Write(WriteError),
}

impl std::fmt::Display for DeleteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::delete_error(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

impl std::error::Error for DeleteError {}

/// Whether `by` may delete `d` on `today`: created that day, every log entry by `by`.
pub fn may_delete(d: &Directive, by: &str, today: NaiveDate) -> Result<(), DeleteError> {
    let created_today = d
        .log
        .iter()
        .any(|e| e.created && e.at.is_some_and(|at| at.date_naive() == today));
    if !created_today {
        return Err(DeleteError::NotNew(d.id.clone()));
    }
    if let Some(other) = d.log.iter().find(|e| e.by != by) {
        return Err(DeleteError::ChangedByOthers {
            id: d.id.clone(),
            by: other.by.to_string(),
        });
    }
    Ok(())
}

/// The file's text without the directive `id` (its `[[directive]]` table and its log).
pub fn remove_directive(original: &str, id: &str) -> Result<String, ApplyError> {
    edit_document(original, |doc| {
        let list = doc
            .get_mut("directive")
            .and_then(Item::as_array_of_tables_mut)
            .ok_or_else(|| ApplyError::Inline(id.to_string()))?;
        let index = list
            .iter()
            .position(|t| t.get("id").and_then(|v| v.as_str()) == Some(id))
            .ok_or_else(|| ApplyError::Inline(id.to_string()))?;
        list.remove(index);
        Ok(())
    })
}

/// Deletes directive `id` from its file on disk when [`may_delete`] allows it and the file is
/// as it was read; returns the file's path. The caller reads the file back.
pub fn write_delete(
    ws: &Workspace,
    id: &str,
    by: &str,
    today: NaiveDate,
) -> Result<String, DeleteError> {
    let d = ws
        .directive(id)
        .ok_or_else(|| DeleteError::UnknownId(id.to_string()))?;
    may_delete(d, by, today)?;
    let file = ws.file_of(d);
    let path = file.path.clone();
    if let Some(reason) = &file.broken {
        return Err(DeleteError::Broken {
            path,
            reason: reason.clone(),
            at: None,
        });
    }
    super::write::write_removal(ws, &path, id, &|original| remove_directive(original, id))
        .map_err(|e| match e {
            WriteError::Stale { .. } => DeleteError::Stale { path: path.clone() },
            WriteError::Broken { reason, at, .. } => DeleteError::Broken {
                path: path.clone(),
                reason,
                at,
            },
            WriteError::Apply { source, .. } => DeleteError::Apply {
                path: path.clone(),
                source,
            },
            WriteError::GitOperation(op) => DeleteError::GitOperation(op),
            other => DeleteError::Write(other),
        })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_its_table_and_log_go() {
        let text = "[source]\ntitle = \"x\"\n\n# kept\n[[directive]]\nid = \"a\"\ntext = \"A\"\n\n[[directive]]\nid = \"b\"\ntext = \"B\"\n\n[[directive.log]]\nby = \"x\"\ncreated = true\n\n[[directive]]\nid = \"c\"\ntext = \"C\"\n";
        let out = remove_directive(text, "b").unwrap();
        assert_eq!(
            out,
            "[source]\ntitle = \"x\"\n\n# kept\n[[directive]]\nid = \"a\"\ntext = \"A\"\n\n[[directive]]\nid = \"c\"\ntext = \"C\"\n"
        );
        assert!(remove_directive(text, "z").is_err());
    }
}
