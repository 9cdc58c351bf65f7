//! Importing notices and spreadsheets: recognition on notices written for these tests (in
//! the styles offices use; no real document is copied), a .docx with real Word numbering, a
//! spreadsheet with merged headers, and the command line run as a user would.

use assert_cmd::Command;
use chrono::NaiveDate;
use dondoc::fold::fold;
use dondoc::import::read;
use dondoc::import::sheet::{self, SheetOptions};
use dondoc::import::{notice, Proposal};
use dondoc::model::{Owner, Status};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import")
}

/// A workspace holding only the test registry.
fn workspace() -> TempDir {
    let tmp = tempfile::tempdir().unwrap();
    fs::copy(
        fixtures().join("dondoc.toml"),
        tmp.path().join("dondoc.toml"),
    )
    .unwrap();
    tmp
}

fn owners() -> Vec<Owner> {
    let ws = workspace();
    dondoc::store::load(ws.path()).unwrap().owners
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A .docx from a small spec: "N> text" is a paragraph of a Word list at level N (numPr),
/// "T> a | b" a table row (`\n` parts a cell's paragraphs), any other line a plain paragraph.
fn docx_from_spec(spec: &str) -> Vec<u8> {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let para = |text: &str, level: Option<usize>| {
        let num = level
            .map(|l| {
                format!(
                    "<w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{l}\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>"
                )
            })
            .unwrap_or_default();
        // Text split over two runs, as Word does after an edit.
        let mid = text
            .char_indices()
            .nth(text.chars().count() / 2)
            .map(|c| c.0)
            .unwrap_or(0);
        format!(
            "<w:p>{num}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p>",
            esc(&text[..mid]),
            esc(&text[mid..])
        )
    };
    let mut body = String::new();
    let mut rows: Vec<String> = Vec::new();
    let flush = |rows: &mut Vec<String>, body: &mut String| {
        if !rows.is_empty() {
            body.push_str("<w:tbl><w:tblPr/>");
            for r in rows.drain(..) {
                body.push_str("<w:tr>");
                for c in r.split('|') {
                    // "\n" in a cell: paragraphs of one cell.
                    let ps: String = c.split("\\n").map(|t| para(t.trim(), None)).collect();
                    body.push_str(&format!("<w:tc>{ps}</w:tc>"));
                }
                body.push_str("</w:tr>");
            }
            body.push_str("</w:tbl>");
        }
    };
    for line in spec.lines() {
        if let Some(r) = line.strip_prefix("T> ") {
            rows.push(r.to_string());
            continue;
        }
        flush(&mut rows, &mut body);
        match line.split_once("> ") {
            Some((l, t)) if l.len() == 1 && l.chars().all(|c| c.is_ascii_digit()) => {
                body.push_str(&para(t, Some(l.parse().unwrap())))
            }
            _ => body.push_str(&para(line, None)),
        }
    }
    flush(&mut rows, &mut body);
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let lvl = |i: usize, fmt: &str, text: &str| {
        format!(
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/></w:lvl>"
        )
    };
    let numbering = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:abstractNum w:abstractNumId=\"0\">{}{}{}</w:abstractNum>\
         <w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
        lvl(0, "decimal", "%1."),
        lvl(1, "lowerLetter", "%2)"),
        lvl(2, "bullet", "-")
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for (name, data) in [
        ("[Content_Types].xml", content_types.to_string()),
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ] {
        zip.start_file(name, opts).unwrap();
        zip.write_all(data.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The notice `n` of the fixtures, read as `dondoc import` reads it.
fn notice_proposal(n: usize, owners: &[Owner]) -> Proposal {
    let dir = fixtures();
    let today = day("2024-06-01");
    for ext in ["txt", "md"] {
        let p = dir.join(format!("notice-{n}.{ext}"));
        if p.exists() {
            let blocks = read::text_blocks(&fs::read(p).unwrap()).unwrap();
            return notice::parse(&blocks, owners, today);
        }
    }
    let spec = fs::read_to_string(dir.join(format!("notice-{n}.docx.txt"))).unwrap();
    let blocks = read::docx_blocks(&docx_from_spec(&spec)).unwrap();
    notice::parse(&blocks, owners, today)
}

#[derive(Debug)]
struct Expected {
    text: String,
    owner: Option<String>,
    support: Vec<String>,
    deadline: Option<NaiveDate>,
    issued_by: String,
}

/// The expected tasks of notice `n`; `owners = [..]` is one task per unit, in order.
fn expected(n: usize) -> (toml::Table, Vec<Expected>) {
    let text = fs::read_to_string(fixtures().join(format!("notice-{n}.expected.toml"))).unwrap();
    let t: toml::Table = text.parse().unwrap();
    let source_issuer = t["issued_by"].as_str().unwrap().to_string();
    let strs = |v: Option<&toml::Value>| -> Vec<String> {
        v.and_then(|v| v.as_array())
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for task in t["task"].as_array().unwrap() {
        let task = task.as_table().unwrap();
        let owners: Vec<Option<String>> = match task.get("owners") {
            Some(v) => strs(Some(v)).into_iter().map(Some).collect(),
            None => vec![task.get("owner").map(|o| o.as_str().unwrap().to_string())],
        };
        let support = strs(task.get("support"));
        for o in &owners {
            out.push(Expected {
                text: task["text"].as_str().unwrap().to_string(),
                owner: o.clone(),
                support: support
                    .iter()
                    .filter(|s| Some(*s) != o.as_ref())
                    .cloned()
                    .collect(),
                deadline: task.get("deadline").map(|d| day(&d.to_string())),
                issued_by: task
                    .get("issued_by")
                    .map(|i| i.as_str().unwrap().to_string())
                    .unwrap_or_else(|| source_issuer.clone()),
            });
        }
    }
    (t, out)
}

const NOTICES: [usize; 8] = [1, 2, 3, 4, 5, 6, 7, 8];

#[derive(Default, Debug)]
struct Score {
    tasks: usize,
    found: usize,
    text: usize,
    lead: usize,
    support: usize,
    deadline: usize,
    issuer: usize,
    flagged: usize,
}

#[test]
fn recognition_on_the_test_notices() {
    let owners = owners();
    let mut total = Score::default();
    let mut misses = Vec::new();
    let mut source_misses: Vec<String> = Vec::new();
    for n in NOTICES {
        let p = notice_proposal(n, &owners);
        let (head, want) = expected(n);
        // The source: every field must be right (checked after the figures are printed).
        let source_checks = [
            (
                "title",
                Some(p.source.title.clone()),
                head["title"].as_str().map(str::to_string),
            ),
            (
                "date",
                p.source.date.map(|d| d.to_string()),
                Some(head["date"].to_string()),
            ),
            (
                "ref",
                p.source.reference.clone(),
                head["ref"].as_str().map(str::to_string),
            ),
            (
                "issuer",
                p.source.issued_by.clone(),
                head["issued_by"].as_str().map(str::to_string),
            ),
        ];
        for (what, got, want) in source_checks {
            if got != want {
                source_misses.push(format!("notice {n} {what}: got {got:?}, want {want:?}"));
            }
        }
        let mut s = Score {
            tasks: want.len(),
            found: p.drafts.len(),
            flagged: p.drafts.iter().filter(|d| !d.flags.is_empty()).count(),
            ..Score::default()
        };
        for (i, (w, d)) in want.iter().zip(&p.drafts).enumerate() {
            let issuer = d
                .issued_by
                .clone()
                .or(p.source.issued_by.clone())
                .unwrap_or_default();
            let mut sup_got = d.support.clone();
            sup_got.sort();
            let mut sup_want = w.support.clone();
            sup_want.sort();
            let checks = [
                ("text", fold(&d.text).starts_with(&fold(&w.text))),
                ("lead", d.owner == w.owner),
                ("support", sup_got == sup_want),
                ("deadline", d.deadline == w.deadline),
                ("issuer", issuer == w.issued_by),
            ];
            for (what, ok) in checks {
                if !ok {
                    misses.push(format!(
                        "notice {n} task {}: {what}: got {d:?}, want {w:?}",
                        i + 1
                    ));
                }
            }
            s.text += checks[0].1 as usize;
            s.lead += checks[1].1 as usize;
            s.support += checks[2].1 as usize;
            s.deadline += checks[3].1 as usize;
            s.issuer += checks[4].1 as usize;
        }
        eprintln!("notice {n}: {s:?}");
        total.tasks += s.tasks;
        total.found += s.found;
        total.text += s.text;
        total.lead += s.lead;
        total.support += s.support;
        total.deadline += s.deadline;
        total.issuer += s.issuer;
        total.flagged += s.flagged;
        if s.found != s.tasks {
            misses.push(format!(
                "notice {n}: {} tasks found, {} expected",
                s.found, s.tasks
            ));
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / total.tasks as f64;
    eprintln!(
        "recognition: {} tasks; text {:.0}%, lead unit {:.0}%, coordinating units {:.0}%, deadline {:.0}%, issuer {:.0}%; {} flagged for review",
        total.tasks,
        pct(total.text),
        pct(total.lead),
        pct(total.support),
        pct(total.deadline),
        pct(total.issuer),
        total.flagged
    );
    for m in source_misses.iter().chain(&misses) {
        eprintln!("  {m}");
    }
    assert!(source_misses.is_empty(), "{source_misses:#?}");
    assert!(
        !misses.iter().any(|m| m.contains("tasks found")),
        "every task found: {misses:#?}"
    );
    assert!(pct(total.lead) >= 90.0, "lead unit below 90%: {misses:#?}");
    assert!(
        pct(total.deadline) >= 90.0,
        "deadline below 90%: {misses:#?}"
    );
    assert!(pct(total.text) >= 90.0, "text below 90%: {misses:#?}");
    assert!(
        pct(total.support) >= 85.0,
        "coordinating units below 85%: {misses:#?}"
    );
}

/// Every line of a text notice after its header is a task, part of one, or listed as skipped.
#[test]
fn no_line_of_a_notice_disappears() {
    let owners = owners();
    for (n, ext) in [
        (1, "txt"),
        (2, "md"),
        (3, "txt"),
        (4, "txt"),
        (5, "md"),
        (7, "txt"),
        (8, "txt"),
    ] {
        let text = fs::read_to_string(fixtures().join(format!("notice-{n}.{ext}"))).unwrap();
        let p = notice_proposal(n, &owners);
        let mut seen: Vec<usize> = p.drafts.iter().map(|d| d.line).collect();
        seen.extend(p.skipped.iter().map(|s| s.line));
        let first = *seen.iter().min().unwrap();
        for (i, line) in text.lines().enumerate() {
            let l = i + 1;
            let t = line.trim();
            let is_table_rule = t.starts_with("|-") || t.starts_with("|:");
            // A table's header row is read as its header.
            let is_table_header = t.starts_with('|')
                && text
                    .lines()
                    .nth(i + 1)
                    .is_some_and(|n| n.trim().starts_with("|-"));
            if l < first || t.is_empty() || is_table_rule || is_table_header {
                continue;
            }
            assert!(seen.contains(&l), "notice {n} line {l} lost: {line}");
        }
    }
}

#[test]
fn a_docx_list_is_read_with_its_word_numbers() {
    let spec = "Mở đầu\n0> Thứ nhất:\n1> ý a\n1> ý b\n2> gạch đầu dòng\n0> Thứ hai\nT> STT | Nội dung\nT> 1 | Ô bảng\n";
    let blocks = read::docx_blocks(&docx_from_spec(spec)).unwrap();
    let labels: Vec<(Option<String>, String)> = blocks
        .iter()
        .filter_map(|b| match b {
            notice::Block::Para(p) => {
                Some((p.mark.as_ref().map(|m| m.label.clone()), p.text.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        labels,
        vec![
            (None, "Mở đầu".to_string()),
            (Some("1.".into()), "Thứ nhất:".into()),
            (Some("a)".into()), "ý a".into()),
            (Some("b)".into()), "ý b".into()),
            (Some("-".into()), "gạch đầu dòng".into()),
            (Some("2.".into()), "Thứ hai".into()),
        ]
    );
    assert!(
        matches!(blocks.last(), Some(notice::Block::Table { rows, .. }) if rows[1] == ["1", "Ô bảng"])
    );
}

#[test]
fn a_group_gives_one_directive_per_unit_with_one_number() {
    let owners = owners();
    let p = notice_proposal(4, &owners);
    let first: Vec<_> = p
        .drafts
        .iter()
        .filter(|d| d.line == p.drafts[0].line)
        .collect();
    assert_eq!(first.len(), 8, "one per district and city committee");
    assert!(first
        .iter()
        .all(|d| d.group == first[0].group && d.group.is_some()));
    let ids = dondoc::import::render::assign_ids(&p.drafts, "tb-541", &Default::default());
    assert_eq!(ids[0], "tb-541-01-tp-bac-kan");
    assert_eq!(ids[7], "tb-541-01-pac-nam");
    assert_eq!(ids[9], "tb-541-02-ba-be");
    assert_eq!(ids[16], "tb-541-03");
}

#[test]
fn units_written_in_other_forms_are_found() {
    let owners = owners();
    let text = "THÔNG BÁO\nKết luận về thu ngân sách\nNHIỆM VỤ\n\
        - Ủy ban nhân dân huyện Ba Bể: rà soát nguồn thu.\n\
        - UBND TP Bắc Kạn: đôn đốc nộp thuế.\n\
        - Cơ quan thuế tỉnh: xử lý nợ đọng.\n\
        - SỞ KH-ĐT: tham mưu điều chỉnh kế hoạch vốn.\n\
        - So Tai chinh: tham muu bo tri von.\n\
        - BHXH tỉnh: thu bảo hiểm.\n";
    let blocks = notice::blocks_from_text(text);
    let p = notice::parse(&blocks, &owners, day("2023-10-01"));
    let got: Vec<_> = p
        .drafts
        .iter()
        .map(|d| d.owner.clone().unwrap_or_default())
        .collect();
    assert_eq!(
        got,
        [
            "ba-be",
            "tp-bac-kan",
            "cuc-thue",
            "so-khdt",
            "so-tc",
            "bhxh"
        ]
    );
}

/// STT, task, lead, deadline as a date cell, deadline as text, status, note, source.
type Row<'a> = (
    &'a str,
    &'a str,
    &'a str,
    Option<(u16, u8, u8)>,
    &'a str,
    &'a str,
    &'a str,
    &'a str,
);

/// A tracking workbook: a title merged over the table, a section row, "Đơn vị thực hiện" merged over
/// "Chủ trì | Phối hợp", deadlines as date cells and as text, a blank row, an unknown unit,
/// two source documents.
fn tracking_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Theo dõi").unwrap();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.merge_range(
        0,
        0,
        0,
        7,
        "BẢNG THEO DÕI THỰC HIỆN NHIỆM VỤ NĂM 2023",
        &bold,
    )
    .unwrap();
    ws.merge_range(1, 0, 2, 0, "STT", &bold).unwrap();
    ws.merge_range(1, 1, 2, 1, "Nội dung nhiệm vụ", &bold)
        .unwrap();
    ws.merge_range(1, 2, 1, 3, "Đơn vị thực hiện", &bold)
        .unwrap();
    ws.write_with_format(2, 2, "Chủ trì", &bold).unwrap();
    ws.write_with_format(2, 3, "Phối hợp", &bold).unwrap();
    ws.merge_range(1, 4, 2, 4, "Thời hạn", &bold).unwrap();
    ws.merge_range(1, 5, 2, 5, "Tình hình thực hiện", &bold)
        .unwrap();
    ws.merge_range(1, 6, 2, 6, "Kết quả/Ghi chú", &bold)
        .unwrap();
    ws.merge_range(1, 7, 2, 7, "Văn bản giao", &bold).unwrap();
    let rows: [Row; 6] = [
        (
            "I",
            "NHIỆM VỤ THEO CÁC THÔNG BÁO KẾT LUẬN",
            "",
            None,
            "",
            "",
            "",
            "",
        ),
        (
            "1",
            "Rà soát danh mục dự án chậm giải ngân",
            "Sở KH&ĐT",
            Some((2023, 9, 30)),
            "",
            "Đã hoàn thành",
            "Hoàn thành ngày 28/9/2023",
            "Thông báo số 512-TB/TU",
        ),
        (
            "2",
            "Chống thất thu ngân sách",
            "Cục Thuế tỉnh",
            None,
            "Quý IV/2023",
            "Đang thực hiện",
            "Thu đạt 70% dự toán",
            "Thông báo số 512-TB/TU",
        ),
        ("", "", "", None, "", "", "", ""),
        (
            "3",
            "Kiểm tra an toàn thực phẩm",
            "UBND huyện Ba Bể",
            Some((2023, 10, 31)),
            "",
            "Quá hạn",
            "",
            "Thông báo số 530-TB/TU",
        ),
        (
            "4",
            "Bảo tồn rừng đặc dụng",
            "Ban Quản lý rừng đặc dụng Kim Hỷ",
            None,
            "31/12/2023",
            "Chưa thực hiện",
            "",
            "Thông báo số 530-TB/TU",
        ),
    ];
    for (i, (stt, text, lead, date_cell, date_text, status, note, src)) in rows.iter().enumerate() {
        let r = 3 + i as u32;
        for (c, v) in [
            (0u16, stt),
            (1, text),
            (2, lead),
            (5, status),
            (6, note),
            (7, src),
        ] {
            if !v.is_empty() {
                ws.write(r, c, *v).unwrap();
            }
        }
        if i == 1 {
            ws.write(r, 3, "Sở Tài chính").unwrap();
        }
        match date_cell {
            Some((y, m, d)) => {
                ws.write_with_format(r, 4, ExcelDateTime::from_ymd(*y, *m, *d).unwrap(), &date)
                    .unwrap();
            }
            None if !date_text.is_empty() => {
                ws.write(r, 4, *date_text).unwrap();
            }
            None => {}
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_tracking_workbook_becomes_one_proposal_per_source() {
    let owners = owners();
    let cells = read::workbook_cells(&tracking_xlsx(), Some("theo doi")).unwrap();
    let opts = SheetOptions {
        file_title: "theo-doi".into(),
        today: Some(day("2023-10-15")),
        ..SheetOptions::default()
    };
    let ps = sheet::parse_sheet(&cells, &owners, &opts, day("2023-10-15"));
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[0].source.title, "Thông báo số 512-TB/TU");
    let d = &ps[0].drafts;
    assert_eq!(d.len(), 2);
    assert_eq!(d[0].owner.as_deref(), Some("so-khdt"));
    assert_eq!(d[0].support, ["so-tc"]);
    assert_eq!(d[0].deadline, Some(day("2023-09-30")));
    assert_eq!(d[0].status, Some(Status::Done));
    assert_eq!(d[0].done_on, Some(day("2023-09-28")));
    assert_eq!(d[1].owner.as_deref(), Some("cuc-thue"));
    assert_eq!(d[1].deadline, Some(day("2023-12-31")));
    assert_eq!(d[1].status, Some(Status::InProgress));
    assert_eq!(d[1].note.as_deref(), Some("Thu đạt 70% dự toán"));
    let d = &ps[1].drafts;
    assert_eq!(d.len(), 2, "the blank row stops nothing");
    assert_eq!(d[0].owner.as_deref(), Some("ba-be"));
    assert_eq!(d[0].status, Some(Status::Open), "quá hạn is not done");
    assert_eq!(d[1].owner, None);
    assert_eq!(d[1].deadline, Some(day("2023-12-31")));
    assert_eq!(
        d[1].flags,
        [dondoc::import::Flag::UnknownLead(
            "Ban Quản lý rừng đặc dụng Kim Hỷ".into()
        )]
    );
    // The section row is a heading, listed, not a task.
    assert_eq!(ps[0].skipped.len(), 1, "{:?}", ps[0].skipped);
    assert_eq!(
        ps[0].skipped[0].text,
        "I NHIỆM VỤ THEO CÁC THÔNG BÁO KẾT LUẬN"
    );
}

// ---- The command line, run as a user would ----

fn dondoc(ws: &Path) -> Command {
    let mut cmd = Command::cargo_bin("dondoc").unwrap();
    cmd.env("HOME", ws)
        .env("XDG_CONFIG_HOME", ws.join(".config"))
        .env("DONDOC_USER", "Nguyễn Thị Lan")
        .env("LANG", "C")
        .arg("--data")
        .arg(ws)
        .arg("--today")
        .arg("2023-10-15");
    cmd
}

fn validate_ok(ws: &Path) {
    dondoc(ws).arg("validate").assert().success();
}

#[test]
fn cli_dry_run_prints_the_file_and_the_summary_and_writes_nothing() {
    let ws = workspace();
    let out = dondoc(ws.path())
        .args(["import", "--dry-run"])
        .arg(fixtures().join("notice-1.txt"))
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("would write 2023/notice-1.toml"),
        "{stdout}"
    );
    assert!(
        stdout.contains("7 tasks; 6 with a lead unit, 1 to review; 6 with a deadline"),
        "{stdout}"
    );
    assert!(stdout.contains("unit not in the registry: Ban Quản lý dự án đầu tư xây dựng tỉnh"));
    assert!(
        stdout.contains("I. ĐÁNH GIÁ CHUNG"),
        "skipped parts are listed: {stdout}"
    );
    assert!(!ws.path().join("2023").exists());
}

#[test]
fn cli_refuses_unassigned_tasks_then_writes_them_as_drafts() {
    let ws = workspace();
    let notice = fixtures().join("notice-1.txt");
    dondoc(ws.path())
        .arg("import")
        .arg(&notice)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "nothing written: 1 task with no lead unit",
        ));
    assert!(!ws.path().join("2023/notice-1.toml").exists());

    dondoc(ws.path())
        .args(["import", "--allow-unassigned"])
        .arg(&notice)
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote 2023/notice-1.toml"));
    validate_ok(ws.path());
    let loaded = dondoc::store::load(ws.path()).unwrap();
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.directives.len(), 7);
    let first = loaded.directive("notice-1-01").unwrap();
    assert_eq!(first.owner, "so-khdt");
    assert_eq!(first.support, ["so-tc"]);
    assert_eq!(first.deadline, Some(day("2023-09-30")));
    assert!(!first.draft);
    assert!(first.log[0].created);
    assert_eq!(first.log[0].by, "Nguyễn Thị Lan");
    let unassigned = loaded.directive("notice-1-06").unwrap();
    assert!(unassigned.draft);
    assert_eq!(unassigned.owner, "");
    assert_eq!(
        loaded.files[0].source.issued_by.as_deref(),
        Some("Thường trực Tỉnh ủy")
    );

    // A second import of the same notice would overwrite: refused.
    dondoc(ws.path())
        .args(["import", "--allow-unassigned"])
        .arg(&notice)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("exists already"));
}

#[test]
fn cli_speaks_vietnamese_with_lang_vi() {
    let ws = workspace();
    let notice = fixtures().join("notice-1.txt");
    let out = dondoc(ws.path())
        .args(["--lang", "vi", "import", "--dry-run"])
        .arg(&notice)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for line in [
        "# dondoc import: sẽ ghi tệp mới 2023/notice-1.toml",
        "7 nhiệm vụ; 6 có đơn vị chủ trì, 1 cần xem lại; 6 có thời hạn",
        "Cần xem lại:",
        "đơn vị không có trong danh mục: Ban Quản lý dự án đầu tư xây dựng tỉnh",
        "Không thành nhiệm vụ (kiểm tra để không bỏ sót):",
        "dòng 16 (tiêu đề): I. ĐÁNH GIÁ CHUNG",
        "(đánh giá, giới thiệu)",
    ] {
        assert!(stdout.contains(line), "{line:?} in {stdout}");
    }
    assert!(!stdout.contains(" line "), "{stdout}");
    dondoc(ws.path())
        .args(["--lang", "vi", "import"])
        .arg(&notice)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "chưa ghi gì: 1 nhiệm vụ chưa có đơn vị chủ trì",
        ));
    dondoc(ws.path())
        .args(["--lang", "vi", "import", "--allow-unassigned"])
        .arg(&notice)
        .assert()
        .success()
        .stdout(predicates::str::contains("đã ghi tệp 2023/notice-1.toml"));
    dondoc(ws.path())
        .args(["--lang", "vi", "import"])
        .arg(&notice)
        .assert()
        .code(1)
        .stderr(predicates::str::contains(
            "2023/notice-1.toml đã có; thêm --into 2023/notice-1.toml",
        ));
    let pdf = ws.path().join("tb.pdf");
    fs::write(&pdf, "x").unwrap();
    dondoc(ws.path())
        .args(["--lang", "vi", "import"])
        .arg(&pdf)
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "không phải loại tệp dondoc đọc được",
        ));
    let bad = ws.path().join("tb.docx");
    fs::write(&bad, "không phải zip").unwrap();
    dondoc(ws.path())
        .args(["--lang", "vi", "import"])
        .arg(&bad)
        .assert()
        .failure()
        .stderr(predicates::str::contains("không phải tệp Word (.docx)"));
}

#[test]
fn cli_into_appends_to_a_meeting_file_with_the_next_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let ws = tmp.path().join("ws");
    fs::create_dir_all(ws.join("2023")).unwrap();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    fs::copy(data.join("dondoc.toml"), ws.join("dondoc.toml")).unwrap();
    let sample = "2023/giao-ban-2023-08-25.toml";
    fs::copy(data.join(sample), ws.join(sample)).unwrap();
    let before = fs::read_to_string(ws.join(sample)).unwrap();
    let last = dondoc::store::load(&ws).unwrap().directives.len();
    let notice = tmp.path().join("bo-sung.txt");
    fs::write(
        &notice,
        "Kết luận bổ sung:\n1. Giao Sở Y tế chủ trì, phối hợp với BHXH tỉnh rà soát thẻ bảo hiểm y tế trước 31/10.\n2. Các huyện ủy, thành ủy: báo cáo kết quả thu ngân sách trong tháng 11/2023.\n",
    )
    .unwrap();
    dondoc(&ws)
        .args(["import", "--source-date", "2023-08-25", "--into", sample])
        .arg(&notice)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "appended to 2023/giao-ban-2023-08-25.toml",
        ));
    validate_ok(&ws);
    let after = fs::read_to_string(ws.join(sample)).unwrap();
    assert!(
        after.starts_with(&before),
        "the old bytes stay as they were"
    );
    let loaded = dondoc::store::load(&ws).unwrap();
    assert_eq!(loaded.directives.len(), last + 9);
    let next = format!("gb-2023-08-{}", last + 1);
    let d = loaded.directive(&next).unwrap();
    assert_eq!(d.owner, "so-yt");
    assert_eq!(d.support, ["bhxh"]);
    assert_eq!(d.deadline, Some(day("2023-10-31")));
    assert!(loaded
        .directive(&format!("gb-2023-08-{}-na-ri", last + 2))
        .is_some());
}

#[test]
fn cli_imports_a_workbook_and_a_csv() {
    let ws = workspace();
    let book = ws.path().join("theo-doi.xlsx");
    fs::write(&book, tracking_xlsx()).unwrap();
    dondoc(ws.path())
        .args([
            "import",
            "--allow-unassigned",
            "--source-date",
            "2023-09-12",
        ])
        .arg(&book)
        .assert()
        .success()
        .stdout(predicates::str::contains("wrote 2023/theo-doi-1.toml"))
        .stdout(predicates::str::contains("wrote 2023/theo-doi-2.toml"));
    validate_ok(ws.path());
    let loaded = dondoc::store::load(ws.path()).unwrap();
    let done = loaded.directive("theo-doi-1-01").unwrap();
    assert_eq!(done.status, Status::Done);
    assert_eq!(done.done_on, Some(day("2023-09-28")));
    assert!(loaded.directive("theo-doi-2-02").unwrap().draft);

    let csv = ws.path().join("ds.csv");
    fs::write(
        &csv,
        "Việc;Ai làm;Hạn\nRà soát hồ sơ;Sở Nội vụ;30/11/2023\nKiểm tra;Sở Y tế;Thường xuyên\n",
    )
    .unwrap();
    dondoc(ws.path())
        .args([
            "import",
            "--dry-run",
            "--map",
            "Việc=text,B=owner,3=deadline",
            "--source-title",
            "Danh sách",
        ])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicates::str::contains("title = \"Danh sách\""))
        .stdout(predicates::str::contains("owner = \"so-nv\""))
        .stdout(predicates::str::contains("deadline = 2023-11-30"))
        .stdout(predicates::str::contains(
            "2 tasks; 2 with a lead unit, 0 to review; 1 with a deadline",
        ));
    dondoc(ws.path())
        .args(["import", "--dry-run", "--map", "Viec làm=text"])
        .arg(&csv)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--map: no column Viec làm"));
}

#[test]
fn cli_bad_input_is_refused_and_nothing_is_written() {
    let ws = workspace();
    let bad = ws.path().join("hong.docx");
    fs::write(&bad, b"this is not a zip").unwrap();
    dondoc(ws.path())
        .arg("import")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("hong.docx: not a Word document"));
    let odd = ws.path().join("notice.pdf");
    fs::write(&odd, b"%PDF").unwrap();
    dondoc(ws.path())
        .arg("import")
        .arg(&odd)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a document dondoc reads"));
    let empty = ws.path().join("trong.txt");
    fs::write(&empty, "Hội nghị diễn ra tốt đẹp.\n").unwrap();
    dondoc(ws.path())
        .arg("import")
        .arg(&empty)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("no task found; nothing written"))
        .stderr(predicates::str::contains("Hội nghị diễn ra tốt đẹp."));
    let written: Vec<_> = fs::read_dir(ws.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml") && n != "dondoc.toml")
        .collect();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn cli_control_characters_from_a_notice_never_reach_the_file_or_the_terminal() {
    let ws = workspace();
    let notice = ws.path().join("tb.txt");
    // UTF-16 with its byte-order mark, as Notepad saves "Unicode" text.
    let text = "THÔNG BÁO\nKết luận \u{1b}[31mđỏ\n1. Giao Sở Y tế kiểm tra\u{7} an toàn thực phẩm trước 30/11/2023.\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    fs::write(&notice, bytes).unwrap();
    let out = dondoc(ws.path())
        .args(["--lang", "vi", "import", "--source-date", "2023-11-01"])
        .arg(&notice)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("1 nhiệm vụ; 1 có đơn vị chủ trì, 0 cần xem lại; 1 có thời hạn"),
        "{stdout}"
    );
    let file = fs::read_to_string(ws.path().join("2023/tb.toml")).unwrap();
    assert!(
        !file.contains('\u{1b}') && !file.contains('\u{7}') && !file.contains("\\u"),
        "{file}"
    );
    assert!(
        file.contains("text = \"Kiểm tra an toàn thực phẩm trước 30/11/2023\""),
        "{file}"
    );
    validate_ok(ws.path());
}
