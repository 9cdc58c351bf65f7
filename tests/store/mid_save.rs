//! `set`'s load of the one file that holds a directive, while another program saves that
//! file in place (truncate, then write): the file read empty or cut is read again once the
//! save is over, and a save that does not end is said as such, never as an unknown id.

use crate::store::common::*;
use dondoc::model::Status;
use dondoc::store::edit::Change;
use dondoc::store::load::load_for_edit_observed;
use dondoc::store::write::write_edit;
use dondoc::store::LoadError;
use std::io::Write;
use std::time::SystemTime;

const FILE: &str = "2023/comments.toml";

/// The file as a save in place leaves it half-way: the part before t-03's id.
fn cut(full: &str) -> &str {
    &full[..full.find("id = \"t-03\"").unwrap()]
}

#[test]
fn a_file_read_cut_by_a_save_in_place_is_read_again_once_the_save_is_over() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let full = t.read(FILE);
    t.write(FILE, cut(&full));
    let cache = t.dir.path().join("cache.bin");
    let mut looked_again = 0;
    let (mut ws, _) = load_for_edit_observed(
        t.root(),
        "t-03",
        Some(&cache),
        SystemTime::now(),
        &mut || {
            looked_again += 1;
            // The other program writes the rest of the file.
            t.write(FILE, &full);
        },
    )
    .unwrap();
    assert_eq!(looked_again, 1);
    assert_eq!(
        ws.directive("t-03").map(|d| ws.file_of(d).path.as_str()),
        Some(FILE)
    );
    // The edit lands on the whole file.
    let change = Change {
        status: Some(Status::Blocked),
        ..Default::default()
    };
    write_edit(&mut ws, &edit("t-03", change)).unwrap();
    let after = t.read(FILE);
    assert_eq!(
        after.matches("[[directive]]").count(),
        full.matches("[[directive]]").count()
    );
    assert!(after.contains("status = \"blocked\""), "{after}");
}

#[test]
fn an_id_no_file_holds_is_unknown_after_one_more_look() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut looked_again = 0;
    let (ws, _) = load_for_edit_observed(t.root(), "t-99", None, SystemTime::now(), &mut || {
        looked_again += 1;
    })
    .unwrap();
    assert_eq!(looked_again, 1);
    assert!(ws.directive("t-99").is_none());
}

#[test]
fn a_save_in_place_that_does_not_end_is_said_not_taken_for_an_unknown_id() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    if !crate::common::writers_visible(t.root()) {
        eprintln!("skipped: this system does not tell whether a file is open for writing");
        return;
    }
    let full = t.read(FILE);
    // The other program has written the first part and keeps the file open for the rest.
    let mut saving = std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(t.path(FILE))
        .unwrap();
    saving.write_all(cut(&full).as_bytes()).unwrap();
    let e = dondoc::store::load_for_edit(t.root(), "t-03").unwrap_err();
    assert!(
        matches!(&e, LoadError::Saving { path } if path == FILE),
        "{e:?}"
    );
    assert_eq!(
        dondoc::i18n::store::load_error(dondoc::i18n::Lang::En, &e),
        format!("{FILE}: the file was being saved by another program; try again")
    );
    saving
        .write_all(&full.as_bytes()[cut(&full).len()..])
        .unwrap();
    drop(saving);
    let ws = dondoc::store::load_for_edit(t.root(), "t-03").unwrap();
    assert!(ws.directive("t-03").is_some());
}
