//! The field-by-field decision from the log entries of both sides, and the union of the
//! `[[directive.log]]` entries.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Ours,
    Theirs,
}

/// True when `a` holds a log entry on `group` that `b` lacks and that is later than all of
/// `b`'s: their value is back at the base value through a logged change (an undo, a
/// set-then-clear) that must win over our older change.
pub(super) fn logged_later(a: &[Table], b: &[Table], group: &[&str]) -> bool {
    decide(b, a, group) == Some(Side::Theirs)
}

/// Which side's value of `group` the log entries of both sides pick: the side holding the
/// latest entry touching it that the other side does not have. `None` when the log does not
/// tell (no entry, or the same latest entry on both sides).
pub(super) fn decide(ours: &[Table], theirs: &[Table], group: &[&str]) -> Option<Side> {
    let lo = latest_touch(ours, group);
    let lt = latest_touch(theirs, group);
    let has = |log: &[Table], e: &Table| {
        let c = canon_table(e);
        log.iter().any(|x| canon_table(x) == c)
    };
    match (lo, lt) {
        (None, None) => None,
        (Some(o), Some(t)) if canon_table(o) == canon_table(t) => None,
        (Some(o), None) => (!has(theirs, o)).then_some(Side::Ours),
        (None, Some(t)) => (!has(ours, t)).then_some(Side::Theirs),
        (Some(o), Some(t)) => {
            let o_known = has(theirs, o);
            let t_known = has(ours, t);
            match (o_known, t_known) {
                (true, false) => Some(Side::Theirs),
                (false, true) => Some(Side::Ours),
                _ => match entry_order(o, t) {
                    Ordering::Less => Some(Side::Theirs),
                    _ => Some(Side::Ours),
                },
            }
        }
    }
}

/// The order of two log entries from different sides: time, then author, then the entry
/// itself, so that both sides of a merge pick the same one.
pub(super) fn entry_order(a: &Table, b: &Table) -> Ordering {
    let by = |e: &Table| e.get("by").and_then(Item::as_str).map(nfc);
    entry_time(a)
        .cmp(&entry_time(b))
        .then_with(|| by(a).cmp(&by(b)))
        .then_with(|| canon_table(a).cmp(&canon_table(b)))
}

pub(super) fn touches(entry: &Table, group: &[&str]) -> bool {
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

/// The latest entry of one side touching `group`; of two at the same time by the same author
/// the one written later in the file (one clerk's edits within one second).
pub(super) fn latest_touch<'a>(entries: &'a [Table], group: &[&str]) -> Option<&'a Table> {
    let by = |e: &Table| e.get("by").and_then(Item::as_str).map(nfc);
    let mut best: Option<&Table> = None;
    for e in entries.iter().filter(|e| touches(e, group)) {
        let later = best.is_none_or(|b| (entry_time(e), by(e)) >= (entry_time(b), by(b)));
        if later {
            best = Some(e);
        }
    }
    best
}

/// The log entries of a directive, whether written `[[directive.log]]` or `log = [{..}]`.
pub(super) fn log_entries(directive: &Table) -> Vec<Table> {
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
pub(super) fn entry_time(entry: &Table) -> Option<DateTime<FixedOffset>> {
    // A local time without offset is compared as if it were UTC: better than nothing.
    crate::store::load::log_time(entry.get("at")?.as_datetime()?, FixedOffset::east_opt(0))
}

/// Adds their log entries that we do not have, each after the last entry not later than it.
pub(super) fn union_log(ours: &mut Table, theirs_log: &[Table]) {
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
