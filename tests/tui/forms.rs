//! The forms: a new meeting (`N`) and new directives (`a`) typed as a clerk would, then the
//! files on disk; the unit picker; a refused write keeps the form; Esc asks first.

use super::*;
use dondoc::tui::app::{DirectiveField, DirectiveForm, Form, UnitPicker};

fn picked(app: &App, query: &str) -> Vec<String> {
    let mut p = UnitPicker::default();
    for c in query.chars() {
        p.query.type_char(c);
    }
    p.toggle(app.ws());
    p.chosen
}

#[test]
fn the_picker_finds_units_by_name_short_name_initials_and_alias() {
    let ws = Workspace::new();
    // An alias as documents write it.
    let config = ws.read("dondoc.toml").replacen(
        "short = \"Cục Thuế\"\n",
        "short = \"Cục Thuế\"\naliases = [\"Chi cục thuế khu vực\"]\n",
        1,
    );
    fs::write(ws.path("dondoc.toml"), config).unwrap();
    let app = ws.app(Lang::Vi, (120, 40));
    assert_eq!(picked(&app, "ba be"), ["ba-be"]);
    assert_eq!(picked(&app, "BA BE"), ["ba-be"]);
    assert_eq!(picked(&app, "bbe"), ["ba-be"]);
    assert_eq!(picked(&app, "cuc thue"), ["cuc-thue"]);
    assert_eq!(picked(&app, "chi cuc"), ["cuc-thue"]);
    // A group's name takes it whole: the eight districts.
    let all = picked(&app, "huyen thanh");
    assert_eq!(
        all,
        [
            "tp-bac-kan",
            "ba-be",
            "bach-thong",
            "cho-don",
            "cho-moi",
            "na-ri",
            "ngan-son",
            "pac-nam"
        ]
    );
    // Enter on a taken unit gives it back.
    let mut p = UnitPicker::default();
    for q in ["ba be", "cho don", "ba be"] {
        for c in q.chars() {
            p.query.type_char(c);
        }
        p.toggle(app.ws());
    }
    assert_eq!(p.chosen, ["cho-don"]);
}

const NEW_FILE: &str = "2023/giao-ban-thang-11-2023.toml";

fn clerk(ws: &Workspace) -> App {
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    // A new meeting: title, date, number, issuer.
    run_keys(&mut app, &mut r, "N Giao <Space> ban <Space> tháng <Space> 11/2023 <Tab> <C-u> 10/11/2023 <Tab> 123-TB/TU <Tab> Thường <Space> trực <Space> Tỉnh <Space> ủy <C-s>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    assert_eq!(app.meeting.as_deref(), Some(NEW_FILE));
    // It is shown, empty, ready for directives.
    assert_eq!(app.list.meeting.as_deref(), Some(NEW_FILE));
    assert!(app.list.rows.is_empty());
    // One directive to Ba Bể, supported by Cục Thuế, deadline 30/11/2023, on two lines.
    run_keys(&mut app, &mut r, "a Rà <Space> soát <Space> nguồn <Space> thu <C-j> theo <Space> từng <Space> xã <Tab> ba <Space> be <Enter> <Tab> cuc <Space> thue <Enter> <Tab> 30/11/2023 <C-s>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    // One to all eight districts, ongoing, with a note.
    run_keys(&mut app, &mut r, "a Báo <Space> cáo <Space> hằng <Space> tháng <Tab> huyen <Space> thanh <Enter> <Tab> <Tab> <Tab> <Tab> Gửi <Space> trước <Space> ngày <Space> 25 <C-s>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    // One with the id typed over the proposal.
    // In file order: the first one, then the eight districts.
    assert_eq!(ids(&app)[0], "giao-ban-thang-11-2023-01");
    assert_eq!(ids(&app).len(), 9);
    run_keys(&mut app, &mut r, "a Tổng <Space> kết <Tab> cuc <Space> thue <Enter> <BackTab> <BackTab> <C-u> tb-123-cuoi <Enter>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    app
}

#[test]
fn keys_a_new_meeting_and_its_directives_are_written_as_typed() {
    let ws = Workspace::new();
    let before = ws.read(FILE);
    let app = clerk(&ws);
    assert_same_text(&ws.read(FILE), &before);
    let districts = [
        "tp-bac-kan",
        "ba-be",
        "bach-thong",
        "cho-don",
        "cho-moi",
        "na-ri",
        "ngan-son",
        "pac-nam",
    ];
    let mut expected = String::from(
        "[source]\ntitle = \"Giao ban tháng 11/2023\"\ndate = 2023-11-10\nref = \"123-TB/TU\"\nissued_by = \"Thường trực Tỉnh ủy\"\n\
\n[[directive]]\nid = \"giao-ban-thang-11-2023-01\"\ntext = \"\"\"\nRà soát nguồn thu\ntheo từng xã\"\"\"\nowner = \"ba-be\"\nsupport = [\"cuc-thue\"]\ndeadline = 2023-11-30\nstatus = \"open\"\n\
\n[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"Kiểm Thử\"\ncreated = true\ntext = \"\"\"\nRà soát nguồn thu\ntheo từng xã\"\"\"\nowner = \"ba-be\"\nsupport = [\"cuc-thue\"]\ndeadline = 2023-11-30\nstatus = \"open\"\n",
    );
    for d in districts {
        expected.push_str(&format!(
            "\n[[directive]]\nid = \"giao-ban-thang-11-2023-02-{d}\"\ntext = \"Báo cáo hằng tháng\"\nowner = \"{d}\"\nstatus = \"open\"\nnote = \"Gửi trước ngày 25\"\n\
\n[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"Kiểm Thử\"\ncreated = true\ntext = \"Báo cáo hằng tháng\"\nowner = \"{d}\"\nstatus = \"open\"\nnote = \"Gửi trước ngày 25\"\n"
        ));
    }
    expected.push_str(
        "\n[[directive]]\nid = \"tb-123-cuoi\"\ntext = \"Tổng kết\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n\
\n[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"Kiểm Thử\"\ncreated = true\ntext = \"Tổng kết\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n",
    );
    assert_same_text(&ws.read(NEW_FILE), &expected);
    assert_eq!(
        app.ws().directives.len(),
        dondoc::store::load(ws.root()).unwrap().directives.len()
    );
    assert_validate_clean(&ws);
    let reloaded = dondoc::store::load(ws.root()).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
}

#[test]
fn a_refused_form_keeps_what_was_typed_and_esc_asks_first() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // An id already used is refused as it is typed, and on save the form stays.
    run_keys(&mut app, &mut r, "a Việc <Space> mới <Tab> ba <Space> be <Enter> <Tab> <Tab> <Tab> <Tab> <Tab> <C-u> gb-2023-08-27 <C-s>");
    let Some(Popup::Form(Form::Directive(f))) = &app.popup else {
        panic!("{:?}", app.popup)
    };
    assert_eq!(f.text, "Việc mới");
    assert_eq!(f.lead.chosen, ["ba-be"]);
    assert_eq!(f.focus, DirectiveField::Id);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert_eq!(
        message.text,
        format!("id \"gb-2023-08-27\" is already used ({FILE})")
    );
    // Esc asks; n goes back to the form; Esc then y discards.
    run_keys(&mut app, &mut r, "<Esc> n");
    assert!(matches!(&app.popup, Some(Popup::Form(f)) if !f.asking_discard()));
    run_keys(&mut app, &mut r, "<Esc> y");
    assert_eq!(app.popup, None);
    // An empty form closes at once.
    run_keys(&mut app, &mut r, "a <Esc>");
    assert_eq!(app.popup, None);
}

#[test]
fn a_meeting_file_that_exists_is_refused_and_the_form_stays() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // The sample's own file name: the same title slug and year.
    fs::write(ws.path("2023/giao-ban.toml"), "[source]\ntitle = \"x\"\n").unwrap();
    run_keys(
        &mut app,
        &mut r,
        "r N Giao <Space> ban <Tab> <C-u> 01/09/2023 <C-s>",
    );
    let Some(Popup::Form(Form::Meeting(f))) = &app.popup else {
        panic!("{:?}", app.popup)
    };
    assert_eq!(f.title, "Giao ban");
    assert!(app
        .message
        .as_ref()
        .unwrap()
        .text
        .contains("2023/giao-ban.toml already exists"));
    assert_same_text(&ws.read(FILE), &original);
    assert_eq!(ws.read("2023/giao-ban.toml"), "[source]\ntitle = \"x\"\n");
}

#[test]
fn an_import_draft_opens_prefilled_for_review() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let draft = dondoc::store::create::NewDirective {
        text: "Kiểm tra tiến độ".into(),
        owner: "na-ri".into(),
        deadline: NaiveDate::from_ymd_opt(2023, 12, 1),
        ..Default::default()
    };
    let form = DirectiveForm::from_draft(app.ws(), FILE, &draft);
    app.open_directive_form(form);
    let mut r = runner();
    run_keys(&mut app, &mut r, "<C-s>");
    assert_eq!(app.popup, None, "{:?}", app.message);
    let text = ws.read(FILE);
    assert!(
        text.contains("text = \"Kiểm tra tiến độ\"\nowner = \"na-ri\"\ndeadline = 2023-12-01\n"),
        "{text}"
    );
}

#[test]
fn screen_forms() {
    snapshot_screens("form_directive", "j a Rà <Space> soát <Tab> huyen", |_| {});
    snapshot_screens(
        "form_text_lines",
        "j a Rà <Space> soát <C-j> theo <Space> từng <Space> xã",
        |_| {},
    );
    snapshot_screens("form_owner", "j j O ba", |_| {});
    snapshot_screens(
        "prompt_deadline_why",
        "j j d 31/10/2023 <Tab> Huyện <Space> đề <Space> nghị <Tab>",
        |_| {},
    );
    snapshot_screens("prompt_done_on", "j j 4 Xong <Tab>", |_| {});
    snapshot_screens("marked", "j <Space> <Space> j <Space>", |_| {});
    snapshot_screens(
        "form_meeting",
        "N Giao <Space> ban <Space> tháng <Space> 11",
        |_| {},
    );
}

#[test]
fn d_deletes_only_a_directive_entered_by_mistake_today() {
    let ws = Workspace::new();
    let original = ws.read(FILE);
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // An old directive: refused, with the advice to cancel it.
    run_keys(&mut app, &mut r, "j j D");
    assert_eq!(app.popup, None);
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Warning);
    assert!(
        message.text.contains("cancel it instead"),
        "{}",
        message.text
    );
    // One just entered: the question names it; n keeps it, y deletes it.
    run_keys(
        &mut app,
        &mut r,
        "a Nhập <Space> nhầm <Tab> na <Space> ri <Enter> <C-s>",
    );
    assert_eq!(selected_id(&app), "gb-2023-08-37");
    run_keys(&mut app, &mut r, "D");
    let shown = format!("{:?}", screen(&app));
    assert!(
        shown.contains("Delete gb-2023-08-37 “Nhập nhầm”? y: delete, n: keep"),
        "{shown}"
    );
    run_keys(&mut app, &mut r, "n");
    assert!(app.ws().directive("gb-2023-08-37").is_some());
    run_keys(&mut app, &mut r, "D y");
    assert_eq!(
        app.message.as_ref().unwrap().text,
        format!("Deleted gb-2023-08-37 ({FILE})")
    );
    assert_same_text(&ws.read(FILE), &original);
    assert!(app.ws().directive("gb-2023-08-37").is_none());
}

/// The store's refusal reaches the status line in the language of the screens.
#[test]
fn d_refuses_in_vietnamese_when_the_screens_are() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(
        &mut app,
        &mut r,
        "a Nhập <Space> nhầm <Tab> na <Space> ri <Enter> <C-s>",
    );
    let id = selected_id(&app);
    let mut other = Runner::new("Người Khác".to_string()).with_clock(clock);
    run_keys(&mut app, &mut other, "n Đã <Space> giao <Enter>");
    let before = ws.read(FILE);
    run_keys(&mut app, &mut r, "D y");
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert_eq!(
        message.text,
        format!(
            "nhiệm vụ \"{id}\" đã được Người Khác cập nhật nên không xóa; hãy chuyển trạng \
             thái sang “dừng thực hiện” (ghi lý do)"
        )
    );
    assert_same_text(&ws.read(FILE), &before);
}

#[test]
fn d_refuses_a_new_directive_someone_else_changed() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(
        &mut app,
        &mut r,
        "a Nhập <Space> nhầm <Tab> na <Space> ri <Enter> <C-s>",
    );
    let mut other = Runner::new("Người Khác".to_string()).with_clock(clock);
    run_keys(&mut app, &mut other, "n Đã <Space> giao <Enter>");
    let before = ws.read(FILE);
    run_keys(&mut app, &mut r, "D y");
    let message = app.message.clone().unwrap();
    assert_eq!(message.level, Level::Error);
    assert!(
        message.text.contains("was changed by Người Khác"),
        "{}",
        message.text
    );
    assert_same_text(&ws.read(FILE), &before);
}
