//! Random edits on the sample file: every line outside the edited directive stays byte for
//! byte, inside it only the touched keys change and the log grows by one entry, and the
//! result loads back with the new values.

use crate::store::common::*;
use chrono::NaiveDate;
use dondoc::model::Status;
use dondoc::store::edit::{apply, Change};
use dondoc::store::load::load_file;
use proptest::prelude::*;
use std::collections::HashSet;

fn sample_text() -> String {
    std::fs::read_to_string(sample().join(SAMPLE_FILE)).unwrap()
}

fn owners() -> HashSet<String> {
    dondoc::store::load(&sample())
        .unwrap()
        .owners
        .into_iter()
        .map(|o| o.id)
        .collect()
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn day() -> impl Strategy<Value = NaiveDate> {
    (0i64..730).prop_map(|n| date("2023-01-01") + chrono::Duration::days(n))
}

/// Notes with what needs care in TOML: quotes, backslashes, line breaks, tabs, control
/// characters, `#`, brackets, Vietnamese letters and combining marks.
fn note() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễđĐưƯơ\u{0301}\u{0323}\"'\\\\\n\r\t\u{7}#=\\[\\]{}.,;:-]{0,40}"
}

fn change() -> impl Strategy<Value = Change> {
    (
        prop::option::of(status()),
        prop::option::of(prop::option::of(day())),
        prop::option::of(prop::option::of(day())),
        prop::option::of(prop::option::of(note())),
    )
        .prop_map(|(status, done_on, deadline, note)| Change {
            status,
            done_on,
            deadline,
            note,
            ..Change::default()
        })
}

/// The lines of one directive: from its header to the blank or comment lines before the
/// next directive's header (those belong to the next one).
fn region(lines: &[&str], header: usize) -> (usize, usize) {
    let mut end = lines[header + 1..]
        .iter()
        .position(|l| *l == "[[directive]]")
        .map_or(lines.len(), |i| header + 1 + i);
    while end > header + 1 && (lines[end - 1].is_empty() || lines[end - 1].starts_with('#')) {
        end -= 1;
    }
    (header, end)
}

fn touched_keys(c: &Change) -> Vec<&'static str> {
    let mut keys = Vec::new();
    if c.status.is_some() {
        keys.push("status = ");
    }
    if c.deadline.is_some() {
        keys.push("deadline = ");
    }
    if c.done_on.is_some() {
        keys.push("done_on = ");
    }
    if c.note.is_some() {
        keys.push("note = ");
    }
    // Written once, the first time a deadline changes.
    if c.first_deadline.is_some() {
        keys.push("first_deadline = ");
    }
    keys
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_edits_touch_only_their_lines(index in 1usize..=36, asked in change(), today in day()) {
        let text = sample_text();
        let owners = owners();
        let id = format!("gb-2023-08-{index:02}");
        let before = load_file(SAMPLE_FILE, Ok(text.clone().into_bytes()), Some(&owners));
        let current = before.directives.iter().find(|d| d.id == id).unwrap().clone();
        // What the CLI and the UI do: resolve the asked change against the directive.
        let change = asked.resolve(&current, today);
        prop_assume!(!change.is_empty());
        let out = apply(&text, &edit(&id, change.clone())).unwrap();

        // Lines outside the directive: identical.
        let old: Vec<&str> = text.split('\n').collect();
        let new: Vec<&str> = out.split('\n').collect();
        let (start, end) = region(&old, current.line - 1);
        let suffix = old.len() - end;
        prop_assert_eq!(&new[..start], &old[..start]);
        prop_assert_eq!(&new[new.len() - suffix..], &old[end..]);

        // Inside it: the directive's own keys change only where touched; the log entries
        // before stay; what follows them is the one new entry.
        let split = |lines: &[&'static str]| -> (Vec<&'static str>, Vec<&'static str>) {
            let at = lines.iter().position(|l| *l == "[[directive.log]]").unwrap_or(lines.len());
            let own = lines[..at].iter().copied().filter(|l| !l.is_empty()).collect();
            (own, lines[at..].to_vec())
        };
        let old_region: Vec<&'static str> = old[start..end].iter().map(|l| &*l.to_string().leak()).collect();
        let new_region: Vec<&'static str> = new[start..new.len() - suffix].iter().map(|l| &*l.to_string().leak()).collect();
        let (old_own, old_log) = split(&old_region);
        let (new_own, new_log) = split(&new_region);
        let touched = touched_keys(&change);
        let untouched = |own: &[&str]| -> Vec<String> {
            own.iter().filter(|l| !touched.iter().any(|k| l.starts_with(k))).map(|l| l.to_string()).collect()
        };
        prop_assert_eq!(untouched(&new_own), untouched(&old_own));
        prop_assert!(new_log.len() > old_log.len());
        prop_assert_eq!(&new_log[..old_log.len()], &old_log[..]);
        let added: Vec<&str> = new_log[old_log.len()..].iter().copied().filter(|l| !l.is_empty()).collect();
        prop_assert_eq!(added[0], "[[directive.log]]");
        for line in &added[1..] {
            let key = line.split(" = ").next().unwrap();
            prop_assert!(["at", "by", "status", "deadline", "done_on", "note", "cleared"].contains(&key), "{}", line);
        }
        // Every written value is on one line: each line is a whole `key = value` by itself.
        for line in new_own.iter().chain(&added[1..]) {
            prop_assert!(line.parse::<toml_edit::DocumentMut>().is_ok(), "{}", line);
        }

        // It loads back, with the new values and no new problem.
        let after = load_file(SAMPLE_FILE, Ok(out.into_bytes()), Some(&owners));
        prop_assert_eq!(&after.file.broken, &None);
        // No new problem; only the warning about a note on several lines may come or go
        // with a note set.
        let multi_line = change.note.is_some();
        let errors = |f: &dondoc::store::load::FileLoad| -> Vec<_> {
            f.file.problems.iter().filter(|p| {
                !(multi_line && p.kind == dondoc::model::ProblemKind::MultiLineNote(id.clone()))
            }).cloned().collect()
        };
        prop_assert_eq!(errors(&after), errors(&before));
        prop_assert_eq!(after.directives.len(), before.directives.len());
        let d = after.directives.iter().find(|d| d.id == id).unwrap();
        prop_assert_eq!(d.status, change.status.unwrap_or(current.status));
        prop_assert_eq!(d.deadline, change.deadline.unwrap_or(current.deadline));
        prop_assert_eq!(d.done_on, change.done_on.unwrap_or(current.done_on));
        prop_assert_eq!(&d.note, change.note.as_ref().unwrap_or(&current.note));
        prop_assert_eq!(d.log.len(), current.log.len() + 1);
        let entry = d.log.last().unwrap();
        prop_assert_eq!(entry.by.as_str(), "Tester");
        prop_assert_eq!(entry.at, Some(at()));
        prop_assert_eq!(entry.status, change.status);
        // Every other directive is as it was.
        for (a, b) in before.directives.iter().zip(&after.directives) {
            if a.id != id {
                prop_assert!(a.same_content(b), "{} changed", a.id);
            }
        }
    }
}
