//! The views a clerk asked for: a group's row (every directive its units lead), the meetings
//! list (`m`) and a meeting's directives in file order, a search over the meeting and the
//! coordinating units, with quotes for a phrase.

use super::*;
use dondoc::tui::app::ViewFilter;

#[test]
fn a_group_row_shows_every_directive_its_units_lead() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // Units pane: All units, then the first group's row.
    run_keys(&mut app, &mut r, "h j");
    assert_eq!(app.list.group.as_deref(), Some("Huyện, thành ủy"));
    let loaded = dondoc::store::load(ws.root()).unwrap();
    let expected = loaded
        .directives
        .iter()
        .filter(|d| {
            loaded
                .owner(&d.owner)
                .is_some_and(|o| o.group == "Huyện, thành ủy")
        })
        .count();
    assert!(expected > 3);
    assert_eq!(app.list.rows.len(), expected);
    assert!(app
        .list
        .rows
        .iter()
        .all(|row| loaded.owner(&app.directive(row).owner).unwrap().group == "Huyện, thành ủy"));
    assert!(format!("{:?}", screen(&app)).contains(" Huyện, thành ủy · "));
}

#[test]
fn m_lists_the_meetings_and_shows_one_in_file_order() {
    let ws = Workspace::new();
    fs::write(
        ws.path("2023/so-ket.toml"),
        "[source]\ntitle = \"Sơ kết quý III\"\ndate = 2023-09-01\nref = \"12-TB/TU\"\n\n[[directive]]\nid = \"sk-02\"\ntext = \"Hai\"\nowner = \"ba-be\"\nstatus = \"open\"\n\n[[directive]]\nid = \"sk-01\"\ntext = \"Một\"\nowner = \"na-ri\"\ndeadline = 2023-09-01\nstatus = \"open\"\n",
    )
    .unwrap();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "m");
    let shown = format!("{:?}", screen(&app));
    assert!(
        shown.contains("25/08/2023 · Thông báo số 1234-TB/TU (minh họa) · Hội nghị giao ban"),
        "{shown}"
    );
    assert!(
        shown.contains("01/09/2023 · 12-TB/TU · Sơ kết quý III (2 nhiệm vụ)"),
        "{shown}"
    );
    // Newest first: the September meeting; Enter shows its directives as written.
    run_keys(&mut app, &mut r, "<Enter>");
    assert_eq!(ids(&app), ["sk-02", "sk-01"]);
    assert_eq!(app.meeting.as_deref(), Some("2023/so-ket.toml"));
    // Esc goes back to every meeting.
    run_keys(&mut app, &mut r, "<Esc>");
    assert!(ids(&app).len() > 2);
}

#[test]
fn m_names_a_broken_meeting_file_as_broken_and_joins_a_number_written_on_two_lines() {
    // Files written by hand: one with a syntax error, one whose number is a multi-line
    // literal string in a CRLF file. Neither may show as a blank row or a control picture.
    let ws = Workspace::new();
    fs::write(
        ws.path("2023/hong.toml"),
        "[source]\ntitle = \"Hỏng\"\ndate = 2023-09-01\n\n[[directive]]\nid = \"h-01\"\ntext = \"unterminated\n",
    )
    .unwrap();
    fs::write(
        ws.path("2023/hai-dong.toml"),
        "[source]\r\ntitle = \"So ket\"\r\ndate = 2023-09-02\r\nref = \'\'\'Thong bao\r\nso 12-TB/TU\'\'\'\r\n",
    )
    .unwrap();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "m");
    let shown = format!("{:?}", screen(&app));
    assert!(
        shown.contains("✗ 2023/hong.toml: broken, not written until fixed (TOML syntax"),
        "{shown}"
    );
    assert!(
        shown.contains("2023-09-02 · Thong bao so 12-TB/TU · So ket (0)"),
        "{shown}"
    );
    assert!(!shown.contains('␍') && !shown.contains('␊'), "{shown}");
}

#[test]
fn search_covers_the_meeting_and_coordinating_units_and_quotes_a_phrase() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // Words anywhere: "giải pháp thu … ngân sách" matches giai + ngan.
    run_keys(&mut app, &mut r, "/ giai <Space> ngan <Enter>");
    let words = ids(&app);
    run_keys(&mut app, &mut r, "<Esc> / \"giai <Space> ngan\" <Enter>");
    let phrase = ids(&app);
    assert!(!phrase.is_empty());
    assert!(phrase.len() < words.len(), "{phrase:?} {words:?}");
    for id in &phrase {
        let d = app.ws().directive(id).unwrap();
        let folded = dondoc::fold::fold(&format!(
            "{} {}",
            d.text,
            d.note.clone().unwrap_or_default()
        ));
        assert!(folded.contains("giai ngan"), "{id}");
    }
    // The meeting's number finds its directives; a coordinating unit finds the ones it helps.
    run_keys(&mut app, &mut r, "<Esc> / 1234-tb <Enter>");
    assert_eq!(ids(&app).len(), app.ws().directives.len());
    run_keys(&mut app, &mut r, "<Esc> / kho <Space> bac <Enter>");
    let loaded = dondoc::store::load(ws.root()).unwrap();
    let helped: Vec<&str> = loaded
        .directives
        .iter()
        .filter(|d| d.support.iter().any(|s| s == "kbnn"))
        .map(|d| d.id.as_str())
        .collect();
    assert!(!helped.is_empty());
    for id in helped {
        assert!(ids(&app).iter().any(|i| i == id), "{id}");
    }
}

/// Moves the filter picker's cursor to `f` and presses Space.
fn toggle_filter(app: &mut App, r: &mut Runner, f: ViewFilter) {
    let at = ViewFilter::choices().iter().position(|c| *c == f).unwrap() + 1;
    let Some(Popup::FilterPicker { cursor }) = app.popup else {
        panic!("{:?}", app.popup)
    };
    let keys = if at >= cursor {
        "j ".repeat(at - cursor)
    } else {
        "k ".repeat(cursor - at)
    };
    run_keys(app, r, &format!("{keys} <Space>"));
}

#[test]
fn filters_combine_timeliness_or_status_several_values() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    let today = today();
    // Overdue + due soon.
    run_keys(&mut app, &mut r, "f");
    toggle_filter(
        &mut app,
        &mut r,
        ViewFilter::Timeliness(Timeliness::Overdue),
    );
    toggle_filter(
        &mut app,
        &mut r,
        ViewFilter::Timeliness(Timeliness::DueSoon),
    );
    run_keys(&mut app, &mut r, "<Enter>");
    let wanted = |app: &App, keep: &dyn Fn(&dondoc::model::Directive) -> bool| {
        app.ws().directives.iter().filter(|d| keep(d)).count()
    };
    let urgent = wanted(&app, &|d| {
        matches!(
            app.ws().timeliness(d, today),
            Timeliness::Overdue | Timeliness::DueSoon
        )
    });
    assert_eq!(app.list.rows.len(), urgent);
    assert!(urgent > app.owners.totals[Timeliness::Overdue as usize]);
    // Not done: open + in progress + blocked (Esc clears the filters first).
    run_keys(&mut app, &mut r, "<Esc> f");
    for s in [Status::Open, Status::InProgress, Status::Blocked] {
        toggle_filter(&mut app, &mut r, ViewFilter::Status(s));
    }
    run_keys(&mut app, &mut r, "<Enter>");
    let open = wanted(&app, &|d| d.status.is_open());
    assert_eq!(app.list.rows.len(), open);
    // Both kinds: not done and overdue.
    run_keys(&mut app, &mut r, "f");
    toggle_filter(
        &mut app,
        &mut r,
        ViewFilter::Timeliness(Timeliness::Overdue),
    );
    run_keys(&mut app, &mut r, "<Enter>");
    let late = wanted(&app, &|d| {
        d.status.is_open() && app.ws().timeliness(d, today) == Timeliness::Overdue
    });
    assert_eq!(app.list.rows.len(), late);
    assert!(late > 0 && late < open);
}

/// A search that finds nothing still shows the headings apart: with no row to line up with,
/// the deadline's heading keeps a space before the next one, in both languages and sizes.
#[test]
fn the_headings_stay_apart_when_nothing_matches() {
    for lang in LANGS {
        for size in SIZES {
            let ws = Workspace::new();
            let mut app = ws.app(lang, size);
            run_keys(&mut app, &mut runner(), "/ zzqx <Enter>");
            assert!(app.list.rows.is_empty());
            let backend = screen(&app);
            let buffer = backend.buffer();
            let row: String = (0..size.0)
                .map(|x| buffer[(x, 2)].symbol().to_string())
                .collect();
            let deadline = dondoc::i18n::tui::tr(lang, dondoc::i18n::tui::COL_DEADLINE_WHEN);
            let at = row.find(deadline).unwrap_or_else(|| panic!("{row}"));
            let after = &row[at + deadline.len()..];
            assert!(after.starts_with(' '), "{lang:?} {size:?}: {row}");
        }
    }
}
