//! Reminder letters in the UI: the detail's count of letters, the dashboard's quiet units.

use super::*;

fn text_of(screen: &TestBackend) -> String {
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
