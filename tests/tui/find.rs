//! Finding a unit among 34: `/` in the units pane, then its name as typed, without case or
//! diacritics; the selection follows the text.

use super::*;

/// The selected row of the units pane: a unit's id, or a group's name.
fn unit(app: &App) -> String {
    app.owners
        .selected_id(app.ws())
        .or(app.owners.selected_group(app.ws()))
        .unwrap_or("(all)")
        .to_string()
}

fn line(app: &App, y: u16) -> String {
    let backend = screen(app);
    let buffer = backend.buffer();
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

#[test]
fn typing_a_name_selects_the_unit_and_shows_its_directives() {
    let ws = Workspace::new();
    for (keys, expected) in [
        ("h / bab", "ba-be"),
        ("h / ba <Space> be", "ba-be"),
        ("h / BA <Space> BỂ", "ba-be"),
        ("h / cuc <Space> thue", "cuc-thue"),
        ("h / thue", "cuc-thue"),
        ("h / cuc-thue", "cuc-thue"),
        ("h / bbe", "ba-be"),
        ("h / cho <Space> moi", "cho-moi"),
    ] {
        let mut app = ws.app(Lang::Vi, (120, 40));
        run_keys(&mut app, &mut runner(), keys);
        assert_eq!(unit(&app), expected, "{keys}");
        assert_eq!(app.focus, Pane::Owners, "{keys}");
        // The directives shown are the unit's, at once.
        assert!(!app.list.rows.is_empty(), "{keys}");
        assert!(
            app.list.rows.iter().all(|r| {
                let d = app.directive(r);
                d.owner == expected || d.support.iter().any(|s| s == expected)
            }),
            "{keys}"
        );
    }
}

#[test]
fn enter_keeps_the_unit_esc_goes_back_and_arrows_go_to_the_next_match() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (80, 24));
    let mut r = runner();
    run_keys(&mut app, &mut r, "h j j / cuc <Space> thue");
    assert_eq!(unit(&app), "cuc-thue");
    run_keys(&mut app, &mut r, "<Esc>");
    assert_eq!(unit(&app), "tp-bac-kan");
    assert!(app.owners.find.is_none());
    // "ba" starts Ba Bể; ↓ goes on to the next unit that has it (Bạch Thông), ↑ back.
    run_keys(&mut app, &mut r, "/ ba");
    assert_eq!(unit(&app), "ba-be");
    run_keys(&mut app, &mut r, "<Down>");
    assert_eq!(unit(&app), "bach-thong");
    run_keys(&mut app, &mut r, "<Up>");
    assert_eq!(unit(&app), "ba-be");
    run_keys(&mut app, &mut r, "<Enter>");
    assert!(app.owners.find.is_none());
    assert_eq!(unit(&app), "ba-be");
    assert_eq!(app.focus, Pane::Directives);
    // Every key works as before once the find is over.
    run_keys(&mut app, &mut r, "h j");
    assert_eq!(unit(&app), "bach-thong");
}

#[test]
fn letters_are_typed_not_run_while_finding() {
    let ws = Workspace::new();
    let before = ws.read(FILE);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // q would quit, 4 would set a status, b would open the dashboard.
    run_keys(&mut app, &mut r, "h / 4qb");
    assert!(!app.should_quit());
    assert_eq!(app.view, View::List);
    assert!(app.popup.is_none());
    assert_eq!(ws.read(FILE), before);
    // Nothing matches: the selection stays and the status line says so.
    assert_eq!(unit(&app), "(all)");
    let status = line(&app, 38);
    assert!(status.contains("Find a unit: /4qb"), "{status}");
    assert!(status.contains("no unit matches"), "{status}");
    // Backspace and the text finds again.
    run_keys(&mut app, &mut r, "<C-u> na <Space> ri");
    assert_eq!(unit(&app), "na-ri");
    assert!(!line(&app, 38).contains("no unit matches"));
}

#[test]
fn the_footer_says_what_slash_does_in_each_pane() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "h");
    assert!(
        line(&app, 39).contains("/ tìm đơn vị"),
        "{}",
        line(&app, 39)
    );
    run_keys(&mut app, &mut r, "/ ba");
    let footer = line(&app, 39);
    assert!(
        footer.contains("Enter chọn") && footer.contains("Esc hủy"),
        "{footer}"
    );
    // From the directives pane `/` still searches the directives.
    run_keys(&mut app, &mut r, "<Enter> / giai");
    assert!(app.list.searching);
    assert!(app.owners.find.is_none());
    assert_eq!(unit(&app), "ba-be");
}

#[test]
fn a_pasted_name_finds_the_unit() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    run_keys(&mut app, &mut runner(), "h /");
    app.paste("Cục Thuế");
    assert_eq!(unit(&app), "cuc-thue");
}

#[test]
fn screen_finding_a_unit() {
    snapshot_screens("find_unit", "h / cuc <Space> th", |_| {});
}
