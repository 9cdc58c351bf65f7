//! The real event loop (`tui::event_loop`) over a `TestBackend`, with injected events: the
//! same drawing, keymap, update and effects as in a terminal, minus the terminal.

use super::*;
use dondoc::tui::event::Event;
use dondoc::tui::{event_loop, keymap};

/// Runs the loop on `events` until they end (or the app quits); returns the app, the last
/// frame drawn and what the loop returned. After helix's `test_key_sequence`.
fn run_loop(ws: &Workspace, events: Vec<Event>) -> (App, TestBackend, Option<i32>) {
    let mut app = ws.app(Lang::En, (120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut runner = runner();
    let ended = event_loop(
        &mut terminal,
        &mut app,
        &mut runner,
        &mut events.into_iter(),
    )
    .unwrap();
    let screen = terminal.backend().clone();
    (app, screen, ended)
}

fn key_events(script: &str) -> Vec<Event> {
    keymap::parse_keys(script)
        .into_iter()
        .map(Event::Key)
        .collect()
}

fn screen_text(backend: &TestBackend) -> String {
    let buffer = backend.buffer();
    let width = buffer.area.width as usize;
    buffer
        .content
        .chunks(width)
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_event_loop_writes_what_the_keys_say_and_draws_it() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let (app, screen, ended) = run_loop(&ws, key_events("j j 4 <Enter>"));
    assert_eq!(ended, None, "the events ran out: no signal");
    assert!(!app.should_quit());
    let expected = expect_block_edit(&original, "gb-2023-08-27", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"done\"");
        let b = replace_once(
            &b,
            "note = \"Giải ngân đạt 48%; vốn các chương trình MTQG đạt thấp\"\n\n[[directive.log]]",
            "note = \"Giải ngân đạt 48%; vốn các chương trình MTQG đạt thấp\"\ndone_on = 2023-10-15\n\n[[directive.log]]",
        );
        append_log(
            &b,
            &format!("[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\nstatus = \"done\"\ndone_on = 2023-10-15\n"),
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
    // The last frame was drawn after the write: the status line says so.
    let text = screen_text(&screen);
    assert!(
        text.contains("Saved gb-2023-08-27: status in progress → done"),
        "{text}"
    );
}

#[test]
fn the_event_loop_ends_on_quit_or_a_signal() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    // `q` ends the loop: the keys after it are never read.
    let (app, _, ended) = run_loop(&ws, key_events("q j 4 <Enter>"));
    assert!(app.should_quit());
    assert_eq!(ended, None);
    assert_eq!(ws.read(FILE), original);
    // A signal ends it too, and says which.
    let mut events = key_events("j");
    events.push(Event::Signal(15));
    events.extend(key_events("4 <Enter>"));
    let (app, _, ended) = run_loop(&ws, events);
    assert!(app.should_quit());
    assert_eq!(ended, Some(15));
    assert_eq!(ws.read(FILE), original);
}

/// After `/` the loop makes the search index while no event waits, and stops when it is made.
#[test]
fn the_event_loop_makes_the_search_index_while_idle() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    app.update(dondoc::tui::action::Action::StartSearch);
    assert!(app.has_idle_work(), "`/` starts the index");
    let (app, _, _) = run_loop(&ws, key_events("/"));
    assert!(!app.has_idle_work(), "made before the events ran out");
    assert!(app.list.searching);
}
