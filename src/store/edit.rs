//! Edits to one directive, applied to the parsed `toml_edit` document in memory. Only the
//! touched lines change: every other byte (comments, blank lines, key order, quoting, line
//! endings) stays. Pure: text in, text out. `change` says what an edit sets; `log` writes the
//! values and the log entries.

mod change;
mod log;

pub use change::{check_done_on, Change, DoneDateError, Edit};
pub use log::{
    apply_log_only, date_value, datetime_value, log_entry, string_list, string_value, text_value,
    LogOnly,
};

use super::text;
use crate::fold::nfc;
use log::append_log;
use toml_edit::{DocumentMut, Item, Table, Value};

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
        set(table, "text", Some(text_value(text)), &mut orphans);
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
    out.push_str(&text::keep_spelling(body, &rendered));
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

/// The indentation of the table's keys (from its first key), when they are indented. Only
/// `key = value` lines count: a sub-table's key is spelled in its header (`[[ directive.log ]]`),
/// where the spacing inside the brackets is not an indentation.
fn key_indent(table: &Table) -> Option<String> {
    table
        .iter()
        .filter(|(_, item)| item.is_value())
        .find_map(|(k, _)| {
            let prefix = table.key(k)?.leaf_decor().prefix()?.as_str()?;
            let indent = &prefix[prefix.rfind('\n').map_or(0, |i| i + 1)..];
            (!indent.is_empty() && indent.chars().all(|c| c == ' ' || c == '\t'))
                .then(|| indent.to_string())
        })
}
