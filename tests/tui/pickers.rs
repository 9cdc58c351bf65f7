//! A refused change of lead unit (`O`) or coordinating units (`P`) brings the picker back with
//! the choice kept and why in the status line, as the prompts keep what was typed.

use super::*;
use dondoc::tui::app::{Form, UnitPicker};
use dondoc::tui::event::Event;
use dondoc::tui::handle_event;

const ID: &str = "gb-2023-08-27";

/// The open unit picker: (coordinating?, the units chosen).
fn picker(app: &App) -> (bool, UnitPicker) {
    match &app.popup {
        Some(Popup::Form(Form::Units(f))) => (f.support, f.picker.clone()),
        other => panic!("no unit picker: {other:?} ({:?})", app.message),
    }
}

/// Someone else blocks the directive in the file meanwhile.
fn blocked_on_disk(ws: &Workspace) -> String {
    let changed = expect_block_edit(&ws.read(FILE), ID, |b| {
        edit_head(b, "status = \"in_progress\"", "status = \"blocked\"")
    });
    fs::write(ws.path(FILE), &changed).unwrap();
    changed
}

fn error(app: &App) -> String {
    let m = app.message.clone().expect("a message");
    assert_eq!(m.level, Level::Error, "{}", m.text);
    m.text
}

#[test]
fn keys_p_refused_by_the_store_reopens_the_picker_with_the_units_chosen() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "j j");
    assert_eq!(selected_id(&app), ID);
    run_keys(
        &mut app,
        &mut r,
        "P cuc <Space> thue <Enter> kho <Space> bac <Enter>",
    );
    let changed = blocked_on_disk(&ws);
    run_keys(&mut app, &mut r, "<C-s>");
    let (support, p) = picker(&app);
    assert!(support);
    assert_eq!(p.chosen, ["cuc-thue", "kbnn"]);
    assert!(error(&app).starts_with(&format!("{ID} not saved")));
    assert_same_text(&ws.read(FILE), &changed);
    // The new version shows; Ctrl-S again writes the choice over it.
    assert_eq!(
        app.ws().directive(ID).unwrap().status,
        Status::Blocked,
        "the file as it is now is shown"
    );
    run_keys(&mut app, &mut r, "<C-s>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("Saved {ID}: coordinating units → cuc-thue, kbnn ({FILE})")
    );
    let support = "support = [\"cuc-thue\", \"kbnn\"]\n";
    let expected = expect_block_edit(&changed, ID, |b| {
        let b = edit_head(b, "thấp\"\n", &format!("thấp\"\n{support}"));
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\n{support}"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
    assert_validate_clean(&ws);
}

#[test]
fn keys_o_refused_when_the_directive_changed_while_the_picker_was_open() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "j j O cho <Space> don");
    // The change arrives while the picker is open (the watcher): the picker stays open.
    let changed = blocked_on_disk(&ws);
    handle_event(
        &mut app,
        &mut r,
        Event::FilesChanged(vec![FILE.to_string()]),
    );
    picker(&app);
    run_keys(&mut app, &mut r, "<Enter>");
    let (support, p) = picker(&app);
    assert!(!support);
    assert_eq!(p.chosen, ["cho-don"]);
    assert_eq!(p.query, "cho don");
    let why = error(&app);
    assert!(
        why.contains("khi danh sách đơn vị đang mở") && why.contains("Enter để lưu lựa chọn"),
        "{why}"
    );
    assert_same_text(&ws.read(FILE), &changed);
    // Enter again: the unit is written over the new version, which keeps its status.
    run_keys(&mut app, &mut r, "<Enter>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    let expected = expect_block_edit(&changed, ID, |b| {
        let b = edit_head(b, "owner = \"ba-be\"", "owner = \"cho-don\"");
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nowner = \"cho-don\"\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
}

#[test]
fn keys_p_with_the_lead_unit_is_refused_and_the_picker_stays() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(
        &mut app,
        &mut r,
        "j j P cuc <Space> thue <Enter> ba <Space> be <Enter> <C-s>",
    );
    let (_, p) = picker(&app);
    assert_eq!(p.chosen, ["cuc-thue", "ba-be"]);
    assert!(
        error(&app).starts_with("Huyện ủy Ba Bể is the lead unit and cannot also coordinate"),
        "{:?}",
        app.message
    );
    assert_same_text(&ws.read(FILE), &original);
    // Given back (Backspace on the empty query), the rest is written.
    run_keys(&mut app, &mut r, "<Backspace> <C-s>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    assert!(ws
        .read(FILE)
        .contains("MTQG đạt thấp\"\nsupport = [\"cuc-thue\"]\n"));
    // Esc on a reopened picker closes it and the message goes.
    run_keys(&mut app, &mut r, "P ba <Space> be <Enter> <C-s>");
    picker(&app);
    run_keys(&mut app, &mut r, "<Esc>");
    assert_eq!(app.popup, None);
    assert_eq!(app.message, None);
}
