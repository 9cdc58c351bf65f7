//! `v`: the whole text of each directive on two rows, its facts below; `v` again: one row.

use super::*;

#[test]
fn v_shows_the_text_on_two_rows_and_the_facts_below() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (80, 24));
    let mut r = runner();
    let one_row = format!("{:?}", screen(&app).buffer());
    run_keys(&mut app, &mut r, "v");
    assert!(app.two_lines);
    let shown = format!("{:?}", screen(&app).buffer());
    // The first directive's text, cut at 80 columns on one row, reads whole on two.
    let first = app.ws().directive(&selected_id(&app)).unwrap().text.clone();
    assert_eq!(
        first,
        "Thực hiện đồng bộ, quyết liệt, hiệu quả các giải pháp thu và chống thất thu ngân sách"
    );
    let head = "Thực hiện đồng bộ, quyết liệt, hiệu quả các giải pháp thu và chống thất";
    assert!(!one_row.contains(head));
    assert!(
        shown.contains(head) && shown.contains("│    thu ngân sách "),
        "{shown}"
    );
    // The facts below, with their words: deadline, how far, status, unit, id.
    assert!(
        shown.contains("30/09 ‼ 15 ngày  ► đang thực hiện  Cục Thuế  gb-2023-08-09"),
        "{shown}"
    );
    // A page is a third as many directives; moving and editing work as before.
    let page = app.list_height();
    assert_eq!(page, dondoc::tui::layout::list_height((80, 24)) / 3);
    run_keys(&mut app, &mut r, "<PageDown>");
    assert_eq!(app.list.cursor, page - 1);
    let id = selected_id(&app);
    assert!(format!("{:?}", screen(&app).buffer()).contains(&id));
    run_keys(&mut app, &mut r, "v");
    assert!(!app.two_lines);
    assert_eq!(selected_id(&app), id);
}

#[test]
fn screen_two_lines() {
    snapshot_screens("two_lines", "v j", |_| {});
}
