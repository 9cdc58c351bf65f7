//! The filter menu (`f`): each choice once under its heading (timeliness, status, unit
//! group, meeting), several combined, and every choice in force marked `•`.

use super::*;
use dondoc::tui::app::{FilterChoice, ViewFilter};

/// The drawn rows of the menu's box, borders included, and nothing around it.
fn menu(app: &App) -> Vec<String> {
    let backend = screen(app);
    let buffer = backend.buffer();
    let cells = |y: u16| -> Vec<String> {
        (0..buffer.area.width)
            .map(|x| buffer[(x, y)].symbol().to_string())
            .collect()
    };
    let lines: Vec<Vec<String>> = (0..buffer.area.height).map(cells).collect();
    let top = lines
        .iter()
        .position(|l| {
            let l = l.concat();
            l.contains("┌ Show only ") || l.contains("┌ Chỉ hiện ")
        })
        .expect("the menu is open");
    let left = (0..lines[top].len())
        .find(|&x| {
            lines[top][x] == "┌" && lines[top][x + 2] != " " && {
                let rest: String = lines[top][x..].concat();
                rest.starts_with("┌ Show only ") || rest.starts_with("┌ Chỉ hiện ")
            }
        })
        .unwrap();
    let right = (left + 1..lines[top].len())
        .find(|&x| lines[top][x] == "┐")
        .unwrap();
    let mut out = Vec::new();
    for line in &lines[top..] {
        out.push(line[left..=right].concat());
        if line[left] == "└" {
            break;
        }
    }
    out
}

/// The menu's row showing `label`.
fn row<'a>(menu: &'a [String], label: &str) -> &'a str {
    menu.iter()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("{label} not in {menu:#?}"))
}

#[test]
fn each_choice_shows_once_under_its_heading() {
    let ws = Workspace::new();
    for lang in LANGS {
        let mut app = ws.app(lang, (120, 40));
        run_keys(&mut app, &mut runner(), "f");
        let shown = menu(&app).join("\n");
        let (headings, cancelled) = match lang {
            Lang::En => (
                ["Timeliness", "Status", "Unit group", "Meeting"],
                "cancelled",
            ),
            Lang::Vi => (
                [
                    "Tình trạng thời hạn",
                    "Trạng thái",
                    "Nhóm đơn vị",
                    "Cuộc họp",
                ],
                "dừng thực hiện",
            ),
        };
        let mut at = 0;
        for h in headings {
            let found = shown[at..]
                .find(h)
                .unwrap_or_else(|| panic!("{h}: {shown}"));
            at += found;
        }
        assert_eq!(shown.matches(cancelled).count(), 1, "{shown}");
        for group in &app.ws().groups {
            assert_eq!(shown.matches(group.as_str()).count(), 1, "{group}");
        }
        assert!(shown.contains("Thông báo số 1234-TB/TU"), "{shown}");
    }
}

#[test]
fn several_choices_combine_and_each_is_marked() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    let choices = app.filter_choices();
    let at = |c: &FilterChoice| choices.iter().position(|x| x == c).unwrap();
    let group = at(&FilterChoice::Group(0));
    assert_eq!(app.ws().groups[0], "Huyện, thành ủy");
    // Overdue + due soon, in progress, the districts' group.
    let keys = format!(
        "f j <Space> j <Space> {} <Space> {} <Space>",
        "j ".repeat(at(&FilterChoice::Value(ViewFilter::Status(Status::InProgress))) - 2),
        "j ".repeat(group - at(&FilterChoice::Value(ViewFilter::Status(Status::InProgress))))
    );
    run_keys(&mut app, &mut r, &keys);
    let m = menu(&app);
    for label in [
        "‼ overdue",
        "! due soon",
        "► in progress",
        "Huyện, thành ủy",
    ] {
        assert!(
            row(&m, label).contains(&format!("• {label}")),
            "{label}: {m:#?}"
        );
    }
    for label in ["No filter", "· within deadline", "○ open", "Sở, ban, ngành"] {
        assert!(!row(&m, label).contains('•'), "{label}: {m:#?}");
    }
    run_keys(&mut app, &mut r, "<Enter>");
    assert!(app.popup.is_none());
    let today = today();
    let expected: Vec<String> = app
        .ws()
        .directives
        .iter()
        .filter(|d| {
            matches!(
                app.ws().timeliness(d, today),
                Timeliness::Overdue | Timeliness::DueSoon
            ) && d.status == Status::InProgress
                && app.ws().owner(&d.owner).unwrap().group == "Huyện, thành ủy"
        })
        .map(|d| d.id.clone())
        .collect();
    assert!(!expected.is_empty());
    let mut shown = ids(&app);
    shown.sort();
    let mut expected = expected;
    expected.sort();
    assert_eq!(shown, expected);
    // The list's title says what is in force.
    let title = format!("{:?}", screen(&app).buffer());
    assert!(title.contains("Huyện, thành ủy · "), "{title}");
    assert!(
        title.contains("‼ overdue + ! due soon + ► in progress"),
        "{title}"
    );
    // A meeting combines too; "No filter" drops everything.
    let meeting = at(&FilterChoice::Meeting(FILE.to_string()));
    run_keys(
        &mut app,
        &mut r,
        &format!("f {} <Enter>", "j ".repeat(meeting)),
    );
    assert_eq!(app.list.meeting.as_deref(), Some(FILE));
    assert_eq!(app.list.group.as_deref(), Some("Huyện, thành ủy"));
    assert_eq!(app.list.filters.len(), 3);
    run_keys(&mut app, &mut r, "f g <Enter>");
    assert!(app.list.meeting.is_none() && app.list.group.is_none());
    assert!(app.list.filters.is_empty() && app.list.filter.is_none());
    assert_eq!(app.list.rows.len(), 36);
}

#[test]
fn the_menu_scrolls_at_80_by_24_and_shows_there_is_more() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (80, 24));
    let mut r = runner();
    run_keys(&mut app, &mut r, "f");
    let m = menu(&app);
    assert!(!m.join("\n").contains("Cuộc họp"));
    assert!(m.iter().any(|l| l.contains("─ ↓─┘")), "{m:#?}");
    run_keys(&mut app, &mut r, "G");
    let m = menu(&app).join("\n");
    assert!(m.contains("Thông báo số 1234-TB/TU"), "{m}");
    assert!(m.contains("─ ↑─┘"), "{m}");
}

#[test]
fn screen_filter_menu_combined() {
    snapshot_screens(
        "filter_menu_combined",
        "f j <Space> j <Space> j j j j j j <Space> j j j j <Space>",
        |_| {},
    );
}
