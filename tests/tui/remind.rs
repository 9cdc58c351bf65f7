//! Reminder letters in the UI: the detail's count of letters, the dashboard's quiet units.

use super::*;

pub(crate) fn text_of(screen: &TestBackend) -> String {
    let buf = screen.buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

fn select(app: &mut App, id: &str) {
    app.update(Action::Top);
    while selected_id(app) != id {
        let before = app.list.cursor;
        app.update(Action::Down);
        assert_ne!(app.list.cursor, before, "{id} is in the list");
    }
}

#[test]
fn the_detail_says_how_many_times_and_when_a_directive_was_reminded() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (140, 40));
    // 31 has one letter, on 05/10/2023; 01 has none.
    select(&mut app, "gb-2023-08-31");
    app.update(Action::Confirm);
    let shown = text_of(&screen(&app));
    assert!(
        shown.contains(
            "Đã đôn đốc 1 lần, lần cuối 05/10/2023 (Công văn số 85-CV/VPTU ngày 05/10/2023"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("Nguyễn Thị Hoa  đã gửi công văn đôn đốc (Công văn số 85-CV/VPTU"),
        "the log line says what the entry was: {shown}"
    );
    app.update(Action::Back);
    select(&mut app, "gb-2023-08-01");
    app.update(Action::Confirm);
    assert!(!text_of(&screen(&app)).contains("Đã đôn đốc"));
    // As of a day before the letter, it was not sent yet.
    select(&mut app, "gb-2023-08-31");
    app.set_as_of(NaiveDate::from_ymd_opt(2023, 10, 4).unwrap());
    assert!(!text_of(&screen(&app)).contains("Đã đôn đốc"));
}

#[test]
fn the_dashboard_names_the_units_gone_quiet() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (160, 45));
    app.update(Action::Dashboard);
    let report = app.report().unwrap();
    let quiet: Vec<&str> = report.quiet.iter().map(|q| q.owner.as_str()).collect();
    assert!(
        !quiet.is_empty(),
        "the sample has units with no update for 30 days"
    );
    let shown = text_of(&screen(&app));
    let line = shown
        .lines()
        .find(|l| l.contains("Chưa cập nhật tiến độ 30 ngày:"))
        .unwrap_or_else(|| panic!("no quiet line in\n{shown}"));
    for q in &report.quiet {
        let short = report
            .units()
            .find(|u| u.owner == q.owner)
            .unwrap()
            .short
            .clone();
        assert!(line.contains(&short), "{short} missing from {line}");
    }
    // A unit that updated within 30 days is not named: Sở Công Thương wrote on 02/10/2023.
    assert!(!quiet.contains(&"so-ct"));
}

/// The sample in `ws/` of a temp folder: letters go beside it, into the temp folder.
fn workspace_in_folder() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &root);
    (dir, root)
}

/// The app on the workspace at `root`, at 120×40, on the first directive of Huyện ủy Ba Bể
/// (the unit `R` writes to).
fn app_on_ba_be(root: &Path, lang: Lang) -> App {
    let mut app = App::new(dondoc::store::load(root).unwrap(), today(), lang, (120, 40));
    app.update(Action::Top);
    while app.selected().unwrap().owner != "ba-be" {
        app.update(Action::Down);
    }
    app
}

fn reminders_on_disk(root: &Path) -> usize {
    fs::read_to_string(root.join(FILE))
        .unwrap()
        .matches("reminder = true")
        .count()
}

#[test]
fn r_previews_the_units_letter_and_enter_writes_it_and_logs_it() {
    let (dir, root) = workspace_in_folder();
    let mut app = app_on_ba_be(&root, Lang::Vi);
    let mut runner = runner();
    // A directive of Huyện ủy Ba Bể: R is about its lead unit.
    let before = fs::read_to_string(root.join(FILE)).unwrap();
    let letter = dir.path().join("don-doc-ba-be-2023-10-15.docx");

    // The preview writes nothing; Esc closes it.
    run_keys(&mut app, &mut runner, "R");
    let Some(Popup::Letter(preview)) = &app.popup else {
        panic!("no letter preview: {:?}", app.message)
    };
    let ids = preview.ids.clone();
    assert!(!ids.is_empty());
    let shown = text_of(&screen(&app));
    assert!(
        shown.contains("Công văn đôn đốc gửi Huyện ủy Ba Bể"),
        "{shown}"
    );
    assert!(shown.contains("Kính gửi"), "{shown}");
    run_keys(&mut app, &mut runner, "j j k <Esc>");
    assert!(app.popup.is_none());
    assert!(!letter.exists());
    assert_eq!(fs::read_to_string(root.join(FILE)).unwrap(), before);

    // R then Enter: the letter is written beside the workspace and logged on each directive.
    let logged_before = reminders_on_disk(&root);
    run_keys(&mut app, &mut runner, "R <Enter>");
    assert!(app.popup.is_none());
    let bytes = fs::read(&letter).unwrap();
    assert_eq!(&bytes[..2], b"PK", "a docx is a zip");
    assert_eq!(reminders_on_disk(&root), logged_before + ids.len());
    let ws = dondoc::store::load(&root).unwrap();
    for id in &ids {
        let d = ws.directive(id).unwrap();
        let last = d.log.last().unwrap();
        assert!(last.reminder, "{id}");
        assert_eq!(last.by, "Kiểm Thử", "{id}");
        assert_eq!(last.at.map(|t| t.to_rfc3339()).as_deref(), Some(AT), "{id}");
    }
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Info);
    assert!(
        message.text.contains(&letter.display().to_string()),
        "{}",
        message.text
    );
    // The app shows the entries at once: the detail counts the new letter.
    assert_eq!(
        app.ws().directive(&ids[0]).unwrap().reminders().count(),
        ws.directive(&ids[0]).unwrap().reminders().count()
    );
}

#[test]
fn r_on_a_unit_with_nothing_late_says_so_and_opens_nothing() {
    let (_dir, root) = workspace_in_folder();
    let mut app = App::new(
        dondoc::store::load(&root).unwrap(),
        today(),
        Lang::Vi,
        (120, 40),
    );
    // The units pane on "all units" then Thành ủy Bắc Kạn, which has nothing late on 15/10.
    run_keys(&mut app, &mut runner(), "h");
    // Group rows are selectable too: step down until the unit's row, within the pane's rows.
    for _ in 0..60 {
        if app.owners.selected_id(app.ws()) == Some("tp-bac-kan") {
            break;
        }
        app.update(Action::Down);
    }
    assert_eq!(
        app.owners.selected_id(app.ws()),
        Some("tp-bac-kan"),
        "tp-bac-kan is in the units pane"
    );
    run_keys(&mut app, &mut runner(), "R");
    assert!(app.popup.is_none());
    assert!(app
        .message
        .clone()
        .unwrap()
        .text
        .contains("Thành ủy Bắc Kạn"));
}

#[test]
fn a_refused_log_write_is_reported_and_nothing_is_logged() {
    let (_dir, root) = workspace_in_folder();
    let mut app = app_on_ba_be(&root, Lang::Vi);
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "R");
    let Some(Popup::Letter(preview)) = &app.popup else {
        panic!("no letter preview")
    };
    // Someone changes a listed directive on disk meanwhile: the write must not go over it.
    let id = preview.ids[0].clone();
    let path = root.join(FILE);
    let text = fs::read_to_string(&path).unwrap();
    let range = block(&text, &id);
    let changed_block =
        text[range.clone()].replacen("\nstatus = ", "\nnote = \"Sửa ngoài\"\nstatus = ", 1);
    let changed = format!(
        "{}{changed_block}{}",
        &text[..range.start],
        &text[range.end..]
    );
    assert_ne!(changed, text);
    fs::write(&path, &changed).unwrap();
    let logged_before = reminders_on_disk(&root);
    run_keys(&mut app, &mut runner, "<Enter>");
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error, "{}", message.text);
    assert!(
        message.text.contains("chưa ghi được nhật ký"),
        "{}",
        message.text
    );
    assert_eq!(reminders_on_disk(&root), logged_before);
    assert_eq!(fs::read_to_string(&path).unwrap(), changed);
}

#[test]
fn letters_go_to_the_configured_folder_when_there_is_one() {
    let (dir, root) = workspace_in_folder();
    let mut app = app_on_ba_be(&root, Lang::En);
    app.letters_dir = Some(dir.path().join("thu"));
    run_keys(&mut app, &mut runner(), "R <Enter>");
    assert!(dir
        .path()
        .join("thu/don-doc-ba-be-2023-10-15.docx")
        .is_file());
    assert!(!dir.path().join("don-doc-ba-be-2023-10-15.docx").exists());
}

#[test]
fn keys_r_on_marked_directives_writes_one_letter_per_lead_unit_listing_only_them() {
    let (dir, root) = workspace_in_folder();
    let mut app = App::new(
        dondoc::store::load(&root).unwrap(),
        today(),
        Lang::En,
        (120, 40),
    );
    let mut r = runner();
    // Marked: one of Ba Bể's overdue directives (not the others), one of Chợ Đồn's, and
    // one done already (no letter lists it).
    for id in ["gb-2023-08-27", "gb-2023-08-29", "gb-2023-08-12"] {
        select(&mut app, id);
        run_keys(&mut app, &mut r, "<Space>");
    }
    assert_eq!(app.marked.len(), 3);
    let before = fs::read_to_string(root.join(FILE)).unwrap();
    run_keys(&mut app, &mut r, "R");
    let Some(Popup::Letter(first)) = &app.popup else {
        panic!("no letter preview: {:?}", app.message)
    };
    assert_eq!(first.owner, "ba-be");
    assert_eq!(first.ids, ["gb-2023-08-27"]);
    let shown = text_of(&screen(&app));
    assert!(
        shown.contains("Reminder letter 1 of 2 (marked directives) to Huyện ủy Ba Bể"),
        "{shown}"
    );
    // Enter writes Ba Bể's letter, and Chợ Đồn's comes next.
    run_keys(&mut app, &mut r, "<Enter>");
    let Some(Popup::Letter(second)) = &app.popup else {
        panic!("no second letter: {:?}", app.message)
    };
    assert_eq!(second.owner, "cho-don");
    assert_eq!(second.ids, ["gb-2023-08-29"]);
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("don-doc-ba-be-2023-10-15.docx"));
    run_keys(&mut app, &mut r, "<Enter>");
    assert_eq!(app.popup, None);
    for unit in ["ba-be", "cho-don"] {
        let letter = dir.path().join(format!("don-doc-{unit}-2023-10-15.docx"));
        assert_eq!(&fs::read(&letter).unwrap()[..2], b"PK", "{unit}");
    }
    // One reminder entry on each of the two listed, nothing on the others.
    let expected = ["gb-2023-08-27", "gb-2023-08-29"]
        .iter()
        .fold(before, |text, id| {
            expect_block_edit(&text, id, |b| {
                append_log(
                    b,
                    &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nreminder = true\n"),
                )
            })
        });
    assert_same_text(&fs::read_to_string(root.join(FILE)).unwrap(), &expected);
    // The reminded are no longer marked; the done one stays.
    assert_eq!(app.marked, ["gb-2023-08-12"]);
}

#[test]
fn r_on_marked_directives_none_late_writes_nothing_and_esc_stops_the_rest() {
    let (dir, root) = workspace_in_folder();
    let mut app = App::new(
        dondoc::store::load(&root).unwrap(),
        today(),
        Lang::Vi,
        (120, 40),
    );
    let mut r = runner();
    select(&mut app, "gb-2023-08-12");
    run_keys(&mut app, &mut r, "<Space> R");
    assert_eq!(app.popup, None);
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .starts_with("Không nhiệm vụ nào trong 1 nhiệm vụ đã đánh dấu"));
    // Two units marked; Esc on the first letter writes neither.
    for id in ["gb-2023-08-27", "gb-2023-08-29"] {
        select(&mut app, id);
        run_keys(&mut app, &mut r, "<Space>");
    }
    run_keys(&mut app, &mut r, "R <Esc>");
    assert_eq!(app.popup, None);
    assert_eq!(app.message.as_ref().unwrap().text, "2 công văn chưa ghi");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1, "only ws/");
}

#[test]
fn screen_letter_of_marked_directives() {
    for lang in LANGS {
        for size in [(80, 24), (120, 40)] {
            let ws = Workspace::new();
            let mut app = ws.app(lang, size);
            // A fixed folder, so the path in the hint is the same on every machine.
            app.letters_dir = Some(PathBuf::from("thu"));
            run_keys(&mut app, &mut runner(), "j <Space> j <Space> R");
            snapshot(
                &format!("letter_marked_{lang}_{}x{}", size.0, size.1),
                screen(&app),
            );
        }
    }
}
