//! The file changed on disk between load and write (another office's push, a hand edit).

use crate::store::common::*;
use dondoc::model::Status;
use dondoc::store::edit::{apply, Change, Edit};
use dondoc::store::write::{write_edit, WriteError};

const FILE: &str = "2023/comments.toml";

fn other_writer(id: &str, note: &str) -> Edit {
    Edit {
        by: "Trần Văn Khác".into(),
        ..edit(
            id,
            Change {
                note: Some(Some(note.into())),
                ..Default::default()
            },
        )
    }
}

fn ours(id: &str) -> Edit {
    edit(
        id,
        Change {
            status: Some(Status::Blocked),
            ..Default::default()
        },
    )
}

#[test]
fn an_edit_to_another_directive_keeps_both_changes() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let original = t.read(FILE);
    // Another writer changes t-03 after we loaded.
    let theirs = apply(&original, &other_writer("t-03", "Sửa tay")).unwrap();
    t.write(FILE, &theirs);

    let written = write_edit(&mut ws, &ours("t-01")).unwrap();
    assert!(written.rebased, "the edit was re-applied on the new file");
    let expected = apply(&theirs, &ours("t-01")).unwrap();
    assert_eq!(t.read(FILE), expected);
    // Both changes are in the file and in the workspace.
    assert!(expected.contains("by = \"Trần Văn Khác\"\nnote = \"Sửa tay\""));
    assert_eq!(ws.directive("t-01").unwrap().status, Status::Blocked);
    assert_eq!(
        ws.directive("t-03").unwrap().note.as_deref(),
        Some("Sửa tay")
    );
}

#[test]
fn an_edit_to_the_same_directive_is_refused_and_theirs_is_kept() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let original = t.read(FILE);
    let theirs = apply(&original, &other_writer("t-01", "Họ đã sửa")).unwrap();
    t.write(FILE, &theirs);

    let err = write_edit(&mut ws, &ours("t-01")).unwrap_err();
    assert!(
        matches!(&err, WriteError::Stale { path, id, by } if path == FILE && id == "t-01"
            && by.as_deref() == Some("Trần Văn Khác")),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "2023/comments.toml: directive \"t-01\" was changed on disk by Trần Văn Khác since it \
         was read; not written (reload to see the new version)"
    );
    assert_eq!(
        dondoc::i18n::store::write_error(dondoc::i18n::Lang::Vi, &err),
        "2023/comments.toml: nhiệm vụ \"t-01\" đã bị sửa trên đĩa bởi Trần Văn Khác sau khi \
         đọc; không ghi (tải lại để xem bản mới)"
    );
    assert_eq!(
        t.read(FILE),
        theirs,
        "the other writer's change stays, byte for byte"
    );
    // The workspace now shows what is on disk.
    let d = ws.directive("t-01").unwrap();
    assert_eq!(d.note.as_deref(), Some("Họ đã sửa"));
    assert_eq!(d.status, Status::InProgress);
    // Now that it has been re-read, the same edit goes through on top of theirs.
    write_edit(&mut ws, &ours("t-01")).unwrap();
    assert_eq!(t.read(FILE), apply(&theirs, &ours("t-01")).unwrap());
}

#[test]
fn a_hand_edit_without_a_log_entry_is_refused_without_an_author() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let original = t.read(FILE);
    let theirs = original.replace("Ongoing task", "Ongoing task, reworded");
    t.write(FILE, &theirs);
    let err = write_edit(&mut ws, &ours("t-03")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2023/comments.toml: directive \"t-03\" was changed on disk since it was read; not \
         written (reload to see the new version)"
    );
    assert_eq!(t.read(FILE), theirs);
}

#[test]
fn a_directive_removed_on_disk_is_not_written() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let original = t.read(FILE);
    let cut = original.find("# Comment about t-03").unwrap();
    let theirs = &original[..cut];
    t.write(FILE, theirs);
    let err = write_edit(&mut ws, &ours("t-03")).unwrap_err();
    assert!(matches!(err, WriteError::Gone { .. }), "{err:?}");
    assert_eq!(t.read(FILE), theirs);
    assert!(
        ws.directive("t-03").is_none(),
        "the workspace follows the disk"
    );
}

#[test]
fn conflict_markers_on_disk_after_a_pull_are_never_written() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let original = t.read(FILE);
    let theirs = original.replace(
        "status = \"open\"\n",
        "<<<<<<< HEAD\nstatus = \"open\"\n=======\nstatus = \"done\"\n>>>>>>> origin/main\n",
    );
    t.write(FILE, &theirs);
    let err = write_edit(&mut ws, &ours("t-01")).unwrap_err();
    assert!(
        matches!(&err, WriteError::Broken { path, reason, .. } if path == FILE && reason.to_string().contains("conflict")),
        "{err:?}"
    );
    assert_eq!(t.read(FILE), theirs);
    // The workspace shows the file as broken now, with the marker's position; its last good
    // directives stay on screen, and no edit of them is written until the file is fixed.
    let file = ws.files.iter().find(|f| f.path == FILE).unwrap();
    assert!(file.broken.is_some());
    assert_eq!(
        problems(&ws),
        ["2023/comments.toml:49:1: git conflict marker: resolve the merge conflict in this file"]
    );
    assert!(ws.directive("t-03").is_some());
    let err = write_edit(&mut ws, &ours("t-03")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "2023/comments.toml:49:1: not written, the file is broken (git conflict marker: resolve the \
         merge conflict in this file); fix it by hand first"
    );
    assert_eq!(t.read(FILE), theirs);
    // Once fixed on disk, the file loads and takes edits again.
    t.write(FILE, &original);
    ws.reload_file(FILE);
    write_edit(&mut ws, &ours("t-03")).unwrap();
    assert_eq!(t.read(FILE), apply(&original, &ours("t-03")).unwrap());
}
