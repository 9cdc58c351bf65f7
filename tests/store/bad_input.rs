//! Bad input: every problem is reported as `path:line:col: message`, and one broken file
//! never stops the rest from loading.

use crate::store::common::*;
use dondoc::model::Status;
use dondoc::store::edit::Change;
use dondoc::store::write::{write_edit, WriteError};
use dondoc::store::LoadError;

/// A directive at lines 5.. of a file starting with [`SOURCE`] (lines 1–3, blank line 4):
/// header 5, id 6, text 7, owner 8, then `extra` from line 9.
fn directive(id: &str, extra: &str) -> String {
    format!("{SOURCE}\n[[directive]]\nid = \"{id}\"\ntext = \"x\"\nowner = \"so-tc\"\n{extra}\n")
}

const GOOD: &str = "ok/good.toml";

/// Loads a workspace with one good file and `rel` holding `bytes`; checks the good file still
/// loaded, and returns the problems.
fn problems_with(rel: &str, bytes: &[u8]) -> (Vec<String>, Option<String>) {
    let t = TestWs::new();
    t.write(GOOD, &directive("good", "status = \"open\""));
    t.write_bytes(rel, bytes);
    let ws = t.load();
    assert!(ws.directive("good").is_some(), "the good file still loads");
    let broken = ws
        .files
        .iter()
        .find(|f| f.path == rel)
        .unwrap()
        .broken
        .as_ref()
        .map(|k| k.to_string());
    (problems(&ws), broken)
}

#[test]
fn a_file_that_does_not_parse() {
    let text =
        format!("{SOURCE}\n[[directive]]\nid = \"p\"\ntext = \"unterminated\nstatus = \"open\"\n");
    let (problems, broken) = problems_with("a/parse.toml", text.as_bytes());
    // The parser stops at the end of line 7, where the string should have been closed.
    assert_eq!(
        problems,
        ["a/parse.toml:7:21: TOML syntax: invalid basic string, expected `\"`"]
    );
    assert!(broken.is_some());
}

#[test]
fn a_duplicate_id_across_two_files_names_both_places() {
    let t = TestWs::new();
    t.write("a/one.toml", &directive("dup", "status = \"open\""));
    t.write(
        "b/two.toml",
        &directive("dup", "status = \"done\"\ndone_on = 2023-09-01"),
    );
    let ws = t.load();
    assert_eq!(
        problems(&ws),
        ["b/two.toml:6:6: duplicate id \"dup\": already used at a/one.toml:6:6"]
    );
    // The first one (in path order) is kept.
    assert_eq!(ws.directive("dup").unwrap().status, Status::Open);
    assert_eq!(ws.directives.len(), 1);
}

#[test]
fn a_duplicate_id_in_one_file() {
    let text = format!(
        "{}\n[[directive]]\nid = \"dup\"\ntext = \"again\"\nowner = \"so-tc\"\nstatus = \"open\"\n",
        directive("dup", "status = \"open\"")
    );
    let (problems, broken) = problems_with("a/one.toml", text.as_bytes());
    assert_eq!(
        problems,
        ["a/one.toml:12:6: duplicate id \"dup\": already used at a/one.toml:6:6"]
    );
    assert_eq!(broken, None);
}

#[test]
fn unknown_owner_and_support_units() {
    let text = format!(
        "{SOURCE}\n[[directive]]\nid = \"o\"\ntext = \"x\"\nowner = \"nobody\"\n\
         support = [\"ba-be\", \"ghost\"]\nstatus = \"open\"\n"
    );
    let (problems, _) = problems_with("c/owner.toml", text.as_bytes());
    assert_eq!(
        problems,
        [
            "c/owner.toml:8:9: unknown owner \"nobody\": not in dondoc.toml",
            "c/owner.toml:9:21: unknown support unit \"ghost\": not in dondoc.toml",
        ]
    );
}

#[test]
fn an_unknown_status() {
    let (problems, _) = problems_with(
        "c/status.toml",
        directive("s", "status = \"finished\"").as_bytes(),
    );
    assert_eq!(
        problems,
        ["c/status.toml:9:10: unknown status \"finished\": expected open, in_progress, blocked, done or cancelled"]
    );
}

#[test]
fn done_without_done_on_and_done_on_without_done() {
    let text = format!(
        "{}\n[[directive]]\nid = \"x2\"\ntext = \"x\"\nowner = \"so-tc\"\nstatus = \"open\"\ndone_on = 2023-09-01\n",
        directive("dn", "status = \"done\"")
    );
    let (problems, _) = problems_with("c/done.toml", text.as_bytes());
    assert_eq!(
        problems,
        [
            "c/done.toml:9:10: directive \"dn\" is done but has no done_on date",
            "c/done.toml:16:11: directive \"x2\" has done_on but its status is open, not done",
        ]
    );
}

#[test]
fn an_impossible_date_is_refused_by_the_toml_parser() {
    // toml's own date check rejects 2023-02-30, so the whole file does not parse: the
    // position is the parser's (the start of the value).
    let (problems, broken) = problems_with(
        "c/date.toml",
        directive("dt", "deadline = 2023-02-30\nstatus = \"open\"").as_bytes(),
    );
    assert_eq!(
        problems,
        ["c/date.toml:9:12: TOML syntax: invalid date, expected day between 01 and 28"]
    );
    assert!(broken.is_some());
}

#[test]
fn a_date_written_as_a_string_or_a_datetime() {
    let text = directive(
        "ds",
        "deadline = \"2023-10-01\"\nstatus = \"done\"\ndone_on = 2023-10-01T10:00:00",
    );
    let (problems, _) = problems_with("c/date.toml", text.as_bytes());
    assert_eq!(
        problems,
        [
            "c/date.toml:9:12: deadline must be a date like 2023-09-30, found a string: write it without quotes, deadline = 2023-10-01",
            "c/date.toml:11:11: done_on must be a date like 2023-09-30, not a date-time (2023-10-01T10:00:00)",
        ]
    );
}

#[test]
fn git_conflict_markers() {
    let text = directive(
        "cf",
        "<<<<<<< HEAD\nstatus = \"open\"\n=======\nstatus = \"done\"\n>>>>>>> x",
    );
    let (problems, broken) = problems_with("c/conflict.toml", text.as_bytes());
    assert_eq!(
        problems,
        ["c/conflict.toml:9:1: git conflict marker: resolve the merge conflict in this file"]
    );
    assert!(broken.is_some());
}

#[test]
fn invalid_utf8() {
    let (problems, broken) = problems_with("c/utf8.toml", b"[source]\ntitle = \"Giao ban \xff\"\n");
    assert_eq!(
        problems,
        ["c/utf8.toml:2:19: invalid UTF-8: save the file as UTF-8"]
    );
    assert!(broken.is_some());
}

#[test]
fn an_empty_file() {
    let (problems, _) = problems_with("c/empty.toml", b"");
    assert_eq!(
        problems,
        ["c/empty.toml:1:1: empty file: a directive file needs [source] and [[directive]]"]
    );
    let (problems, _) = problems_with("c/blank.toml", b"\n  \n");
    assert_eq!(
        problems,
        ["c/blank.toml:1:1: empty file: a directive file needs [source] and [[directive]]"]
    );
    // Only comments is as empty as nothing at all.
    let (problems, _) = problems_with("c/notes.toml", b"# to do: the October meeting\r\n");
    assert_eq!(
        problems,
        ["c/notes.toml:1:1: empty file: a directive file needs [source] and [[directive]]"]
    );
}

#[test]
fn every_bad_file_at_once_still_loads_the_good_one() {
    let t = TestWs::new();
    t.write(GOOD, &directive("good", "status = \"open\""));
    t.write("a.toml", "[[directive]\n");
    t.write_bytes("b.toml", b"\xfe\xff");
    t.write("c.toml", "<<<<<<< ours\n");
    t.write("d.toml", "");
    t.write("e.toml", &directive("e", "status = 1"));
    let ws = t.load();
    assert_eq!(ws.files.len(), 6);
    assert_eq!(ws.directives.len(), 1);
    assert_eq!(problems(&ws).len(), 5, "{:#?}", problems(&ws));
    assert!(ws.directive("good").is_some());
}

#[test]
fn a_missing_dondoc_toml() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("x.toml"),
        directive("x", "status = \"open\""),
    )
    .unwrap();
    let err = dondoc::store::load(dir.path()).unwrap_err();
    assert!(matches!(&err, LoadError::NoConfig(p) if p == dir.path()));
    assert_eq!(
        err.to_string(),
        format!(
            "{0} has no dondoc.toml: not a dondoc workspace (create one with `dondoc init {0}`)",
            dir.path().display()
        )
    );
    let missing = dir.path().join("nowhere");
    assert!(matches!(
        dondoc::store::load(&missing),
        Err(LoadError::NoConfig(_))
    ));
    let file = dir.path().join("x.toml");
    assert!(matches!(
        dondoc::store::load(&file),
        Err(LoadError::NotAFolder(_))
    ));
}

#[test]
fn a_broken_dondoc_toml_is_reported_and_directive_files_still_load() {
    let t = TestWs::new();
    t.write(
        "dondoc.toml",
        "title = \"T\"\n\n[[owner]]\nid = \"so-tc\nname = \"x\"\n",
    );
    t.write(GOOD, &directive("good", "status = \"open\""));
    t.write("x.toml", &format!("{SOURCE}\n[[directive]]\nid = \"x\"\ntext = \"x\"\nowner = \"unregistered\"\nstatus = \"open\"\n"));
    let ws = t.load();
    assert!(ws.config_broken);
    // Only the config's problem: with no owner list, owner ids are not checked.
    assert_eq!(
        problems(&ws),
        ["dondoc.toml:4:12: TOML syntax: invalid basic string, expected `\"`"]
    );
    assert_eq!(ws.directives.len(), 2);
    assert!(ws.owners.is_empty());
}

#[test]
fn problems_in_dondoc_toml_have_positions() {
    let t = TestWs::new();
    t.write(
        "dondoc.toml",
        "title = \"T\"\ndue_soon_days = -1\n\n[[owner]]\nid = \"a\"\nname = \"A\"\n\n[[owner]]\nid = \"a\"\nname = \"B\"\ncolour = \"red\"\n",
    );
    let ws = t.load();
    assert_eq!(
        problems(&ws),
        [
            "dondoc.toml:2:17: due_soon_days must be a number of days from 0 to 3650",
            "dondoc.toml:11:1: unknown key \"colour\" in an owner (expected one of: id, name, short, group, aliases, addressee)",
            "dondoc.toml:9:6: duplicate owner id \"a\": already used at dondoc.toml:5:6",
        ]
    );
}

#[test]
fn a_read_only_file_is_not_written() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestWs::new();
    t.write("x.toml", &directive("x", "status = \"open\""));
    let before = t.read_bytes("x.toml");
    std::fs::set_permissions(t.path("x.toml"), std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut ws = t.load();
    let e = edit(
        "x",
        Change {
            status: Some(Status::Done),
            done_on: Some(Some(date("2023-10-15"))),
            ..Default::default()
        },
    );
    // CI runs as root, who may write anything: the permission bits alone must stop the write.
    let err = write_edit(&mut ws, &e).unwrap_err();
    assert!(
        matches!(&err, WriteError::ReadOnly { path } if path == "x.toml"),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "x.toml: the file is read-only; nothing was written"
    );
    assert_eq!(t.read_bytes("x.toml"), before);
    let mode = std::fs::metadata(t.path("x.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o444);
    assert_eq!(ws.directive("x").unwrap().status, Status::Open);
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(t.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

#[test]
fn a_write_keeps_the_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestWs::new();
    t.write("x.toml", &directive("x", "status = \"open\""));
    std::fs::set_permissions(t.path("x.toml"), std::fs::Permissions::from_mode(0o640)).unwrap();
    let mut ws = t.load();
    let e = edit(
        "x",
        Change {
            status: Some(Status::Blocked),
            ..Default::default()
        },
    );
    write_edit(&mut ws, &e).unwrap();
    let mode = std::fs::metadata(t.path("x.toml"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn a_directive_of_a_broken_file_cannot_be_edited_and_the_file_stays() {
    let t = TestWs::new();
    t.write(GOOD, &directive("good", "status = \"open\""));
    let broken = directive("bad", "status = \"open\"\n<<<<<<< HEAD");
    t.write("bad.toml", &broken);
    let mut ws = t.load();
    let e = edit(
        "bad",
        Change {
            status: Some(Status::Done),
            ..Default::default()
        },
    );
    assert!(matches!(
        write_edit(&mut ws, &e),
        Err(WriteError::UnknownId(_))
    ));
    assert_eq!(t.read("bad.toml"), broken);
    // The good file in the same workspace is still written.
    let e = edit("good", e.change.clone());
    write_edit(&mut ws, &e).unwrap();
    assert!(t.read(GOOD).contains("status = \"done\""));
}

#[test]
fn nothing_to_change_and_unknown_id() {
    let t = TestWs::new();
    t.write("x.toml", &directive("x", "status = \"open\""));
    let mut ws = t.load();
    let err = write_edit(&mut ws, &edit("x", Change::default())).unwrap_err();
    assert!(matches!(err, WriteError::NothingToChange { .. }));
    let err = write_edit(&mut ws, &edit("nope", Change::default())).unwrap_err();
    assert_eq!(err.to_string(), "no directive with id \"nope\"");
}

#[test]
fn a_directive_written_as_an_inline_table_loads_and_an_edit_says_why_it_cannot() {
    let t = TestWs::new();
    let text = format!(
        "directive = [\n  {{ id = \"inl\", text = \"x\", owner = \"so-tc\", status = \"open\" }},\n]\n{SOURCE}"
    );
    t.write("inline.toml", &text);
    let mut ws = t.load();
    assert_eq!(ws.directive("inl").unwrap().status, Status::Open);
    let change = Change {
        status: Some(Status::Done),
        ..Change::default()
    };
    let err = write_edit(&mut ws, &edit("inl", change)).unwrap_err();
    assert!(
        err.to_string().contains("inline table") && err.to_string().contains("[[directive]]"),
        "{err}"
    );
    assert_eq!(t.read("inline.toml"), text, "nothing written");
}

#[test]
fn a_file_over_twenty_megabytes_is_refused_with_a_clear_message() {
    let t = TestWs::new();
    t.write("ok.toml", &directive("x", "status = \"open\""));
    // A sparse file: its size without the disk space.
    let f = std::fs::File::create(t.path("huge.toml")).unwrap();
    f.set_len(21 * 1024 * 1024).unwrap();
    let ws = t.load();
    assert_eq!(ws.directives.len(), 1);
    let problems: Vec<String> = ws.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        ["huge.toml:1:1: cannot read: the file is 21 MB, more than the 20 MB dondoc reads; not read"]
    );
}

#[test]
fn what_the_format_calls_malformed_is_a_problem() {
    let cases: [(&str, String, &str); 5] = [
        (
            "nodate.toml",
            "[source]\ntitle = \"Giao ban\"\n\n[[directive]]\nid = \"a-1\"\ntext = \"x\"\nowner = \"so-tc\"\nstatus = \"open\"\n".to_string(),
            "nodate.toml:1:1: [source] has no date",
        ),
        (
            "bare.toml",
            directive("b-1", "status = \"open\"\n\n[[directive.log]]\nat = 2023-09-15\nby = \"A\"\nnote = \"x\""),
            "found a date without a time",
        ),
        (
            "local.toml",
            directive("l-1", "status = \"open\"\n\n[[directive.log]]\nat = 2023-09-15T09:30:00\nby = \"A\"\nnote = \"x\""),
            "found a date-time without its UTC offset",
        ),
        (
            "time.toml",
            directive("t-1", "status = \"open\"\n\n[[directive.log]]\nat = 09:30:00\nby = \"A\"\nnote = \"x\""),
            "found a time without a date",
        ),
        (
            "ok.toml",
            directive("o-1", "status = \"open\"\n\n[[directive.log]]\nat = 2023-09-15T09:30:00+07:00\nby = \"A\"\nnote = \"x\""),
            "",
        ),
    ];
    for (rel, text, expected) in cases {
        let (problems, _) = problems_with(rel, text.as_bytes());
        if expected.is_empty() {
            assert!(problems.is_empty(), "{rel}: {problems:?}");
        } else {
            assert!(
                problems.iter().any(|p| p.contains(expected)),
                "{rel}: {problems:?}"
            );
        }
    }
    // Owner ids are a-z, 0-9 and '-'.
    let t = TestWs::new();
    t.write(
        "dondoc.toml",
        "title = \"T\"\n[[owner]]\nid = \"So-TC\"\nname = \"Sở Tài chính\"\ngroup = \"G\"\n",
    );
    let ws = t.load();
    assert!(
        ws.problems
            .iter()
            .any(|p| p.to_string().contains("invalid owner id \"So-TC\"")),
        "{:?}",
        ws.problems
    );
}
