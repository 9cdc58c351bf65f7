//! The values an edit writes and the `[[directive.log]]` entries it appends, log-only ones too.

use super::{
    find_directive, has_lone_lf, is_inline_directive, key_indent, ApplyError, Change, Edit,
};
use crate::store::text;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

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

/// A directive's text: one plain line as [`string_value`] writes it, or, when it has line
/// breaks, a multi-line basic string (`"""` then the lines as typed), so the file shows the
/// text as it reads and a hand edit stays easy. Everything a line could not hold as it is
/// (quotes, backslashes, other control characters) is escaped.
pub fn text_value(s: &str) -> Value {
    if !s.contains('\n') {
        return string_value(s);
    }
    let mut quoted = String::with_capacity(s.len() + 8);
    // The line break right after the opening quotes is not part of the value.
    quoted.push_str("\"\"\"\n");
    for c in s.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push('\n'),
            '\r' => quoted.push_str("\\r"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push_str("\"\"\"");
    quoted.parse().unwrap_or_else(|_| string_value(s))
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
        entry.insert("text", Item::Value(text_value(t)));
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

pub(super) fn append_log(table: &mut Table, edit: &Edit, cleared: &[&str]) {
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
    out.push_str(&text::keep_spelling(body, &doc.to_string()));
    if body.contains("\r\n") {
        out = if has_lone_lf(body) {
            text::restore_line_endings(original, &out)
        } else {
            text::to_crlf(&out)
        };
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(file: &str) -> String {
        let doc: toml::Table = toml::from_str(file).unwrap();
        doc["text"].as_str().unwrap().to_string()
    }

    #[test]
    fn a_text_of_several_lines_is_a_multi_line_string_that_reads_back_the_same() {
        for text in [
            "Rà soát nguồn thu\ntheo từng xã",
            "\nbắt đầu bằng dòng trống\n\n",
            "ngoặc \"\"\" ba lần\\ và \\n\nchữ\tcó tab\x1b[2J",
            "kết thúc bằng ngoặc\n\"",
        ] {
            let value = text_value(text);
            let file = format!("text = {value}\n");
            assert!(file.starts_with("text = \"\"\"\n"), "{file}");
            assert_eq!(read_back(&file), text, "{file}");
            // A CRLF file holds the line breaks as CRLF; the loader reads the same text.
            let crlf =
                format!("[[directive]]\nid = \"x\"\nowner = \"a\"\nstatus = \"open\"\n{file}");
            let crlf = text::to_crlf(&crlf);
            let load = crate::store::load::load_file("x.toml", Ok(crlf.into_bytes()), None);
            assert_eq!(load.directives[0].text, text, "{file}");
        }
        assert_eq!(text_value("một dòng").to_string(), "\"một dòng\"");
        assert_eq!(
            text_value("Rà soát\ntheo xã").to_string(),
            "\"\"\"\nRà soát\ntheo xã\"\"\""
        );
    }
}
