//! The help screen (`?`) scrolls by rows and pages and stops at its end.

use super::*;

fn help_scroll(app: &App) -> u16 {
    match app.popup {
        Some(Popup::Help { scroll }) => scroll,
        ref other => panic!("{other:?}"),
    }
}

/// The rows inside the help's box, between its borders.
fn help_box(app: &App) -> Vec<String> {
    let backend = screen(app);
    let buffer = backend.buffer();
    let (w, h) = app.size;
    (2..h - 3)
        .map(|y| {
            (1..w.min(100) - 1)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn the_help_scrolls_by_page_and_stops_at_its_end_at_80_by_24() {
    for lang in LANGS {
        let ws = Workspace::new();
        let mut app = ws.app(lang, (80, 24));
        let mut r = runner();
        run_keys(&mut app, &mut r, "?");
        let first = help_box(&app);
        assert_eq!(help_scroll(&app), 0);
        // A page is the box's height less one row.
        run_keys(&mut app, &mut r, "<PageDown>");
        let page = help_scroll(&app) as usize;
        assert_eq!(page, first.len() - 1);
        assert_eq!(help_box(&app)[0], first[page]);
        run_keys(&mut app, &mut r, "<PageUp>");
        assert_eq!(help_scroll(&app), 0);
        // The end: the legend's last row on the box's last row, nothing blank below.
        run_keys(&mut app, &mut r, "G");
        let end = help_scroll(&app);
        let shown = help_box(&app);
        let support = match lang {
            Lang::En => "↳ (support)",
            Lang::Vi => "↳ (phối hợp)",
        };
        assert!(shown.last().unwrap().contains(support), "{shown:#?}");
        assert!(shown.iter().all(|l| !l.trim().is_empty()), "{shown:#?}");
        // Further down does nothing; one up is one row up.
        run_keys(&mut app, &mut r, "j j <PageDown> <Down> <End>");
        assert_eq!(help_scroll(&app), end);
        run_keys(&mut app, &mut r, "k");
        assert_eq!(help_scroll(&app), end - 1);
        run_keys(&mut app, &mut r, "g");
        assert_eq!(help_scroll(&app), 0);
        assert_eq!(help_box(&app), first);
        // Every binding is somewhere on the way.
        let mut all = String::new();
        for _ in 0..=end / page as u16 + 1 {
            all.push_str(&help_box(&app).join("\n"));
            run_keys(&mut app, &mut r, "<PageDown>");
        }
        assert!(all.contains("Ctrl-R") && all.contains("Shift-Tab"), "{all}");
        run_keys(&mut app, &mut r, "q");
        assert!(app.popup.is_none() && !app.should_quit());
    }
}

#[test]
fn screen_help_at_its_end() {
    snapshot_screens("help_end", "? G", |_| {});
}
