//! The one write path of an import, for `dondoc import` and the UI's review: a new meeting
//! file (never replacing one made meanwhile) then its directives appended with their
//! `created = true` log entries, through the store; or directives appended to an existing file.

use super::render;
use crate::model::{Source, Workspace};
use crate::store::create::{self, NewDirective};
use crate::store::write::{self, WriteError};
use chrono::{DateTime, FixedOffset};

/// Writes `new` into a new meeting file `rel` holding `source`; their ids. Everything is
/// checked before the file is made, so a refusal leaves nothing behind.
pub fn new_file(
    ws: &mut Workspace,
    rel: &str,
    source: &Source,
    new: &[NewDirective],
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<Vec<String>, WriteError> {
    create::check_new(ws, new)?;
    write::write_new_source(ws, rel, &render::clean_source(source))?;
    write::write_new_directives(ws, rel, new, by, at)
}

/// Appends `new` to the existing meeting file `rel`.
pub fn append(
    ws: &mut Workspace,
    rel: &str,
    new: &[NewDirective],
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<Vec<String>, WriteError> {
    create::check_new(ws, new)?;
    write::write_new_directives(ws, rel, new, by, at)
}
