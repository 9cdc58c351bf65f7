//! The footer at 80 and 120 columns: the keys that matter where the clerk is (a meeting's
//! list, marks, the detail, the units pane) come first, and `?` and `q` always end it.

use super::*;
use dondoc::tui::keymap::{footer, Mode};

fn footer_line(app: &App) -> String {
    let backend = screen(app);
    let buffer = backend.buffer();
    let y = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// "a add", "Space đánh dấu": the key and its hint as the footer draws them.
fn hint(lang: Lang, mode: Mode, keys: &str) -> String {
    let (_, text) = footer(mode, lang)
        .into_iter()
        .find(|(k, _)| *k == keys)
        .unwrap_or_else(|| panic!("{keys} has no footer hint in {mode:?}"));
    format!("{keys} {text}")
}

#[track_caller]
fn assert_shows(app: &App, mode: Mode, keys: &[&str]) {
    let line = footer_line(app);
    for k in keys {
        let h = hint(app.lang, mode, k);
        assert!(line.contains(&format!("{h}  ")), "{h:?} not in {line:?}");
    }
    // `?` and `q` end the line.
    let end = format!(
        "{}  {}",
        hint(app.lang, mode, "?"),
        hint(app.lang, mode, "q")
    );
    assert!(line.trim_end().ends_with(&end), "{line:?}");
}

#[test]
fn at_120_columns_the_list_shows_adding_and_marking() {
    for lang in LANGS {
        let ws = Workspace::new();
        let app = ws.app(lang, (120, 40));
        assert_shows(&app, Mode::Normal, &["a", "Space", "s/1-5", "d", "n"]);
    }
}

#[test]
fn a_meetings_list_puts_adding_first_even_at_80_columns() {
    for lang in LANGS {
        for size in [(80, 24), (120, 40)] {
            let ws = Workspace::new();
            let mut app = ws.app(lang, size);
            let mut r = runner();
            run_keys(&mut app, &mut r, "m <Enter>");
            assert!(app.list.meeting.is_some(), "a meeting is shown");
            let line = footer_line(&app);
            assert!(
                line.starts_with(&hint(lang, Mode::Normal, "a")),
                "{lang} {size:?}: {line:?}"
            );
            assert_shows(&app, Mode::Normal, &["a", "E"]);
            if size.0 == 120 {
                assert_shows(&app, Mode::Normal, &["a", "E", "s/1-5", "d", "Space"]);
            }
        }
    }
}

#[test]
fn with_marks_the_bulk_keys_come_first() {
    for lang in LANGS {
        let ws = Workspace::new();
        let mut app = ws.app(lang, (80, 24));
        let mut r = runner();
        run_keys(&mut app, &mut r, "<Space> <Space>");
        assert_eq!(app.marked.len(), 2);
        assert_shows(&app, Mode::Normal, &["s/1-5", "d"]);
        let mut app = ws.app(lang, (120, 40));
        run_keys(&mut app, &mut r, "<Space> <Space>");
        assert_shows(&app, Mode::Normal, &["s/1-5", "d", "Space", "n", "*"]);
    }
}

#[test]
fn the_detail_offers_reshaping() {
    for lang in LANGS {
        for size in [(80, 24), (120, 40)] {
            let ws = Workspace::new();
            let mut app = ws.app(lang, size);
            let mut r = runner();
            run_keys(&mut app, &mut r, "<Enter>");
            assert_eq!(app.view, View::Detail);
            let wanted: &[&str] = if size.0 == 80 {
                &["E", "O", "P"]
            } else {
                &["E", "O", "P", "d", "s/1-5"]
            };
            assert_shows(&app, Mode::Detail, wanted);
        }
    }
}
