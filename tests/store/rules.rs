//! `Change::resolve`: the rules an edit follows before it is written.

use crate::store::common::*;
use dondoc::model::{Directive, Status};
use dondoc::store::edit::Change;

fn directive(status: Status, done_on: Option<&str>) -> Directive {
    let mut text = format!("{SOURCE}\n[[directive]]\nid = \"r\"\ntext = \"x\"\nowner = \"so-tc\"\nstatus = \"{status}\"\n");
    if let Some(d) = done_on {
        text.push_str(&format!("done_on = {d}\n"));
    }
    let load = dondoc::store::load::load_file("r.toml", Ok(text.into_bytes()), None);
    load.directives.into_iter().next().unwrap()
}

fn today() -> chrono::NaiveDate {
    date("2023-10-15")
}

#[test]
fn done_without_a_date_is_done_today() {
    let c = Change {
        status: Some(Status::Done),
        ..Default::default()
    };
    let r = c.resolve(&directive(Status::Open, None), today());
    assert_eq!(r.status, Some(Status::Done));
    assert_eq!(r.done_on, Some(Some(today())));
}

#[test]
fn leaving_done_clears_done_on() {
    let c = Change {
        status: Some(Status::InProgress),
        ..Default::default()
    };
    let r = c.resolve(&directive(Status::Done, Some("2023-10-01")), today());
    assert_eq!(r.done_on, Some(None));
}

#[test]
fn a_done_directive_keeps_a_date() {
    let done = directive(Status::Done, Some("2023-10-01"));
    // Removing done_on while staying done would leave "done without done_on": nothing to do.
    let c = Change {
        done_on: Some(None),
        ..Default::default()
    };
    assert!(c.resolve(&done, today()).is_empty());
    // A hand-written done without a date: a note does not invent one (validate names the
    // problem); setting the status done again gives it today's.
    let c = Change {
        note: Some(Some("x".into())),
        ..Default::default()
    };
    let r = c.resolve(&directive(Status::Done, None), today());
    assert_eq!(r.done_on, None);
    let c = Change {
        status: Some(Status::Done),
        ..Default::default()
    };
    let r = c.resolve(&directive(Status::Done, None), today());
    assert_eq!(r.done_on, Some(Some(today())));
    // Setting another date is kept.
    let c = Change {
        done_on: Some(Some(date("2023-09-30"))),
        ..Default::default()
    };
    assert_eq!(
        c.resolve(&done, today()).done_on,
        Some(Some(date("2023-09-30")))
    );
}

#[test]
fn no_op_fields_are_dropped_and_notes_trimmed() {
    let open = directive(Status::Open, None);
    let c = Change {
        status: Some(Status::Open),
        deadline: Some(None),
        note: Some(Some("   ".into())),
        ..Default::default()
    };
    assert!(c.resolve(&open, today()).is_empty());
    let c = Change {
        note: Some(Some("  ghi chú  ".into())),
        ..Default::default()
    };
    assert_eq!(
        c.resolve(&open, today()).note,
        Some(Some("ghi chú".to_string()))
    );
}

#[test]
fn an_undone_deadline_change_is_logged_undo_and_counts_as_no_extension() {
    use dondoc::store::undo::Step;
    use dondoc::store::write::write_edit;
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let id = "t-01";
    let before = ws.directive(id).unwrap().clone();
    let later = before
        .deadline
        .unwrap_or(date("2023-10-01"))
        .succ_opt()
        .unwrap();
    let asked = Change {
        deadline: Some(Some(later)),
        ..Default::default()
    };
    let applied = asked.resolve(&before, date("2023-10-15"));
    write_edit(&mut ws, &edit(id, applied.clone())).unwrap();
    assert_eq!(
        ws.directive(id).unwrap().extensions(),
        before.extensions() + 1
    );
    let step = Step::new(id, &applied, &before);
    let back = step.undo(ws.directive(id).unwrap()).unwrap();
    write_edit(&mut ws, &edit(id, back)).unwrap();
    let d = ws.directive(id).unwrap();
    assert!(
        d.log.last().unwrap().undo,
        "the undo's entry says undo = true"
    );
    assert!(t.read("2023/comments.toml").contains("undo = true"));
    assert_eq!(d.deadline, before.deadline);
    assert_eq!(
        d.extensions(),
        before.extensions(),
        "moved and moved back: no extension"
    );
}

#[test]
fn a_note_typed_on_several_lines_is_written_on_one() {
    let open = directive(Status::Open, None);
    let c = Change {
        note: Some(Some(
            "Báo cáo của huyện:\n 4 dự án\r\n\r\nđã giải ngân xong \r".into(),
        )),
        ..Default::default()
    };
    assert_eq!(
        c.resolve(&open, today()).note,
        Some(Some("Báo cáo của huyện: 4 dự án đã giải ngân xong".into()))
    );
}
