//! A write by an id that several directives share is refused by the store itself, whatever
//! the front end: the edit could otherwise land on another directive than the one meant.

use crate::store::common::*;
use dondoc::model::Status;
use dondoc::store::edit::{Change, LogOnly};
use dondoc::store::write::{
    write_edit, write_edits, write_log_only, write_to_disk_within, WriteError,
};
use std::time::Duration;

fn directive(id: &str, text: &str) -> String {
    format!(
        "\n[[directive]]\nid = \"{id}\"\ntext = \"{text}\"\nowner = \"ba-be\"\nstatus = \"open\"\n"
    )
}

fn blocked(id: &str) -> dondoc::store::edit::Edit {
    edit(
        id,
        Change {
            status: Some(Status::Blocked),
            ..Default::default()
        },
    )
}

/// The places a refusal names, as `path:line:col`.
fn places(e: &WriteError) -> Vec<String> {
    match e {
        WriteError::DuplicateId { places, .. } => places
            .iter()
            .map(|p| format!("{}:{}:{}", p.path, p.line, p.col))
            .collect(),
        other => panic!("not a duplicate-id refusal: {other:?}"),
    }
}

#[test]
fn every_write_path_refuses_an_id_used_twice_and_writes_nothing() {
    let t = TestWs::new();
    t.write(
        "a.toml",
        &format!("{SOURCE}{}{}", directive("x-1", "A"), directive("x-2", "B")),
    );
    t.write("b.toml", &format!("{SOURCE}{}", directive("x-1", "C")));
    let before = (t.read("a.toml"), t.read("b.toml"));
    let mut ws = t.load();
    let both = ["a.toml:6:6", "b.toml:6:6"];

    let e = write_edit(&mut ws, &blocked("x-1")).unwrap_err();
    assert_eq!(places(&e), both);
    let en = e.to_string();
    assert!(en.contains("a.toml:6:6, b.toml:6:6"), "{en}");
    assert!(en.contains("fix the duplicate first"), "{en}");
    let vi = dondoc::i18n::store::write_error(dondoc::i18n::Lang::Vi, &e);
    assert!(vi.contains("a.toml:6:6, b.toml:6:6"), "{vi}");
    assert!(vi.contains("hãy sửa chỗ trùng mã trước"), "{vi}");

    // The UI's write, and several edits at once: the other edits still go through.
    let e = write_to_disk_within(&ws, &blocked("x-1"), Duration::from_millis(300)).unwrap_err();
    assert_eq!(places(&e), both);
    let batch = write_edits(&mut ws, &[blocked("x-1")]);
    assert!(batch.written.is_empty());
    assert_eq!(places(&batch.refused[0].1), both);
    let reminder = LogOnly::Reminder { reference: None };
    let e = write_log_only(&mut ws, &["x-1".into()], &reminder, "Tester", at()).unwrap_err();
    assert_eq!(places(&e), both);
    assert_eq!((t.read("a.toml"), t.read("b.toml")), before);

    // An id used once is written as usual.
    write_edit(&mut ws, &blocked("x-2")).unwrap();
    assert!(t.read("a.toml").contains("status = \"blocked\""));
}

#[test]
fn a_duplicate_seen_by_a_reload_after_the_load_refuses_the_write() {
    // The UI loaded the workspace while the id was used once (in b.toml); then a pull brought
    // a.toml with the same id, which the watcher reloaded.
    let t = TestWs::new();
    t.write("b.toml", &format!("{SOURCE}{}", directive("x-1", "B")));
    let mut ws = t.load();
    t.write("a.toml", &format!("{SOURCE}{}", directive("x-1", "A")));
    ws.reload_file("a.toml");
    let before = (t.read("a.toml"), t.read("b.toml"));
    let e = write_edit(&mut ws, &blocked("x-1")).unwrap_err();
    assert_eq!(places(&e), ["a.toml:6:6", "b.toml:6:6"]);
    assert_eq!((t.read("a.toml"), t.read("b.toml")), before);
}

#[test]
fn a_copy_of_the_directive_saved_above_it_since_the_load_refuses_the_write() {
    // Someone pasted a copy of x-1 above it in the same file after dondoc read it: the edit
    // would land on the copy.
    let t = TestWs::new();
    t.write("a.toml", &format!("{SOURCE}{}", directive("x-1", "A")));
    let ws = t.load();
    let copied = format!("{SOURCE}{}{}", directive("x-1", "A"), directive("x-1", "A"));
    t.write("a.toml", &copied);
    let e = write_to_disk_within(&ws, &blocked("x-1"), Duration::from_millis(300)).unwrap_err();
    assert_eq!(places(&e), ["a.toml:6:6", "a.toml:12:6"]);
    assert_eq!(t.read("a.toml"), copied);
}
