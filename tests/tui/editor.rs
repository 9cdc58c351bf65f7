//! The one text editor of every prompt: cursor keys, word delete, paste (bracketed), and a
//! paste with no prompt open, which must never run as keys.

use super::*;
use dondoc::tui::event::Event;
use dondoc::tui::handle_event;

fn paste(app: &mut App, runner: &mut Runner, text: &str) {
    handle_event(app, runner, Event::Paste(text.to_string()));
}

#[test]
fn a_typo_in_the_middle_of_a_note_is_fixed_with_the_cursor_keys() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner();
    // "Da hop voi cac xa" with a typo ("vơi"), fixed without retyping the end.
    run_keys(
        &mut app,
        &mut runner,
        "j j n Đã <Space> họp <Space> vơi <Space> các <Space> xã",
    );
    run_keys(
        &mut app,
        &mut runner,
        "<Left> <Left> <Left> <Left> <Left> <Left> <Left> <Left>",
    );
    run_keys(&mut app, &mut runner, "<Backspace> ớ");
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "Đã họp với các xã"),
        other => panic!("{other:?}"),
    }
    // Home, Delete, End, Ctrl-W, Ctrl-H.
    run_keys(
        &mut app,
        &mut runner,
        "<Home> <Delete> <Delete> <Delete> <End> <C-w> <C-h>",
    );
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "họp với các"),
        other => panic!("{other:?}"),
    }
    run_keys(&mut app, &mut runner, "<Enter>");
    let text = ws.read(FILE);
    assert!(text.contains("note = \"họp với các\""), "{text}");
}

#[test]
fn a_paste_goes_into_the_open_prompt_as_one_line() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "j j n Ghi <Space> chú: <Space>");
    // Its letters are text: `q` does not quit, `4` sets no status.
    paste(&mut app, &mut runner, "đã họp 4 lần\nq xong\r\n");
    assert!(!app.should_quit());
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "Ghi chú: đã họp 4 lần q xong "),
        other => panic!("{other:?}"),
    }
    run_keys(&mut app, &mut runner, "<Enter>");
    assert!(ws
        .read(FILE)
        .contains("note = \"Ghi chú: đã họp 4 lần q xong\""));
}

#[test]
fn a_paste_with_no_prompt_open_runs_no_keys() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner();
    let before = selected_id(&app);
    paste(&mut app, &mut runner, "jj4\nq");
    assert!(!app.should_quit());
    assert_eq!(app.popup, None);
    assert_eq!(selected_id(&app), before);
    assert_same_text(&ws.read(FILE), &original);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Warning);
    assert!(
        message.text.starts_with("Pasted text ignored"),
        "{}",
        message.text
    );
}

#[test]
fn the_search_line_edits_and_takes_a_paste() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "/ ngan");
    run_keys(&mut app, &mut runner, "<Home>");
    paste(&mut app, &mut runner, "giai\n");
    assert_eq!(app.list.search, "giai ngan");
    let shown = ids(&app);
    assert!(shown.contains(&"gb-2023-08-27".to_string()), "{shown:?}");
}

#[test]
fn a_paste_goes_into_the_focused_field_of_a_form() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "j a");
    // A directive's text keeps its lines; a one-line field joins them.
    paste(&mut app, &mut r, "Rà soát nguồn thu\ntheo từng xã");
    run_keys(&mut app, &mut r, "<Tab> <Tab> <Tab> <Tab> <Tab>");
    paste(&mut app, &mut r, "Ghi chú\ndài");
    match &app.popup {
        Some(Popup::Form(dondoc::tui::app::Form::Directive(f))) => {
            assert_eq!(f.text, "Rà soát nguồn thu\ntheo từng xã");
            assert_eq!(f.note, "Ghi chú dài");
        }
        other => panic!("{other:?}"),
    }
}
