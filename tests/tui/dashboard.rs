//! The dashboard and the as-of date.

use super::*;

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
    assert!(app.dash.cursor < app.dash.offset + height);
    assert_eq!(app.dash.offset + height, app.dash.rows.len());
    app.update(Action::Top);
    assert_eq!((dash_unit(&app).as_str(), app.dash.offset), ("ba-be", 0));
    app.update(Action::PageDown);
    assert!(app.dash.offset > 0 && app.dash.cursor < app.dash.offset + height);

    // Enter on Cục Thuế: the lists, with the unit selected and its directives: the one it
    // leads, then those it supports (each most urgent first).
    app.update(Action::Top);
    while dash_unit(&app) != "cuc-thue" {
        let before = app.dash.cursor;
        app.update(Action::Down);
        assert_ne!(app.dash.cursor, before, "cuc-thue is on the dashboard");
    }
    app.update(Action::Confirm);
    assert_eq!(app.view, View::List);
    assert_eq!(app.focus, Pane::Directives);
    let owner = app.selected_owner().expect("a unit is selected");
    assert_eq!(app.ws().owners[owner].id, "cuc-thue");
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
    assert!(!app.list.rows[0].support && app.list.rows[1..].iter().all(|r| r.support));

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
    assert_eq!(app.ws().owners[owner].id, "pac-nam");
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
    assert_eq!(app.owners.totals[overdue], 7);
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
    assert_eq!(app.today(), day(2023, 9, 30));
    let f = ba_be(&app);
    assert_eq!((f.overdue, f.within, f.due_soon), (0, 2, 2));
    assert_eq!(app.report().unwrap().as_of, day(2023, 9, 30));
    assert_eq!(app.message.as_ref().unwrap().level, Level::Info);
    let counted = app
        .ws()
        .directives
        .iter()
        .filter(|d| app.ws().timeliness(d, day(2023, 9, 30)) == Timeliness::Overdue)
        .count();
    assert_eq!(app.owners.totals[overdue], counted);
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
    assert_eq!(app.today(), day(2023, 10, 15));
    assert_eq!(app.owners.totals[overdue], 7);
    app.update(Action::AsOf);
    type_text(&mut app, "-1");
    app.update(Action::Confirm);
    assert_eq!(app.today(), day(2023, 10, 14));
    app.clock_today = day(2023, 11, 1);
    app.update(Action::AsOf);
    type_text(&mut app, "today");
    app.update(Action::Confirm);
    assert_eq!(app.today(), day(2023, 11, 1));
}

#[test]
fn an_impossible_as_of_date_is_refused_and_the_input_kept() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (80, 24));
    for (input, message) in [
        ("31/02/2024", "Ngày 31/02/2024 không tồn tại"),
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
        assert_eq!(app.today(), today(), "nothing changed");
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
