//! Three-way merge of one TOML file of the workspace at the level of tables and fields (the
//! core of `dondoc merge-driver`). Pure: three texts in, one text out. It always settles when
//! the three versions parse, so a sync never stops on a directive file both sides can read.
//!
//! Rules:
//! - the tables of an array (`[[directive]]`, `[[owner]]` in `dondoc.toml`) are matched by
//!   `id`; one added on either side is kept (theirs' new ones are appended after ours, with
//!   their text as written); the same new id added on both sides with different content is
//!   kept twice, so that nothing is lost and `validate` names the duplicate;
//! - a table deleted on one side and untouched on the other is deleted; one deleted on one
//!   side and changed on the other is kept (nothing is lost);
//! - `[[directive.log]]` entries are the union of both sides (identical entries once), ordered
//!   by `at`;
//! - a field changed on both sides (or back to its old value on one of them) is decided by the
//!   log entries of both sides that touch it: the side holding the later one wins (`status`
//!   and `done_on` move together); equal times are settled by author, then by the entry, the
//!   same way on every clone. With no log entry to tell, the side that changed wins, and when
//!   both changed it by hand, the greater value (an arbitrary but fixed rule);
//! - every key is handled the same way, whatever its name, so keys this version does not
//!   know merge too;
//! - comment lines either side added are kept.
//!
//! The result is OUR text edited in place with `toml_edit`, so our formatting and comments stay.

use super::super::fold::nfc;
use super::super::store::text;
use chrono::{DateTime, FixedOffset};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

mod canon;
mod comments;
mod log;

use canon::*;
use comments::*;
use log::*;

/// How each line of `dondoc merge-driver`'s reason for leaving a conflict starts (sync shows it).
pub const REASON_PREFIX: &str = "dondoc merge-driver:";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MergeError {
    #[error("{side} version does not parse: {message}")]
    Parse { side: &'static str, message: String },
    #[error("{side} version holds git conflict markers (line {line})")]
    ConflictMarkers { side: &'static str, line: usize },
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
    if doc.trailing() == base_doc.trailing() && theirs_doc.trailing() != base_doc.trailing() {
        doc.set_trailing(theirs_doc.trailing().clone());
    }
    keep_added_comments(base, ours_body, theirs, &mut doc);

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

/// True when two TOML texts say the same thing (comments and layout aside).
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
// Key-by-key merge of plain tables ([source], top-level keys, fields no log entry decides).

/// Keeps ours when theirs did not change the key (or changed it the same way), takes theirs
/// when only theirs changed it; changed differently on both sides, the greater value wins, a
/// rule both sides of any merge compute the same way.
fn merge_key(key: &str, base: Option<&Table>, ours: &mut Table, theirs: Option<&Table>) {
    let b = canon_key(base, key);
    let o = canon_key(Some(ours), key);
    let t = canon_key(theirs, key);
    if t == b || t == o {
        return;
    }
    if o == b || t > o {
        set_item(ours, key, theirs.and_then(|t| t.get(key)));
    }
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
    for key in &keys {
        let items = [base.get(key), ours.get(key), theirs.get(key)];
        let all = |f: fn(&Item) -> bool| items.iter().all(|i| i.is_none_or(f));
        let by_id = key == "directive" || (all(Item::is_array_of_tables) && items[1].is_some());
        let both_tables = all(Item::is_table) && items[1].is_some() && items[2].is_some();
        if by_id {
            // `[[directive]]`, `[[owner]]`: table by table, matched by id.
            merge_tables_by_id(key, base, ours, theirs)?;
            continue;
        }
        match theirs.get(key).and_then(Item::as_table) {
            // `[source]` on both sides: merge it field by field.
            Some(t) if both_tables => {
                let b = base.get(key).and_then(Item::as_table);
                let o = ours[key.as_str()].as_table_mut().expect("checked above");
                let fields = union_keys(&[b.unwrap_or(&Table::new()), o, t]);
                for field in fields {
                    merge_key(&field, b, o, Some(t));
                }
                union_decor(b, o, t);
            }
            _ => merge_key(
                key,
                Some(base.as_table()),
                ours.as_table_mut(),
                Some(theirs.as_table()),
            ),
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
// Arrays of tables matched by id: directives, owners.

fn table_id(t: &Table) -> Option<String> {
    t.get("id").and_then(Item::as_str).map(nfc)
}

fn table_list<'d>(
    doc: &'d DocumentMut,
    key: &str,
    side: &'static str,
) -> Result<Vec<(String, &'d Table)>, MergeError> {
    match doc.get(key) {
        None => Ok(vec![]),
        Some(Item::ArrayOfTables(list)) => Ok(list
            .iter()
            .filter_map(|t| table_id(t).map(|id| (id, t)))
            .collect()),
        Some(_) => Err(MergeError::Unsupported(format!(
            "{side} version does not write \"{key}\" as [[{key}]] tables"
        ))),
    }
}

fn merge_tables_by_id(
    key: &str,
    base: &DocumentMut,
    ours: &mut DocumentMut,
    theirs: &DocumentMut,
) -> Result<(), MergeError> {
    let base_list = table_list(base, key, "base")?;
    let theirs_list = table_list(theirs, key, "their")?;
    table_list(ours, key, "our")?;
    let base_by_id: HashMap<&str, &Table> = first_by_id(&base_list);
    let theirs_by_id: HashMap<&str, &Table> = first_by_id(&theirs_list);

    if ours.get(key).is_none() {
        if theirs_list.is_empty() {
            return Ok(());
        }
        ours.insert(key, Item::ArrayOfTables(ArrayOfTables::new()));
    }
    let list = ours[key]
        .as_array_of_tables_mut()
        .expect("checked by table_list");

    let mut ours_ids = HashSet::new();
    // New on both sides with different content: two things that happen to share an id.
    let mut twins = HashSet::new();
    let mut i = 0;
    while i < list.len() {
        let table = list.get_mut(i).expect("index in range");
        let Some(id) = table_id(table) else {
            i += 1;
            continue;
        };
        if !ours_ids.insert(id.clone()) {
            // A second table with an id already seen: left as it is.
            i += 1;
            continue;
        }
        let base_t = base_by_id.get(id.as_str()).copied();
        match (base_t, theirs_by_id.get(id.as_str()).copied()) {
            // Deleted by them: follow unless we changed it since.
            (Some(b), None) => {
                if canon_table(b) == canon_table(table) {
                    list.remove(i);
                    continue;
                }
            }
            (None, Some(t)) if canon_table(t) != canon_table(table) => {
                twins.insert(id.clone());
            }
            (b, Some(t)) => merge_table(b, table, t),
            (None, None) => {}
        }
        i += 1;
    }
    for (id, t) in &theirs_list {
        if ours_ids.contains(id) && !twins.remove(id) {
            continue;
        }
        // Deleted by us and untouched by them: stays deleted.
        if let Some(b) = base_by_id.get(id.as_str()) {
            if canon_table(b) == canon_table(t) && !ours_ids.contains(id) {
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

/// Keys that move together: taking one side's status with the other's `done_on` could make a
/// directive done without a date.
fn group_of(key: &str) -> &'static [&'static str] {
    match key {
        "status" | "done_on" => &["status", "done_on"],
        _ => &[],
    }
}

/// Merges one table (a directive, an owner) that both sides have.
fn merge_table(base: Option<&Table>, ours: &mut Table, theirs: &Table) {
    let b = base.map(canon_table);
    let o = canon_table(ours);
    let t = canon_table(theirs);
    if t == o || Some(&t) == b.as_ref() {
        union_decor(base, ours, theirs);
        return;
    }
    if Some(&o) == b.as_ref() {
        // Only they changed it: take their table as written, with the comments of both.
        let mine = ours.clone();
        let mut copy = theirs.clone();
        clear_positions(&mut copy);
        *ours = copy;
        union_decor(base, ours, &mine);
        union_log_decor(ours, &mine);
        return;
    }
    let ours_log = log_entries(ours);
    let theirs_log = log_entries(theirs);
    let empty = Table::new();
    let mut seen: HashSet<String> = HashSet::from(["id".to_string(), "log".to_string()]);
    for key in union_keys(&[base.unwrap_or(&empty), ours, theirs]) {
        if seen.contains(&key) {
            continue;
        }
        let single = [key.as_str()];
        let group: &[&str] = match group_of(&key) {
            [] => &single,
            g => g,
        };
        seen.extend(group.iter().map(|k| k.to_string()));
        let side = |t: Option<&Table>| -> Vec<Option<String>> {
            group.iter().map(|k| canon_key(t, k)).collect()
        };
        let (gb, go, gt) = (side(base), side(Some(ours)), side(Some(theirs)));
        if gt == go || (gt == gb && !logged_later(&theirs_log, &ours_log, group)) {
            continue;
        }
        let take_theirs = match decide(&ours_log, &theirs_log, group) {
            Some(side) => side == Side::Theirs,
            // No log entry tells: the side that changed it, else the greater value.
            None => go == gb || (gt != gb && gt > go),
        };
        if take_theirs {
            for key in group {
                set_item(ours, key, theirs.get(key));
            }
        }
    }
    union_log(ours, &theirs_log);
    union_decor(base, ours, theirs);
    union_log_decor(ours, theirs);
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
    fn same_field_changed_by_hand_on_both_sides_settles_the_same_way_both_ways() {
        let ours = replace(BASE, "text = \"First\"", "text = \"One\"");
        let theirs = replace(BASE, "text = \"First\"", "text = \"Uno\"");
        let a = merge(BASE, &ours, &theirs).unwrap();
        let b = merge(BASE, &theirs, &ours).unwrap();
        assert!(block(&a, "d1").contains("text = \"Uno\""), "{a}");
        assert!(same_meaning(&a, &b));
    }

    /// d1 with a status and the log entries given as (by, at, status).
    fn d1_with(status: &str, entries: &[(&str, &str, &str)]) -> String {
        let mut log = String::new();
        for (by, at, s) in entries {
            log.push_str(&format!(
                "\n[[directive.log]]\nat = {at}\nby = \"{by}\"\nstatus = \"{s}\"\n"
            ));
        }
        let done_on = if status == "done" {
            "\ndone_on = 2023-10-01"
        } else {
            ""
        };
        replace(
            BASE,
            "status = \"open\"\n\n[[directive]]\nid = \"d2\"",
            &format!("status = \"{status}\"{done_on}\n{log}\n[[directive]]\nid = \"d2\""),
        )
    }

    fn status_of_d1(text: &str) -> String {
        let d1 = block(text, "d1");
        let fields = &d1[..d1.find("[[directive.log]]").unwrap_or(d1.len())];
        let at = fields.find("status = \"").unwrap() + "status = \"".len();
        fields[at..at + fields[at..].find('"').unwrap()].to_string()
    }

    #[test]
    fn the_same_second_is_settled_by_author_on_both_sides_and_both_entries_stay() {
        let t = "2023-10-02T10:00:00+07:00";
        let ours = d1_with("blocked", &[("Clerk A", t, "blocked")]);
        let theirs = d1_with("done", &[("Clerk B", t, "done")]);
        for out in [
            merge(BASE, &ours, &theirs).unwrap(),
            merge(BASE, &theirs, &ours).unwrap(),
        ] {
            assert_eq!(status_of_d1(&out), "done", "{out}");
            assert!(out.contains("by = \"Clerk A\"") && out.contains("by = \"Clerk B\""));
            assert!(block(&out, "d1").contains("done_on = 2023-10-01"));
        }
    }

    #[test]
    fn a_later_change_back_to_the_base_value_wins_over_an_older_change() {
        // They set done at t1; we set blocked at t2, then open again at t3.
        let theirs = d1_with("done", &[("C2", "2023-10-02T08:00:00+07:00", "done")]);
        let ours = d1_with(
            "open",
            &[
                ("C1", "2023-10-02T09:00:00+07:00", "blocked"),
                ("C1", "2023-10-02T10:00:00+07:00", "open"),
            ],
        );
        for out in [
            merge(BASE, &ours, &theirs).unwrap(),
            merge(BASE, &theirs, &ours).unwrap(),
        ] {
            assert_eq!(status_of_d1(&out), "open", "{out}");
            assert!(!block(&out, "d1")[..40].contains("done_on"));
            assert_eq!(out.matches("[[directive.log]]").count(), 4, "{out}");
        }
        // One clerk's two edits in one second: the later in the file wins.
        let t = "2023-10-02T09:00:00+07:00";
        let shared = d1_with("blocked", &[("C1", t, "blocked")]);
        let mine = d1_with("done", &[("C1", t, "blocked"), ("C1", t, "done")]);
        let out = merge(&shared, &shared.replace("First", "Firsts"), &mine).unwrap();
        assert_eq!(status_of_d1(&out), "done", "{out}");
        let out = merge(&shared, &mine, &shared.replace("First", "Firsts")).unwrap();
        assert_eq!(status_of_d1(&out), "done", "{out}");
    }

    #[test]
    fn keys_of_format_1_1_are_decided_by_their_log_entries() {
        let entry = |by: &str, at: &str, text: &str| {
            format!("\n[[directive.log]]\nat = {at}\nby = \"{by}\"\ntext = \"{text}\"\nreason = \"r\"\n")
        };
        let with = |text: &str, e: String| {
            let s = replace(
                BASE,
                "text = \"First\"",
                &format!("text = \"{text}\"\ndone_ref = \"x\""),
            );
            replace(
                &s,
                "\n[[directive]]\nid = \"d2\"",
                &format!("{e}\n[[directive]]\nid = \"d2\""),
            )
        };
        let base = replace(
            BASE,
            "text = \"First\"",
            "text = \"First\"\ndone_ref = \"x\"",
        );
        let ours = with("Later", entry("A", "2023-10-03T08:00:00+07:00", "Later"));
        let theirs = with(
            "Earlier",
            entry("B", "2023-10-02T08:00:00+07:00", "Earlier"),
        );
        let ours = replace(&ours, "\n[[directive.log]]", "\n[[directive.log]]");
        for out in [
            merge(&base, &ours, &theirs).unwrap(),
            merge(&base, &theirs, &ours).unwrap(),
        ] {
            assert!(block(&out, "d1").contains("text = \"Later\""), "{out}");
            assert_eq!(out.matches("reason = \"r\"").count(), 2);
        }
    }

    #[test]
    fn owners_merge_by_id() {
        let base = "title = \"T\"\n\n[[owner]]\nid = \"a\"\nname = \"A\"\n";
        let ours = format!("{base}\n[[owner]]\nid = \"b\"\nname = \"B\"\n");
        let theirs = format!(
            "{}\n[[owner]]\nid = \"c\"\nname = \"C\"\n",
            base.replace("name = \"A\"", "name = \"A2\"\nshort = \"a\"")
        );
        let out = merge(base, &ours, &theirs).unwrap();
        assert!(out.contains("name = \"A2\"\nshort = \"a\""), "{out}");
        assert!(out.find("id = \"b\"").unwrap() < out.find("id = \"c\"").unwrap());
    }

    #[test]
    fn comments_added_on_both_sides_at_one_place_are_all_kept() {
        let ours = replace(
            BASE,
            "\n[[directive]]\nid = \"d3\"",
            "\n# ours above\n[[directive]]\nid = \"d3\"",
        );
        let ours = replace(
            &ours,
            "owner = \"c\"\nstatus = \"open\"",
            "owner = \"c\"\nstatus = \"blocked\"",
        );
        let theirs = replace(
            BASE,
            "\n[[directive]]\nid = \"d3\"",
            "\n# theirs above\n[[directive]]\nid = \"d3\"",
        );
        let theirs = replace(&theirs, "text = \"Third\"", "# inside\ntext = \"Third\"");
        let theirs = replace(&theirs, "text = \"First\"", "text = \"First\" # why");
        let theirs = replace(&theirs, "owner = \"a\"", "owner = \"aa\"");
        for out in [
            merge(BASE, &ours, &theirs).unwrap(),
            merge(BASE, &theirs, &ours).unwrap(),
        ] {
            for c in [
                "# ours above",
                "# theirs above",
                "# inside",
                "# why",
                "# started early",
                "# Meeting of August",
            ] {
                assert_eq!(out.matches(c).count(), 1, "{c}: {out}");
            }
            assert!(block(&out, "d3").contains("status = \"blocked\""));
            assert!(block(&out, "d1").contains("owner = \"aa\""));
        }
    }

    #[test]
    fn the_same_new_id_with_different_content_is_kept_twice() {
        let add = |text: &str| {
            format!("{BASE}\n[[directive]]\nid = \"n\"\ntext = \"{text}\"\nowner = \"a\"\nstatus = \"open\"\n")
        };
        let out = merge(BASE, &add("Mine"), &add("Yours")).unwrap();
        assert!(
            out.contains("\"Mine\"") && out.contains("\"Yours\""),
            "{out}"
        );
        let out = merge(BASE, &add("Same"), &add("Same")).unwrap();
        assert_eq!(out.matches("id = \"n\"").count(), 1);
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
        assert!(merge(BASE, &ours, &clash)
            .unwrap()
            .contains("date = 2023-08-27"));
        assert!(merge(BASE, &clash, &ours)
            .unwrap()
            .contains("date = 2023-08-27"));
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
