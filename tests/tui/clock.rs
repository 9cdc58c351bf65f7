//! The office's clock: a workspace in Vietnam on a server kept on UTC.

use super::*;
use dondoc::clock::{parse_instant, Clock, Zone};
use dondoc::context::Context;

/// The sample with the zone given (or none), opened as the UI opens it at 18:30 UTC
/// on 14/10/2023 (01:30 on the 15th in Vietnam), with no `--today`.
fn open_at_half_past_six_utc(ws: &Workspace, zone: Option<&str>) -> (App, Runner) {
    let config = crate::common::with_zone(&ws.read("dondoc.toml"), zone);
    fs::write(ws.path("dondoc.toml"), config).unwrap();
    let loaded = dondoc::store::load(ws.root()).unwrap();
    assert_eq!(loaded.timezone.as_deref(), zone);
    let instant = parse_instant("2023-10-14T18:30:00Z").unwrap();
    // Without the key the machine's zone applies; a test cannot know it, so it says UTC.
    let zone = zone.map_or(Zone::named("UTC").unwrap(), |z| Zone::from_setting(Some(z)));
    let clock = Clock::fixed(instant, zone);
    let ctx = Context {
        data: ws.root().to_path_buf(),
        today: clock.today(),
        lang: Lang::En,
        config: Default::default(),
        clock,
    };
    let app = dondoc::tui::new_app(&ctx, loaded, (120, 40));
    let runner = dondoc::tui::new_runner(&ctx, "Kiểm Thử".to_string())
        .with_editor(|_| panic!("no editor in this test"));
    (app, runner)
}

#[test]
fn the_ui_follows_the_offices_zone_at_half_past_six_utc() {
    let ws = Workspace::new();
    let (mut app, mut runner) = open_at_half_past_six_utc(&ws, Some("Asia/Ho_Chi_Minh"));
    assert_eq!(app.today(), today());
    assert_eq!(app.clock_today, today());
    run_keys(&mut app, &mut runner, "j j s 4 <Enter>");
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    let text = ws.read(FILE);
    let block = &text[block(&text, "gb-2023-08-27")];
    assert!(block.contains("\ndone_on = 2023-10-15\n"), "{block}");
    assert!(
        block.contains("\nat = 2023-10-15T01:30:00+07:00\n"),
        "{block}"
    );
}

#[test]
fn on_utc_the_same_instant_is_still_the_day_before() {
    let ws = Workspace::new();
    let (mut app, mut runner) = open_at_half_past_six_utc(&ws, None);
    let yesterday = today().pred_opt().unwrap();
    assert_eq!(app.today(), yesterday);
    run_keys(&mut app, &mut runner, "s 4 <Enter>");
    let id = selected_id(&app);
    let text = ws.read(FILE);
    let block = &text[block(&text, &id)];
    assert!(block.contains("\ndone_on = 2023-10-14\n"), "{block}");
    assert!(
        block.contains("\nat = 2023-10-14T18:30:00+00:00\n"),
        "{block}"
    );
}

/// `y` sends the selected id to the clipboard and says so; with `osc52 = false` it says copying
/// is off and sends nothing.
#[test]
fn y_copies_the_selected_id_and_says_so() {
    use std::cell::RefCell;
    use std::rc::Rc;
    for (enabled, lang) in [(true, Lang::En), (false, Lang::Vi)] {
        let ws = Workspace::new();
        let mut app = ws.app(lang, (120, 40));
        app.copy_ids = enabled;
        let copied = Rc::new(RefCell::new(Vec::<String>::new()));
        let sink = copied.clone();
        let mut runner = runner().with_clipboard(move |t| sink.borrow_mut().push(t.to_string()));
        run_keys(&mut app, &mut runner, "j y");
        let id = selected_id(&app);
        let message = app.message.clone().unwrap();
        if enabled {
            assert_eq!(*copied.borrow(), vec![id.clone()]);
            assert_eq!(message.text, format!("Copied {id} to the clipboard"));
            assert_eq!(message.level, Level::Info);
        } else {
            assert!(copied.borrow().is_empty());
            assert!(message.text.contains("osc52 = false"), "{}", message.text);
        }
    }
}
