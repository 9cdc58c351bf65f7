//! The import's review (`I`): a notice read from a file or pasted, its drafts accepted,
//! edited in the directive form, split, merged and dropped, then written through the one
//! write path; the file on disk checked and `validate` clean.

use super::*;
use dondoc::tui::app::import::{Ask, Import};

const NEW: &str = "2023/tb-512.toml";

/// A written directive: id, text start, lead, coordinating units, deadline.
type Row<'a> = (&'a str, &'a str, &'a str, Vec<String>, Option<NaiveDate>);

/// A notice written for these tests, put in the workspace folder.
fn put_notice(ws: &Workspace, name: &str) {
    fs::write(ws.path(name), notice()).unwrap();
}

fn notice() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/notice-1.txt"),
    )
    .unwrap()
}

fn review(app: &App) -> &dondoc::import::review::Review {
    match &app.import {
        Some(Import::Review(r)) => &r.review,
        other => panic!("no review open: {other:?} ({:?})", app.message),
    }
}

/// The drafts as (text start, lead, accepted, dropped).
fn drafts(app: &App) -> Vec<(String, Option<String>, bool, bool)> {
    review(app)
        .items
        .iter()
        .map(|i| {
            let start: String = i.draft.text.chars().take(24).collect();
            (start, i.draft.owner.clone(), i.accepted, i.dropped)
        })
        .collect()
}

#[test]
fn a_clerk_reviews_a_notice_and_writes_it() {
    let ws = Workspace::new();
    put_notice(&ws, "tb-512.txt");
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "I tb-512.txt <Enter>");
    assert_eq!(review(&app).items.len(), 7);
    assert_eq!(review(&app).rel, NEW);
    // Draft 6 names a unit not in the registry: no lead unit, flagged.
    assert_eq!(review(&app).items[5].draft.owner, None);
    assert!(!review(&app).skipped.is_empty());

    // Accept 1; split 2 at its "; " and accept both parts; drop 3; accept 4; leave 5.
    run_keys(
        &mut app,
        &mut r,
        "<Space> s <Enter> <Space> <Space> x <Space>",
    );
    let d = drafts(&app);
    assert_eq!(d.len(), 8);
    assert_eq!(d[1].0, "Triển khai các giải pháp");
    assert_eq!(
        review(&app).items[1].draft.text,
        "Triển khai các giải pháp chống thất thu ngân sách;"
    );
    assert_eq!(
        review(&app).items[2].draft.text,
        "hoàn thành trong quý IV/2023"
    );
    assert_eq!(d[2].1.as_deref(), Some("cuc-thue"));
    assert!(d[0].2 && d[1].2 && d[2].2 && !d[3].2 && d[3].3 && d[4].2 && !d[5].2);

    // Draft 6 (no lead unit) in the directive form: the lead unit chosen, saved: back to the
    // review, the draft updated and accepted, nothing written.
    run_keys(&mut app, &mut r, "j e");
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "{:?}",
        app.message
    );
    run_keys(
        &mut app,
        &mut r,
        "<Tab> so <Space> ke <Space> hoach <Enter> <C-s>",
    );
    assert_eq!(app.popup, None, "{:?}", app.message);
    assert!(!ws.path(NEW).exists());
    let six = &review(&app).items[6];
    assert_eq!(six.draft.owner.as_deref(), Some("so-khdt"));
    assert_eq!(six.draft.support, ["so-xd"]);
    assert!(six.accepted && six.edited && six.draft.flags.is_empty());
    // Accept the last one; write: the question names the file and the count.
    run_keys(&mut app, &mut r, "j <Space> w");
    match &app.import {
        Some(Import::Review(s)) => assert_eq!(
            s.ask,
            Some(Ask::Write {
                count: 6,
                unassigned: 0
            })
        ),
        other => panic!("{other:?}"),
    }
    let shown = format!("{:?}", screen(&app));
    assert!(shown.contains(NEW), "{shown}");
    run_keys(&mut app, &mut r, "y");
    assert!(app.import.is_none(), "{:?}", app.message);
    assert_eq!(app.list.meeting.as_deref(), Some(NEW));
    assert_eq!(ids(&app).len(), 6);

    // On disk: the source, six directives in list order, each with its created entry.
    let text = ws.read(NEW);
    assert!(
        text.starts_with("[source]\ntitle = \"Kết luận của Thường trực Tỉnh ủy"),
        "{text}"
    );
    assert!(text.contains("date = 2023-09-12\n"), "{text}");
    assert_eq!(text.matches("created = true").count(), 6, "{text}");
    let loaded = dondoc::store::load(ws.root()).unwrap();
    let file = loaded.files.iter().position(|f| f.path == NEW).unwrap();
    let got: Vec<Row> = loaded
        .directives
        .iter()
        .filter(|d| d.file == file)
        .map(|d| {
            (
                d.id.as_str(),
                &d.text[..d.text.char_indices().nth(20).map_or(d.text.len(), |c| c.0)],
                d.owner.as_str(),
                d.support.iter().map(|s| s.to_string()).collect(),
                d.deadline,
            )
        })
        .collect();
    let day = |m, d| NaiveDate::from_ymd_opt(2023, m, d);
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        got,
        [
            (
                "tb-512-01",
                "Rà soát, điều chuyển",
                "so-khdt",
                s(&["so-tc"]),
                day(9, 30)
            ),
            (
                "tb-512-02",
                "Triển khai các giải ",
                "cuc-thue",
                s(&["tp-bac-kan", "cho-don"]),
                day(12, 31)
            ),
            (
                "tb-512-03",
                "hoàn thành trong quý",
                "cuc-thue",
                s(&["tp-bac-kan", "cho-don"]),
                day(12, 31)
            ),
            ("tb-512-04", "Nâng cao chất lượng ", "so-yt", s(&[]), None),
            (
                "tb-512-05",
                "Đẩy nhanh tiến độ cô",
                "so-khdt",
                s(&["so-xd"]),
                day(12, 31)
            ),
            (
                "tb-512-06",
                "Xây dựng phương án ứ",
                "so-nnptnt",
                s(&["bchqs"]),
                day(9, 20)
            ),
        ]
    );
    for d in loaded.directives.iter().filter(|d| d.file == file) {
        assert!(!d.draft, "{}", d.id);
        assert!(d.log[0].created && d.log[0].by == "Kiểm Thử", "{}", d.id);
    }
    assert_validate_clean(&ws);
}

#[test]
fn a_draft_with_no_lead_unit_is_written_only_as_a_draft_when_asked() {
    let ws = Workspace::new();
    put_notice(&ws, "tb-512.txt");
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // Everything accepted, draft 6 without a lead unit; the merge of 4 and 5 keeps 4's unit.
    run_keys(&mut app, &mut r, "i tb-512.txt <Enter> * j j j m <Space> w");
    match &app.import {
        Some(Import::Review(s)) => assert_eq!(
            s.ask,
            Some(Ask::Write {
                count: 6,
                unassigned: 1
            }),
            "{:?}",
            drafts(&app)
        ),
        other => panic!("{other:?}"),
    }
    // y is refused: the clerk must choose drafts (d) or go back.
    run_keys(&mut app, &mut r, "y");
    assert!(!ws.path(NEW).exists());
    assert!(
        app.message.as_ref().unwrap().text.contains("no lead unit"),
        "{:?}",
        app.message
    );
    run_keys(&mut app, &mut r, "d");
    assert!(app.import.is_none(), "{:?}", app.message);
    let loaded = dondoc::store::load(ws.root()).unwrap();
    let drafts: Vec<&str> = loaded
        .directives
        .iter()
        .filter(|d| d.draft)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(drafts, ["tb-512-05"]);
    let merged = loaded.directive("tb-512-04").unwrap();
    assert_eq!(merged.owner, "so-yt");
    assert!(
        merged.text.contains("thường xuyên Kiểm tra việc khai thác"),
        "{}",
        merged.text
    );
    assert_validate_clean(&ws);
}

#[test]
fn a_missing_file_is_said_and_the_prompt_keeps_the_path() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "i khong-co.txt <Enter>");
    let m = app.message.clone().unwrap();
    assert_eq!(m.level, Level::Error);
    assert!(
        m.text.starts_with("khong-co.txt: no such file (looked in "),
        "{}",
        m.text
    );
    match &app.import {
        Some(Import::Prompt { input }) => assert_eq!(input.as_str(), "khong-co.txt"),
        other => panic!("{other:?}"),
    }
    // A file of another kind, a folder.
    fs::write(ws.path("ghi-chu.pdf"), "x").unwrap();
    run_keys(&mut app, &mut r, "<C-u> ghi-chu.pdf <Enter>");
    assert!(app
        .message
        .clone()
        .unwrap()
        .text
        .contains("not a document dondoc reads"));
    run_keys(&mut app, &mut r, "<C-u> 2023 <Enter>");
    assert!(app.message.clone().unwrap().text.contains("is a folder"));
    run_keys(&mut app, &mut r, "<Esc>");
    assert!(app.import.is_none());
}

#[test]
fn esc_asks_before_discarding_reviewed_work() {
    let ws = Workspace::new();
    put_notice(&ws, "tb-512.txt");
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    // Nothing decided: Esc leaves at once.
    run_keys(&mut app, &mut r, "i tb-512.txt <Enter> <Esc>");
    assert!(app.import.is_none());
    run_keys(&mut app, &mut r, "i tb-512.txt <Enter> <Space> <Esc>");
    assert_eq!(app.mode(), dondoc::tui::keymap::Mode::Question);
    run_keys(&mut app, &mut r, "n");
    assert_eq!(review(&app).accepted(), 1);
    run_keys(&mut app, &mut r, "<Esc> y");
    assert!(app.import.is_none());
    assert!(!ws.path(NEW).exists());
}

#[test]
fn a_notice_pasted_into_the_prompt_is_reviewed() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "i");
    dondoc::tui::handle_event(&mut app, &mut r, dondoc::tui::event::Event::Paste(notice()));
    assert_eq!(review(&app).items.len(), 7, "{:?}", app.message);
    assert_eq!(review(&app).origin, "văn bản dán vào");
    // Named by the notice's number.
    assert_eq!(review(&app).rel, "2023/thong-bao-so-512-tb-tu.toml");
    run_keys(&mut app, &mut r, "* x w d");
    assert!(app.import.is_none(), "{:?}", app.message);
    let loaded = dondoc::store::load(ws.root()).unwrap();
    assert!(loaded
        .files
        .iter()
        .any(|f| f.path == "2023/thong-bao-so-512-tb-tu.toml"));
    // One line pasted is a path, typed into the prompt.
    run_keys(&mut app, &mut r, "i");
    dondoc::tui::handle_event(
        &mut app,
        &mut r,
        dondoc::tui::event::Event::Paste("tb.txt\n".into()),
    );
    match &app.import {
        Some(Import::Prompt { input }) => assert_eq!(input.as_str(), "tb.txt"),
        other => panic!("{other:?}"),
    }
    // Control characters of a pasted notice never reach the terminal.
    run_keys(&mut app, &mut r, "<Esc> i");
    dondoc::tui::handle_event(
        &mut app,
        &mut r,
        dondoc::tui::event::Event::Paste(
            "1. Giao Sở Y tế \u{1b}[2Jkiểm tra\u{9b}31m an toàn thực phẩm trước 30/11/2023.\n\
             2. Giao Cục Thuế tỉnh \u{202e}rà soát nguồn thu.\n"
                .into(),
        ),
    );
    assert_eq!(review(&app).items.len(), 2, "{:?}", app.message);
    let shown = screen(&app);
    for cell in shown.buffer().content() {
        assert!(
            !cell.symbol().chars().any(dondoc::term_text::is_unsafe),
            "{:?}",
            cell.symbol()
        );
    }
    assert!(format!("{shown:?}").contains("kiểm tra"));
    // Outside a prompt a paste is still ignored with a message.
    run_keys(&mut app, &mut r, "<Esc>");
    dondoc::tui::handle_event(
        &mut app,
        &mut r,
        dondoc::tui::event::Event::Paste("q".into()),
    );
    assert!(!app.should_quit());
    assert_eq!(app.message.as_ref().unwrap().level, Level::Warning);
}

#[test]
fn screen_import_review() {
    for lang in LANGS {
        for size in [(80, 24), (120, 40)] {
            let ws = Workspace::new();
            put_notice(&ws, "tb-512.txt");
            let mut app = ws.app(lang, size);
            let mut r = runner();
            run_keys(
                &mut app,
                &mut r,
                "i tb-512.txt <Enter> <Space> x s <Enter> j j j",
            );
            snapshot(
                &format!("import_review_{lang}_{}x{}", size.0, size.1),
                screen(&app),
            );
        }
    }
}

#[test]
fn screen_import_prompt_and_question() {
    for lang in LANGS {
        let ws = Workspace::new();
        put_notice(&ws, "tb-512.txt");
        let mut app = ws.app(lang, (80, 24));
        let mut r = runner();
        run_keys(&mut app, &mut r, "i tb-512.txt");
        snapshot(&format!("import_prompt_{lang}_80x24"), screen(&app));
        run_keys(&mut app, &mut r, "<Enter> * w");
        snapshot(&format!("import_write_{lang}_80x24"), screen(&app));
    }
}

/// Through the real event loop over a `TestBackend`: `I`, the notice pasted, the unit-less
/// draft dropped, the rest accepted and written; the last frame says so.
#[test]
fn the_event_loop_imports_a_pasted_notice() {
    use dondoc::tui::event::Event;
    let ws = Workspace::new();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut runner = runner();
    let keys = |s: &str| -> Vec<Event> {
        dondoc::tui::keymap::parse_keys(s)
            .into_iter()
            .map(Event::Key)
            .collect()
    };
    let mut events = keys("I");
    // As a terminal sends it: each line break a CR.
    events.push(Event::Paste(notice().replace('\n', "\r")));
    events.extend(keys("* j j j j j x w y"));
    let ended = dondoc::tui::event_loop(
        &mut terminal,
        &mut app,
        &mut runner,
        &mut events.into_iter(),
    )
    .unwrap();
    assert_eq!(ended, None);
    let rel = "2023/thong-bao-so-512-tb-tu.toml";
    let loaded = dondoc::store::load(ws.root()).unwrap();
    let file = loaded.files.iter().position(|f| f.path == rel).unwrap();
    let written: Vec<&str> = loaded
        .directives
        .iter()
        .filter(|d| d.file == file)
        .map(|d| d.owner.as_str())
        .collect();
    assert_eq!(
        written,
        [
            "so-khdt",
            "cuc-thue",
            "so-gddt",
            "so-yt",
            "so-tnmt",
            "so-nnptnt"
        ]
    );
    // The loop draws once more after the last event: the write's message is on screen.
    terminal.draw(|f| dondoc::tui::ui::draw(f, &app)).unwrap();
    let shown = format!("{:?}", terminal.backend());
    assert!(
        shown.contains(&format!("Created {rel}: 6 directives")),
        "{shown}"
    );
    assert_validate_clean(&ws);
}

#[test]
fn the_keys_are_in_the_help_and_the_footer() {
    use dondoc::tui::keymap::{footer, help, Mode};
    let help = help(Lang::Vi);
    let (_, import) = help
        .iter()
        .find(|(title, _)| *title == "Rà soát văn bản nhập")
        .expect("an import section");
    let keys: Vec<&str> = import.iter().map(|(k, _)| k.as_str()).collect();
    for k in [
        "Space", "*", "e/Enter", "s", "m", "x/Delete", "w/Ctrl-S", "d",
    ] {
        assert!(keys.contains(&k), "{k} in {keys:?}");
    }
    let lists = &help.iter().find(|(t, _)| *t == "Danh sách").unwrap().1;
    assert!(lists
        .iter()
        .any(|(k, what)| k == "I/i" && what.contains("nhập thông báo kết luận")));
    let hints: Vec<&str> = footer(Mode::Import, Lang::En)
        .iter()
        .map(|(k, _)| *k)
        .collect();
    assert_eq!(hints, ["j/k", "Space", "e", "s", "m", "x", "w", "Esc", "?"]);
}

#[test]
fn a_file_made_meanwhile_is_never_overwritten_and_the_review_stays() {
    let ws = Workspace::new();
    put_notice(&ws, "tb-512.txt");
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "i tb-512.txt <Enter> * j j j j j x w");
    // Someone else makes the file between the read and the write.
    fs::write(ws.path(NEW), "[source]\ntitle = \"Của người khác\"\n").unwrap();
    run_keys(&mut app, &mut r, "y");
    let m = app.message.clone().unwrap();
    assert_eq!(m.level, Level::Error);
    assert!(
        m.text.starts_with(&format!("{NEW}: chưa ghi gì")),
        "{}",
        m.text
    );
    assert_eq!(ws.read(NEW), "[source]\ntitle = \"Của người khác\"\n");
    assert_eq!(review(&app).accepted(), 6, "the review is kept");
}

#[test]
fn a_tracking_sheet_in_csv_is_reviewed_too() {
    let ws = Workspace::new();
    fs::write(
        ws.path("theo-doi.csv"),
        "STT,Nội dung nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Thời hạn\n\
         1,Rà soát nguồn thu,Cục Thuế tỉnh,Sở Tài chính,30/11/2023\n\
         2,Kiểm tra an toàn thực phẩm,Ban An toàn thực phẩm,,15/12/2023\n",
    )
    .unwrap();
    let mut app = ws.app(Lang::En, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "i theo-doi.csv <Enter>");
    let got: Vec<(Option<&str>, Option<NaiveDate>)> = review(&app)
        .items
        .iter()
        .map(|i| (i.draft.owner.as_deref(), i.draft.deadline))
        .collect();
    assert_eq!(
        got,
        [
            (Some("cuc-thue"), NaiveDate::from_ymd_opt(2023, 11, 30)),
            (None, NaiveDate::from_ymd_opt(2023, 12, 15)),
        ]
    );
    let shown = format!("{:?}", screen(&app));
    assert!(shown.contains("‼ no lead unit"), "{shown}");
}

/// A pasted notice without its date line: the review takes the as-of date and says so, and
/// the meeting file it writes passes `validate` (a `[source]` needs its date).
#[test]
fn a_notice_without_a_date_takes_the_as_of_date_and_says_so() {
    let ws = Workspace::new();
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();
    run_keys(&mut app, &mut r, "I");
    let text = "Kết luận của Thường trực Tỉnh ủy tại Hội nghị giao ban\r\
                1. Giao UBND huyện Ba Bể rà soát các dự án chậm giải ngân, báo cáo trước ngày 15/11/2023.\r\
                2. Giao Cục Thuế tỉnh chống thất thu ngân sách trong tháng 12/2023.\r";
    dondoc::tui::handle_event(
        &mut app,
        &mut r,
        dondoc::tui::event::Event::Paste(text.into()),
    );
    assert_eq!(review(&app).source.date, Some(app.today()));
    let message = app.message.clone().unwrap().text;
    assert!(
        message.contains("không đọc được ngày của văn bản: lấy ngày 15/10/2023"),
        "{message}"
    );
    run_keys(&mut app, &mut r, "* w y");
    assert!(app.import.is_none(), "{:?}", app.message);
    assert_validate_clean(&ws);
}
