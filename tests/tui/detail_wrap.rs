//! The detail wraps a long note once per change, not on every frame.

use super::*;
use dondoc::tui::event::Event;
use dondoc::tui::handle_event;

#[test]
fn a_long_note_is_wrapped_once_across_redraws() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // A note of 200 000 characters, pasted into the note prompt and saved.
    let note = "giải ngân vốn đầu tư công ".repeat(7700);
    run_keys(&mut app, &mut r, "n");
    handle_event(&mut app, &mut r, Event::Paste(note.clone()));
    run_keys(&mut app, &mut r, "<Enter>");
    let id = selected_id(&app);
    assert_eq!(
        app.ws().directive(&id).unwrap().note.as_deref(),
        Some(note.trim_end())
    );
    run_keys(&mut app, &mut r, "<Enter>");
    assert_eq!(app.view, View::Detail);
    let before = app.detail_rows.computed();
    let first = screen(&app);
    for _ in 0..5 {
        assert_eq!(screen(&app), first);
    }
    assert_eq!(app.detail_rows.computed(), before + 1);
    // Scrolling shows other rows of the same wrap.
    run_keys(&mut app, &mut r, "<PageDown> <PageDown>");
    let scrolled = screen(&app);
    assert_ne!(scrolled, first);
    assert!(format!("{scrolled:?}").contains("giải ngân vốn"));
    assert_eq!(app.detail_rows.computed(), before + 1);
    // A new width, or a change to the workspace, wraps again, once.
    app.update(Action::Resize(100, 40));
    screen(&app);
    screen(&app);
    assert_eq!(app.detail_rows.computed(), before + 2);
    run_keys(&mut app, &mut r, "3 <Enter>");
    assert_eq!(app.ws().directive(&id).unwrap().status, Status::Blocked);
    assert_eq!(app.view, View::Detail, "{:?} {:?}", app.popup, app.message);
    screen(&app);
    screen(&app);
    assert_eq!(app.detail_rows.computed(), before + 3);
}
