//! Keeping comments: the comment lines either side added survive the merge.

use super::*;

/// Comment lines in a piece of decor, trimmed.
pub(super) fn comment_lines(s: &str) -> Vec<&str> {
    s.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .collect()
}

/// `ours` with the comment lines `theirs` added since `base` (and `ours` lacks) appended; our
/// text unchanged when `ours` still is the base (then theirs is taken whole).
pub(super) fn union_comment_text(
    base: &str,
    ours: &str,
    theirs: &str,
    inline: bool,
) -> Option<String> {
    if ours == theirs {
        return None;
    }
    if ours == base {
        return Some(theirs.to_string());
    }
    let b = comment_lines(base);
    let o = comment_lines(ours);
    let added: Vec<&str> = comment_lines(theirs)
        .into_iter()
        .filter(|l| !b.contains(l) && !o.contains(l))
        .collect();
    if added.is_empty() {
        return None;
    }
    let mut out = ours.to_string();
    if inline {
        // A trailing comment: one line only.
        for line in added {
            if out.trim().is_empty() {
                out = format!(" {line}");
            } else {
                out.push(' ');
                out.push_str(line);
            }
        }
    } else {
        // A prefix: the lines above a header or key, each ending with a line break.
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        for line in added {
            out.push_str(line);
            out.push('\n');
        }
    }
    Some(out)
}

pub(super) fn raw(r: Option<&toml_edit::RawString>) -> &str {
    r.and_then(toml_edit::RawString::as_str).unwrap_or("")
}

pub(super) fn union_one(
    base: Option<&toml_edit::Decor>,
    ours: &mut toml_edit::Decor,
    theirs: &toml_edit::Decor,
) {
    let empty = toml_edit::Decor::default();
    let base = base.unwrap_or(&empty);
    if let Some(p) = union_comment_text(
        raw(base.prefix()),
        raw(ours.prefix()),
        raw(theirs.prefix()),
        false,
    ) {
        ours.set_prefix(p);
    }
    if let Some(s) = union_comment_text(
        raw(base.suffix()),
        raw(ours.suffix()),
        raw(theirs.suffix()),
        true,
    ) {
        ours.set_suffix(s);
    }
}

/// Comments and spacing of the table header, of each key, and of each value: ours, plus the
/// comment lines they added (their text wholly where ours is still the base's).
pub(super) fn union_decor(base: Option<&Table>, ours: &mut Table, theirs: &Table) {
    union_one(base.map(Table::decor), ours.decor_mut(), theirs.decor());
    let keys: Vec<String> = ours.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let Some(t_key) = theirs.key(&key) else {
            continue;
        };
        let b_key = base.and_then(|b| b.key(&key));
        if let Some(mut o_key) = ours.key_mut(&key) {
            union_one(
                b_key.map(|k| k.leaf_decor()),
                o_key.leaf_decor_mut(),
                t_key.leaf_decor(),
            );
        }
        let Some(Item::Value(t_value)) = theirs.get(&key) else {
            continue;
        };
        let b_value = match base.and_then(|b| b.get(&key)) {
            Some(Item::Value(v)) => Some(v.decor()),
            _ => None,
        };
        if let Some(Item::Value(o_value)) = ours.get_mut(&key) {
            union_one(b_value, o_value.decor_mut(), t_value.decor());
        }
    }
}

/// The comments of log entries both sides have (matched by content).
pub(super) fn union_log_decor(ours: &mut Table, theirs: &Table) {
    let Some(Item::ArrayOfTables(t_list)) = theirs.get("log") else {
        return;
    };
    let by_canon: HashMap<String, &Table> = t_list.iter().map(|t| (canon_table(t), t)).collect();
    if let Some(Item::ArrayOfTables(o_list)) = ours.get_mut("log") {
        for entry in o_list.iter_mut() {
            if let Some(t) = by_canon.get(&canon_table(entry)) {
                union_decor(None, entry, t);
            }
        }
    }
}

/// The last guard: a comment line either side added that the merge left out (it sat on a key
/// or a table the other side's version replaced) goes at the end of the file, not lost.
pub(super) fn keep_added_comments(base: &str, ours: &str, theirs: &str, doc: &mut DocumentMut) {
    let in_base: HashSet<&str> = comment_lines(base).into_iter().collect();
    let merged = doc.to_string();
    let present: HashSet<&str> = comment_lines(&merged).into_iter().collect();
    let mut missing = Vec::new();
    for line in comment_lines(ours).into_iter().chain(comment_lines(theirs)) {
        if !in_base.contains(line) && !present.contains(line) && !missing.contains(&line) {
            missing.push(line);
        }
    }
    if missing.is_empty() {
        return;
    }
    let mut trailing = raw(Some(doc.trailing())).to_string();
    if !merged.ends_with('\n') && trailing.is_empty() {
        trailing.push('\n');
    }
    for line in missing {
        trailing.push_str(line);
        trailing.push('\n');
    }
    doc.set_trailing(trailing);
}
