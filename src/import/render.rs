//! A proposal written as format-1.1 TOML: a new directive file, or the directives to append
//! to an existing one. Ids take the file's prefix and the next free number; a task given to
//! several units gets one number and each unit's id. Every directive gets a `created = true`
//! log entry. Pure.

use super::{Draft, Proposal};
use crate::model::Status;
use chrono::{DateTime, FixedOffset};
use std::collections::HashSet;

/// Who writes and when, for the log entries.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    /// The language of the review comments under a flagged directive.
    pub lang: crate::i18n::Lang,
}

/// A TOML basic string, escaped.
pub fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The next free number for `prefix` among `taken` ids (both "p-07" and "p-07-unit" count).
fn next_number(prefix: &str, taken: &HashSet<String>) -> u32 {
    let mut max = 0;
    for id in taken {
        if let Some(rest) = id.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) {
            let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
            if let Ok(n) = digits.parse::<u32>() {
                max = max.max(n);
            }
        }
    }
    max + 1
}

/// The ids the drafts will get, in order.
pub fn assign_ids(drafts: &[Draft], prefix: &str, taken: &HashSet<String>) -> Vec<String> {
    let mut n = next_number(prefix, taken);
    let mut ids = Vec::with_capacity(drafts.len());
    let mut last_group: Option<usize> = None;
    let mut used: HashSet<String> = taken.clone();
    for (i, d) in drafts.iter().enumerate() {
        let same_group = d.group.is_some() && d.group == last_group;
        if i > 0 && !same_group {
            n += 1;
        }
        last_group = d.group;
        let mut id = match (&d.group, &d.owner) {
            (Some(_), Some(owner)) => format!("{prefix}-{n:02}-{owner}"),
            _ => format!("{prefix}-{n:02}"),
        };
        while used.contains(&id) {
            n += 1;
            id = format!("{prefix}-{n:02}");
        }
        used.insert(id.clone());
        ids.push(id);
    }
    ids
}

/// The `[source]` table and every directive: a whole new file.
pub fn new_file(
    p: &Proposal,
    prefix: &str,
    taken: &HashSet<String>,
    stamp: &Stamp,
    allow_unassigned: bool,
) -> String {
    let mut s = String::new();
    s.push_str("# Imported by dondoc; check the directives against the document.\n\n[source]\n");
    s.push_str(&format!("title = {}\n", quote(&p.source.title)));
    if let Some(d) = p.source.date {
        s.push_str(&format!("date = {d}\n"));
    }
    if let Some(r) = &p.source.reference {
        s.push_str(&format!("ref = {}\n", quote(r)));
    }
    if let Some(i) = &p.source.issued_by {
        s.push_str(&format!("issued_by = {}\n", quote(i)));
    }
    s.push_str(&directives(p, prefix, taken, stamp, allow_unassigned));
    s
}

/// The directives alone, to append to a file.
pub fn directives(
    p: &Proposal,
    prefix: &str,
    taken: &HashSet<String>,
    stamp: &Stamp,
    allow_unassigned: bool,
) -> String {
    let ids = assign_ids(&p.drafts, prefix, taken);
    let mut s = String::new();
    for (d, id) in p.drafts.iter().zip(ids) {
        s.push_str(&directive(
            d,
            &id,
            p.source.issued_by.as_deref(),
            stamp,
            allow_unassigned,
        ));
    }
    s
}

fn directive(
    d: &Draft,
    id: &str,
    default_issuer: Option<&str>,
    stamp: &Stamp,
    allow_unassigned: bool,
) -> String {
    let mut s = String::new();
    let status = d.status.unwrap_or(Status::Open);
    s.push_str("\n[[directive]]\n");
    s.push_str(&format!("id = {}\n", quote(id)));
    s.push_str(&format!("text = {}\n", quote(&d.text)));
    if let Some(o) = &d.owner {
        s.push_str(&format!("owner = {}\n", quote(o)));
    }
    if !d.support.is_empty() {
        s.push_str(&format!("support = {}\n", list(&d.support)));
    }
    if let Some(i) = d
        .issued_by
        .as_deref()
        .filter(|i| Some(*i) != default_issuer)
    {
        s.push_str(&format!("issued_by = {}\n", quote(i)));
    }
    if let Some(dl) = d.deadline {
        s.push_str(&format!("deadline = {dl}\n"));
    }
    s.push_str(&format!("status = {}\n", quote(status.as_str())));
    if status == Status::Done {
        if let Some(done) = d.done_on {
            s.push_str(&format!("done_on = {done}\n"));
        }
    }
    if let Some(n) = &d.note {
        s.push_str(&format!("note = {}\n", quote(&one_line(n))));
    }
    if d.owner.is_none() && allow_unassigned {
        s.push_str("draft = true\n");
    }
    for f in &d.flags {
        s.push_str(&format!(
            "# review: {}\n",
            one_line(&crate::i18n::cli::import_flag(stamp.lang, f))
        ));
    }
    s.push_str("\n[[directive.log]]\n");
    s.push_str(&format!(
        "at = {}\n",
        stamp.at.format("%Y-%m-%dT%H:%M:%S%:z")
    ));
    s.push_str(&format!("by = {}\n", quote(&stamp.by)));
    s.push_str("created = true\n");
    s.push_str(&format!("text = {}\n", quote(&d.text)));
    if let Some(o) = &d.owner {
        s.push_str(&format!("owner = {}\n", quote(o)));
    }
    if !d.support.is_empty() {
        s.push_str(&format!("support = {}\n", list(&d.support)));
    }
    if let Some(dl) = d.deadline {
        s.push_str(&format!("deadline = {dl}\n"));
    }
    s.push_str(&format!("status = {}\n", quote(status.as_str())));
    if status == Status::Done {
        if let Some(done) = d.done_on {
            s.push_str(&format!("done_on = {done}\n"));
        }
    }
    s
}

fn list(items: &[String]) -> String {
    format!(
        "[{}]",
        items
            .iter()
            .map(|i| quote(i))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

/// Control characters and line breaks out: a note is one line, and nothing from a document
/// reaches a terminal raw.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The id prefix of a file: its ids up to their last `-`, else the file's name.
pub fn prefix_of(file_stem: &str, ids: &[&str]) -> String {
    ids.iter()
        .filter_map(|id| id.rsplit_once('-').map(|(p, _)| p.to_string()))
        .next()
        .unwrap_or_else(|| slug(file_stem))
}

/// Lower-case ASCII words joined by `-`: a file name or id prefix from any text.
pub fn slug(s: &str) -> String {
    let f = crate::fold::fold(s);
    let mut out = String::new();
    for c in f.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "import".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_prefix_and_groups_share_a_number() {
        let taken: HashSet<String> = ["gb-2023-08-36".to_string()].into();
        let d = |owner: &str, group: Option<usize>| Draft {
            owner: Some(owner.into()),
            group,
            ..Draft::default()
        };
        let drafts = [
            d("a", None),
            d("ba-be", Some(1)),
            d("cho-don", Some(1)),
            d("b", None),
        ];
        assert_eq!(
            assign_ids(&drafts, "gb-2023-08", &taken),
            [
                "gb-2023-08-37",
                "gb-2023-08-38-ba-be",
                "gb-2023-08-38-cho-don",
                "gb-2023-08-39"
            ]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Thông báo 1234-TB/TU"), "thong-bao-1234-tb-tu");
        assert_eq!(prefix_of("x", &["gb-2023-08-01"]), "gb-2023-08");
        assert_eq!(prefix_of("Kết luận", &[]), "ket-luan");
    }
}
