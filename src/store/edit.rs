//! Edits to one directive, applied to the parsed `toml_edit` document in memory. Only the
//! touched lines change: every other byte (comments, blank lines, key order, quoting, line
//! endings) stays. Pure: text in, text out.

use super::text;
use crate::fold::nfc;
use crate::model::{Directive, Status};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// What an edit sets. `None` leaves a field alone; `Some(None)` removes an optional field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub status: Option<Status>,
    pub done_on: Option<Option<NaiveDate>>,
    pub deadline: Option<Option<NaiveDate>>,
    pub note: Option<Option<String>>,
}

impl Change {
    pub fn is_empty(&self) -> bool {
        *self == Change::default()
    }

    /// The change as a directive will take it: `done` without a date is done `today`, leaving
    /// `done` drops `done_on`, and fields already at the asked value are left out.
    pub fn resolve(&self, current: &Directive, today: NaiveDate) -> Change {
        let status = self.status.unwrap_or(current.status);
        let mut done_on = self.done_on;
        if status == Status::Done && done_on.is_none() && current.status != Status::Done {
            done_on = Some(Some(today));
        }
        if status != Status::Done {
            done_on = Some(None);
        }
        Change {
            status: self.status.filter(|s| *s != current.status),
            done_on: done_on.filter(|d| *d != current.done_on),
            deadline: self.deadline.filter(|d| *d != current.deadline),
            note: self
                .note
                .clone()
                .map(|n| n.map(|s| nfc(s.trim())).filter(|s| !s.is_empty()))
                .filter(|n| *n != current.note),
        }
    }

    /// The change that puts back what `current` has for the fields this change touches (undo).
    pub fn inverse(&self, current: &Directive) -> Change {
        Change {
            status: self.status.map(|_| current.status),
            done_on: self.done_on.map(|_| current.done_on),
            deadline: self.deadline.map(|_| current.deadline),
            note: self.note.as_ref().map(|_| current.note.clone()),
        }
    }

    /// One line for messages and commit subjects: `status in_progress → done, deadline → none`.
    pub fn describe(&self, before: &Directive) -> String {
        let date = |d: Option<NaiveDate>| d.map_or("none".to_string(), |d| d.to_string());
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status {} → {}", before.status, s));
        }
        if let Some(d) = self.deadline {
            parts.push(format!("deadline {} → {}", date(before.deadline), date(d)));
        }
        if let Some(d) = self.done_on {
            if self.status.is_none() || d.is_some() {
                parts.push(format!("done_on → {}", date(d)));
            }
        }
        if self.note.is_some() {
            parts.push("note".to_string());
        }
        parts.join(", ")
    }
}

/// One change to one directive, with who made it and when (for the log entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub id: String,
    pub change: Change,
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("the file does not parse: {0}")]
    Parse(String),
    #[error("directive \"{0}\" is not in the file")]
    NotFound(String),
    #[error("the file holds git conflict markers")]
    Conflict,
}

/// Applies `edit` to the text of a directive file: sets the fields and appends a
/// `[[directive.log]]` entry inside that directive.
pub fn apply(original: &str, edit: &Edit) -> Result<String, ApplyError> {
    let (bom, body) = match original.strip_prefix(text::BOM) {
        Some(rest) => (text::BOM, rest),
        None => ("", original),
    };
    if text::conflict_marker(body).is_some() {
        return Err(ApplyError::Conflict);
    }
    let mut doc: DocumentMut = body
        .parse()
        .map_err(|e: toml_edit::TomlError| ApplyError::Parse(e.message().to_string()))?;
    let table =
        find_directive(&mut doc, &edit.id).ok_or_else(|| ApplyError::NotFound(edit.id.clone()))?;
    let c = &edit.change;
    let mut cleared = Vec::new();
    if let Some(status) = c.status {
        set(table, "status", Some(Value::from(status.as_str())));
    }
    for (key, field) in [("deadline", c.deadline), ("done_on", c.done_on)] {
        if let Some(date) = field {
            set(table, key, date.map(date_value));
            if date.is_none() {
                cleared.push(key);
            }
        }
    }
    if let Some(note) = &c.note {
        set(table, "note", note.as_deref().map(Value::from));
        if note.is_none() {
            cleared.push("note");
        }
    }
    append_log(table, edit, &cleared);
    let mut out = String::with_capacity(original.len() + 200);
    out.push_str(bom);
    out.push_str(&doc.to_string());
    // Lines added by the edit come out with `\n`; match a CRLF file's endings.
    if text::uses_crlf(body) && !has_lone_lf(body) {
        out = text::to_crlf(&out);
    }
    Ok(out)
}

fn has_lone_lf(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
}

/// The `[[directive]]` table with this id (compared after NFC, as the loader does).
fn find_directive<'d>(doc: &'d mut DocumentMut, id: &str) -> Option<&'d mut Table> {
    let list = doc.get_mut("directive")?.as_array_of_tables_mut()?;
    list.iter_mut()
        .find(|t| t.get("id").and_then(|v| v.as_str()).map(nfc).as_deref() == Some(id))
}

/// Sets or removes a key, keeping the old value's decor (spacing and trailing comment).
fn set(table: &mut Table, key: &str, value: Option<Value>) {
    match value {
        None => {
            table.remove(key);
        }
        Some(mut value) => match table.get_mut(key) {
            Some(Item::Value(old)) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            _ => {
                table.insert(key, Item::Value(value));
            }
        },
    }
}

pub fn date_value(d: NaiveDate) -> Value {
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: d.year() as u16,
            month: d.month() as u8,
            day: d.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

pub fn datetime_value(at: DateTime<FixedOffset>) -> Value {
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: at.year() as u16,
            month: at.month() as u8,
            day: at.day() as u8,
        }),
        time: Some(toml_edit::Time {
            hour: at.hour() as u8,
            minute: at.minute() as u8,
            second: Some(at.second() as u8),
            nanosecond: None,
        }),
        offset: Some(toml_edit::Offset::Custom {
            minutes: (at.offset().local_minus_utc() / 60) as i16,
        }),
    })
}

/// The log entry of an edit, as a table of key/values.
pub fn log_entry(edit: &Edit, cleared: &[&str]) -> Table {
    let c = &edit.change;
    let mut entry = Table::new();
    entry.insert("at", Item::Value(datetime_value(edit.at)));
    entry.insert("by", Item::Value(Value::from(edit.by.as_str())));
    if let Some(s) = c.status {
        entry.insert("status", Item::Value(Value::from(s.as_str())));
    }
    if let Some(Some(d)) = c.deadline {
        entry.insert("deadline", Item::Value(date_value(d)));
    }
    if let Some(Some(d)) = c.done_on {
        entry.insert("done_on", Item::Value(date_value(d)));
    }
    if let Some(Some(n)) = &c.note {
        entry.insert("note", Item::Value(Value::from(n.as_str())));
    }
    if !cleared.is_empty() {
        entry.insert(
            "cleared",
            Item::Value(Value::Array(cleared.iter().copied().collect())),
        );
    }
    entry
}

fn append_log(table: &mut Table, edit: &Edit, cleared: &[&str]) {
    let mut entry = log_entry(edit, cleared);
    match table.get_mut("log") {
        // Hand-written `log = [{...}, ...]`: append in the same style.
        Some(Item::Value(Value::Array(array))) => {
            array.push(Value::InlineTable(entry.into_inline_table()));
        }
        Some(Item::ArrayOfTables(list)) => {
            entry.decor_mut().set_prefix("\n");
            list.push(entry);
        }
        _ => {
            entry.decor_mut().set_prefix("\n");
            let mut list = ArrayOfTables::new();
            list.push(entry);
            table.insert("log", Item::ArrayOfTables(list));
        }
    }
}
