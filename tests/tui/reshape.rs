//! Reshaping a directive from the keyboard: its text (`E`), lead unit (`O`), coordinating
//! units (`P`), a deadline change with its why, a done date in the past; each logged, every
//! other byte of the file unchanged.

use super::*;

#[test]
fn keys_reshape_a_directive_and_log_each_change() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "j j");
    assert_eq!(selected_id(&app), "gb-2023-08-27");
    // The text: the cursor keys fix it in place.
    run_keys(
        &mut app,
        &mut r,
        "E <End> <C-w> <C-w> vốn <Space> đầu <Space> tư <Space> công <Enter>",
    );
    // The lead unit, then the coordinating units (two, then one given back).
    run_keys(&mut app, &mut r, "O cho <Space> don <Enter>");
    run_keys(
        &mut app,
        &mut r,
        "P cuc <Space> thue <Enter> kho <Space> bac <Enter> <C-s>",
    );
    // A deadline moved at the unit's request, with the document.
    run_keys(
        &mut app,
        &mut r,
        "d 31/10/2023 <Tab> Huyện <Space> đề <Space> nghị <Tab> 45/UBND <Enter>",
    );
    // Done, on a day before the as-of date, with the report.
    run_keys(
        &mut app,
        &mut r,
        "4 <Tab> <C-u> 28/09/2023 <Tab> BC <Space> 12 <Enter>",
    );
    assert_eq!(app.popup, None, "{:?}", app.message);
    let at = "at = 2023-10-15T09:00:00+07:00\nby = \"Kiểm Thử\"\n";
    let expected = expect_block_edit(&original, "gb-2023-08-27", |_| {
        format!(
            "[[directive]]
id = \"gb-2023-08-27\"
text = \"Chỉ đạo đẩy nhanh tiến độ giải ngân các vốn đầu tư công\"
owner = \"cho-don\"
issued_by = \"Bí thư Tỉnh ủy Hoàng Duy Chinh\"
deadline = 2023-10-31
status = \"done\"
note = \"Giải ngân đạt 48%; vốn các chương trình MTQG đạt thấp\"
support = [\"cuc-thue\", \"kbnn\"]
first_deadline = 2023-09-30
done_on = 2023-09-28
done_ref = \"BC 12\"

[[directive.log]]
at = 2023-10-02T09:30:00+07:00
by = \"Hoàng Thị Lan\"
status = \"in_progress\"
note = \"Giải ngân đạt 48%; vốn các chương trình MTQG đạt thấp\"

[[directive.log]]
{at}text = \"Chỉ đạo đẩy nhanh tiến độ giải ngân các vốn đầu tư công\"

[[directive.log]]
{at}owner = \"cho-don\"

[[directive.log]]
{at}support = [\"cuc-thue\", \"kbnn\"]

[[directive.log]]
{at}deadline = 2023-10-31
reason = \"Huyện đề nghị\"
ref = \"45/UBND\"

[[directive.log]]
{at}status = \"done\"
done_on = 2023-09-28
done_ref = \"BC 12\"

"
        )
    });
    assert_same_text(&ws.read(FILE), &expected);
    assert_validate_clean(&ws);
    let reloaded = dondoc::store::load(ws.root()).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    // The detail shows the new log entries and the first deadline beside the current one.
    run_keys(&mut app, &mut r, "<Enter>");
    let shown = format!("{:?}", screen(&app));
    assert!(
        shown.contains("30/09/2023 → 31/10/2023") || shown.contains("2023-09-30 → 2023-10-31"),
        "{shown}"
    );
    assert!(
        shown.contains("reason: Huyện đề nghị; document: 45/UBND"),
        "{shown}"
    );
    assert!(
        shown.contains("Kiểm Thử  Lead unit → Huyện ủy Chợ Đồn"),
        "{shown}"
    );
}

#[test]
fn o_takes_one_unit_and_cancelling_asks_why_and_who() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // A whole group is not one lead unit: refused, the picker stays.
    run_keys(&mut app, &mut r, "j j O huyen <Space> thanh <Enter>");
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    run_keys(
        &mut app,
        &mut r,
        "<Esc> 5 <Tab> Trùng <Space> nội <Space> dung <Tab> Phó <Space> Bí <Space> thư <Enter>",
    );
    let text = ws.read(FILE);
    let b = &text[block(&text, "gb-2023-08-27")];
    assert!(
        b.ends_with(
            "status = \"cancelled\"\nreason = \"Trùng nội dung\"\napproved_by = \"Phó Bí thư\"\n\n"
        ),
        "{b}"
    );
}
