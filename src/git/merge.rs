//! Three-way merge of one directive file at the level of directives and fields (the core of
//! `dondoc merge-driver`). Pure: three texts in, one text out.
//!
//! Rules:
//! - directives are matched by id; one added on either side is kept (theirs' new ones are
//!   appended after ours, with their text as written);
//! - a directive deleted on one side and untouched on the other is deleted; one deleted on one
//!   side and changed on the other is kept (nothing is lost);
//! - different fields of one directive changed on the two sides both apply;
//! - `[[directive.log]]` entries are the union of both sides (identical entries once), ordered
//!   by `at`;
//! - the same field changed on both sides: the side whose latest new log entry for that field
//!   is later wins (`status` and `done_on` move together); with no log to decide, the merge
//!   fails and git's normal conflict stands;
//! - `[source]` and other top-level keys merge key by key the same way (no log: a real
//!   conflict fails).
//!
//! The result is OUR text edited in place with `toml_edit`, so our formatting and comments stay.

use super::super::fold::nfc;
use super::super::store::text;
use chrono::{DateTime, FixedOffset};
use std::collections::{HashMap, HashSet};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("{side} version does not parse: {message}")]
    Parse { side: &'static str, message: String },
    #[error("{side} version holds git conflict markers (line {line})")]
    ConflictMarkers { side: &'static str, line: usize },
    #[error("{0}: changed on both sides and no log entry says which is later")]
    Conflict(String),
    #[error("{0}")]
    Unsupported(String),
}

/// Merges `ours` and `theirs`, both descended from `base` (empty when the file is new on both
/// sides). The result keeps `ours`' formatting.
pub fn merge(base: &str, ours: &str, theirs: &str) -> Result<String, MergeError> {
    // Only one side changed anything (git usually settles this itself): take that side whole.
    let (result, other) = if ours == base {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    if other == base {
        parse_side(result, if ours == base { "their" } else { "our" })?;
        return Ok(result.to_string());
    }
    let base_doc = parse_side(base, "base")?;
    let (bom, ours_body) = match ours.strip_prefix(text::BOM) {
        Some(rest) => (text::BOM, rest),
        None => ("", ours),
    };
    let mut doc = parse_side(ours_body, "our")?;
    let theirs_doc = parse_side(theirs, "their")?;

    merge_top_level(&base_doc, &mut doc, &theirs_doc)?;
    merge_directives(&base_doc, &mut doc, &theirs_doc)?;
    if doc.trailing() == base_doc.trailing() && theirs_doc.trailing() != base_doc.trailing() {
        doc.set_trailing(theirs_doc.trailing().clone());
    }

    let mut out = String::with_capacity(ours.len() + theirs.len() / 4);
    out.push_str(bom);
    out.push_str(&doc.to_string());
    if text::uses_crlf(ours_body) {
        out = text::to_crlf(&out);
    }
    // Never hand git a result that does not read back.
    parse_side(&out, "merged")?;
    Ok(out)
}

/// True when two directive-file texts say the same thing (comments and layout aside).
pub fn same_meaning(a: &str, b: &str) -> bool {
    match (parse_side(a, "a"), parse_side(b, "b")) {
        (Ok(a), Ok(b)) => canon_table(a.as_table()) == canon_table(b.as_table()),
        _ => false,
    }
}

fn parse_side(text: &str, side: &'static str) -> Result<DocumentMut, MergeError> {
    let body = text.strip_prefix(text::BOM).unwrap_or(text);
    if let Some((line, _)) = text::conflict_marker(body) {
        return Err(MergeError::ConflictMarkers { side, line });
    }
    body.parse::<DocumentMut>().map_err(|e| MergeError::Parse {
        side,
        message: e.message().trim().to_string(),
    })
}

// ---------------------------------------------------------------------------------------------
// Canonical forms: what a value means, without its layout. Equal forms = "unchanged".

fn canon_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("s{:?}", nfc(s.value())),
        Value::Integer(i) => format!("i{}", i.value()),
        Value::Float(f) => format!("f{}", f.value()),
        Value::Boolean(b) => format!("b{}", b.value()),
        Value::Datetime(d) => format!("d{}", d.value()),
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(canon_value).collect();
            format!("[{}]", items.join(","))
        }
        Value::InlineTable(t) => {
            let mut parts: Vec<String> = t
                .iter()
                .map(|(k, v)| format!("{:?}={}", nfc(k), canon_value(v)))
                .collect();
            parts.sort();
            format!("{{{}}}", parts.join(","))
        }
    }
}

/// Same shape as an inline table's form, so `log = [{..}]` equals `[[directive.log]]`.
fn canon_table(t: &Table) -> String {
    let mut parts: Vec<String> = t
        .iter()
        .filter_map(|(k, item)| canon_item(item).map(|c| format!("{:?}={c}", nfc(k))))
        .collect();
    parts.sort();
    format!("{{{}}}", parts.join(","))
}

fn canon_item(item: &Item) -> Option<String> {
    match item {
        Item::None => None,
        Item::Value(v) => Some(canon_value(v)),
        Item::Table(t) => Some(canon_table(t)),
        Item::ArrayOfTables(a) => {
            let items: Vec<String> = a.iter().map(canon_table).collect();
            Some(format!("[{}]", items.join(",")))
        }
    }
}

fn canon_key(t: Option<&Table>, key: &str) -> Option<String> {
    t.and_then(|t| t.get(key)).and_then(canon_item)
}

// ---------------------------------------------------------------------------------------------
// Key-by-key merge of plain tables ([source], top-level keys, directive fields without a log).

/// Keeps ours when theirs did not change the key (or changed it the same way), takes theirs
/// when only theirs changed it, and fails when both changed it differently.
fn merge_key(
    key: &str,
    base: Option<&Table>,
    ours: &mut Table,
    theirs: Option<&Table>,
    what: &str,
) -> Result<(), MergeError> {
    let b = canon_key(base, key);
    let o = canon_key(Some(ours), key);
    let t = canon_key(theirs, key);
    if t == b || t == o {
        return Ok(());
    }
    if o == b {
        set_item(ours, key, theirs.and_then(|t| t.get(key)));
        return Ok(());
    }
    Err(MergeError::Conflict(format!("{what}: field \"{key}\"")))
}

/// Sets `key` to a copy of `value` (or removes it), keeping our value's spacing and comment.
fn set_item(table: &mut Table, key: &str, value: Option<&Item>) {
    match value {
        None | Some(Item::None) => {
            table.remove(key);
        }
        Some(Item::Value(v)) => match table.get_mut(key) {
            Some(Item::Value(old)) => {
                let mut v = v.clone();
                *v.decor_mut() = old.decor().clone();
                *old = v;
            }
            _ => {
                table.insert(key, Item::Value(v.clone()));
            }
        },
        Some(other) => {
            let mut other = other.clone();
            clear_positions_item(&mut other);
            table.insert(key, other);
        }
    }
}

/// A table copied from their document carries their positions; without a position a table is
/// written right after the one before it, which is where we put it.
fn clear_positions(t: &mut Table) {
    t.set_position(None);
    for (_, item) in t.iter_mut() {
        clear_positions_item(item);
    }
}

fn clear_positions_item(item: &mut Item) {
    match item {
        Item::Table(t) => clear_positions(t),
        Item::ArrayOfTables(a) => a.iter_mut().for_each(clear_positions),
        _ => {}
    }
}

fn merge_top_level(
    base: &DocumentMut,
    ours: &mut DocumentMut,
    theirs: &DocumentMut,
) -> Result<(), MergeError> {
    let keys = union_keys(&[base.as_table(), ours.as_table(), theirs.as_table()]);
    for key in keys.iter().filter(|k| *k != "directive") {
        let tables = (
            base.get(key).and_then(Item::as_table),
            ours.get(key).and_then(Item::as_table),
            theirs.get(key).and_then(Item::as_table),
        );
        let all_tables_or_absent = [base.get(key), ours.get(key), theirs.get(key)]
            .iter()
            .all(|i| i.is_none_or(Item::is_table));
        match tables {
            // `[source]` on both sides: merge it field by field.
            (b, Some(_), Some(t)) if all_tables_or_absent => {
                let o = ours[key.as_str()].as_table_mut().expect("checked above");
                let fields = union_keys(&[b.unwrap_or(&Table::new()), o, t]);
                for field in fields {
                    merge_key(&field, b, o, Some(t), &format!("[{key}]"))?;
                }
                merge_decor(b, o, t);
            }
            _ => merge_key(
                key,
                Some(base.as_table()),
                ours.as_table_mut(),
                Some(theirs.as_table()),
                "top level",
            )?,
        }
    }
    Ok(())
}

fn union_keys(tables: &[&Table]) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut keys = Vec::new();
    for t in tables {
        for (k, _) in t.iter() {
            if seen.insert(k.to_string()) {
                keys.push(k.to_string());
            }
        }
    }
    keys
}

// ---------------------------------------------------------------------------------------------
// Directives.

fn directive_id(t: &Table) -> Option<String> {
    t.get("id").and_then(Item::as_str).map(nfc)
}

fn directive_list<'d>(
    doc: &'d DocumentMut,
    side: &'static str,
) -> Result<Vec<(String, &'d Table)>, MergeError> {
    match doc.get("directive") {
        None => Ok(vec![]),
        Some(Item::ArrayOfTables(list)) => Ok(list
            .iter()
            .filter_map(|t| directive_id(t).map(|id| (id, t)))
            .collect()),
        Some(_) => Err(MergeError::Unsupported(format!(
            "{side} version does not write directives as [[directive]] tables"
        ))),
    }
}

fn merge_directives(
    base: &DocumentMut,
    ours: &mut DocumentMut,
    theirs: &DocumentMut,
) -> Result<(), MergeError> {
    let base_list = directive_list(base, "base")?;
    let theirs_list = directive_list(theirs, "their")?;
    directive_list(ours, "our")?;
    let base_by_id: HashMap<&str, &Table> = first_by_id(&base_list);
    let theirs_by_id: HashMap<&str, &Table> = first_by_id(&theirs_list);

    if ours.get("directive").is_none() {
        if theirs_list.is_empty() {
            return Ok(());
        }
        ours.insert("directive", Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let list = ours["directive"]
        .as_array_of_tables_mut()
        .expect("checked by directive_list");

    let mut ours_ids = HashSet::new();
    let mut i = 0;
    while i < list.len() {
        let table = list.get_mut(i).expect("index in range");
        let Some(id) = directive_id(table) else {
            i += 1;
            continue;
        };
        ours_ids.insert(id.clone());
        let base_t = base_by_id.get(id.as_str()).copied();
        match (base_t, theirs_by_id.get(id.as_str()).copied()) {
            // Deleted by them: follow unless we changed it since.
            (Some(b), None) => {
                if canon_table(b) == canon_table(table) {
                    list.remove(i);
                    continue;
                }
            }
            (b, Some(t)) => merge_directive(&id, b, table, t)?,
            (None, None) => {}
        }
        i += 1;
    }
    for (id, t) in &theirs_list {
        if ours_ids.contains(id) {
            continue;
        }
        // Deleted by us and untouched by them: stays deleted.
        if let Some(b) = base_by_id.get(id.as_str()) {
            if canon_table(b) == canon_table(t) {
                continue;
            }
        }
        let mut copy = (*t).clone();
        clear_positions(&mut copy);
        list.push(copy);
        ours_ids.insert(id.clone());
    }
    Ok(())
}

fn first_by_id<'a>(list: &'a [(String, &'a Table)]) -> HashMap<&'a str, &'a Table> {
    let mut map = HashMap::new();
    for (id, t) in list {
        map.entry(id.as_str()).or_insert(*t);
    }
    map
}

/// Fields that a log entry can set, as groups that move together, with the log keys that
/// show an entry touched the group. `done_on` belongs to `status`: taking one side's status
/// with the other's `done_on` could make a directive done without a date.
const LOGGED_GROUPS: &[&[&str]] = &[&["status", "done_on"], &["deadline"], &["note"]];

fn merge_directive(
    id: &str,
    base: Option<&Table>,
    ours: &mut Table,
    theirs: &Table,
) -> Result<(), MergeError> {
    let b = base.map(canon_table);
    let o = canon_table(ours);
    let t = canon_table(theirs);
    if t == o || Some(&t) == b.as_ref() {
        merge_decor(base, ours, theirs);
        return Ok(());
    }
    if Some(&o) == b.as_ref() {
        // Only they changed it: take their table as written (their comments come along).
        let mut copy = theirs.clone();
        clear_positions(&mut copy);
        *ours = copy;
        return Ok(());
    }

    let base_log = base.map(log_entries).unwrap_or_default();
    let base_set: HashSet<String> = base_log.iter().map(canon_table).collect();
    let ours_log = log_entries(ours);
    let theirs_log = log_entries(theirs);
    let ours_new: Vec<&Table> = ours_log
        .iter()
        .filter(|e| !base_set.contains(&canon_table(e)))
        .collect();
    let theirs_new: Vec<&Table> = theirs_log
        .iter()
        .filter(|e| !base_set.contains(&canon_table(e)))
        .collect();

    let what = format!("directive \"{id}\"");
    let mut grouped: HashSet<&str> = HashSet::from(["log"]);
    for group in LOGGED_GROUPS {
        grouped.extend(group.iter());
        let side = |t: Option<&Table>| -> Vec<Option<String>> {
            group.iter().map(|k| canon_key(t, k)).collect()
        };
        let (gb, go, gt) = (side(base), side(Some(ours)), side(Some(theirs)));
        if gt == gb || gt == go {
            continue;
        }
        let take_theirs = if go == gb {
            true
        } else {
            match (
                latest_touch(&ours_new, group),
                latest_touch(&theirs_new, group),
            ) {
                (Some(a), Some(b)) if b > a => true,
                (Some(a), Some(b)) if a > b => false,
                _ => {
                    return Err(MergeError::Conflict(format!(
                        "{what}: field \"{}\"",
                        group[0]
                    )))
                }
            }
        };
        if take_theirs {
            for key in group.iter() {
                set_item(ours, key, theirs.get(key));
            }
        }
    }
    let empty = Table::new();
    for key in union_keys(&[base.unwrap_or(&empty), ours, theirs]) {
        if !grouped.contains(key.as_str()) {
            merge_key(&key, base, ours, Some(theirs), &what)?;
        }
    }
    union_log(ours, &theirs_log);
    merge_decor(base, ours, theirs);
    Ok(())
}

/// Comments and spacing they changed where we did not (a comment written by hand on their
/// side while dondoc edited ours): their text for the table header, each key, and each value
/// both sides now agree on.
fn merge_decor(base: Option<&Table>, ours: &mut Table, theirs: &Table) {
    let Some(base) = base else {
        return;
    };
    if ours.decor() == base.decor() && theirs.decor() != base.decor() {
        *ours.decor_mut() = theirs.decor().clone();
    }
    let keys: Vec<String> = ours.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let (Some(b_key), Some(t_key)) = (base.key(&key), theirs.key(&key)) else {
            continue;
        };
        if let Some(mut o_key) = ours.key_mut(&key) {
            if o_key.leaf_decor() == b_key.leaf_decor() && t_key.leaf_decor() != b_key.leaf_decor()
            {
                *o_key.leaf_decor_mut() = t_key.leaf_decor().clone();
            }
        }
        let (Some(Item::Value(b_value)), Some(Item::Value(t_value))) =
            (base.get(&key), theirs.get(&key))
        else {
            continue;
        };
        if let Some(Item::Value(o_value)) = ours.get_mut(&key) {
            if canon_value(o_value) == canon_value(t_value)
                && o_value.decor() == b_value.decor()
                && t_value.decor() != b_value.decor()
            {
                *o_value.decor_mut() = t_value.decor().clone();
            }
        }
    }
}

/// The log entries of a directive, whether written `[[directive.log]]` or `log = [{..}]`.
fn log_entries(directive: &Table) -> Vec<Table> {
    match directive.get("log") {
        Some(Item::ArrayOfTables(list)) => list.iter().cloned().collect(),
        Some(Item::Value(Value::Array(items))) => items
            .iter()
            .filter_map(Value::as_inline_table)
            .map(|t| t.clone().into_table())
            .collect(),
        _ => vec![],
    }
}

/// When a log entry happened, for ordering and for "which change is later".
fn entry_time(entry: &Table) -> Option<DateTime<FixedOffset>> {
    // A local time without offset is compared as if it were UTC: better than nothing.
    crate::store::load::log_time(entry.get("at")?.as_datetime()?, FixedOffset::east_opt(0))
}

fn touches(entry: &Table, group: &[&str]) -> bool {
    let cleared: Vec<String> = entry
        .get("cleared")
        .and_then(Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    group
        .iter()
        .any(|k| entry.contains_key(k) || cleared.iter().any(|c| c == k))
}

fn latest_touch(entries: &[&Table], group: &[&str]) -> Option<DateTime<FixedOffset>> {
    entries
        .iter()
        .filter(|e| touches(e, group))
        .filter_map(|e| entry_time(e))
        .max()
}

/// Adds their log entries that we do not have, each after the last entry not later than it.
fn union_log(ours: &mut Table, theirs_log: &[Table]) {
    let mut combined = log_entries(ours);
    let mut have: HashSet<String> = combined.iter().map(canon_table).collect();
    let mut added = false;
    for entry in theirs_log {
        if !have.insert(canon_table(entry)) {
            continue;
        }
        let index = match entry_time(entry) {
            None => combined.len(),
            Some(at) => combined
                .iter()
                .rposition(|c| entry_time(c).is_some_and(|c| c <= at))
                .map_or(0, |p| p + 1),
        };
        let mut entry = entry.clone();
        if entry.decor().prefix().is_none() {
            entry.decor_mut().set_prefix("\n");
        }
        combined.insert(index, entry);
        added = true;
    }
    if !added {
        return;
    }
    match ours.get_mut("log") {
        Some(Item::Value(Value::Array(items))) => {
            // Hand-written inline log: keep our entries' text, add theirs in the same style.
            let mut old: HashMap<String, Value> = items
                .iter()
                .filter_map(|v| {
                    let t = v.as_inline_table()?.clone().into_table();
                    Some((canon_table(&t), v.clone()))
                })
                .collect();
            let mut rebuilt = toml_edit::Array::new();
            for entry in combined {
                let value = old.remove(&canon_table(&entry)).unwrap_or_else(|| {
                    let mut inline = entry.into_inline_table();
                    inline.fmt();
                    Value::InlineTable(inline)
                });
                rebuilt.push_formatted(value);
            }
            rebuilt.set_trailing(items.trailing().clone());
            rebuilt.set_trailing_comma(items.trailing_comma());
            *rebuilt.decor_mut() = items.decor().clone();
            *items = rebuilt;
        }
        Some(Item::ArrayOfTables(list)) => {
            list.clear();
            for mut entry in combined {
                clear_positions(&mut entry);
                list.push(entry);
            }
        }
        _ => {
            let mut list = ArrayOfTables::new();
            for mut entry in combined {
                clear_positions(&mut entry);
                list.push(entry);
            }
            ours.insert("log", Item::ArrayOfTables(list));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = r#"# Meeting of August
[source]
title = "Giao ban tháng 8"
date = 2023-08-25

[[directive]]
id = "d1"
text = "First"
owner = "a"
status = "open"

[[directive]]
id = "d2"
text = "Second"
owner = "b"
deadline = 2023-09-30
status = "in_progress" # started early

[[directive.log]]
at = 2023-09-01T09:00:00+07:00
by = "Base"
status = "in_progress"

[[directive]]
id = "d3"
text = "Third"
owner = "c"
status = "open"
"#;

    fn replace(text: &str, from: &str, to: &str) -> String {
        assert!(text.contains(from), "{from:?} not in text");
        text.replacen(from, to, 1)
    }

    /// Text of the `[[directive]]` block with this id, up to the next `[[directive]]`.
    fn block<'a>(text: &'a str, id: &str) -> &'a str {
        let at = text.find(&format!("id = \"{id}\"")).expect("id in text");
        let start = text[..at].rfind("[[directive]]").unwrap();
        let end = text[at..]
            .find("[[directive]]")
            .map_or(text.len(), |e| at + e);
        &text[start..end]
    }

    fn log_of_d1(by: &str, at: &str, status: &str) -> String {
        format!(
            "status = \"{status}\"\n\n[[directive.log]]\nat = {at}\nby = \"{by}\"\nstatus = \"{status}\"\n"
        )
    }

    #[test]
    fn unchanged_theirs_gives_ours_verbatim() {
        let ours = replace(BASE, "text = \"First\"", "text = \"First\" # mine");
        assert_eq!(merge(BASE, &ours, BASE).unwrap(), ours);
        assert_eq!(merge(BASE, BASE, &ours).unwrap(), ours);
    }

    #[test]
    fn different_directives_changed_on_each_side_both_apply() {
        let ours = replace(
            BASE,
            "owner = \"a\"\nstatus = \"open\"",
            "owner = \"a\"\nstatus = \"blocked\"",
        );
        let theirs = replace(
            BASE,
            "owner = \"c\"\nstatus = \"open\"",
            "owner = \"c\"\nstatus = \"cancelled\" # by phone",
        );
        let out = merge(BASE, &ours, &theirs).unwrap();
        assert!(block(&out, "d1").contains("status = \"blocked\""));
        // Their whole directive is taken as written, with its comment.
        assert!(block(&out, "d3").contains("status = \"cancelled\" # by phone"));
        assert!(out.starts_with("# Meeting of August\n"));
        assert!(block(&out, "d2").contains("# started early"));
    }

    #[test]
    fn different_fields_of_one_directive_both_apply() {
        let ours = replace(BASE, "deadline = 2023-09-30", "deadline = 2023-10-31");
        let ours = replace(&ours, "text = \"Second\"", "text = \"Second\"  # ours");
        let theirs = replace(BASE, "owner = \"b\"", "owner = \"bb\"");
        let theirs = replace(&theirs, "text = \"Second\"", "text = \"Second, revised\"");
        let out = merge(BASE, &ours, &theirs).unwrap();
        let d2 = block(&out, "d2");
        assert!(d2.contains("deadline = 2023-10-31"), "{d2}");
        assert!(d2.contains("owner = \"bb\""), "{d2}");
        // Their value, our trailing comment.
        assert!(d2.contains("text = \"Second, revised\"  # ours"), "{d2}");
        assert!(d2.contains("# started early"));
    }

    #[test]
    fn same_field_later_log_entry_wins_and_both_entries_stay() {
        let ours = replace(
            BASE,
            "status = \"open\"\n\n[[directive]]\nid = \"d2\"",
            &format!(
                "{}\n[[directive]]\nid = \"d2\"",
                log_of_d1("Ours", "2023-10-02T10:00:00+07:00", "done").replace(
                    "status = \"done\"\n\n",
                    "status = \"done\"\ndone_on = 2023-10-02\n\n"
                )
            ),
        );
        let theirs = replace(
            BASE,
            "status = \"open\"\n\n[[directive]]\nid = \"d2\"",
            &format!(
                "{}\n[[directive]]\nid = \"d2\"",
                log_of_d1("Theirs", "2023-10-03T08:00:00+07:00", "blocked")
            ),
        );
        let out = merge(BASE, &ours, &theirs).unwrap();
        let d1 = block(&out, "d1");
        assert!(d1.contains("status = \"blocked\""), "{d1}");
        // done_on goes with the status it belongs to.
        let fields = &d1[..d1.find("[[directive.log]]").unwrap()];
        assert!(!fields.contains("done_on"), "{d1}");
        let ours_entry = d1.find("by = \"Ours\"").expect("our entry");
        let theirs_entry = d1.find("by = \"Theirs\"").expect("their entry");
        assert!(ours_entry < theirs_entry, "ordered by time: {d1}");
        // The other way round the earlier change loses too.
        let out = merge(BASE, &theirs, &ours).unwrap();
        let d1 = block(&out, "d1");
        assert!(d1.contains("status = \"blocked\""), "{d1}");
        assert!(d1.find("by = \"Ours\"").unwrap() < d1.find("by = \"Theirs\"").unwrap());
        let problems = crate::store::load::load_file("x.toml", Ok(out.into_bytes()), None)
            .file
            .problems;
        assert!(
            problems.is_empty(),
            "merged file has problems: {problems:?}"
        );
    }

    #[test]
    fn their_hand_comment_survives_our_edit_of_the_same_directive() {
        let ours = replace(
            BASE,
            "owner = \"c\"\nstatus = \"open\"",
            "owner = \"c\"\nstatus = \"blocked\"",
        );
        let theirs = replace(
            BASE,
            "id = \"d3\"\ntext = \"Third\"",
            "id = \"d3\"\n# ask the unit again\ntext = \"Third\" # as said",
        );
        let theirs = replace(
            &theirs,
            "\n[[directive]]\nid = \"d3\"",
            "\n# the last one\n[[directive]]\nid = \"d3\"",
        );
        let ours = format!(
            "{ours}[[directive]]\nid = \"d4\"\ntext = \"x\"\nowner = \"a\"\nstatus = \"open\"\n"
        );
        let out = merge(BASE, &ours, &theirs).unwrap();
        let d3 = block(&out, "d3");
        assert!(d3.contains("status = \"blocked\""), "{d3}");
        assert!(out.contains("# the last one\n[[directive]]\nid = \"d3\"\n# ask the unit again\ntext = \"Third\" # as said\n"), "{out}");
    }

    #[test]
    fn same_field_without_log_is_a_conflict() {
        let ours = replace(BASE, "text = \"First\"", "text = \"One\"");
        let theirs = replace(BASE, "text = \"First\"", "text = \"Uno\"");
        assert!(matches!(
            merge(BASE, &ours, &theirs),
            Err(MergeError::Conflict(m)) if m.contains("d1") && m.contains("text")
        ));
    }

    #[test]
    fn log_union_dedupes_and_orders_by_time() {
        let entry = |by: &str, at: &str| {
            format!("\n[[directive.log]]\nat = {at}\nby = \"{by}\"\nnote = \"{by}\"\n")
        };
        let tail = |entries: &[String]| {
            let mut s = BASE.to_string();
            let d3 = s.find("\n[[directive]]\nid = \"d3\"").unwrap();
            s.insert_str(d3, &entries.concat());
            s
        };
        let shared = entry("Shared", "2023-09-05T09:00:00+07:00");
        let ours = tail(&[shared.clone(), entry("O", "2023-09-10T09:00:00+07:00")]);
        let theirs = tail(&[shared.clone(), entry("T", "2023-09-07T09:00:00+07:00")]);
        let out = merge(BASE, &ours, &theirs).unwrap();
        let d2 = block(&out, "d2");
        assert_eq!(d2.matches("by = \"Shared\"").count(), 1, "{d2}");
        let pos = |by: &str| d2.find(&format!("by = \"{by}\"")).unwrap();
        assert!(
            pos("Base") < pos("Shared") && pos("Shared") < pos("T") && pos("T") < pos("O"),
            "{d2}"
        );
    }

    #[test]
    fn directives_added_on_both_sides_are_kept_theirs_after_ours() {
        let add = |id: &str, comment: &str| {
            format!("{BASE}\n{comment}[[directive]]\nid = \"{id}\"\ntext = \"New {id}\"\nowner = \"a\"\nstatus = \"open\"\n")
        };
        let ours = add("n-ours", "");
        let theirs = add("n-theirs", "# added at the meeting\n");
        let out = merge(BASE, &ours, &theirs).unwrap();
        let o = out.find("id = \"n-ours\"").unwrap();
        let t = out.find("id = \"n-theirs\"").unwrap();
        assert!(o < t);
        assert!(
            out.contains("# added at the meeting\n[[directive]]\nid = \"n-theirs\""),
            "{out}"
        );
        let swapped = merge(BASE, &theirs, &ours).unwrap();
        assert!(
            swapped.find("id = \"n-theirs\"").unwrap() < swapped.find("id = \"n-ours\"").unwrap()
        );
    }

    #[test]
    fn deleted_and_untouched_is_deleted_deleted_and_changed_is_kept() {
        let without_d3 = BASE[..BASE.find("\n[[directive]]\nid = \"d3\"").unwrap() + 1].to_string();
        let out = merge(BASE, &without_d3, BASE).unwrap();
        assert!(!out.contains("d3"));
        let out = merge(BASE, BASE, &without_d3).unwrap();
        assert!(!out.contains("d3"));
        let d3_changed = replace(
            BASE,
            "owner = \"c\"\nstatus = \"open\"",
            "owner = \"c\"\nstatus = \"done\"\ndone_on = 2023-10-01",
        );
        let out = merge(BASE, &without_d3, &d3_changed).unwrap();
        assert!(block(&out, "d3").contains("status = \"done\""));
        let out = merge(BASE, &d3_changed, &without_d3).unwrap();
        assert!(block(&out, "d3").contains("status = \"done\""));
    }

    #[test]
    fn source_merges_field_by_field() {
        let ours = replace(BASE, "date = 2023-08-25", "date = 2023-08-26");
        let theirs = replace(
            BASE,
            "title = \"Giao ban tháng 8\"",
            "title = \"Giao ban tháng 8/2023\"\nref = \"12-TB/TU\"",
        );
        let out = merge(BASE, &ours, &theirs).unwrap();
        assert!(out.contains("date = 2023-08-26"));
        assert!(out.contains("title = \"Giao ban tháng 8/2023\""));
        assert!(out.contains("ref = \"12-TB/TU\""));
        let clash = replace(BASE, "date = 2023-08-25", "date = 2023-08-27");
        assert!(
            matches!(merge(BASE, &ours, &clash), Err(MergeError::Conflict(m)) if m.contains("[source]"))
        );
    }

    #[test]
    fn unparseable_or_conflicted_side_fails() {
        let broken = replace(BASE, "text = \"First\"", "text = \"First");
        assert!(matches!(
            merge(BASE, &broken, BASE),
            Err(MergeError::Parse { side: "our", .. })
        ));
        assert!(matches!(
            merge(BASE, BASE, &broken),
            Err(MergeError::Parse { side: "their", .. })
        ));
        let marked = format!("<<<<<<< HEAD\n{BASE}=======\n>>>>>>> x\n");
        assert!(matches!(
            merge(BASE, BASE, &marked),
            Err(MergeError::ConflictMarkers {
                side: "their",
                line: 1
            })
        ));
    }

    #[test]
    fn new_file_on_both_sides_has_an_empty_base() {
        let out = merge("", BASE, BASE).unwrap();
        assert_eq!(out, BASE);
    }

    #[test]
    fn crlf_and_bom_of_ours_are_kept() {
        let ours = format!("{}{}", text::BOM, BASE.replace('\n', "\r\n"));
        let theirs = replace(
            BASE,
            "owner = \"c\"\nstatus = \"open\"",
            "owner = \"c\"\nstatus = \"blocked\"",
        );
        let out = merge(BASE, &ours, &theirs).unwrap();
        assert!(out.starts_with(text::BOM));
        assert!(
            !out.replace("\r\n", "").contains('\n'),
            "only CRLF line ends"
        );
        assert!(out.contains("status = \"blocked\""));
    }

    #[test]
    fn inline_log_gets_their_entries_in_the_same_style() {
        let base = replace(BASE, "owner = \"a\"\nstatus = \"open\"", "owner = \"a\"\nstatus = \"open\"\nlog = [{ at = 2023-09-01T08:00:00+07:00, by = \"X\" }]");
        let ours = replace(&base, "text = \"First\"", "text = \"First!\"");
        let theirs = replace(
            &base,
            "by = \"X\" }]",
            "by = \"X\" }, { at = 2023-09-02T08:00:00+07:00, by = \"Y\", note = \"n\" }]",
        );
        let out = merge(&base, &ours, &theirs).unwrap();
        let d1 = block(&out, "d1");
        assert!(d1.contains("text = \"First!\""));
        assert!(d1.contains("by = \"Y\""), "{d1}");
        assert!(!d1.contains("[[directive.log]]"), "{d1}");
    }
}
