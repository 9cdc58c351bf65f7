//! Screens.

use super::*;

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
    snapshot("side_detail_en_160x40", screen(&app));
}

#[test]
fn screen_units_pane_at_80_columns() {
    // At 80 columns one pane shows at a time; Tab brings the units.
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (80, 24));
    run_keys(&mut app, &mut runner(), "<Tab> j j");
    snapshot("units_vi_80x24", screen(&app));
}

pub(crate) fn make_read_only(path: &Path) {
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
    let d = app.ws().directive("gb-2023-08-02").unwrap();
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
        while app.list.sort != dondoc::query::Sort::Id {
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
    let row = |needle: &str| {
        lines
            .iter()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not in\n{backend}"))
            .clone()
    };
    let x_of = |line: &str, needle: &str| {
        unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()])
    };
    // By their text: the id column may give way to the Vietnamese words.
    let cjk = row("日本");
    let plain = row("Thực hiện tốt");
    assert_eq!(x_of(&cjk, "日本"), x_of(&plain, "Thực hiện tốt"));
}

#[test]
fn resizing_keeps_the_cursor_on_screen() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(Action::Bottom);
    app.update(Action::Resize(80, 24));
    assert!(
        app.list.cursor >= app.list.offset && app.list.cursor < app.list.offset + app.list_height()
    );
    let backend = screen(&app);
    assert!(backend.to_string().contains('›'));
}
