//! Marked directives: one status change for three of them across two files (one write per
//! file, one log entry each), then undo and redo; a refused one stays marked.

use super::*;

const OTHER: &str = "2023/so-ket.toml";

fn go_to(app: &mut App, r: &mut Runner, id: &str) {
    let at = ids(app).iter().position(|i| i == id).unwrap();
    run_keys(app, r, "g");
    for _ in 0..at {
        run_keys(app, r, "j");
    }
    assert_eq!(selected_id(app), id);
}

/// The file with each of `ids`'s blocks ending in a done entry dated today.
fn done_blocks(original: &str, ids: &[&str]) -> String {
    done_blocks_again(original, ids, false)
}

/// [`done_blocks`], then (`again`) an undo entry back to the status before and a done entry.
fn done_blocks_again(original: &str, ids: &[&str], again: bool) -> String {
    let mut text = original.to_string();
    for id in ids {
        text = expect_block_edit(&text, id, |b| {
            let status = b
                .lines()
                .find(|l| l.starts_with("status = "))
                .unwrap()
                .to_string();
            let done = "[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"Kiểm Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15\n";
            let undo = format!(
                "[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"Kiểm Thử\"\n{status}\nundo = true\ncleared = [\"done_on\"]\n"
            );
            let b = edit_head(b, &format!("{status}\n"), "status = \"done\"\n");
            // done_on goes after the directive's last key, before its log.
            let b = match b.find("\n\n[[directive.log]]") {
                Some(i) => format!("{}\ndone_on = 2023-10-15{}", &b[..i], &b[i..]),
                None => {
                    let body = b.trim_end_matches('\n');
                    format!("{body}\ndone_on = 2023-10-15\n{}", &b[body.len() + 1..])
                }
            };
            let b = append_log(&b, done);
            if again {
                append_log(&append_log(&b, &undo), done)
            } else {
                b
            }
        });
    }
    text
}

#[test]
fn keys_three_marked_directives_in_two_files_done_at_once_then_undo_and_redo() {
    let ws = Workspace::new();
    fs::write(
        ws.path(OTHER),
        "[source]\ntitle = \"Sơ kết\"\ndate = 2023-09-01\n\n[[directive]]\nid = \"sk-01\"\ntext = \"Báo cáo sơ kết\"\nowner = \"ba-be\"\ndeadline = 2023-10-30\nstatus = \"open\"\n",
    )
    .unwrap();
    let original = ws.read(FILE);
    let other = ws.read(OTHER);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    for id in ["gb-2023-08-27", "gb-2023-08-05", "sk-01"] {
        go_to(&mut app, &mut r, id);
        run_keys(&mut app, &mut r, "<Space>");
    }
    assert_eq!(app.marked.len(), 3);
    assert!(format!("{:?}", screen(&app)).contains("3 marked"));
    run_keys(&mut app, &mut r, "4 <Enter>");
    assert_eq!(app.popup, None);
    assert_eq!(app.message.as_ref().unwrap().text, "Saved 3 directives");
    assert!(app.marked.is_empty());
    let done_main = done_blocks(&original, &["gb-2023-08-27", "gb-2023-08-05"]);
    assert_same_text(&ws.read(FILE), &done_main);
    let done_other = done_blocks(&other, &["sk-01"]);
    assert_same_text(&ws.read(OTHER), &done_other);
    // Undo takes the three back at once (a new logged change each), redo does them again.
    run_keys(&mut app, &mut r, "u");
    assert_eq!(app.message.as_ref().unwrap().text, "Undone 3 directives");
    let entry = "\n[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"Kiểm Thử\"\n";
    let done = format!("{entry}status = \"done\"\ndone_on = 2023-10-15\n");
    let undo = format!("{entry}status = \"open\"\nundo = true\ncleared = [\"done_on\"]\n");
    assert_same_text(&ws.read(OTHER), &format!("{other}{done}{undo}"));
    assert!(ws.read(FILE).matches("undo = true").count() == 2);
    run_keys(&mut app, &mut r, "<C-r>");
    assert_eq!(app.message.as_ref().unwrap().text, "Saved 3 directives");
    let redone = ws.read(OTHER);
    let head = other.replacen(
        "status = \"open\"\n",
        "status = \"done\"\ndone_on = 2023-10-15\n",
        1,
    );
    assert_same_text(&redone, &format!("{head}{done}{undo}{done}"));
    // Nothing more to redo.
    run_keys(&mut app, &mut r, "<C-r>");
    assert_eq!(app.message.as_ref().unwrap().text, "Nothing to redo");
    let again = done_blocks_again(&original, &["gb-2023-08-27", "gb-2023-08-05"], true);
    assert_same_text(&ws.read(FILE), &again);
    // u again takes back all three, as one step.
    run_keys(&mut app, &mut r, "u");
    assert_eq!(app.message.as_ref().unwrap().text, "Undone 3 directives");
    assert_validate_clean(&ws);
    let reloaded = dondoc::store::load(ws.root()).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
}

#[test]
fn a_redo_is_refused_when_the_field_changed_since() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    go_to(&mut app, &mut r, "gb-2023-08-05");
    run_keys(&mut app, &mut r, "d 20/11/2023 <Enter> u");
    assert!(ws
        .read(FILE)
        .contains("deadline = 2023-11-30\nstatus = \"open\""));
    // Someone else sets another deadline meanwhile (by hand): a redo would overwrite it.
    let changed = ws.read(FILE).replacen(
        "deadline = 2023-11-30\nstatus = \"open\"",
        "deadline = 2023-12-15\nstatus = \"open\"",
        1,
    );
    fs::write(ws.path(FILE), &changed).unwrap();
    run_keys(&mut app, &mut r, "r <C-r>");
    assert_same_text(&ws.read(FILE), &changed);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert_eq!(
        message.text,
        "gb-2023-08-05: deadline was changed since (Kiểm Thử); left as it is"
    );
}

#[test]
fn keys_a_done_date_is_checked_for_each_marked_directive() {
    let ws = Workspace::new();
    fs::write(
        ws.path(OTHER),
        "[source]\ntitle = \"Sơ kết\"\ndate = 2023-10-10\n\n[[directive]]\nid = \"sk-01\"\ntext = \"Báo cáo sơ kết\"\nowner = \"ba-be\"\ndeadline = 2023-10-30\nstatus = \"open\"\n",
    )
    .unwrap();
    let (original, other) = (ws.read(FILE), ws.read(OTHER));
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    for id in ["gb-2023-08-27", "sk-01"] {
        go_to(&mut app, &mut r, id);
        run_keys(&mut app, &mut r, "<Space>");
    }
    // Before the meeting that gave sk-01 (10/10): refused, the prompt stays on the date.
    run_keys(&mut app, &mut r, "4 <Tab> <C-u> 05/10/2023 <Enter>");
    let Some(Popup::Prompt(p)) = &app.popup else {
        panic!("{:?}", app.popup)
    };
    assert_eq!((p.field, p.extra[0].as_str()), (1, "05/10/2023"));
    let m = app.message.clone().unwrap();
    assert_eq!(m.level, Level::Error);
    assert!(
        m.text
            .starts_with("sk-01: done on 2023-10-05 is before 2023-10-10"),
        "{}",
        m.text
    );
    // After the as-of date: refused too.
    run_keys(&mut app, &mut r, "<C-u> 20/10/2023 <Enter>");
    assert!(matches!(app.popup, Some(Popup::Prompt(_))));
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("after the as-of date"));
    assert_same_text(&ws.read(FILE), &original);
    assert_same_text(&ws.read(OTHER), &other);
    // A possible date: both written.
    run_keys(&mut app, &mut r, "<C-u> 12/10/2023 <Enter>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    assert!(ws
        .read(OTHER)
        .contains("status = \"done\"\ndone_on = 2023-10-12\n"));
}
