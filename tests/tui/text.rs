//! A directive's text of several lines: `E` and the form's text take a line break with
//! Alt-Enter or Ctrl-J (Enter saves), and the file gets a TOML multi-line string that reads
//! back as typed, in an LF file and in a CRLF one.

use super::*;
use dondoc::tui::app::{DirectiveField, Form};

const OLD: &str = "text = \"Chỉ đạo đẩy nhanh tiến độ giải ngân các nguồn vốn\"\n";
/// The new text as written: `"""`, its lines, the quotes of the last line escaped.
const NEW: &str = concat!(
    "\"\"\"\n",
    "Chỉ đạo đẩy nhanh tiến độ giải ngân các nguồn vốn\n",
    "theo từng xã\n",
    r#"dòng \"ba\""#,
    "\"\"\""
);

#[test]
fn keys_e_takes_line_breaks_and_writes_a_multi_line_string() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::En, (80, 24));
    let mut r = runner();
    run_keys(&mut app, &mut r, "j j");
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    // Alt-Enter and Ctrl-J break the line; Up goes back a line; Enter saves.
    run_keys(
        &mut app,
        &mut r,
        "E <End> <A-Enter> theo <Space> từng <Space> xã <C-j> dòng <Space> \"ba\"",
    );
    let Some(Popup::Prompt(p)) = &app.popup else {
        panic!("{:?}", app.popup)
    };
    assert_eq!(p.input.rows().len(), 3);
    // The prompt shows the lines and says which key breaks a line.
    let shown = format!("{:?}", screen(&app));
    assert!(shown.contains("theo từng xã"), "{shown}");
    assert!(shown.contains("Alt-Enter or Ctrl-J: new line"), "{shown}");
    run_keys(&mut app, &mut r, "<Up> <Up> <End> <Enter>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("Saved gb-2023-08-27: text ({FILE})")
    );
    let expected = expect_block_edit(&original, "gb-2023-08-27", |b| {
        let b = edit_head(b, OLD, &format!("text = {NEW}\n"));
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\ntext = {NEW}\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
    assert_validate_clean(&ws);
    let reloaded = dondoc::store::load(ws.root()).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    let text = "Chỉ đạo đẩy nhanh tiến độ giải ngân các nguồn vốn\ntheo từng xã\ndòng \"ba\"";
    assert_eq!(reloaded.directive("gb-2023-08-27").unwrap().text, text);
    assert_eq!(app.ws().directive("gb-2023-08-27").unwrap().text, text);
    // The list shows the lines on one row (wide enough for all of it); the detail shows them
    // as lines.
    app.update(Action::Resize(200, 40));
    let shown = format!("{:?}", screen(&app));
    app.update(Action::Resize(80, 24));
    assert!(
        shown.contains("Chỉ đạo đẩy nhanh tiến độ giải ngân các nguồn vốn theo"),
        "{shown}"
    );
    run_keys(&mut app, &mut r, "<Enter>");
    let shown = format!("{:?}", screen(&app));
    assert!(shown.contains("│theo từng xã"), "{shown}");
    // Its log entry, further down, gives the new text on one line.
    app.update(Action::Resize(80, 40));
    let shown = format!("{:?}", screen(&app));
    assert!(shown.contains("Text: “Chỉ đạo"), "{shown}");
    assert!(!shown.contains('␊'), "{shown}");
    app.update(Action::Resize(80, 24));
    // E again starts from the three lines; one more word at the end of the last one.
    run_keys(&mut app, &mut r, "<Esc> E <Space> nữa <Enter>");
    assert_eq!(
        dondoc::store::load(ws.root())
            .unwrap()
            .directive("gb-2023-08-27")
            .unwrap()
            .text,
        format!("{text} nữa")
    );
}

#[test]
fn a_text_of_several_lines_in_a_crlf_file_reads_back_as_typed() {
    let ws = Workspace::new();
    let crlf = ws.read(FILE).replace('\n', "\r\n");
    fs::write(ws.path(FILE), &crlf).unwrap();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "j j E <C-j> hai <Enter>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    let on_disk = ws.read(FILE);
    assert!(
        !on_disk.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    assert!(on_disk.contains(
        "text = \"\"\"\r\nChỉ đạo đẩy nhanh tiến độ giải ngân các nguồn vốn\r\nhai\"\"\"\r\n"
    ));
    let text = "Chỉ đạo đẩy nhanh tiến độ giải ngân các nguồn vốn\nhai";
    let reloaded = dondoc::store::load(ws.root()).unwrap();
    assert_eq!(reloaded.directive("gb-2023-08-27").unwrap().text, text);
    // The next edit is checked against what was written, and is not refused as stale.
    run_keys(&mut app, &mut r, "E <Space> ba <Enter>");
    assert_eq!(app.message.as_ref().unwrap().level, Level::Info);
    let reloaded = dondoc::store::load(ws.root()).unwrap();
    assert_eq!(
        reloaded.directive("gb-2023-08-27").unwrap().text,
        format!("{text} ba")
    );
    assert_validate_clean(&ws);
}

#[test]
fn the_forms_text_takes_line_breaks_and_enter_saves_the_form() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // Enter in the text with no lead unit yet: the form stays, on the lead unit, and says so.
    run_keys(
        &mut app,
        &mut r,
        "j a Rà <Space> soát <C-j> theo <A-Enter> xã <Enter>",
    );
    let Some(Popup::Form(Form::Directive(f))) = &app.popup else {
        panic!("{:?}", app.popup)
    };
    assert_eq!(f.text, "Rà soát\ntheo\nxã");
    assert_eq!(f.focus, DirectiveField::Lead);
    run_keys(&mut app, &mut r, "ba <Space> be <Enter> <BackTab> <Enter>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    let on_disk = ws.read(FILE);
    assert!(
        on_disk.contains(
            "id = \"gb-2023-08-37\"\ntext = \"\"\"\nRà soát\ntheo\nxã\"\"\"\nowner = \"ba-be\"\n"
        ),
        "{on_disk}"
    );
    assert_validate_clean(&ws);
}

#[test]
fn alt_enter_and_ctrl_j_are_a_line_break_in_texts_only() {
    use dondoc::tui::keymap::{parse_keys, resolve, Mode};
    let alt_enter = parse_keys("<A-Enter>")[0];
    let ctrl_j = parse_keys("<C-j>")[0];
    let newline = Some(Action::Edit(dondoc::tui::action::EditOp::Newline));
    for mode in [Mode::TextInput, Mode::Form] {
        assert_eq!(resolve(mode, &alt_enter), newline);
        assert_eq!(resolve(mode, &ctrl_j), newline);
    }
    assert_eq!(
        resolve(Mode::TextInput, &parse_keys("<Enter>")[0]),
        Some(Action::Confirm)
    );
    // The footer of the text prompt names the key.
    let footer = dondoc::tui::keymap::footer(Mode::TextInput, Lang::Vi);
    assert!(
        footer.contains(&("Alt-Enter/Ctrl-J", "xuống dòng")),
        "{footer:?}"
    );
}

#[test]
fn screen_text_prompt() {
    snapshot_screens(
        "prompt_text_lines",
        "j j E <End> <C-j> theo <Space> từng <Space> xã",
        |_| {},
    );
}

#[test]
fn end_to_end_alt_enter_and_ctrl_j_from_a_real_terminal_break_the_line() {
    use crate::tui::pty::PtyRun;
    let ws = Workspace::new();
    let mut run = PtyRun::start(&ws, &[]);
    run.wait_for("15d late");
    run.type_keys(b"jjE");
    run.wait_for("Alt-Enter");
    // Alt-Enter is ESC then CR from the terminal; Ctrl-J is LF; Enter (CR) saves.
    run.type_keys(b"\x1b\r");
    run.type_keys(b"hai\nba\r");
    run.wait_for("Saved");
    run.type_keys(b"q");
    assert!(run.wait_exit().success());
    let written = ws.read(FILE);
    let text = "text = \"\"\"\nChỉ đạo đẩy nhanh tiến độ giải ngân các nguồn vốn\nhai\nba\"\"\"\n";
    assert_eq!(written.matches(text).count(), 2, "{written}");
    assert_validate_clean(&ws);
}
