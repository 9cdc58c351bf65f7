//! Every write path goes through the same guarded replace: refused while a git rebase or
//! merge is stopped, and a save another program makes between dondoc's last check and its
//! rename is kept (put back, then the write refused or applied on top).

use crate::store::common::*;
use dondoc::model::{Owner, Source, Status};
use dondoc::store::create::NewDirective;
use dondoc::store::delete::{write_delete, DeleteError};
use dondoc::store::edit::{apply, Change, LogOnly};
use dondoc::store::write::{
    test_hook, write_edits, write_log_only, write_new_directives, write_new_owner,
    write_new_source, Stage, WriteError,
};
use std::collections::BTreeMap;
use std::path::Path;

const FILE: &str = "2023/comments.toml";

fn blocked(id: &str) -> dondoc::store::edit::Edit {
    edit(
        id,
        Change {
            status: Some(Status::Blocked),
            ..Default::default()
        },
    )
}

fn new_directive(id: &str) -> NewDirective {
    NewDirective {
        id: id.into(),
        text: "Việc mới".into(),
        owner: "so-tc".into(),
        ..Default::default()
    }
}

fn new_owner(id: &str) -> Owner {
    Owner {
        id: id.into(),
        name: "Sở Mới".into(),
        short: None,
        group: "Sở, ngành".into(),
        aliases: vec![],
        addressee: None,
    }
}

/// Every file below `root` but git's, with its bytes.
fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if e.file_name() == ".git" {
                continue;
            }
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    walk(root, root, &mut out);
    out
}

#[test]
fn no_write_path_writes_while_a_git_merge_is_stopped() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    // A directive its author may still delete (created today by them), made before the merge.
    write_new_directives(&mut ws, FILE, &[new_directive("t-90")], "Tester", at()).unwrap();
    std::fs::create_dir_all(t.path(".git")).unwrap();
    std::fs::write(t.path(".git/MERGE_HEAD"), "0123456789abcdef\n").unwrap();
    let before = files(t.root());
    let git = |e: &WriteError| {
        matches!(e, WriteError::GitOperation(_)) && e.to_string().contains("git merge --abort")
    };

    let batch = write_edits(&mut ws, &[blocked("t-01"), blocked("t-03")]);
    assert!(batch.written.is_empty());
    assert_eq!(batch.refused.len(), 2);
    assert!(
        batch.refused.iter().all(|(_, e)| git(e)),
        "{:?}",
        batch.refused
    );

    let reminder = LogOnly::Reminder { reference: None };
    let e = write_log_only(&mut ws, &["t-01".into()], &reminder, "Tester", at()).unwrap_err();
    assert!(git(&e), "{e:?}");

    let e =
        write_new_directives(&mut ws, FILE, &[new_directive("t-91")], "Tester", at()).unwrap_err();
    assert!(git(&e), "{e:?}");

    let source = Source {
        title: "Họp mới".into(),
        date: Some(date("2023-10-15")),
        ..Default::default()
    };
    let e = write_new_source(&mut ws, "2023/moi.toml", &source).unwrap_err();
    assert!(git(&e), "{e:?}");

    let e = write_new_owner(&mut ws, &new_owner("so-moi")).unwrap_err();
    assert!(git(&e), "{e:?}");

    let e = write_delete(&ws, "t-90", "Tester", date("2023-10-15")).unwrap_err();
    assert!(matches!(e, DeleteError::GitOperation(_)), "{e:?}");

    assert_eq!(files(t.root()), before, "nothing was written");
}

/// Saves `next` the way editors do: a new file renamed over the old one.
fn save_atomically(path: &Path, next: &str) {
    let tmp = path.with_extension("editor-swp");
    std::fs::write(&tmp, next).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

/// Runs `write` with a hand save of `rel` (`change` applied to its text) landing right after
/// dondoc's last check, before its rename; returns what `write` returned and the hand save.
fn with_late_save<T>(
    t: &TestWs,
    rel: &str,
    change: impl Fn(&str) -> String + 'static,
    write: impl FnOnce() -> T,
) -> (T, String) {
    let path = t.path(rel);
    let hand = change(&t.read(rel));
    let saved = hand.clone();
    let mut done = false;
    let out = test_hook::with(
        move |at| {
            if at == Stage::Checked && !done {
                done = true;
                save_atomically(&path, &saved);
            }
        },
        write,
    );
    (out, hand)
}

#[test]
fn a_late_save_of_dondoc_toml_is_kept_under_a_new_unit() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let comment = |text: &str| format!("{text}\n# thêm tay\n");
    let (result, _) = with_late_save(&t, "dondoc.toml", comment, || {
        write_new_owner(&mut ws, &new_owner("so-moi"))
    });
    result.unwrap();
    let now = t.read("dondoc.toml");
    assert!(now.contains("# thêm tay"), "the hand save is kept:\n{now}");
    assert!(
        now.contains("id = \"so-moi\""),
        "and the unit added:\n{now}"
    );
    assert!(ws.owner("so-moi").is_some());
}

#[test]
fn a_late_save_of_dondoc_toml_that_drops_a_unit_refuses_the_new_unit() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let drop_cuc_thue = |text: &str| {
        replace_once(
            text,
            "[[owner]]\nid = \"cuc-thue\"\nname = \"Cục Thuế tỉnh\"\nshort = \"Cục Thuế\"\ngroup = \"Sở, ngành\"\n\n",
            "",
        )
    };
    let (result, hand) = with_late_save(&t, "dondoc.toml", drop_cuc_thue, || {
        write_new_owner(&mut ws, &new_owner("so-moi"))
    });
    let e = result.unwrap_err();
    assert!(
        matches!(&e, WriteError::Cut { missing, .. } if missing == &["cuc-thue"]),
        "{e:?}"
    );
    assert_eq!(
        t.read("dondoc.toml"),
        hand,
        "their save is on disk, untouched"
    );
}

#[test]
fn a_late_save_refuses_a_deletion_and_is_kept() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    write_new_directives(&mut ws, FILE, &[new_directive("t-90")], "Tester", at()).unwrap();
    let note = |text: &str| apply(text, &blocked("t-03")).unwrap();
    let (result, hand) = with_late_save(&t, FILE, note, || {
        write_delete(&ws, "t-90", "Tester", date("2023-10-15"))
    });
    let e = result.unwrap_err();
    assert!(matches!(e, DeleteError::Stale { .. }), "{e:?}");
    assert_eq!(t.read(FILE), hand);
    // Unchanged since read, the deletion goes through and takes only its directive.
    let ws = t.load();
    write_delete(&ws, "t-90", "Tester", date("2023-10-15")).unwrap();
    let ws = t.load();
    assert!(ws.directive("t-90").is_none());
    assert_eq!(ws.directive("t-03").unwrap().status, Status::Blocked);
}

#[test]
fn a_late_save_is_kept_under_new_directives_and_several_edits() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let theirs = |text: &str| apply(text, &blocked("t-03")).unwrap();
    let (result, _) = with_late_save(&t, FILE, theirs, || {
        write_new_directives(&mut ws, FILE, &[new_directive("t-90")], "Tester", at())
    });
    result.unwrap();
    let fresh = t.load();
    assert!(fresh.directive("t-90").is_some());
    assert_eq!(fresh.directive("t-03").unwrap().status, Status::Blocked);

    let mut ws = t.load();
    let theirs = |text: &str| {
        let e = dondoc::store::edit::Edit {
            by: "Trần Văn Khác".into(),
            ..edit(
                "t-03",
                Change {
                    note: Some(Some("Sửa tay".into())),
                    ..Default::default()
                },
            )
        };
        apply(text, &e).unwrap()
    };
    let done = Change {
        status: Some(Status::Done),
        done_on: Some(Some(date("2023-10-10"))),
        ..Default::default()
    };
    let (batch, _) = with_late_save(&t, FILE, theirs, || {
        write_edits(&mut ws, &[blocked("t-01"), edit("t-90", done)])
    });
    assert!(batch.refused.is_empty(), "{:?}", batch.refused);
    assert_eq!(batch.written.len(), 2);
    let fresh = t.load();
    assert_eq!(
        fresh.directive("t-03").unwrap().note.as_deref(),
        Some("Sửa tay")
    );
    assert_eq!(fresh.directive("t-01").unwrap().status, Status::Blocked);
    assert_eq!(fresh.directive("t-90").unwrap().status, Status::Done);
}
