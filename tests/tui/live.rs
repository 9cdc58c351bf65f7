//! Live reload, git status, commit on edit, sync.

use super::*;
use crate::tui::pty::PtyRun;

pub(crate) use crate::common::git;
use dondoc::git::status::{GitStatus, Operation};
use dondoc::git::sync::{Step, SyncOutcome, SyncProblem};
use dondoc::tui::app::GitState;
use dondoc::tui::event::Event;
use dondoc::tui::handle_event;

/// The screen's row that shows `needle`.
fn screen_line(app: &App, needle: &str) -> String {
    let backend = screen(app);
    let buf = backend.buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
        })
        .find(|line| line.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not on the screen:\n{}", backend))
}

fn title_line(app: &App) -> String {
    let buf = screen(app).buffer().clone();
    (0..buf.area.width).map(|x| buf[(x, 0)].symbol()).collect()
}

/// Moves the cursor with `j`/`k` until `id` is selected.
fn select(app: &mut App, runner: &mut Runner, id: &str) {
    let at = ids(app).iter().position(|i| i == id).expect("shown");
    let key = if at > app.list.cursor { "j" } else { "k" };
    while selected_id(app) != id {
        run_keys(app, runner, key);
    }
}

const NEW_DIRECTIVE: &str = "\n[[directive]]\nid = \"gb-2023-08-37\"\ntext = \"Chỉ đạo mới thêm từ tệp\"\nowner = \"so-khdt\"\ndeadline = 2023-12-31\nstatus = \"cancelled\"\n";

#[test]
fn files_changed_on_disk_update_the_rows_keep_the_selection_and_mark_the_changes() {
    let ws = Workspace::new();
    // A short screen, scrolled: the selected row must stay where it is on the screen.
    let mut app = ws.app(Lang::En, (120, 20));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    let mut runner = runner();
    run_keys(&mut app, &mut runner, &"j ".repeat(20));
    let id = selected_id(&app);
    assert!(app.list.offset > 0);
    let screen_row = app.list.cursor - app.list.offset;
    // Another office's change (an editor, git pull): one directive becomes done, one is added.
    let changed = expect_block_edit(&ws.read(FILE), "gb-2023-08-09", |b| {
        edit_head(b, "status = \"in_progress\"", "status = \"cancelled\"")
    }) + NEW_DIRECTIVE;
    fs::write(ws.path(FILE), changed).unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );

    assert_eq!(app.list.rows.len(), 37);
    assert_eq!(selected_id(&app), id, "the same directive stays selected");
    assert_eq!(
        app.list.cursor, 19,
        "one row above it went to the end (cancelled)"
    );
    assert_eq!(
        app.list.cursor - app.list.offset,
        screen_row,
        "and on the same screen row"
    );
    assert_eq!(
        app.ws().directive("gb-2023-08-09").unwrap().status,
        Status::Cancelled
    );
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Info);
    assert_eq!(
        message.text,
        "1 directive updated: gb-2023-08-09; 1 directive added: gb-2023-08-37"
    );
    assert!(app.is_changed("gb-2023-08-09") && app.is_changed("gb-2023-08-37"));
    assert!(!app.is_changed(&id));
    // The mark is a symbol in the row, not a colour (a taller screen shows every row).
    app.update(Action::Resize(120, 50));
    assert!(screen_line(&app, "gb-2023-08-09").contains("• "));
    assert!(screen_line(&app, "gb-2023-08-37").contains("• Chỉ đạo mới"));
    assert!(!screen_line(&app, &id).contains("• "));

    // A marked directive keeps its mark while selected (the detail says why); moving on
    // from it is having seen it: its mark goes, the other stays.
    select(&mut app, &mut runner, "gb-2023-08-09");
    assert!(app.is_changed("gb-2023-08-09"));
    run_keys(&mut app, &mut runner, "<Enter>");
    assert!(screen(&app).to_string().contains("Changed by someone else"));
    run_keys(&mut app, &mut runner, "<Esc> k");
    assert!(!app.is_changed("gb-2023-08-09"));
    assert!(!screen_line(&app, "gb-2023-08-09").contains("• "));
    assert!(app.is_changed("gb-2023-08-37"));

    // The same bytes again (or dondoc's own write, already loaded): nothing to do or say.
    app.info("before");
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    assert_eq!(app.message.as_ref().unwrap().text, "before");
}

/// Two files of two directives each, all alike but for their ids: the rows' order is the
/// order of the files.
fn two_file_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("dondoc.toml"),
        "title = \"t\"\n[[owner]]\nid = \"u\"\nname = \"U\"\n",
    )
    .unwrap();
    for f in ["a", "b"] {
        fs::write(dir.path().join(format!("{f}.toml")), two_directives(f)).unwrap();
    }
    dir
}

fn two_directives(prefix: &str) -> String {
    let one = |n: u32| {
        format!("\n[[directive]]\nid = \"{prefix}-{n}\"\ntext = \"x\"\nowner = \"u\"\nstatus = \"open\"\n")
    };
    format!("[source]\ntitle = \"m\"\n{}{}", one(1), one(2))
}

#[test]
fn a_file_reloaded_with_no_directive_changed_keeps_the_order_and_the_selection() {
    let dir = two_file_workspace();
    let ws = dondoc::store::load(dir.path()).unwrap();
    let mut app = App::new(ws, today(), Lang::En, (120, 40));
    let mut runner = runner();
    assert_eq!(ids(&app), ["a-1", "a-2", "b-1", "b-2"]);
    assert_eq!(selected_id(&app), "a-1");
    // A comment added by hand: no directive changed, the file is read again all the same.
    let text = format!("# checked by the office\n{}", two_directives("a"));
    fs::write(dir.path().join("a.toml"), text).unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec!["a.toml".into()]),
    );
    assert_eq!(ids(&app), ["a-1", "a-2", "b-1", "b-2"]);
    assert_eq!(selected_id(&app), "a-1");
    assert_eq!(app.list.cursor, 0);
    // A real change in the same file: the rest of the order stays too.
    let text = two_directives("a").replacen("status = \"open\"", "status = \"blocked\"", 1);
    fs::write(dir.path().join("a.toml"), text).unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec!["a.toml".into()]),
    );
    assert_eq!(selected_id(&app), "a-1");
    assert_eq!(app.selected().unwrap().status, Status::Blocked);
    let in_file_order: Vec<&str> = app.ws().directives.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(in_file_order, ["a-1", "a-2", "b-1", "b-2"]);
}

#[test]
fn dondocs_own_write_is_not_reported_as_a_change_by_others() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "j j 4 <Enter>");
    let saved = app.message.clone().unwrap().text;
    // The watcher reports the file dondoc just wrote.
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    assert_eq!(app.message.as_ref().unwrap().text, saved);
    assert!(app.ws().directives.iter().all(|d| !app.is_changed(&d.id)));
}

#[test]
fn a_file_broken_on_disk_keeps_its_rows_marked_broken_and_refuses_edits() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "j j");
    let original = ws.read(FILE);
    // A merge left conflict markers in it.
    let broken = replace_once(
        &original,
        "[[directive]]\nid = \"gb-2023-08-36\"",
        "<<<<<<< HEAD\n[[directive]]\nid = \"gb-2023-08-36\"",
    );
    fs::write(ws.path(FILE), &broken).unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );

    assert_eq!(app.list.rows.len(), 36, "the last good contents stay");
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Warning);
    assert!(
        message.text.contains(&format!("{FILE}:")) && message.text.contains("no longer parses"),
        "{}",
        message.text
    );
    assert!(screen_line(&app, "gb-2023-08-27").contains("✗ "));
    run_keys(&mut app, &mut runner, "<Enter>");
    let detail = screen(&app).to_string();
    assert!(detail.contains("This file is broken"), "{detail}");
    assert!(detail.contains(&format!("{FILE}:")), "{detail}");
    // An edit is refused with the store's message; the file stays as it is.
    run_keys(&mut app, &mut runner, "<Esc> 4 <Enter>");
    assert_same_text(&ws.read(FILE), &broken);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert!(message.text.contains("broken"), "{}", message.text);
}

fn git_status() -> GitStatus {
    GitStatus {
        branch: Some("main".into()),
        upstream: Some("origin/main".into()),
        ahead: 2,
        behind: 1,
        changed_files: 3,
        conflicted: vec![FILE.into()],
        operation: Some(Operation::Rebase),
    }
}

#[test]
fn the_git_status_shows_in_the_title_bar() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    let before = title_line(&app);
    assert!(!before.contains('['), "{before}");
    app.apply(Outcome::GitStatus(Some(git_status())));
    assert_eq!(
        title_line(&app),
        // The totals keep their words; the title and the as-of date's label give way.
        " Theo dõi kết … [main ±3 ↑2 ↓1 ⚠1 rebase] 15/10/2023 │ ‼7 overdue !4 due soon ·9 on track ∞3 ongoing √8 on time ×4 late "
    );
    // How to get out of the stopped rebase, once, in the status line.
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Warning);
    assert!(
        message.text.contains("git rebase --abort"),
        "{}",
        message.text
    );
    // The detail of a directive in the conflicted file says which command resolves it.
    app.update(Action::Resize(240, 40));
    run_keys(&mut app, &mut runner(), "<Enter>");
    let detail = screen(&app).to_string();
    assert!(
        detail.contains(&format!("git add {FILE} && git rebase --continue")),
        "{detail}"
    );

    let mut app = ws.app(Lang::Vi, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    app.apply(Outcome::GitStatus(Some(GitStatus {
        conflicted: vec![],
        operation: None,
        ..git_status()
    })));
    assert_eq!(
        title_line(&app),
        " Theo dõi kết luận giao ban — Tỉnh ủy … [main · 3 thay đổi chưa gửi · ↑2 ↓1] số liệu đến 15/10/2023 │ ‼7 !4 ·9 ∞3 √8 ×4 "
    );
    // Wide enough, the long form.
    let mut app = ws.app(Lang::Vi, (260, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    app.apply(Outcome::GitStatus(Some(git_status())));
    assert!(
        title_line(&app)
            .contains("[main · 3 thay đổi chưa gửi · ↑2 ↓1 · ⚠ 1 xung đột · rebase đang dừng]"),
        "{}",
        title_line(&app)
    );
    // Not a repository: nothing of git.
    app.apply(Outcome::GitStatus(None));
    assert_eq!(*app.git(), GitState::NotRepo);
    assert!(!title_line(&app).contains('['));
}

#[test]
fn a_sync_runs_once_at_a_time_and_marks_what_others_changed() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    assert_eq!(app.update(Action::Sync), vec![Effect::Sync]);
    assert!(app.is_syncing());
    assert!(app.update(Action::Sync).is_empty());
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "A sync is already running."
    );
    assert!(app.apply(Outcome::SyncStep(Step::Pulling)).is_empty());
    assert_eq!(app.message.as_ref().unwrap().text, "Sync: pulling…");
    let outcome = SyncOutcome {
        committed: vec![FILE.into()],
        pushed: true,
        updated_by_others: vec!["gb-2023-08-09".into(), "gb-2023-08-11".into()],
        ..SyncOutcome::default()
    };
    let effects = app.apply(Outcome::Synced(Box::new(outcome.clone())));
    // The workspace is read again, then git's status.
    assert_eq!(effects, vec![Effect::ReloadAfterSync, Effect::GitStatus]);
    assert!(!app.is_syncing());
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "synced: 1 file(s) committed, 2 directive(s) updated by others"
    );
    assert!(app.is_changed("gb-2023-08-09") && app.is_changed("gb-2023-08-11"));
    assert!(screen_line(&app, "gb-2023-08-11").contains("• "));
    // The reload after it keeps the selection and the message.
    let mut runner = runner();
    let selected = selected_id(&app);
    for effect in effects {
        let outcome = runner.run(effect, app.ws());
        app.apply(outcome);
    }
    assert_eq!(selected_id(&app), selected);
    assert!(app.message.as_ref().unwrap().text.starts_with("synced:"));

    let mut app = ws.app(Lang::Vi, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    app.apply(Outcome::Synced(Box::new(outcome)));
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Đã đồng bộ: đã commit 1 tệp, 2 nhiệm vụ được người khác cập nhật"
    );
    // A rebase stopped on a file dondoc could not merge: the way out is on screen.
    app.apply(Outcome::Synced(Box::new(SyncOutcome {
        problem: Some(SyncProblem::Stopped {
            operation: Operation::Rebase,
            files: vec!["notes.toml".into()],
        }),
        ..SyncOutcome::default()
    })));
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert!(
        message.text.contains("git rebase --continue")
            && message.text.contains("git rebase --abort"),
        "{}",
        message.text
    );
    // Not a repository: `S` says so at once.
    app.apply(Outcome::GitStatus(None));
    assert!(app.update(Action::Sync).is_empty());
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("không nằm trong kho git"));
}

#[test]
fn keys_commit_each_edit_when_git_commit_is_on() {
    let ws = Workspace::new();
    let root = ws.root();
    crate::common::init_repo(root, "main");
    // Another uncommitted change that the edit's commit must leave alone.
    fs::write(ws.path("notes.toml"), "# not dondoc's\n").unwrap();
    let mut app = ws.app(Lang::En, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    let mut runner = runner().with_commit(Some(true));
    run_keys(&mut app, &mut runner, "j j 4 <Enter>");

    assert_eq!(
        git(root, &["log", "-1", "--format=%an|%s"]).trim(),
        "Kiểm Thử|dondoc: gb-2023-08-27: status in_progress → done, done_on → 2023-10-15"
    );
    assert_eq!(
        git(root, &["show", "--name-only", "--format=", "HEAD"]).trim(),
        FILE
    );
    assert_eq!(
        git(root, &["status", "--porcelain"]).trim(),
        "?? notes.toml"
    );
    let message = app.message.clone().unwrap().text;
    assert!(
        message.starts_with("Saved gb-2023-08-27") && message.contains("; committed "),
        "{message}"
    );
    // The title bar learnt the repository's state after the commit.
    let status = match app.git() {
        GitState::Repo(s) => s.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(status.branch.as_deref(), Some("main"));
    assert_eq!(status.changed_files, 1, "notes.toml");
    assert!(
        title_line(&app).contains("[main ±1]"),
        "{}",
        title_line(&app)
    );
}

/// A commit git refuses (here a pre-commit hook) is told in the UI's language: the edit is
/// saved, the commit's failure follows in Vietnamese with git's own reason.
#[test]
fn keys_a_refused_commit_is_told_in_vietnamese() {
    let ws = Workspace::new();
    let root = ws.root();
    crate::common::init_repo(root, "main");
    let hook = root.join(".git/hooks/pre-commit");
    fs::write(
        &hook,
        "#!/bin/sh\necho 'error: khong cho commit' >&2\nexit 1\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut runner = runner().with_commit(Some(true)).with_lang(Lang::Vi);
    run_keys(&mut app, &mut runner, "j j 4 <Enter>");
    assert!(ws.read(FILE).contains("status = \"done\""), "saved");
    let message = app.message.clone().unwrap().text;
    assert!(
        message.contains("không thành công") && message.contains("khong cho commit"),
        "{message}"
    );
}

#[test]
fn keys_a_write_refused_as_stale_names_the_other_writer_and_shows_the_new_value() {
    use dondoc::store::edit::Edit;
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    // A second dondoc on the same server changes the same directive after we read it.
    let mut other = dondoc::store::load(ws.root()).unwrap();
    dondoc::store::write::write_edit(
        &mut other,
        &Edit {
            id: "gb-2023-08-27".into(),
            change: Change {
                status: Some(Status::Blocked),
                note: Some(Some("Chờ vốn".into())),
                ..Change::default()
            },
            by: "Nguyễn Văn B".into(),
            at: clock(),
        },
    )
    .unwrap();
    let theirs = ws.read(FILE);
    run_keys(&mut app, &mut runner(), "j j 4 <Enter>");
    assert_same_text(&ws.read(FILE), &theirs);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert_eq!(
        message.text,
        format!("gb-2023-08-27 not saved: {FILE}: directive \"gb-2023-08-27\" was changed on disk by Nguyễn Văn B since it was read; not written (reload to see the new version)")
    );
    // Their value is on screen, marked as someone else's change.
    let d = app.ws().directive("gb-2023-08-27").unwrap();
    assert_eq!(d.status, Status::Blocked);
    assert!(app.is_changed("gb-2023-08-27"));
    run_keys(&mut app, &mut runner(), "<Esc>");
    let row = screen_line(&app, "gb-2023-08-27");
    assert!(row.contains("‼ ■ gb-2023-08-27 • "), "{row}");

    // In Vietnamese too, with the name.
    let mut app = ws.app(Lang::Vi, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    let mut other = dondoc::store::load(ws.root()).unwrap();
    dondoc::store::write::write_edit(
        &mut other,
        &Edit {
            id: "gb-2023-08-09".into(),
            change: Change {
                note: Some(Some("Đã họp".into())),
                ..Change::default()
            },
            by: "Trần Thị C".into(),
            at: clock(),
        },
    )
    .unwrap();
    run_keys(&mut app, &mut runner(), "n Xong <Enter>");
    let text = app.message.clone().unwrap().text;
    assert!(text.contains("bởi Trần Thị C"), "{text}");
    assert_eq!(
        app.ws().directive("gb-2023-08-09").unwrap().note.as_deref(),
        Some("Đã họp")
    );
}

#[test]
fn end_to_end_a_file_changed_by_another_process_shows_on_screen() {
    let ws = Workspace::new();
    let mut run = PtyRun::start(&ws, &[]);
    run.wait_for("15d late");
    // Another process rewrites the file: the selected directive's text changes.
    let changed = expect_block_edit(&ws.read(FILE), "gb-2023-08-09", |b| {
        let text = b.lines().find(|l| l.starts_with("text = ")).unwrap();
        edit_head(b, text, "text = \"THAYDOITUBENNGOAI\"")
    });
    let tmp = ws.path("2023/.other-writer.tmp");
    fs::write(&tmp, changed).unwrap();
    fs::rename(&tmp, ws.path(FILE)).unwrap();
    // Only changed cells are sent: look for words without spaces.
    run.wait_for("THAYDOITUBENNGOAI");
    run.wait_for("updated:");
    run.type_keys(b"q");
    let status = run.wait_exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn keys_a_write_on_top_of_anothers_change_says_what_they_changed() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    // Someone changes another directive of the same file; the watcher has not told us yet.
    let theirs = expect_block_edit(&ws.read(FILE), "gb-2023-08-09", |b| {
        edit_head(b, "status = \"in_progress\"", "status = \"blocked\"")
    });
    fs::write(ws.path(FILE), &theirs).unwrap();
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "j j 4 <Enter>");
    let text = app.message.clone().unwrap().text;
    assert!(
        text.starts_with("Saved gb-2023-08-27")
            && text.ends_with("changed by others meanwhile: gb-2023-08-09"),
        "{text}"
    );
    assert!(app.is_changed("gb-2023-08-09") && !app.is_changed("gb-2023-08-27"));
    assert_eq!(
        app.ws().directive("gb-2023-08-09").unwrap().status,
        Status::Blocked
    );
    // Both changes are in the file; the watcher's late report changes nothing more.
    assert!(ws.read(FILE).contains("status = \"blocked\""));
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    assert_eq!(app.message.unwrap().text, text);
}

#[test]
fn a_dondoc_toml_in_a_sub_folder_is_not_read_as_a_directive_file() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    // The rows are found by their ids: shown (`#`).
    app.show_ids = true;
    let mut runner = runner();
    let before = app.message.clone();
    // A copied workspace kept inside this one: its config changes while the UI runs.
    fs::create_dir_all(ws.path("old")).unwrap();
    fs::copy(ws.path("dondoc.toml"), ws.path("old/dondoc.toml")).unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec!["old/dondoc.toml".into()]),
    );
    // What `dondoc validate` sees: the same files, the same problems.
    let fresh = dondoc::store::load(ws.root()).unwrap();
    assert!(app.ws().files.iter().all(|f| f.path != "old/dondoc.toml"));
    assert_eq!(app.ws().files.len(), fresh.files.len());
    assert_eq!(app.ws().problems, fresh.problems);
    assert_eq!(app.message, before);
}

#[test]
fn a_dondoc_toml_that_stops_parsing_keeps_the_units_on_screen_and_says_where() {
    // A clerk saves dondoc.toml half-typed in an editor: the units must not vanish from the
    // screen; the status line names dondoc.toml:line:col. Fixed, it is read again.
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner();
    let owners = app.ws().owners.len();
    let title = app.ws().title.clone();
    let good = ws.read("dondoc.toml");
    fs::write(
        ws.path("dondoc.toml"),
        format!("{good}\n[[owner]]\nid = \"x\n"),
    )
    .unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec!["dondoc.toml".into()]),
    );
    assert_eq!(app.ws().owners.len(), owners);
    assert_eq!(app.ws().title, title);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    let lines = good.lines().count();
    assert!(
        message
            .text
            .contains(&format!("dondoc.toml:{}:", lines + 3)),
        "{}",
        message.text
    );
    assert!(format!("{:?}", screen(&app)).contains("Ba Bể"));
    // Fixed: read again, a unit added on the way is there.
    fs::write(
        ws.path("dondoc.toml"),
        format!("{good}\n[[owner]]\nid = \"x\"\nname = \"X\"\ngroup = \"G\"\n"),
    )
    .unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec!["dondoc.toml".into()]),
    );
    assert_eq!(app.ws().owners.len(), owners + 1);
}

/// Another clerk sets `id` done from a shell (`dondoc set … --status done --by …`).
fn other_clerk_sets_done(ws: &Workspace, id: &str) {
    let mut other = dondoc::store::load(ws.root()).unwrap();
    let edit = dondoc::store::edit::Edit {
        id: id.into(),
        change: dondoc::store::edit::Change {
            status: Some(Status::Done),
            done_on: Some(Some("2023-10-14".parse().unwrap())),
            ..Default::default()
        },
        by: "Nguyễn Văn B".into(),
        at: chrono::DateTime::parse_from_rfc3339("2023-10-15T10:00:00+07:00").unwrap(),
    };
    dondoc::store::write::write_edit(&mut other, &edit).unwrap();
}

#[test]
fn a_prompt_does_not_save_over_a_change_made_while_it_was_open() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner();
    run_keys(
        &mut app,
        &mut runner,
        "j j 3 Vướng <Space> mặt <Space> bằng",
    );
    let id = selected_id(&app);
    other_clerk_sets_done(&ws, &id);
    let theirs = ws.read(FILE);
    // The live reload brings their change in while the prompt is open.
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    run_keys(&mut app, &mut runner, "<Enter>");
    assert_same_text(&ws.read(FILE), &theirs);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert!(
        message.text.contains("Nguyễn Văn B") && message.text.contains("status"),
        "{}",
        message.text
    );
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "Vướng mặt bằng"),
        other => panic!("the prompt stays open with the text: {other:?}"),
    }
    // Having seen their change, Enter again is a decision of its own.
    run_keys(&mut app, &mut runner, "<Enter>");
    assert_eq!(
        app.ws().directive(&id).unwrap().status,
        Status::Blocked,
        "{:?}",
        app.message
    );
}

#[test]
fn undo_does_not_take_back_another_clerks_newer_change() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "j j 3 <Enter>");
    let id = selected_id(&app);
    assert_eq!(app.ws().directive(&id).unwrap().status, Status::Blocked);
    other_clerk_sets_done(&ws, &id);
    let theirs = ws.read(FILE);
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    run_keys(&mut app, &mut runner, "u");
    assert_same_text(&ws.read(FILE), &theirs);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert!(
        message.text.contains("changed since") && message.text.contains("Nguyễn Văn B"),
        "{}",
        message.text
    );
}

/// A search in force while files change on disk: a directive added that matches is found, a
/// changed text is searched as it is now, a removed one is gone — the search's folded texts
/// follow the files.
#[test]
fn a_search_in_force_follows_the_files_as_they_change() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.show_ids = true;
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "/ t u _ b e n _ n g o a i <Enter>");
    // Nothing matches yet.
    assert!(app.list.rows.is_empty(), "{:?}", app.list.search);
    let text = ws.read(FILE);
    // Another clerk adds a matching directive and rewrites one text to match.
    let added = NEW_DIRECTIVE.replace("Chỉ đạo mới thêm từ tệp", "Việc TỪ_BÊN_NGOÀI mới");
    let changed = expect_block_edit(&text, "gb-2023-08-09", |b| {
        edit_head(
            b,
            "text = \"Thực hiện đồng bộ",
            "text = \"tu_ben_ngoai: Thực hiện đồng bộ",
        )
    }) + &added;
    fs::write(ws.path(FILE), &changed).unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    let mut found: Vec<String> = app
        .list
        .rows
        .iter()
        .map(|r| app.directive(r).id.clone())
        .collect();
    found.sort();
    assert_eq!(found, ["gb-2023-08-09", "gb-2023-08-37"]);
    // The added one is removed again: only the rewritten text still matches.
    fs::write(ws.path(FILE), changed.replace(&added, "")).unwrap();
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    let found: Vec<String> = app
        .list
        .rows
        .iter()
        .map(|r| app.directive(r).id.clone())
        .collect();
    assert_eq!(found, ["gb-2023-08-09"]);
}

/// The sample opened today in a clone (`[main]`, nothing to send, two-digit totals), at
/// 120×40 in Vietnamese: every total keeps its words; the workspace's title gives way.
#[test]
fn in_a_clean_clone_the_totals_keep_their_words_at_120_columns() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    run_keys(
        &mut app,
        &mut runner(),
        "t <C-u> 3 0 / 1 1 / 2 0 2 6 <Enter>",
    );
    app.apply(Outcome::GitStatus(Some(GitStatus {
        ahead: 0,
        behind: 0,
        changed_files: 0,
        conflicted: vec![],
        operation: None,
        ..git_status()
    })));
    let title = title_line(&app);
    assert!(title.contains("[main]"), "{title}");
    assert!(title.contains("30/11/2026"), "{title}");
    for words in [
        "quá hạn",
        "sắp đến hạn",
        "trong hạn",
        "thường xuyên",
        "HT đúng hạn",
        "HT quá hạn",
    ] {
        assert!(title.contains(words), "{words}: {title}");
    }
    assert!(title.contains("‼2"), "two-digit overdue count: {title}");
}
