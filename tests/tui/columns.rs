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
    run_keys(&mut app, &mut runner(), "I");
    assert!(format!("{:?}", screen(&app).buffer()).contains(&id));
    let after = text_width(&app);
    assert!(after < before && after >= 40, "{before} → {after}");
}
