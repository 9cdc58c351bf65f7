//! A proposal made into the store's new directives: ids by the format's rule (the file's
//! prefix and the next free number; a task given to several units gets one number and each
//! unit's id), and the text of a new file as the store writes it (`created = true` log
//! entries). Pure.

use super::{Draft, Proposal};
use crate::model::Source;
use crate::store::create::{self, NewDirective};
use crate::store::edit::ApplyError;
use chrono::{DateTime, FixedOffset};
use std::collections::HashSet;

/// Who writes and when, for the log entries.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub by: String,
    pub at: DateTime<FixedOffset>,
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

/// The drafts as the store's new directives, with their ids. A task with no lead unit is a
/// draft (`draft = true`), which the command line writes only when asked to.
pub fn to_new(p: &Proposal, ids: &[String]) -> Vec<NewDirective> {
    p.drafts
        .iter()
        .zip(ids)
        .map(|(d, id)| NewDirective {
            id: id.clone(),
            text: one_line(&d.text),
            owner: d.owner.clone().unwrap_or_default(),
            support: d.support.clone(),
            // The file's [source] issued_by stands for the directives that have none.
            issued_by: d
                .issued_by
                .as_deref()
                .map(one_line)
                .filter(|i| Some(i) != p.source.issued_by.as_ref()),
            deadline: d.deadline,
            note: d.note.as_deref().map(one_line),
            status: d.status,
            done_on: d.done_on,
            draft: d.owner.is_none(),
        })
        .collect()
}

/// The text of a new directive file: the proposal's `[source]` and the directives, as the
/// store writes them.
pub fn new_file(p: &Proposal, new: &[NewDirective], stamp: &Stamp) -> Result<String, ApplyError> {
    let source = clean_source(&p.source);
    create::append_directives(&create::source_file_text(&source), new, &stamp.by, stamp.at)
}

/// The source with every field on one line, control characters out.
pub fn clean_source(s: &Source) -> Source {
    Source {
        title: one_line(&s.title),
        date: s.date,
        reference: s.reference.as_deref().map(one_line),
        issued_by: s.issued_by.as_deref().map(one_line),
    }
}

/// One line of text safe to store and show: line breaks, tabs and other controls become
/// spaces, invisible characters (zero-width, bidi controls) go, runs of spaces are one.
pub fn one_line(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') {
                Some(' ')
            } else if crate::term_text::is_unsafe(c) {
                None
            } else {
                Some(c)
            }
        })
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
    fn one_line_keeps_nothing_a_terminal_would_obey() {
        assert_eq!(
            one_line("a\u{1b}[31mb\tc\nd\u{200b}e\u{202e}f"),
            "a [31mb c def"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Thông báo 1234-TB/TU"), "thong-bao-1234-tb-tu");
        assert_eq!(prefix_of("x", &["gb-2023-08-01"]), "gb-2023-08");
        assert_eq!(prefix_of("Kết luận", &[]), "ket-luan");
    }
}
