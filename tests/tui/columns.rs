//! The list gives the directive's text the room: measured on the drawn screen, from the
//! column header's "Directive" to the pane's right border.

use super::*;
use dondoc::i18n::tui as t;

/// Cells from the text column's header to the right border of the directives pane.
fn text_width(app: &App) -> usize {
    let backend = screen(app);
    let buffer = backend.buffer();
    let label = t::tr(app.lang, t::COL_TEXT);
    for y in 0..buffer.area.height {
        let row: Vec<&str> = (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let line: String = row.concat();
        let Some(byte) = line.find(label) else {
            continue;
        };
        let start = line[..byte].chars().count();
        let border = (start..row.len())
            .find(|&x| row[x] == "│")
            .expect("the pane's right border");
        return border - start;
    }
    panic!("no column header on the screen");
}

#[test]
fn the_text_keeps_half_the_screen_at_120_and_40_cells_at_80() {
    for lang in LANGS {
        let ws = Workspace::new();
        let wide = ws.app(lang, (120, 40));
        let w = text_width(&wide);
        assert!(w >= 60, "{lang}: text {w} cells at 120 columns");
        let narrow = ws.app(lang, (80, 24));
        let w = text_width(&narrow);
        assert!(w >= 40, "{lang}: text {w} cells at 80 columns");
    }
}

#[test]
fn the_id_column_shows_on_demand_and_the_text_still_gets_40_cells() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (80, 24));
    let before = text_width(&app);
    let id = selected_id(&app);
    assert!(!format!("{:?}", screen(&app).buffer()).contains(&id));
    run_keys(&mut app, &mut runner(), "#");
    assert!(format!("{:?}", screen(&app).buffer()).contains(&id));
    let after = text_width(&app);
    // Other columns give way to it (the first deadlines of moved ones here); never the text.
    assert!(after >= 40, "{before} → {after}");
}

/// The title bar as drawn.
fn title_bar(app: &App) -> String {
    let backend = screen(app);
    let buffer = backend.buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, 0)].symbol())
        .collect()
}

#[test]
fn the_totals_keep_their_words_at_120_columns_in_both_languages() {
    let ws = Workspace::new();
    for (lang, words) in [
        (
            Lang::Vi,
            [
                "‼7 quá hạn",
                "!4 sắp đến hạn",
                "·9 trong hạn",
                "∞3 thường xuyên",
                "√8 HT đúng hạn",
                "×4 HT quá hạn",
            ],
        ),
        (
            Lang::En,
            [
                "‼7 overdue",
                "!4 due soon",
                "·9 on track",
                "∞3 ongoing",
                "√8 on time",
                "×4 late",
            ],
        ),
    ] {
        let app = ws.app(lang, (120, 40));
        let bar = title_bar(&app);
        for w in words {
            assert!(bar.contains(w), "{lang}: {w:?} not in {bar:?}");
        }
        // The as-of date stays, and so does the start of the workspace's title.
        assert!(bar.contains("15/10/2023 │"), "{bar:?}");
        assert!(bar.starts_with(" Theo dõi"), "{bar:?}");
    }
    // Where they cannot fit, the symbols and numbers stay.
    let app = ws.app(Lang::Vi, (80, 24));
    let bar = title_bar(&app);
    assert!(bar.contains("‼7 !4 ·9 ∞3 √8 ×4"), "{bar:?}");
    assert!(bar.contains("số liệu đến 15/10/2023"), "{bar:?}");
}

/// The drawn row of directive `id` (ids shown by `#` to find it, or by its text).
fn row_of(app: &App, text: &str) -> String {
    let backend = screen(app);
    let buffer = backend.buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .find(|l| l.contains(text))
        .unwrap_or_else(|| panic!("{text} not on screen"))
}

#[test]
fn a_moved_deadline_shows_its_first_date_where_there_is_room_and_a_marker_elsewhere() {
    let ws = Workspace::new();
    // gb-2023-08-21: first 30/09, now 20/10, extended once.
    let text = "Làm rõ những dự án trì trệ";
    for (lang, once, wide) in [(Lang::En, "once", 120), (Lang::Vi, "1 lần", 150)] {
        // One unit's list at 120 columns: the first deadline; the count where it fits too.
        let mut app = ws.app(lang, (120, 40));
        run_keys(&mut app, &mut runner(), "h / so <Space> kh");
        let row = row_of(&app, text);
        assert!(row.contains("  30/09→20/10 "), "{row}");
        assert!(text_width(&app) >= 60);
        let mut app = ws.app(lang, (wide, 40));
        run_keys(&mut app, &mut runner(), "h / so <Space> kh");
        let row = row_of(&app, text);
        assert!(row.contains(&format!("30/09→20/10 {once} !")), "{row}");
        assert!(text_width(&app) >= wide as usize / 2);
        // Every unit at 80: the marker, the current date, the text its 40 cells.
        let app = ws.app(lang, (80, 24));
        let row = row_of(&app, text);
        assert!(row.contains("→20/10 !"), "{row}");
        assert!(text_width(&app) >= 40);
        // A deadline that never moved has no marker.
        let row = row_of(&app, "Tích cực đôn đốc thực hiện");
        assert!(!row.contains('→') && row.contains(" 20/10 !"), "{row}");
    }
}
