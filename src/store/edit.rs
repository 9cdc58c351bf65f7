//! Edits to one directive, applied to the parsed `toml_edit` document in memory. Only the
//! touched lines change: every other byte (comments, blank lines, key order, quoting, line
//! endings) stays. Pure: text in, text out.

use super::text;
use crate::fold::nfc;
use crate::model::{Directive, Status};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

/// A done date that cannot be true.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DoneDateError {
    #[error("done on {done} is after the as-of date {today}: work cannot be reported done on a day that has not come (give the day it was done)")]
    AfterToday { done: NaiveDate, today: NaiveDate },
    #[error("done on {done} is before {given}, the date of the meeting that gave the directive: it cannot be done before it was given")]
    BeforeSource { done: NaiveDate, given: NaiveDate },
}

/// Refuses a done date after the as-of date `today` or before `given`, the date of the
/// source meeting.
pub fn check_done_on(
    done: NaiveDate,
    today: NaiveDate,
    given: Option<NaiveDate>,
) -> Result<(), DoneDateError> {
    if done > today {
        return Err(DoneDateError::AfterToday { done, today });
    }
    match given {
        Some(given) if done < given => Err(DoneDateError::BeforeSource { done, given }),
        _ => Ok(()),
    }
}

/// Parses like the loader does: a float too large for f64 (`1e400`) is a problem of its
/// directive for the loader, but `toml_edit` refuses the whole file. Each such literal is
/// replaced by a placeholder it reads, given back with the original to put back after the
/// edit, so one bad value does not block the edits of the other directives.
fn parse_tolerant(body: &str) -> Result<(DocumentMut, Vec<(String, String)>), ApplyError> {
    let mut text = body.to_string();
    let mut swapped = Vec::new();
    for k in 0..64 {
        let e = match text.parse::<DocumentMut>() {
            Ok(doc) => return Ok((doc, swapped)),
            Err(e) => e,
        };
        let parse_error = || ApplyError::Parse(e.message().to_string());
        let Some(span) = e.span().filter(|_| e.message().contains("overflow")) else {
            return Err(parse_error());
        };
        let token = text.get(span.clone()).ok_or_else(parse_error)?.to_string();
        let placeholder = format!("0.0e{}", 7_000_000 + k);
        if token.is_empty() || text.contains(&placeholder) {
            return Err(parse_error());
        }
        text.replace_range(span, &placeholder);
        swapped.push((placeholder, token));
    }
    Err(ApplyError::Parse("too many numbers out of range".into()))
}

/// What an edit sets. `None` leaves a field alone; `Some(None)` removes an optional field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub status: Option<Status>,
    pub done_on: Option<Option<NaiveDate>>,
    pub deadline: Option<Option<NaiveDate>>,
    pub note: Option<Option<String>>,
    /// The directive's text, its lead unit, its coordinating units (empty: none).
    pub text: Option<String>,
    pub owner: Option<String>,
    pub support: Option<Vec<String>>,
    /// The document that reported completion.
    pub done_ref: Option<Option<String>>,
    /// The deadline as first given, written once (by [`Change::resolve`]) when a deadline
    /// first changes; never logged, never undone.
    pub first_deadline: Option<NaiveDate>,
    /// For the log entry only: why, the document, who decided.
    pub reason: Option<String>,
    pub reference: Option<String>,
    pub approved_by: Option<String>,
    /// This change takes back the author's previous one (`undo = true` in the log).
    pub undo: bool,
}

impl Change {
    /// Whether the change sets nothing (what only goes to the log does not count).
    pub fn is_empty(&self) -> bool {
        Change {
            first_deadline: None,
            reason: None,
            reference: None,
            approved_by: None,
            undo: false,
            ..self.clone()
        } == Change::default()
    }

    /// The change as a directive will take it: `done` without a date is done `today`, leaving
    /// `done` drops `done_on`, and fields already at the asked value are left out.
    pub fn resolve(&self, current: &Directive, today: NaiveDate) -> Change {
        let status = self.status.unwrap_or(current.status);
        let mut done_on = self.done_on;
        if status == Status::Done && matches!(done_on, None | Some(None)) {
            // Done always has a date: the one it had, else today. Removing it is not asked
            // for: it would leave a "done without done_on" in the file.
            let had = current.done_on.filter(|_| current.status == Status::Done);
            done_on = Some(Some(had.unwrap_or(today)));
        }
        if status != Status::Done {
            done_on = Some(None);
        }
        let clean = |s: &str| Some(nfc(s.trim())).filter(|s| !s.is_empty());
        let mut done_ref = self.done_ref.clone().map(|r| r.as_deref().and_then(clean));
        if status != Status::Done && current.done_ref.is_some() {
            // A reopened directive's completion report no longer applies.
            done_ref = Some(None);
        }
        let mut support = self.support.clone().map(|list| {
            let mut out: Vec<String> = Vec::new();
            for s in list.iter().map(|s| s.trim().to_string()) {
                if !s.is_empty() && !out.contains(&s) {
                    out.push(s);
                }
            }
            out
        });
        let owner = self
            .owner
            .as_deref()
            .map(|o| o.trim().to_string())
            .filter(|o| !o.is_empty() && *o != current.owner);
        // The lead unit does not also coordinate: a unit that becomes the lead leaves support.
        let lead = owner.as_deref().unwrap_or(&current.owner);
        if support.is_none() && current.support.iter().any(|s| s == lead) {
            support = Some(current.support.clone());
        }
        if let Some(list) = &mut support {
            list.retain(|s| s != lead);
        }
        let deadline = self.deadline.filter(|d| *d != current.deadline);
        // Written the first time a deadline changes, with the deadline as first given.
        let first_deadline = match (deadline, current.first_deadline, current.first_deadline()) {
            (Some(_), None, Some(Some(first))) => Some(first),
            _ => None,
        };
        Change {
            text: self
                .text
                .as_deref()
                .and_then(clean)
                .filter(|t| *t != current.text),
            owner,
            support: support.filter(|s| *s != current.support),
            done_ref: done_ref.filter(|r| *r != current.done_ref),
            first_deadline,
            reason: self.reason.as_deref().and_then(clean),
            reference: self.reference.as_deref().and_then(clean),
            approved_by: self.approved_by.as_deref().and_then(clean),
            undo: self.undo,
            status: self.status.filter(|s| *s != current.status),
            done_on: done_on.filter(|d| *d != current.done_on),
            deadline,
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
            text: self.text.as_ref().map(|_| current.text.clone()),
            owner: self.owner.as_ref().map(|_| current.owner.clone()),
            support: self.support.as_ref().map(|_| current.support.clone()),
            done_ref: self.done_ref.as_ref().map(|_| current.done_ref.clone()),
            undo: true,
            ..Change::default()
        }
    }

    /// One line for messages and commit subjects: `status in_progress → done, deadline → none`.
    pub fn describe(&self, before: &Directive) -> String {
        crate::i18n::store::describe_change(crate::i18n::Lang::En, self, before)
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

/// Why an edit could not be applied to a file's text. The sentences are in `i18n::store`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyError {
    /// The TOML parser's message.
    Parse(String),
    /// The edited text would not load back: what the loader found.
    Invalid(crate::model::ProblemKind),
    NotFound(String),
    Conflict,
    /// The directive is an inline table, which dondoc does not edit.
    Inline(String),
}

impl std::fmt::Display for ApplyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::store::apply_error(
            crate::i18n::Lang::En,
            self,
        ))
    }
}

impl std::error::Error for ApplyError {}

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
    let (mut doc, swapped) = parse_tolerant(body)?;
    if is_inline_directive(&doc, &edit.id) {
        return Err(ApplyError::Inline(edit.id.clone()));
    }
    let table =
        find_directive(&mut doc, &edit.id).ok_or_else(|| ApplyError::NotFound(edit.id.clone()))?;
    let c = &edit.change;
    let mut cleared = Vec::new();
    // Comments above (or after) a removed key, kept for the line that now follows it.
    let mut orphans = String::new();
    if let Some(status) = c.status {
        set(
            table,
            "status",
            Some(string_value(status.as_str())),
            &mut orphans,
        );
    }
    for (key, field) in [("deadline", c.deadline), ("done_on", c.done_on)] {
        if let Some(date) = field {
            set(table, key, date.map(date_value), &mut orphans);
            if date.is_none() {
                cleared.push(key);
            }
        }
    }
    if let Some(note) = &c.note {
        set(
            table,
            "note",
            note.as_deref().map(string_value),
            &mut orphans,
        );
        if note.is_none() {
            cleared.push("note");
        }
    }
    if let Some(text) = &c.text {
        set(table, "text", Some(string_value(text)), &mut orphans);
    }
    if let Some(owner) = &c.owner {
        set(table, "owner", Some(string_value(owner)), &mut orphans);
    }
    if let Some(list) = &c.support {
        let value = (!list.is_empty()).then(|| string_list(list));
        set(table, "support", value, &mut orphans);
        if list.is_empty() {
            cleared.push("support");
        }
    }
    if let Some(done_ref) = &c.done_ref {
        let value = done_ref.as_deref().map(string_value);
        set(table, "done_ref", value, &mut orphans);
        if done_ref.is_none() {
            cleared.push("done_ref");
        }
    }
    if let Some(first) = c.first_deadline {
        if !table.contains_key("first_deadline") {
            set(
                table,
                "first_deadline",
                Some(date_value(first)),
                &mut orphans,
            );
        }
    }
    append_log(table, edit, &cleared);
    if !orphans.is_empty() {
        keep_orphan_comments(table, &orphans);
    }
    let mut out = String::with_capacity(original.len() + 200);
    out.push_str(bom);
    let mut rendered = doc.to_string();
    for (placeholder, token) in &swapped {
        // Gone when the edit replaced that very value.
        if rendered.matches(placeholder.as_str()).count() == 1 {
            rendered = rendered.replacen(placeholder.as_str(), token, 1);
        }
    }
    out.push_str(&rendered);
    // toml_edit writes every line ending as `\n`: give the file its own endings back.
    if body.contains("\r\n") {
        out = if has_lone_lf(body) {
            text::restore_line_endings(original, &out)
        } else {
            text::to_crlf(&out)
        };
    }
    Ok(out)
}

pub(crate) fn has_lone_lf(text: &str) -> bool {
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

/// Whether the directive is one of a hand-written `directive = [{ ... }]` array, which loads
/// like `[[directive]]` but which an edit cannot change without rewriting the whole array.
fn is_inline_directive(doc: &DocumentMut, id: &str) -> bool {
    let Some(array) = doc.get("directive").and_then(|d| d.as_array()) else {
        return false;
    };
    array.iter().any(|v| {
        v.as_inline_table()
            .and_then(|t| t.get("id"))
            .and_then(|v| v.as_str())
            .map(nfc)
            .as_deref()
            == Some(id)
    })
}

/// Sets or removes a key, keeping the old value's decor (spacing and trailing comment). A new
/// key takes the indentation of the table's other keys. Comments written on a removed key's
/// line or above it go to `orphans`, to be kept on the line that follows.
fn set(table: &mut Table, key: &str, value: Option<Value>, orphans: &mut String) {
    match value {
        None => {
            let mut comments = String::new();
            if let Some((k, Item::Value(old))) = table.get_key_value(key) {
                comments.push_str(&comment_lines(k.leaf_decor().prefix()));
                comments.push_str(&comment_lines(old.decor().suffix()));
            }
            let next = table
                .iter()
                .skip_while(|(k, _)| *k != key)
                .nth(1)
                .filter(|(_, item)| item.is_value())
                .map(|(k, _)| k.to_string());
            table.remove(key);
            if comments.is_empty() {
                return;
            }
            let indent = key_indent(table).unwrap_or_default();
            match next.as_deref().and_then(|n| table.key_mut(n)) {
                Some(mut k) => {
                    let prefix = prepend_comments(k.leaf_decor().prefix(), "", &comments, &indent);
                    k.leaf_decor_mut().set_prefix(prefix);
                }
                None => orphans.push_str(&comments),
            }
        }
        Some(mut value) => match table.get_mut(key) {
            Some(Item::Value(old)) => {
                *value.decor_mut() = old.decor().clone();
                *old = value;
            }
            _ => {
                let indent = key_indent(table);
                table.insert(key, Item::Value(value));
                if let (Some(indent), Some(mut k)) = (indent, table.key_mut(key)) {
                    k.leaf_decor_mut().set_prefix(indent);
                }
            }
        },
    }
}

/// The comment lines in a decor part (`# ...`), each ending with a newline.
fn comment_lines(raw: Option<&toml_edit::RawString>) -> String {
    let Some(text) = raw.and_then(|r| r.as_str()) else {
        return String::new();
    };
    let mut out = String::new();
    for line in text.lines() {
        if let Some(at) = line.find('#') {
            out.push_str(line[at..].trim_end());
            out.push('\n');
        }
    }
    out
}

/// A decor prefix with comment lines added just before the line it precedes: blank lines
/// stay above the comments, the line's own indentation after them.
fn prepend_comments(
    prefix: Option<&toml_edit::RawString>,
    fallback: &str,
    comments: &str,
    indent: &str,
) -> String {
    let comments: String = comments.lines().map(|l| format!("{indent}{l}\n")).collect();
    let old = prefix.and_then(|r| r.as_str()).unwrap_or(fallback);
    match old.rfind('\n') {
        Some(nl) => format!("{}{comments}{}", &old[..=nl], &old[nl + 1..]),
        None => format!("{comments}{old}"),
    }
}

/// Keeps the comments of removed keys that had no key after them: before the directive's
/// first log entry, or after its last key when the log is an inline array.
fn keep_orphan_comments(table: &mut Table, orphans: &str) {
    let indent = key_indent(table).unwrap_or_default();
    if let Some(Item::ArrayOfTables(list)) = table.get_mut("log") {
        if let Some(first) = list.iter_mut().next() {
            let prefix = prepend_comments(first.decor().prefix(), "\n", orphans, &indent);
            first.decor_mut().set_prefix(prefix);
        }
        return;
    }
    let last_value_key = table
        .iter()
        .filter(|(_, item)| item.is_value())
        .map(|(k, _)| k.to_string())
        .last();
    if let Some(Item::Value(v)) = last_value_key.and_then(|k| table.get_mut(&k)) {
        let suffix = v
            .decor()
            .suffix()
            .and_then(|r| r.as_str())
            .unwrap_or("")
            .to_string();
        let comments: String = orphans.lines().map(|l| format!("\n{indent}{l}")).collect();
        v.decor_mut().set_suffix(format!("{suffix}{comments}"));
    }
}

/// The indentation of the table's keys (from its first key), when they are indented.
fn key_indent(table: &Table) -> Option<String> {
    table.iter().find_map(|(k, _)| {
        let prefix = table.key(k)?.leaf_decor().prefix()?.as_str()?;
        let indent = &prefix[prefix.rfind('\n').map_or(0, |i| i + 1)..];
        (!indent.is_empty() && indent.chars().all(|c| c == ' ' || c == '\t'))
            .then(|| indent.to_string())
    })
}

/// A string value on one line: control characters (a newline in a note) are escaped, so the
/// value never becomes a multi-line string and a CRLF file's line endings cannot reach it.
pub fn string_value(s: &str) -> Value {
    if !s.chars().any(char::is_control) {
        let value = Value::from(s);
        // toml_edit picks `"""..."""` or `'''...'''` for some mixes of quotes and
        // backslashes: escape instead, on one plain line.
        let multi_line = match &value {
            Value::String(f) => {
                let repr = f.display_repr();
                repr.starts_with("\"\"\"") || repr.starts_with("'''")
            }
            _ => false,
        };
        if !multi_line {
            return value;
        }
    }
    let mut quoted = String::with_capacity(s.len() + 8);
    quoted.push('"');
    for c in s.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted.parse().unwrap_or_else(|_| Value::from(s))
}

/// `["a", "b"]` on one line.
pub fn string_list(items: &[String]) -> Value {
    let mut array = toml_edit::Array::new();
    for item in items {
        array.push_formatted(string_value(item));
    }
    array.fmt();
    Value::Array(array)
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
    entry.insert("by", Item::Value(string_value(&edit.by)));
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
        entry.insert("note", Item::Value(string_value(n)));
    }
    if let Some(t) = &c.text {
        entry.insert("text", Item::Value(string_value(t)));
    }
    if let Some(o) = &c.owner {
        entry.insert("owner", Item::Value(string_value(o)));
    }
    if let Some(list) = c.support.as_ref().filter(|l| !l.is_empty()) {
        entry.insert("support", Item::Value(string_list(list)));
    }
    if let Some(Some(r)) = &c.done_ref {
        entry.insert("done_ref", Item::Value(string_value(r)));
    }
    let why = [
        ("reason", &c.reason),
        ("ref", &c.reference),
        ("approved_by", &c.approved_by),
    ];
    for (key, value) in why {
        if let Some(v) = value {
            entry.insert(key, Item::Value(string_value(v)));
        }
    }
    if c.undo {
        entry.insert("undo", Item::Value(Value::from(true)));
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
        // Hand-written `log = [{...}, ...]`: append in the same style, on a line of its own
        // when the entries are one per line.
        Some(Item::Value(Value::Array(array))) => {
            let mut item = Value::InlineTable(entry.into_inline_table());
            let last_prefix = array
                .iter()
                .last()
                .and_then(|last| last.decor().prefix())
                .and_then(|p| p.as_str());
            match last_prefix {
                Some(prefix) if prefix.contains('\n') => item.decor_mut().set_prefix(prefix),
                _ if !array.is_empty() => item.decor_mut().set_prefix(" "),
                _ => {}
            }
            array.push_formatted(item);
        }
        Some(Item::ArrayOfTables(list)) => {
            // Indented like the entry before it.
            let (header, keys) = list
                .iter()
                .last()
                .map(|last| (header_indent(last), key_indent(last)))
                .unwrap_or_default();
            indent_keys(&mut entry, keys.as_deref());
            entry.decor_mut().set_prefix(format!("\n{header}"));
            list.push(entry);
        }
        _ => {
            // Indented like the directive's own header and keys.
            indent_keys(&mut entry, key_indent(table).as_deref());
            entry
                .decor_mut()
                .set_prefix(format!("\n{}", header_indent(table)));
            let mut list = ArrayOfTables::new();
            list.push(entry);
            table.insert("log", Item::ArrayOfTables(list));
        }
    }
}

/// The indentation of a table's header line (`  [[directive]]`).
fn header_indent(table: &Table) -> String {
    let prefix = table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .unwrap_or("");
    let indent = &prefix[prefix.rfind('\n').map_or(0, |i| i + 1)..];
    if indent.chars().all(|c| c == ' ' || c == '\t') {
        indent.to_string()
    } else {
        String::new()
    }
}

fn indent_keys(table: &mut Table, indent: Option<&str>) {
    let Some(indent) = indent else { return };
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        if let Some(mut k) = table.key_mut(&key) {
            k.leaf_decor_mut().set_prefix(indent);
        }
    }
}

/// A log entry that changes no field: a reminder letter sent about a directive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogOnly {
    /// `reminder = true`, with the letter's number as `ref`.
    Reminder { reference: Option<String> },
}

/// Appends the same `LogOnly` entry to each of `ids` in one directive file (one write for
/// the whole file). Every id must be a `[[directive]]` of the file.
pub fn apply_log_only(
    original: &str,
    ids: &[String],
    entry: &LogOnly,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<String, ApplyError> {
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
    let edit = |id: &str| Edit {
        id: id.to_string(),
        change: Change::default(),
        by: by.to_string(),
        at,
    };
    for id in ids {
        if is_inline_directive(&doc, id) {
            return Err(ApplyError::Inline(id.clone()));
        }
        let table = find_directive(&mut doc, id).ok_or_else(|| ApplyError::NotFound(id.clone()))?;
        append_log(table, &edit(id), &[]);
        let LogOnly::Reminder { reference } = entry;
        let mut keys = vec![("reminder", Value::from(true))];
        if let Some(r) = reference {
            keys.push(("ref", string_value(r)));
        }
        // The entry append_log just wrote: the last one, in whichever style the log has.
        match table.get_mut("log") {
            Some(Item::ArrayOfTables(list)) => {
                if let Some(last) = list.iter_mut().last() {
                    let indent = last
                        .key("by")
                        .and_then(|k| k.leaf_decor().prefix())
                        .and_then(|p| p.as_str())
                        .map(str::to_string);
                    for (key, value) in keys {
                        last.insert(key, Item::Value(value));
                        if let (Some(indent), Some(mut k)) = (&indent, last.key_mut(key)) {
                            k.leaf_decor_mut().set_prefix(indent);
                        }
                    }
                }
            }
            Some(Item::Value(Value::Array(array))) => {
                if let Some(Value::InlineTable(last)) = array.iter_mut().last() {
                    for (key, value) in keys {
                        last.insert(key, value);
                    }
                }
            }
            _ => return Err(ApplyError::NotFound(id.clone())),
        }
    }
    let mut out = String::with_capacity(original.len() + 200 * ids.len());
    out.push_str(bom);
    out.push_str(&doc.to_string());
    if body.contains("\r\n") {
        out = if has_lone_lf(body) {
            text::restore_line_endings(original, &out)
        } else {
            text::to_crlf(&out)
        };
    }
    Ok(out)
}
