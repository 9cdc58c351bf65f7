//! The terminal UI: app state, screens (snapshots), key sequences against the files on disk,
//! and one run of the real binary in a pseudo-terminal.
//!
//! Everything runs on a temporary copy of the repository's `data/`, as of 2023-10-15, with a
//! fixed clock for log entries, so nothing depends on the time zone, the date or the path.

use chrono::{DateTime, FixedOffset, NaiveDate};
use dondoc::i18n::Lang;
use dondoc::model::{Status, Timeliness};
use dondoc::store::edit::Change;
use dondoc::tui::app::{Action, App, Level, Pane, Popup, Prompt, PromptKind, View};
use dondoc::tui::effect::{Effect, Outcome, Runner, WriteRequest};
use dondoc::tui::{run_keys, ui};
use ratatui::backend::TestBackend;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;
use std::fs;
use std::path::{Path, PathBuf};

const FILE: &str = "2023/giao-ban-2023-08-25.toml";
const AT: &str = "2023-10-15T09:00:00+07:00";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 10, 15).unwrap()
}

/// A temporary copy of `data/`.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            dir.path(),
        );
        Workspace { dir }
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    fn app(&self, lang: Lang, size: (u16, u16)) -> App {
        let ws = dondoc::store::load(self.root()).unwrap();
        App::new(ws, today(), lang, size)
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn clock() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(AT).unwrap()
}

/// The effect runner with a fixed author and clock, and an editor that must not be called.
fn runner() -> Runner {
    Runner::new("Kiểm Thử".to_string())
        .with_clock(clock)
        .with_editor(|_| panic!("no editor in this test"))
}

fn selected_id(app: &App) -> String {
    app.selected().expect("a directive is selected").id.clone()
}

fn ids(app: &App) -> Vec<String> {
    app.rows
        .iter()
        .map(|r| app.directive(r).id.clone())
        .collect()
}

/// Byte range of one `[[directive]]` block (header to the next header or the end).
fn block(text: &str, id: &str) -> std::ops::Range<usize> {
    let at = text.find(&format!("id = \"{id}\"")).unwrap();
    let start = text[..at].rfind("[[directive]]").unwrap();
    let end = text[at..]
        .find("\n[[directive]]")
        .map_or(text.len(), |i| at + i + 1);
    start..end
}

/// The original file with one directive's block edited by `edit`: every other byte the same.
fn expect_block_edit(original: &str, id: &str, edit: impl Fn(&str) -> String) -> String {
    let range = block(original, id);
    format!(
        "{}{}{}",
        &original[..range.start],
        edit(&original[range.clone()]),
        &original[range.end..]
    )
}

/// Like `assert_eq!` on two texts, but shows only the lines that differ.
#[track_caller]
fn assert_same_text(actual: &str, expected: &str) {
    if actual == expected {
        return;
    }
    let a: Vec<&str> = actual.split_inclusive('\n').collect();
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let head = a.iter().zip(&e).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(e[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let from = head.saturating_sub(3);
    panic!(
        "texts differ from line {}:\n--- actual\n{:?}\n--- expected\n{:?}",
        head + 1,
        a[from..a.len() - tail].concat(),
        e[from..e.len() - tail].concat()
    );
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} in {text}");
    text.replacen(from, to, 1)
}

/// Edits the directive's own keys: the part of its block before its first log entry.
fn edit_head(block: &str, from: &str, to: &str) -> String {
    let split = block.find("\n[[directive.log]]").unwrap_or(block.len());
    format!(
        "{}{}",
        replace_once(&block[..split], from, to),
        &block[split..]
    )
}

/// A block ends with one blank line before the next `[[directive]]`: the new log entry goes
/// after the last entry, before that blank line.
fn append_log(block: &str, entry: &str) -> String {
    let body = block.trim_end_matches('\n');
    // The body's own line end, then the blank line that separated it from the next block.
    let blank = &block[(body.len() + 1).min(block.len())..];
    format!("{body}\n\n{entry}{blank}")
}

// ---------------------------------------------------------------------------------------------
// Pure app state: actions in, state and effects out.

#[test]
fn moving_in_the_list_follows_the_selected_id() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    assert_eq!(app.rows.len(), 36);
    assert_eq!(app.focus, Pane::Directives);
    // Most urgent first: the overdue ones, earliest deadline first, then by id.
    assert_eq!(selected_id(&app), "gb-2023-08-09");
    assert!(app.update(Action::Down).is_empty());
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    app.update(Action::Up);
    assert_eq!(app.cursor, 1);
    app.update(Action::Bottom);
    assert_eq!(app.cursor, 35);
    // The list scrolled so the cursor row is on screen (120×40: 34 rows).
    assert_eq!(app.offset, 36 - app.list_height());
    app.update(Action::Down);
    assert_eq!(app.cursor, 35, "stays on the last row");
    app.update(Action::Top);
    assert_eq!((app.cursor, app.offset), (0, 0));
    app.update(Action::PageDown);
    assert_eq!(app.cursor, app.list_height() - 1);

    // Another sort keeps the same directive selected.
    let id = selected_id(&app);
    app.update(Action::CycleSort);
    assert_eq!(app.sort, dondoc::query::Sort::Deadline);
    assert_eq!(selected_id(&app), id);
    assert_eq!(app.message.as_ref().unwrap().text, "Sorted by deadline.");
}

#[test]
fn a_unit_shows_what_it_leads_then_what_it_supports() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::NextPane);
    assert_eq!(app.focus, Pane::Owners);
    // Row 0 is "All units", row 1 the first group's heading, skipped by the cursor.
    app.update(Action::Down);
    assert_eq!(
        app.ws.owners[app.selected_owner().unwrap()].id,
        "tp-bac-kan"
    );
    app.update(Action::Down);
    let ba_be = app.selected_owner().unwrap();
    assert_eq!(app.ws.owners[ba_be].id, "ba-be");
    assert_eq!(app.owner_counts[ba_be].open, 2);
    assert_eq!(app.owner_counts[ba_be].overdue, 2);
    let rows: Vec<(String, bool)> = app
        .rows
        .iter()
        .map(|r| (app.directive(r).id.clone(), r.support))
        .collect();
    let leads: Vec<&(String, bool)> = rows.iter().filter(|(_, s)| !s).collect();
    assert!(!leads.is_empty());
    let first_support = rows
        .iter()
        .position(|(_, s)| *s)
        .expect("ba-be supports some");
    assert!(rows[first_support..].iter().all(|(_, s)| *s), "{rows:?}");
    for r in &app.rows {
        let d = app.directive(r);
        assert_eq!(d.owner == "ba-be", !r.support);
        assert!(d.owner == "ba-be" || d.support.iter().any(|s| s == "ba-be"));
    }
    // Up at the top of the units returns to "All units".
    app.update(Action::Top);
    assert_eq!(app.selected_owner(), None);
    assert_eq!(app.rows.len(), 36);
}

#[test]
fn filter_by_timeliness_and_status() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::FilterPicker);
    assert!(matches!(app.popup, Some(Popup::FilterPicker { cursor: 0 })));
    // Choice 1 is the first timeliness: overdue.
    app.update(Action::Down);
    app.update(Action::Confirm);
    assert_eq!(app.popup, None);
    assert_eq!(app.rows.len(), 7);
    assert!(app
        .rows
        .iter()
        .all(|r| app.timeliness(app.directive(r)) == Timeliness::Overdue));
    // Status "blocked": choices are none, 7 timeliness values, then the statuses.
    app.update(Action::FilterPicker);
    for _ in 0..2 {
        app.update(Action::Down);
    }
    app.update(Action::Up);
    app.update(Action::Confirm);
    assert_eq!(app.rows.len(), 4, "due soon");
    app.update(Action::FilterPicker);
    // From "due soon" (2) down to "blocked" (10).
    for _ in 0..8 {
        app.update(Action::Down);
    }
    app.update(Action::Confirm);
    assert!(!app.rows.is_empty());
    assert!(app
        .rows
        .iter()
        .all(|r| app.directive(r).status == Status::Blocked));
    // Esc in the list clears the filter.
    app.update(Action::Back);
    assert_eq!(app.rows.len(), 36);
}

#[test]
fn search_as_you_type_ignores_case_and_diacritics() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    app.update(Action::StartSearch);
    for c in "giai ngan".chars() {
        app.update(Action::Type(c));
    }
    let plain = ids(&app);
    assert!(!plain.is_empty() && plain.len() < 36, "{plain:?}");
    for r in &app.rows {
        let d = app.directive(r);
        let text = dondoc::fold::fold(&format!(
            "{} {}",
            d.text,
            d.note.clone().unwrap_or_default()
        ));
        assert!(text.contains("giai") && text.contains("ngan"), "{}", d.text);
    }
    // The same words with their diacritics and in capitals find the same directives.
    app.update(Action::ClearInput);
    assert_eq!(app.rows.len(), 36);
    for c in "GIẢI NGÂN".chars() {
        app.update(Action::Type(c));
    }
    assert_eq!(ids(&app), plain);
    // Enter keeps the search; Esc in the list clears it.
    app.update(Action::Confirm);
    assert!(!app.searching);
    assert_eq!(ids(&app), plain);
    app.update(Action::Back);
    assert_eq!(app.search, "");
    assert_eq!(app.rows.len(), 36);
    // Nothing found: no selection, and edits say so instead of acting.
    app.update(Action::StartSearch);
    for c in "zzzz".chars() {
        app.update(Action::Type(c));
    }
    assert!(app.rows.is_empty());
    app.update(Action::Confirm);
    assert!(app.update(Action::SetStatus(Status::Done)).is_empty());
    assert_eq!(app.popup, None);
}

#[test]
fn a_status_change_asks_for_a_note_then_writes_the_resolved_change() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::Down);
    app.update(Action::Down);
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    app.update(Action::StatusPicker);
    // The picker opens on the current status (in progress).
    assert_eq!(app.popup, Some(Popup::StatusPicker { cursor: 1 }));
    app.update(Action::Down);
    app.update(Action::Down);
    assert!(app.update(Action::Confirm).is_empty());
    let prompt = Prompt {
        kind: PromptKind::Note {
            status: Some(Status::Done),
        },
        id: "gb-2023-08-27".into(),
        input: String::new(),
    };
    assert_eq!(app.popup, Some(Popup::Prompt(prompt.clone())));
    for c in "Xong".chars() {
        app.update(Action::Type(c));
    }
    let effects = app.update(Action::Confirm);
    assert_eq!(app.popup, None);
    assert_eq!(
        effects,
        vec![Effect::Write(WriteRequest {
            id: "gb-2023-08-27".into(),
            change: Change {
                status: Some(Status::Done),
                // Done without a date is done on the as-of date.
                done_on: Some(Some(today())),
                deadline: None,
                note: Some(Some("Xong".into())),
            },
            undo: false,
            prompt: Some(Prompt {
                input: "Xong".into(),
                ..prompt
            }),
        })]
    );
}

#[test]
fn choosing_the_current_status_without_a_note_writes_nothing() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::SetStatus(Status::InProgress));
    assert!(app.update(Action::Confirm).is_empty());
    assert_eq!(app.message.as_ref().unwrap().text, "Nothing to change.");
}

#[test]
fn undo_writes_the_inverse_of_the_last_edit() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    assert!(app.update(Action::Undo).is_empty());
    assert_eq!(app.message.as_ref().unwrap().text, "Nothing to undo.");

    // Pretend the runner wrote "done" for the selected directive: the app only sees outcomes.
    let index = app.rows[0].index;
    let before = app.ws.directives[index].clone();
    let change = Change {
        status: Some(Status::Done),
        done_on: Some(Some(today())),
        ..Change::default()
    };
    app.ws.directives[index].status = Status::Done;
    app.ws.directives[index].done_on = Some(today());
    app.apply(Outcome::Written {
        request: WriteRequest {
            id: before.id.clone(),
            change,
            undo: false,
            prompt: None,
        },
        written: Box::new(dondoc::store::write::Written {
            path: FILE.into(),
            before: before.clone(),
            rebased: false,
        }),
        others: vec![],
    });
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Info);
    assert_eq!(
        message.text,
        format!(
            "Saved {}: status in progress → done, done on 2023-10-15 ({FILE})",
            before.id
        )
    );
    assert_eq!(app.undo.len(), 1);
    let effects = app.update(Action::Undo);
    assert_eq!(
        effects,
        vec![Effect::Write(WriteRequest {
            id: before.id.clone(),
            change: Change {
                status: Some(Status::InProgress),
                done_on: Some(None),
                ..Change::default()
            },
            undo: true,
            prompt: None,
        })]
    );
    assert!(app.undo.is_empty());
}

#[test]
fn an_impossible_deadline_is_refused_and_the_input_kept() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    app.update(Action::EditDeadline);
    for c in "31/02/2024".chars() {
        app.update(Action::Type(c));
    }
    assert!(app.update(Action::Confirm).is_empty());
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert_eq!(message.text, "Không có ngày 31/02/2024 trong lịch");
    match &app.popup {
        Some(Popup::Prompt(p)) => assert_eq!(p.input, "31/02/2024"),
        other => panic!("the prompt should stay open: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Screens.

fn screen(app: &App) -> TestBackend {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| ui::draw(f, app)).unwrap();
    terminal.backend().clone()
}

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];
const LANGS: [Lang; 2] = [Lang::En, Lang::Vi];

/// Snapshots one screen per language and size, after `keys`.
fn snapshot_screens(name: &str, keys: &str, setup: impl Fn(&Workspace)) {
    for lang in LANGS {
        for size in SIZES {
            let ws = Workspace::new();
            setup(&ws);
            let mut app = ws.app(lang, size);
            let mut runner = runner();
            run_keys(&mut app, &mut runner, keys);
            insta::assert_snapshot!(format!("{name}_{lang}_{}x{}", size.0, size.1), screen(&app));
        }
    }
}

#[test]
fn screen_main() {
    snapshot_screens("main", "j j", |_| {});
}

#[test]
fn screen_detail() {
    snapshot_screens("detail", "j <Enter>", |_| {});
}

#[test]
fn screen_help() {
    snapshot_screens("help", "?", |_| {});
}

#[test]
fn screen_status_picker() {
    snapshot_screens("status_picker", "j s j", |_| {});
}

#[test]
fn screen_search() {
    snapshot_screens("search", "/ giai <Space> ngan", |_| {});
}

#[test]
fn screen_write_error() {
    snapshot_screens("write_error", "s 4 <Enter>", |ws| {
        make_read_only(&ws.path(FILE))
    });
}

#[test]
fn screen_wide_with_the_detail_beside_the_list() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (160, 40));
    run_keys(&mut app, &mut runner(), "j");
    insta::assert_snapshot!("side_detail_en_160x40", screen(&app));
}

#[test]
fn screen_units_pane_at_80_columns() {
    // At 80 columns one pane shows at a time; Tab brings the units.
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (80, 24));
    run_keys(&mut app, &mut runner(), "<Tab> j j");
    insta::assert_snapshot!("units_vi_80x24", screen(&app));
}

fn make_read_only(path: &Path) {
    let mut perms = fs::metadata(path).unwrap().permissions();
    perms.set_readonly(true);
    fs::set_permissions(path, perms).unwrap();
}

#[test]
fn no_color_leaves_meaning_to_symbols_and_bold() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.color = false;
    let backend = screen(&app);
    let buffer = backend.buffer();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    // The overdue count of the units pane stands out in bold, with its symbol.
    let all_units: String = (0..28).map(|x| buffer[(x, 2)].symbol()).collect();
    assert!(all_units.contains("‼7"), "{all_units}");
    let x = all_units.chars().position(|c| c == '‼').unwrap() as u16;
    assert!(buffer[(x, 2)].modifier.contains(Modifier::BOLD));
}

#[test]
fn control_characters_in_the_files_are_shown_not_sent() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    // Escape sequences written the TOML way: the parsed text holds real ESC and BEL bytes.
    let text = replace_once(
        &original,
        "text = \"Tăng cường quản lý, bảo vệ và phát triển rừng\"",
        "text = \"\\u001b[2J\\u001b]0;pwned\\u0007Tăng cường\\tquản lý\"",
    );
    fs::write(ws.path(FILE), text).unwrap();
    // Wide enough for the whole text in the list row.
    let app = ws.app(Lang::En, (200, 40));
    let d = app.ws.directive("gb-2023-08-02").unwrap();
    assert!(d.text.contains('\x1b'));
    let backend = screen(&app);
    let cells: String = backend
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(!cells.contains('\x1b') && !cells.contains('\x07') && !cells.contains('\t'));
    assert!(cells.contains("␛[2J␛]0;pwned␇Tăng cường␉quản"), "{backend}");
}

#[test]
fn wide_and_combining_text_keeps_the_columns_aligned() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    // CJK (two cells a character) and decomposed Vietnamese (combining marks).
    let text = replace_once(
        &original,
        "text = \"Tăng cường quản lý, bảo vệ và phát triển rừng\"",
        "text = \"日本語の文書と中文的文件和한국어 문서가 섞인 아주 긴 지시 사항입니다 日本語の文書と中文的文件\"",
    );
    let text = replace_once(
        &text,
        "text = \"Thực hiện tốt công tác phòng, chống dịch bệnh trên cây trồng và vật nuôi\"",
        "text = \"Thu\u{323}c hie\u{323}\u{302}n to\u{302}\u{301}t co\u{302}ng ta\u{301}c pho\u{300}ng cho\u{302}\u{301}ng di\u{323}ch be\u{323}\u{302}nh tre\u{302}n ca\u{302}y tro\u{302}\u{300}ng va\u{300} va\u{323}\u{302}t nuo\u{302}i\"",
    );
    fs::write(ws.path(FILE), text).unwrap();
    let by_id = |size| {
        let mut app = ws.app(Lang::Vi, size);
        while app.sort != dondoc::query::Sort::Id {
            app.update(Action::CycleSort);
        }
        app.update(Action::Top);
        app
    };
    for size in SIZES {
        let app = by_id(size);
        let backend = screen(&app);
        let buffer = backend.buffer();
        let (w, h) = size;
        // The right border of the directives pane is in the last column on every body row.
        for y in 2..h - 3 {
            assert_eq!(buffer[(w - 1, y)].symbol(), "│", "row {y}\n{backend}");
        }
        let shown = backend.to_string();
        assert!(shown.contains("日本語の"), "{shown}");
    }
    // The text column starts at the same x after wide and after narrow text (wide enough to
    // show both texts' beginnings).
    let backend = screen(&by_id((200, 40)));
    let lines: Vec<String> = backend.to_string().lines().map(str::to_string).collect();
    let row = |id: &str| lines.iter().find(|l| l.contains(id)).unwrap().clone();
    let x_of = |line: &str, needle: &str| {
        unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()])
    };
    let cjk = row("gb-2023-08-02");
    let plain = row("gb-2023-08-03");
    assert_eq!(
        x_of(&cjk, "日本"),
        x_of(&plain, "Thực hiện tốt công tác dự báo")
    );
}

#[test]
fn resizing_keeps_the_cursor_on_screen() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::Bottom);
    app.update(Action::Resize(80, 24));
    assert!(app.cursor >= app.offset && app.cursor < app.offset + app.list_height());
    let backend = screen(&app);
    assert!(backend.to_string().contains('›'));
}

// ---------------------------------------------------------------------------------------------
// Key sequences against the files on disk.

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
    let d = app.ws.directive("gb-2023-08-27").unwrap();
    assert_eq!(d.status, Status::Done);
    assert_eq!(app.totals[Timeliness::Overdue as usize], 6);
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
            append_log(
                &b,
                &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\ndeadline = {written}\n"),
            )
        });
        assert_same_text(&ws.read(FILE), &expected);
    }
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
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nstatus = \"in_progress\"\ncleared = [\"done_on\"]\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
    assert!(app.undo.is_empty());
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
    assert!(app.undo.is_empty());
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
        app.ws.directive("gb-2023-08-27").unwrap().note.as_deref(),
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
    assert_eq!(app.cursor, 2, "one row above it left the overdue group");
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
    assert!(shown.contains("2023-09-22 14:10 +07:00"), "{shown}");
    let app = keys(&ws, Lang::En, "j <Enter> <Esc>");
    assert_eq!(app.view, View::List);
    let app = keys(&ws, Lang::En, "q");
    assert!(app.quit);
}

// ---------------------------------------------------------------------------------------------
// The real binary in a pseudo-terminal.

#[test]
fn end_to_end_in_a_pseudo_terminal() {
    let ws = Workspace::new();
    let (mut run, original) = PtyRun::start_and_edit(&ws, &[]);
    run.type_keys(b"q");
    let status = run.wait_exit();
    assert!(status.success(), "{status:?}");

    let written = ws.read(FILE);
    let expected = expect_block_edit(&original, "gb-2023-08-27", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"done\"");
        replace_once(
            &b,
            "đạt thấp\"\n\n[[directive.log]]",
            "đạt thấp\"\ndone_on = 2023-10-15\n\n[[directive.log]]",
        )
    });
    // The log entry's time is the real clock's: check it apart from the rest.
    let by = written.find("by = \"Người Thử\"").expect("a new log entry");
    let entry_start = written[..by].rfind("[[directive.log]]").unwrap();
    let entry_end = entry_start
        + written[entry_start..]
            .find("\n\n")
            .unwrap_or(written.len() - entry_start);
    let entry = &written[entry_start..entry_end];
    assert!(
        entry.contains("by = \"Người Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15"),
        "{entry}"
    );
    let without_entry = format!(
        "{}{}",
        &written[..entry_start - 1],
        &written[entry_end + 1..]
    );
    assert_same_text(&without_entry, &expected);

    // The terminal was given back: the last thing written leaves the alternate screen.
    run.wait_output_ends_with(b"\x1b[?1049l");
    let out = run.output();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("\x1b[?1049h"), "entered the alternate screen");
    assert!(!text.contains("\x1b[?1000h"), "no mouse capture");
}

// ---------------------------------------------------------------------------------------------
// The dashboard and the as-of date (issue 5).

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dash_unit(app: &App) -> String {
    app.dash_selected()
        .expect("a unit is selected")
        .owner
        .clone()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::Type(c));
    }
}

#[test]
fn the_dashboard_opens_moves_and_enter_shows_the_units_directives() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    assert!(app.report().is_none(), "computed only when first shown");
    app.update(Action::Dashboard);
    assert_eq!(app.view, View::Dashboard);
    assert_eq!(app.mode(), dondoc::tui::keymap::Mode::Dashboard);
    // Worst first within the first group: Ba Bể has two overdue and nothing done.
    assert_eq!(dash_unit(&app), "ba-be");
    app.update(Action::Down);
    assert_eq!(dash_unit(&app), "na-ri");
    app.update(Action::Up);
    app.update(Action::Up);
    assert_eq!(dash_unit(&app), "ba-be", "stops at the first unit");
    app.update(Action::Bottom);
    let last = app.report().unwrap().groups.last().unwrap();
    assert_eq!(dash_unit(&app), last.units.last().unwrap().owner);
    // The cursor stays on screen, and the last group's total under it is shown too.
    let height = app.dash_height();
    assert!(app.dash_cursor < app.dash_offset + height);
    assert_eq!(app.dash_offset + height, app.dash_rows.len());
    app.update(Action::Top);
    assert_eq!((dash_unit(&app).as_str(), app.dash_offset), ("ba-be", 0));
    app.update(Action::PageDown);
    assert!(app.dash_offset > 0 && app.dash_cursor < app.dash_offset + height);

    // Enter on Cục Thuế: the lists, with the unit selected and its directives: the one it
    // leads, then those it supports (each most urgent first).
    app.update(Action::Top);
    while dash_unit(&app) != "cuc-thue" {
        let before = app.dash_cursor;
        app.update(Action::Down);
        assert_ne!(app.dash_cursor, before, "cuc-thue is on the dashboard");
    }
    app.update(Action::Confirm);
    assert_eq!(app.view, View::List);
    assert_eq!(app.focus, Pane::Directives);
    let owner = app.selected_owner().expect("a unit is selected");
    assert_eq!(app.ws.owners[owner].id, "cuc-thue");
    assert_eq!(
        ids(&app),
        [
            "gb-2023-08-09",
            "gb-2023-08-11",
            "gb-2023-08-36",
            "gb-2023-08-12",
            "gb-2023-08-10"
        ]
    );
    assert!(!app.rows[0].support && app.rows[1..].iter().all(|r| r.support));

    // Back on the dashboard the same unit is selected; Esc returns to the lists.
    app.update(Action::Dashboard);
    assert_eq!(dash_unit(&app), "cuc-thue");
    app.update(Action::Back);
    assert_eq!(app.view, View::List);
}

#[test]
fn dashboard_keys_in_a_script() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (80, 24));
    run_keys(&mut app, &mut runner(), "b j j <Enter>");
    assert_eq!(app.view, View::List);
    let owner = app.selected_owner().unwrap();
    assert_eq!(app.ws.owners[owner].id, "pac-nam");
    assert_eq!(ids(&app), ["gb-2023-08-33", "gb-2023-08-24"]);
    run_keys(&mut app, &mut runner(), "b <Esc>");
    assert_eq!(app.view, View::List);
    run_keys(&mut app, &mut runner(), "b b");
    assert_eq!(app.view, View::List, "b closes the dashboard too");
}

#[test]
fn the_as_of_date_moves_every_count_and_the_dashboard() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::Dashboard);
    let overdue = Timeliness::Overdue as usize;
    assert_eq!(app.totals[overdue], 7);
    let ba_be = |app: &App| {
        app.report()
            .unwrap()
            .units()
            .find(|u| u.owner == "ba-be")
            .unwrap()
            .figures
    };
    assert_eq!((ba_be(&app).overdue, ba_be(&app).within), (2, 0));

    // On 2023-09-30, the deadline of most of the sample, nothing from it is overdue yet.
    app.update(Action::AsOf);
    assert_eq!(app.mode(), dondoc::tui::keymap::Mode::AsOfInput);
    type_text(&mut app, "30/09/2023");
    assert!(app.update(Action::Confirm).is_empty());
    assert_eq!(app.popup, None);
    assert_eq!(app.today, day(2023, 9, 30));
    let f = ba_be(&app);
    assert_eq!((f.overdue, f.within, f.due_soon), (0, 2, 2));
    assert_eq!(app.report().unwrap().as_of, day(2023, 9, 30));
    assert_eq!(app.message.as_ref().unwrap().level, Level::Info);
    let counted = app
        .ws
        .directives
        .iter()
        .filter(|d| app.ws.timeliness(d, day(2023, 9, 30)) == Timeliness::Overdue)
        .count();
    assert_eq!(app.totals[overdue], counted);
    assert!(counted < 7);
    // The ranking follows: Ba Bể is no longer the worst of its group.
    assert_ne!(
        app.report().unwrap().groups[0].units[0].owner,
        "ba-be",
        "ranking recomputed"
    );

    // Relative steps count from the current as-of date; `today` is the calendar's.
    app.update(Action::AsOf);
    type_text(&mut app, "+15");
    app.update(Action::Confirm);
    assert_eq!(app.today, day(2023, 10, 15));
    assert_eq!(app.totals[overdue], 7);
    app.update(Action::AsOf);
    type_text(&mut app, "-1");
    app.update(Action::Confirm);
    assert_eq!(app.today, day(2023, 10, 14));
    app.clock_today = day(2023, 11, 1);
    app.update(Action::AsOf);
    type_text(&mut app, "today");
    app.update(Action::Confirm);
    assert_eq!(app.today, day(2023, 11, 1));
}

#[test]
fn an_impossible_as_of_date_is_refused_and_the_input_kept() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (80, 24));
    for (input, message) in [
        ("31/02/2024", "Không có ngày 31/02/2024 trong lịch"),
        (
            "-",
            "\"-\" không phải là ngày: dùng YYYY-MM-DD, DD/MM/YYYY, +N, -N hoặc hôm nay",
        ),
    ] {
        app.update(Action::AsOf);
        type_text(&mut app, input);
        assert!(app.update(Action::Confirm).is_empty());
        let m = app.message.clone().unwrap();
        assert_eq!((m.level, m.text.as_str()), (Level::Error, message));
        match &app.popup {
            Some(Popup::Prompt(p)) => {
                assert_eq!((p.kind, p.input.as_str()), (PromptKind::AsOf, input))
            }
            other => panic!("the prompt should stay open: {other:?}"),
        }
        app.update(Action::Back);
        assert_eq!(app.today, today(), "nothing changed");
    }
}

#[test]
fn done_without_a_date_uses_the_as_of_date() {
    // As `dondoc --today D set --status done`: the as-of date is the day things are counted at.
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::AsOf);
    type_text(&mut app, "2023-10-20");
    app.update(Action::Confirm);
    let id = selected_id(&app);
    let effects = app.update(Action::SetStatus(Status::Done));
    assert!(effects.is_empty());
    let effects = app.update(Action::Confirm);
    match &effects[..] {
        [Effect::Write(WriteRequest {
            id: written,
            change,
            ..
        })] => {
            assert_eq!(written, &id);
            assert_eq!(change.done_on, Some(Some(day(2023, 10, 20))));
        }
        other => panic!("one write expected: {other:?}"),
    }
}

#[test]
fn the_title_bar_says_when_the_as_of_date_is_not_the_calendars() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let title = |app: &App| {
        let backend = screen(app);
        let buffer = backend.buffer();
        (0..buffer.area.width)
            .map(|x| buffer[(x, 0)].symbol().to_string())
            .collect::<String>()
    };
    assert!(
        title(&app).contains("as of 2023-10-15 │"),
        "{}",
        title(&app)
    );
    app.clock_today = day(2024, 1, 2);
    assert!(
        title(&app).contains("as of 2023-10-15 (set) │"),
        "{}",
        title(&app)
    );
}

/// The figures of one dashboard line, as drawn: the counts and the rates after the bar.
fn dashboard_figures(backend: &TestBackend, label: &str) -> Vec<String> {
    let buffer = backend.buffer();
    let bar = ['█', '▓', '░', '‼'];
    let lines: Vec<String> = (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect()
        })
        .collect();
    let line = lines
        .iter()
        .find_map(|l| {
            let rest = l.strip_prefix('│')?.trim_start().strip_prefix(label)?;
            rest.starts_with(' ').then_some(rest)
        })
        .unwrap_or_else(|| panic!("no line for {label}:\n{}", lines.join("\n")));
    line.split_whitespace()
        .filter(|w| *w != "│" && !w.chars().all(|c| bar.contains(&c)))
        .map(str::to_string)
        .collect()
}

/// The same figures from the JSON report, in the dashboard's column order.
fn json_figures(v: &serde_json::Value) -> Vec<String> {
    let mut out: Vec<String> = [
        "total",
        "on_time",
        "late",
        "within",
        "overdue",
        "ongoing",
        "cancelled",
    ]
    .iter()
    .map(|k| v[k].as_u64().unwrap().to_string())
    .collect();
    for k in ["completion_rate", "on_time_rate"] {
        out.push(dondoc::i18n::report::percent(v[k].as_f64(), Lang::En));
    }
    out
}

#[test]
fn the_dashboard_shows_the_figures_of_dondoc_report() {
    let ws = Workspace::new();
    // Tall enough for every unit on one screen, wide enough for every column.
    let mut app = ws.app(Lang::En, (120, 60));
    for (keys, as_of) in [("b", "2023-10-15"), ("t 2023-09-30 <Enter>", "2023-09-30")] {
        run_keys(&mut app, &mut runner(), keys);
        let backend = screen(&app);
        let workspace = dondoc::store::load(ws.root()).unwrap();
        // The dashboard ranks units worst first, as `report --rank` does.
        let opts = dondoc::report::ReportOptions {
            rank: true,
            ..dondoc::report::ReportOptions::new(as_of.parse().unwrap())
        };
        let json = dondoc::report::json::render(&dondoc::report::compute(&workspace, &opts));
        let json: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(json["as_of"], as_of);
        let units = json["units"].as_array().unwrap();
        assert_eq!(units.len(), workspace.owners.len());
        for unit in units {
            let id = unit["owner"].as_str().unwrap();
            let short = workspace.owner(id).unwrap().short_name();
            assert_eq!(
                dashboard_figures(&backend, short),
                json_figures(unit),
                "{id} as of {as_of}"
            );
        }
        assert_eq!(
            dashboard_figures(&backend, "Overall"),
            json_figures(&json["overall"])
        );
        // Units in the JSON's order (worst first within each group) are the dashboard's.
        let on_screen: Vec<String> = app
            .report()
            .unwrap()
            .units()
            .map(|u| u.owner.clone())
            .collect();
        let in_json: Vec<&str> = units.iter().map(|u| u["owner"].as_str().unwrap()).collect();
        assert_eq!(on_screen, in_json);
    }
}

#[test]
fn dashboard_figures_match_the_sample_counted_by_hand() {
    // From data/2023/giao-ban-2023-08-25.toml as of 2023-10-15:
    // - cuc-thue leads gb-09 only (due 2023-09-30, in progress): 1 overdue, 0% done;
    // - ba-be leads gb-11 and gb-27 (both due 2023-09-30, in progress): 2 overdue;
    // - cho-don: gb-12 done 2023-09-29 (on time), gb-29 blocked past 2023-09-30: 50% done;
    // - overall: 36 = 8 on time + 4 late + 13 within (4 due soon) + 7 overdue + 3 ongoing
    //   + 1 cancelled; 12 done of 19 fallen due = 63.2%; 8 of 12 done on time = 66.7%.
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 60));
    app.update(Action::Dashboard);
    let backend = screen(&app);
    let row = |label: &str| dashboard_figures(&backend, label);
    assert_eq!(
        row("Cục Thuế"),
        ["1", "0", "0", "0", "1", "0", "0", "0%", "—"]
    );
    assert_eq!(row("Ba Bể"), ["2", "0", "0", "0", "2", "0", "0", "0%", "—"]);
    assert_eq!(
        row("Chợ Đồn"),
        ["2", "1", "0", "0", "1", "0", "0", "50%", "100%"]
    );
    assert_eq!(
        row("Overall"),
        // Cancelled (dừng thực hiện) is apart from the total: 12 done + 23 not done.
        ["35", "8", "4", "13", "7", "3", "1", "63.2%", "66.7%"]
    );
    let overall = app.report().unwrap().overall;
    assert_eq!(overall.due_soon, 4);
}

#[test]
fn dashboard_bars_read_without_colour() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (80, 24));
    app.color = false;
    app.update(Action::Dashboard);
    let backend = screen(&app);
    let buffer = backend.buffer();
    for cell in buffer.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
    // The legend names each fill; Chợ Đồn's bar shows one done on time then one overdue.
    for legend in [
        "█ done on time",
        "▓ done late",
        "░ within deadline",
        "‼ overdue",
    ] {
        assert!(text.contains(legend), "{legend}");
    }
    assert!(text.contains("█‼"), "adjacent segments stay distinct");
}

#[test]
fn screen_dashboard() {
    snapshot_screens("dashboard", "b j j", |_| {});
}

#[test]
fn screen_dashboard_at_another_date() {
    // The as-of prompt, then the dashboard as of the day most of the sample fell due.
    snapshot_screens("as_of_prompt", "t 30/09/", |_| {});
    snapshot_screens("dashboard_2023_09_30", "b t 30/09/2023 <Enter> G", |_| {});
}

// Live reload, git status, commit on edit, sync (issue 4).

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
    let key = if at > app.cursor { "j" } else { "k" };
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
    let mut runner = runner();
    run_keys(&mut app, &mut runner, &"j ".repeat(20));
    let id = selected_id(&app);
    assert!(app.offset > 0);
    let screen_row = app.cursor - app.offset;
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

    assert_eq!(app.rows.len(), 37);
    assert_eq!(selected_id(&app), id, "the same directive stays selected");
    assert_eq!(
        app.cursor, 19,
        "one row above it went to the end (cancelled)"
    );
    assert_eq!(
        app.cursor - app.offset,
        screen_row,
        "and on the same screen row"
    );
    assert_eq!(
        app.ws.directive("gb-2023-08-09").unwrap().status,
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

#[test]
fn dondocs_own_write_is_not_reported_as_a_change_by_others() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut runner = runner();
    run_keys(&mut app, &mut runner, "j j 4 <Enter>");
    let saved = app.message.clone().unwrap().text;
    // The watcher reports the file dondoc just wrote.
    handle_event(
        &mut app,
        &mut runner,
        Event::FilesChanged(vec![FILE.into()]),
    );
    assert_eq!(app.message.unwrap().text, saved);
    assert!(app.changed.is_empty());
}

#[test]
fn a_file_broken_on_disk_keeps_its_rows_marked_broken_and_refuses_edits() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
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

    assert_eq!(app.rows.len(), 36, "the last good contents stay");
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
    let before = title_line(&app);
    assert!(!before.contains('['), "{before}");
    app.apply(Outcome::GitStatus(Some(git_status())));
    assert_eq!(
        title_line(&app),
        " Theo dõi kết luận giao ban — Tỉnh ủy Bắc Kạn            [main ±3 ↑2 ↓1 ⚠1 rebase] as of 2023-10-15 │ ‼7 !4 ·9 ∞3 √8 ×4 "
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
    app.apply(Outcome::GitStatus(Some(GitStatus {
        conflicted: vec![],
        operation: None,
        ..git_status()
    })));
    assert_eq!(
        title_line(&app),
        " Theo dõi kết luận giao ban — Tỉnh ủy Bắc K… [main · 3 tệp chưa commit · ↑2 ↓1] tính đến 15/10/2023 │ ‼7 !4 ·9 ∞3 √8 ×4 "
    );
    // Wide enough, the long form.
    let mut app = ws.app(Lang::Vi, (260, 40));
    app.apply(Outcome::GitStatus(Some(git_status())));
    assert!(
        title_line(&app)
            .contains("[main · 3 tệp chưa commit · ↑2 ↓1 · ⚠ 1 xung đột · rebase đang dừng]"),
        "{}",
        title_line(&app)
    );
    // Not a repository: nothing of git.
    app.apply(Outcome::GitStatus(None));
    assert_eq!(app.git, GitState::NotRepo);
    assert!(!title_line(&app).contains('['));
}

#[test]
fn a_sync_runs_once_at_a_time_and_marks_what_others_changed() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    assert_eq!(app.update(Action::Sync), vec![Effect::Sync]);
    assert!(app.syncing);
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
    assert!(!app.syncing);
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
        let outcome = runner.run(effect, &mut app.ws);
        app.apply(outcome);
    }
    assert_eq!(selected_id(&app), selected);
    assert!(app.message.as_ref().unwrap().text.starts_with("synced:"));

    let mut app = ws.app(Lang::Vi, (120, 40));
    app.apply(Outcome::Synced(Box::new(outcome)));
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Đã đồng bộ: đã commit 1 tệp, 2 chỉ đạo được người khác cập nhật"
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

fn git(dir: &Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn keys_commit_each_edit_when_git_commit_is_on() {
    let ws = Workspace::new();
    let root = ws.root();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["add", "-A"]);
    git(
        root,
        &[
            "-c",
            "user.name=Setup",
            "-c",
            "user.email=setup@example.org",
            "commit",
            "-qm",
            "start",
        ],
    );
    // Another uncommitted change that the edit's commit must leave alone.
    fs::write(ws.path("notes.toml"), "# not dondoc's\n").unwrap();
    let mut app = ws.app(Lang::En, (120, 40));
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
    let status = match &app.git {
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

#[test]
fn keys_a_write_refused_as_stale_names_the_other_writer_and_shows_the_new_value() {
    use dondoc::store::edit::Edit;
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
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
    let d = app.ws.directive("gb-2023-08-27").unwrap();
    assert_eq!(d.status, Status::Blocked);
    assert!(app.is_changed("gb-2023-08-27"));
    run_keys(&mut app, &mut runner(), "<Esc>");
    let row = screen_line(&app, "gb-2023-08-27");
    assert!(row.contains("■ blocked") && row.contains("• "), "{row}");

    // In Vietnamese too, with the name.
    let mut app = ws.app(Lang::Vi, (120, 40));
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
        app.ws.directive("gb-2023-08-09").unwrap().note.as_deref(),
        Some("Đã họp")
    );
}

#[test]
fn end_to_end_a_file_changed_by_another_process_shows_on_screen() {
    let ws = Workspace::new();
    let mut run = PtyRun::start(&ws, &[]);
    run.wait_for("gb-2023-08-09");
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
        app.ws.directive("gb-2023-08-09").unwrap().status,
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

// ---------------------------------------------------------------------------------------------
// The real binary's ways out: signals, panics, and staying quiet when idle.

/// The built binary in a pseudo-terminal of 120×40 on a workspace, with everything it writes
/// collected by a reader thread.
struct PtyRun {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    output: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    writer: Box<dyn std::io::Write + Send>,
    // Kept open: dropping the master would hang up the terminal under the program.
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

/// Generous: a loaded CI machine must never fail these tests by being slow.
const PTY_PATIENCE: std::time::Duration = std::time::Duration::from_secs(120);

/// What `leave_screen` writes last: show the cursor, leave the alternate screen.
const RESTORE: &[u8] = b"\x1b[?25h\x1b[?1049l";

impl PtyRun {
    fn start(ws: &Workspace, env: &[(&str, &str)]) -> PtyRun {
        use portable_pty::{native_pty_system, CommandBuilder, PtySize};
        use std::io::Read;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_dondoc"));
        cmd.args([
            "--data",
            ws.root().to_str().unwrap(),
            "--today",
            "2023-10-15",
            "--lang",
            "en",
        ]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("DONDOC_USER", "Người Thử");
        cmd.env("RUST_BACKTRACE", "0");
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.cwd(ws.root());
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let output = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = std::sync::Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        PtyRun {
            child,
            output,
            writer,
            _master: pair.master,
        }
    }

    fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// Waits until the output satisfies `done`; fails naming `what` after the patience.
    fn wait_until(&self, what: &str, done: impl Fn(&[u8]) -> bool) {
        let start = std::time::Instant::now();
        loop {
            let out = self.output();
            if done(&out) {
                return;
            }
            assert!(
                start.elapsed() < PTY_PATIENCE,
                "never saw {what}; the output ends with {:?}",
                String::from_utf8_lossy(&out[out.len().saturating_sub(300)..])
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// Only changed cells are sent: look for words without spaces in them.
    fn wait_for(&self, needle: &str) {
        self.wait_until(&format!("{needle:?}"), |out| {
            String::from_utf8_lossy(out).contains(needle)
        });
    }

    fn type_keys(&mut self, keys: &[u8]) {
        self.writer.write_all(keys).unwrap();
        self.writer.flush().unwrap();
    }

    /// Sends a signal the way the system would (`kill`), not through the terminal.
    fn signal(&self, name: &str) {
        let pid = self.child.process_id().expect("the child's pid");
        let status = std::process::Command::new("kill")
            .args(["-s", name, &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success(), "kill -s {name} {pid}: {status:?}");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = std::time::Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(start.elapsed() < PTY_PATIENCE, "dondoc did not end");
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    /// After the exit: waits until the reader has everything the program wrote up to `ending`.
    fn wait_output_ends_with(&self, ending: &[u8]) {
        self.wait_until(&format!("the output end with {ending:?}"), |out| {
            out.ends_with(ending)
        });
    }

    /// Starts the UI, marks gb-2023-08-27 done with the keys (`j j 4 <Enter>`) and waits
    /// until the status line says it is saved. Returns the file as it was before.
    fn start_and_edit(ws: &Workspace, env: &[(&str, &str)]) -> (PtyRun, String) {
        let original = ws.read(FILE);
        let mut run = PtyRun::start(ws, env);
        run.wait_for("gb-2023-08-09");
        run.type_keys(b"jj4");
        run.wait_for("(optional)");
        run.type_keys(b"\r");
        run.wait_for("Saved");
        (run, original)
    }
}

/// A failed test must not leave the program running.
impl Drop for PtyRun {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The edit of [`PtyRun::start_and_edit`] is on disk with its log entry, and nothing else
/// changed.
fn assert_the_edit_is_on_disk(ws: &Workspace, original: &str) {
    let written = ws.read(FILE);
    // The log entry's time is the real clock's: check it apart from the rest.
    let by = written.find("by = \"Người Thử\"").expect("a new log entry");
    let entry_start = written[..by].rfind("[[directive.log]]").unwrap();
    let entry_end = entry_start
        + written[entry_start..]
            .find("\n\n")
            .unwrap_or(written.len() - entry_start);
    assert!(
        written[entry_start..entry_end]
            .contains("by = \"Người Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15"),
        "{}",
        &written[entry_start..entry_end]
    );
    let expected = expect_block_edit(original, "gb-2023-08-27", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"done\"");
        replace_once(
            &b,
            "đạt thấp\"\n\n[[directive.log]]",
            "đạt thấp\"\ndone_on = 2023-10-15\n\n[[directive.log]]",
        )
    });
    let without_entry = format!(
        "{}{}",
        &written[..entry_start - 1],
        &written[entry_end + 1..]
    );
    assert_same_text(&without_entry, &expected);
}

/// A signal ends dondoc by its own exit (128 + the signal, not killed by it), the last bytes
/// written give the terminal back, and the edit made before is on disk.
fn a_signal_restores_the_terminal_and_keeps_the_edit(name: &str, number: u32) {
    let ws = Workspace::new();
    let (mut run, original) = PtyRun::start_and_edit(&ws, &[]);
    let before_signal = run.output().len();
    run.signal(name);
    let status = run.wait_exit();
    assert_eq!(
        (status.signal(), status.exit_code()),
        (None, 128 + number),
        "SIG{name} should end dondoc through its own exit: {status:?}"
    );
    run.wait_output_ends_with(RESTORE);
    assert!(run.output().len() > before_signal);
    assert_the_edit_is_on_disk(&ws, &original);
}

#[test]
fn end_to_end_sighup_restores_the_terminal_and_keeps_the_edit() {
    a_signal_restores_the_terminal_and_keeps_the_edit("HUP", 1);
}

#[test]
fn end_to_end_sigterm_restores_the_terminal_and_keeps_the_edit() {
    a_signal_restores_the_terminal_and_keeps_the_edit("TERM", 15);
}

/// A panic gives the terminal back before its message is printed, writes nothing to the
/// screen after that, and the edit made before is on disk.
fn a_panic_restores_the_terminal_and_keeps_the_edit(asked: &str, message: &str) {
    let ws = Workspace::new();
    let (mut run, original) = PtyRun::start_and_edit(&ws, &[("DONDOC_TEST_PANIC_ON_KEY", asked)]);
    run.type_keys(b"X");
    let status = run.wait_exit();
    assert_eq!(status.exit_code(), 101, "{status:?}");
    run.wait_for(message);
    let out = run.output();
    let restored = out
        .windows(RESTORE.len())
        .position(|w| w == RESTORE)
        .expect("the terminal given back");
    let after = String::from_utf8_lossy(&out[restored + RESTORE.len()..]).into_owned();
    assert!(
        after.contains(message),
        "the message after the restore: {after:?}"
    );
    // Nothing drew on the shell after it was given back: no escape sequence, only text.
    assert!(!after.contains('\x1b'), "{after:?}");
    assert_the_edit_is_on_disk(&ws, &original);
}

#[test]
fn end_to_end_a_panic_restores_the_terminal_and_keeps_the_edit() {
    a_panic_restores_the_terminal_and_keeps_the_edit("X", "test panic in the loop");
}

#[test]
fn end_to_end_a_panic_on_another_thread_ends_dondoc_and_restores_the_terminal() {
    a_panic_restores_the_terminal_and_keeps_the_edit("thread:X", "test panic on a thread");
}

/// Starts the UI, waits until the first screen and git's answer for the title are drawn and
/// a while passes without output, then reads for 3 seconds: not a byte may arrive.
fn an_idle_dondoc_writes_nothing(in_a_repository: bool) {
    use std::time::Duration;
    let ws = Workspace::new();
    if in_a_repository {
        // So that git's answer (which redraws the title) is seen to have arrived.
        git(ws.root(), &["init", "-q", "-b", "idlecheck"]);
        git(ws.root(), &["add", "-A"]);
        git(
            ws.root(),
            &[
                "-c",
                "user.name=Setup",
                "-c",
                "user.email=setup@example.org",
                "commit",
                "-qm",
                "start",
            ],
        );
    }
    let mut run = PtyRun::start(&ws, &[]);
    run.wait_for("gb-2023-08-09");
    if in_a_repository {
        run.wait_for("idlecheck");
    }
    // Outside a repository git's answer changes nothing on screen but may still come late
    // on a loaded machine: wait until two whole seconds pass without output.
    let mut seen = run.output().len();
    let mut quiet_checks = 0;
    let start = std::time::Instant::now();
    while quiet_checks < 20 {
        assert!(
            start.elapsed() < PTY_PATIENCE,
            "the output never went quiet; it ends with {:?}",
            String::from_utf8_lossy(&run.output()[seen.saturating_sub(300)..])
        );
        std::thread::sleep(Duration::from_millis(100));
        let now = run.output().len();
        quiet_checks = if now == seen { quiet_checks + 1 } else { 0 };
        seen = now;
    }
    // Idle: no tick, no redraw, not a byte.
    std::thread::sleep(Duration::from_secs(3));
    let out = run.output();
    assert_eq!(
        out.len(),
        seen,
        "an idle dondoc wrote {:?}",
        String::from_utf8_lossy(&out[seen..])
    );
    // Still alive and answering: it was idle, not stuck or gone.
    run.type_keys(b"q");
    assert!(run.wait_exit().success());
    run.wait_output_ends_with(RESTORE);
}

#[test]
fn end_to_end_an_idle_dondoc_writes_nothing() {
    an_idle_dondoc_writes_nothing(false);
}

#[test]
fn end_to_end_an_idle_dondoc_in_a_repository_writes_nothing() {
    an_idle_dondoc_writes_nothing(true);
}

/// The terminal goes away but no SIGHUP reaches dondoc: its session leader (here `sh`, as with
/// `ssh -t host dondoc` under a shell that ignores HUP, or a killed tmux session) ignores the
/// hang-up. dondoc must notice by itself and end, not spin on the dead terminal.
#[test]
fn end_to_end_a_vanished_terminal_without_sighup_ends_dondoc() {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::Read;

    let ws = Workspace::new();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    // `; true` keeps sh from exec'ing dondoc: sh stays the session leader.
    let script = format!(
        "trap '' HUP; '{}' --data '{}' --today 2023-10-15 --lang en; true",
        env!("CARGO_BIN_EXE_dondoc"),
        ws.root().display()
    );
    let mut cmd = CommandBuilder::new("sh");
    cmd.args(["-c", &script]);
    cmd.env("TERM", "xterm-256color");
    let mut shell = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    // Read until the first screen is drawn, then stop: the reader's handle on the terminal
    // closes with it, so dropping the master below really hangs the terminal up.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (seen_tx, seen_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut out = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&out).contains("gb-2023-08-09") {
                let _ = seen_tx.send(());
                break;
            }
        }
    });
    seen_rx
        .recv_timeout(PTY_PATIENCE)
        .expect("the first screen was drawn");
    drop(pair.master);
    let start = std::time::Instant::now();
    loop {
        if shell.try_wait().unwrap().is_some() {
            return;
        }
        if start.elapsed() > PTY_PATIENCE {
            // Do not leave a spinning dondoc behind on the machine.
            let pid = shell.process_id().unwrap().to_string();
            let _ = std::process::Command::new("pkill")
                .args(["-9", "-P", &pid])
                .status();
            panic!("dondoc did not end after its terminal went away");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
