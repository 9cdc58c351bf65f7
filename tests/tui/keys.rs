//! Key sequences against the files on disk.

use super::*;
use crate::tui::screens::make_read_only;

fn keys(ws: &Workspace, lang: Lang, script: &str) -> App {
    let mut app = ws.app(lang, (120, 40));
    run_keys(&mut app, &mut runner(), script);
    app
}

#[test]
fn keys_change_a_status_and_log_it() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let app = keys(&ws, Lang::En, "j j s 4 <Enter>");
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    let expected = expect_block_edit(&original, "gb-2023-08-27", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"done\"");
        let b = replace_once(
            &b,
            "note = \"Giải ngân đạt 48%; vốn các chương trình MTQG đạt thấp\"\n\n[[directive.log]]",
            "note = \"Giải ngân đạt 48%; vốn các chương trình MTQG đạt thấp\"\ndone_on = 2023-10-15\n\n[[directive.log]]",
        );
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Info);
    assert!(message
        .text
        .starts_with("Saved gb-2023-08-27: status in progress → done"));
    // The screen shows the new state at once.
    let d = app.ws().directive("gb-2023-08-27").unwrap();
    assert_eq!(d.status, Status::Done);
    assert_eq!(app.owners.totals[Timeliness::Overdue as usize], 6);
}

#[test]
fn keys_digit_status_with_a_note() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    keys(&ws, Lang::Vi, "j 3 Chờ <Space> vốn <Space> tỉnh <Enter>");
    let expected = expect_block_edit(&original, "gb-2023-08-11", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"blocked\"");
        let b = edit_head(
            &b,
            "note = \"Thu đạt 55% dự toán; nguồn thu từ đất chưa đạt\"",
            "note = \"Chờ vốn tỉnh\"",
        );
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nstatus = \"blocked\"\nnote = \"Chờ vốn tỉnh\"\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
}

#[test]
fn keys_change_a_deadline_in_each_form() {
    for (typed, written) in [
        ("2023-11-30", "2023-11-30"),
        ("30/11/2023", "2023-11-30"),
        ("+10", "2023-10-25"),
    ] {
        let ws = Workspace::new();
        let original = ws.read(FILE);
        let app = keys(&ws, Lang::En, &format!("d {typed} <Enter>"));
        assert_eq!(app.popup, None, "{typed}");
        let expected = expect_block_edit(&original, "gb-2023-08-09", |b| {
            let b = edit_head(b, "deadline = 2023-09-30", &format!("deadline = {written}"));
            // The first change of a deadline keeps the first one, after the directive's keys.
            let note = b
                .lines()
                .find(|l| l.starts_with("note = "))
                .unwrap()
                .to_string();
            let b = edit_head(&b, &note, &format!("{note}\nfirst_deadline = 2023-09-30"));
            append_log(
                &b,
                &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\ndeadline = {written}\n"),
            )
        });
        assert_same_text(&ws.read(FILE), &expected);
    }
}

#[test]
fn the_log_tells_an_extension_from_another_deadline_change_in_vietnamese() {
    let ws = Workspace::new();
    // Later, then earlier: "gia hạn", then "điều chỉnh thời hạn".
    let app = keys(
        &ws,
        Lang::Vi,
        "d 30/11/2023 <Enter> d 20/11/2023 <Enter> <Enter>",
    );
    let shown = screen(&app).to_string();
    assert!(shown.contains("Gia hạn → 30/11/2023"), "{shown}");
    assert!(
        shown.contains("Điều chỉnh thời hạn → 20/11/2023"),
        "{shown}"
    );
    // Log times to the second, as an office writes dates.
    assert!(shown.contains("15/10/2023 09:00:00  Kiểm Thử"), "{shown}");
}

#[test]
fn keys_an_impossible_deadline_writes_nothing() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let app = keys(&ws, Lang::En, "d 29/02/2023 <Enter>");
    assert_same_text(&ws.read(FILE), &original);
    assert_eq!(app.message.as_ref().unwrap().level, Level::Error);
    assert!(matches!(&app.popup, Some(Popup::Prompt(p)) if p.input == "29/02/2023"));
}

#[test]
fn keys_add_a_note() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    keys(&ws, Lang::En, "n Đã <Space> họp <Enter>");
    let expected = expect_block_edit(&original, "gb-2023-08-09", |b| {
        let note = b.lines().find(|l| l.starts_with("note = ")).unwrap();
        let b = edit_head(b, note, "note = \"Đã họp\"");
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nnote = \"Đã họp\"\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
}

#[test]
fn keys_undo_restores_the_values_with_its_own_log_entry() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let app = keys(&ws, Lang::En, "j j 4 <Enter> u");
    let expected = expect_block_edit(&original, "gb-2023-08-27", |b| {
        let b = append_log(
            b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15\n"),
        );
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nstatus = \"in_progress\"\nundo = true\ncleared = [\"done_on\"]\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
    assert!(app.undo_entries().is_empty());
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Undone gb-2023-08-27"));
    assert_eq!(selected_id(&app), "gb-2023-08-27");
}

#[test]
fn keys_a_refused_write_says_why_and_keeps_the_note() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    make_read_only(&ws.path(FILE));
    let app = keys(&ws, Lang::En, "j j 4 Đã <Space> xong <Enter>");
    assert_same_text(&ws.read(FILE), &original);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert_eq!(
        message.text,
        format!("gb-2023-08-27 not saved: {FILE}: the file is read-only; nothing was written")
    );
    match &app.popup {
        Some(Popup::Prompt(p)) => {
            assert_eq!(p.input, "Đã xong");
            assert_eq!(
                p.kind,
                PromptKind::Note {
                    status: Some(Status::Done)
                }
            );
            assert_eq!(p.id, "gb-2023-08-27");
        }
        other => panic!("the note prompt should be open again: {other:?}"),
    }
    assert!(app.undo_entries().is_empty());
}

#[test]
fn keys_a_write_behind_another_dondocs_lock_gives_up_soon_and_keeps_the_note() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let held = dondoc::store::guard::WorkspaceLock::acquire(ws.root()).unwrap();
    let app = keys(&ws, Lang::En, "j j 4 Đã <Space> xong <Enter>");
    drop(held);
    assert_same_text(&ws.read(FILE), &original);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert!(message.text.contains("another dondoc"), "{}", message.text);
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "Đã xong"),
        other => panic!("the note prompt should be open again: {other:?}"),
    }
}

#[test]
fn keys_a_directive_changed_on_disk_is_not_overwritten() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    // Someone else changes the same directive after we read it.
    let changed = expect_block_edit(&ws.read(FILE), "gb-2023-08-27", |b| {
        edit_head(
            b,
            "note = \"Giải ngân đạt 48%; vốn các chương trình MTQG đạt thấp\"",
            "note = \"Đạt 70%\"",
        )
    });
    fs::write(ws.path(FILE), &changed).unwrap();
    run_keys(&mut app, &mut runner(), "j j 4 <Enter>");
    assert_same_text(&ws.read(FILE), &changed);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert!(
        message.text.contains(FILE) && message.text.contains("gb-2023-08-27"),
        "{}",
        message.text
    );
    // The screen now shows what is on disk.
    assert_eq!(
        app.ws().directive("gb-2023-08-27").unwrap().note.as_deref(),
        Some("Đạt 70%")
    );
}

#[test]
fn keys_the_editor_writes_a_long_note() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner().with_editor(|text: &str| {
        assert_eq!(text, "Đã");
        Ok("Đã họp với các xã,\n\nngày 12/10.\n".to_string())
    });
    run_keys(&mut app, &mut runner, "n Đã <C-e>");
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "Đã họp với các xã, ngày 12/10."),
        other => panic!("the prompt shows the editor's text: {other:?}"),
    }
    run_keys(&mut app, &mut runner, "<Enter>");
    assert!(ws
        .read(FILE)
        .contains("note = \"Đã họp với các xã, ngày 12/10.\""));
    assert_ne!(ws.read(FILE), original);
}

/// An editor that fails: the note stays as typed, and the status line says why in the
/// language of the screens.
#[test]
fn keys_a_failed_editor_is_said_in_vietnamese() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut runner = runner().with_editor(|_: &str| {
        Err(std::io::Error::other(dondoc::tui::effect::EditorExited {
            command: "nano".into(),
            code: Some(1),
        }))
    });
    run_keys(&mut app, &mut runner, "n Đã <C-e>");
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "Đã"),
        other => panic!("the prompt stays: {other:?}"),
    }
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Trình soạn thảo bị lỗi: nano kết thúc với mã lỗi 1"
    );
    assert_eq!(ws.read(FILE), original);
}

#[test]
fn keys_reload_keeps_the_selection() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    run_keys(&mut app, &mut runner(), "j j j");
    let id = selected_id(&app);
    // Another office's change arrives (e.g. by git pull): another directive becomes done.
    let changed = expect_block_edit(&ws.read(FILE), "gb-2023-08-09", |b| {
        edit_head(
            b,
            "status = \"in_progress\"",
            "status = \"done\"\ndone_on = 2023-10-01",
        )
    });
    fs::write(ws.path(FILE), changed).unwrap();
    run_keys(&mut app, &mut runner(), "r");
    assert_eq!(selected_id(&app), id);
    assert_eq!(
        app.list.cursor, 2,
        "one row above it left the overdue group"
    );
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Reloaded: 36 directives"));
}

#[test]
fn detail_and_back() {
    let ws = Workspace::new();
    let app = keys(&ws, Lang::En, "j <Enter>");
    assert_eq!(app.view, View::Detail);
    let shown = screen(&app).to_string();
    assert!(shown.contains("Huyện ủy Ba Bể"), "{shown}");
    assert!(shown.contains("2023-09-22 14:10:00 +07:00"), "{shown}");
    let app = keys(&ws, Lang::En, "j <Enter> <Esc>");
    assert_eq!(app.view, View::List);
    let app = keys(&ws, Lang::En, "q");
    assert!(app.should_quit());
}

#[test]
fn keys_a_message_that_no_longer_applies_is_cleared() {
    let ws = Workspace::new();
    make_read_only(&ws.path(FILE));
    let app = keys(&ws, Lang::En, "j j 4 x <Enter> <Esc>");
    assert_eq!(app.popup, None);
    assert_eq!(
        app.message, None,
        "Esc leaves the refused prompt and its message"
    );
    let app = keys(&ws, Lang::En, "u");
    assert!(app.message.is_some(), "nothing to undo");
    let app = keys(&ws, Lang::En, "u b");
    assert_eq!(
        app.message, None,
        "the dashboard does not show the list's message"
    );
}
