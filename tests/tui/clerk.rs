//! A new clerk's briefing, from the keyboard only: a new meeting with eight directives (one to
//! all eight districts), two of them reshaped and extended (a text of two lines, one more
//! coordinating unit, another lead unit, a deadline moved with its reason and document),
//! three marked done at once across two files, undone and done again. Then the files on disk
//! are compared with the expected text, every other byte unchanged, and `validate` is clean.

use super::*;

const NEW_FILE: &str = "2023/giao-ban-thang-10-2023.toml";
const PREFIX: &str = "giao-ban-thang-10-2023";
const DISTRICTS: [&str; 8] = [
    "tp-bac-kan",
    "ba-be",
    "bach-thong",
    "cho-don",
    "cho-moi",
    "na-ri",
    "ngan-son",
    "pac-nam",
];

/// Types a text as a clerk does: spaces as `<Space>`.
fn typed(text: &str) -> String {
    text.split(' ').collect::<Vec<_>>().join(" <Space> ")
}

/// Moves the cursor to `id` in the list shown.
fn go_to(app: &mut App, r: &mut Runner, id: &str) {
    let at = ids(app)
        .iter()
        .position(|i| i == id)
        .unwrap_or_else(|| panic!("{id} is not shown: {:?}", ids(app)));
    run_keys(app, r, "g");
    for _ in 0..at {
        run_keys(app, r, "j");
    }
    assert_eq!(selected_id(app), id);
}

#[track_caller]
fn saved(app: &App) {
    assert_eq!(app.popup, None, "{:?}", app.message);
    let m = app.message.as_ref().expect("a message");
    assert_eq!(m.level, Level::Info, "{}", m.text);
}

/// A log entry of the test's clerk, after a blank line.
fn entry(keys: &str) -> String {
    format!("\n[[directive.log]]\nat = {AT}\nby = \"Kiểm Thử\"\n{keys}")
}

/// One `[[directive]]` with its `created` entry, as the form writes it: `head` are the lines
/// after the `created` ones (a reshape's), `log` the entries after it.
struct New<'a> {
    id: String,
    text: &'a str,
    owner: &'a str,
    support: Option<&'a str>,
    issuer: Option<&'a str>,
    deadline: Option<&'a str>,
}

impl New<'_> {
    fn block(&self, head: &str, log: &str) -> String {
        let (id, text, owner) = (&self.id, self.text, self.owner);
        let mut out =
            format!("\n[[directive]]\nid = \"{id}\"\ntext = {text}\nowner = \"{owner}\"\n");
        let mut created = format!("created = true\ntext = {text}\nowner = \"{owner}\"\n");
        if let Some(s) = self.support {
            out.push_str(&format!("support = {s}\n"));
            created.push_str(&format!("support = {s}\n"));
        }
        if let Some(i) = self.issuer {
            out.push_str(&format!("issued_by = \"{i}\"\n"));
        }
        if let Some(d) = self.deadline {
            out.push_str(&format!("deadline = {d}\n"));
            created.push_str(&format!("deadline = {d}\n"));
        }
        out.push_str("status = \"open\"\n");
        created.push_str("status = \"open\"\n");
        format!("{out}{head}{}{log}", entry(&created))
    }
}

/// Done on 14/10, taken back, done again: the three entries.
fn done_undone_redone(before: &str) -> String {
    let done = "status = \"done\"\ndone_on = 2023-10-14\n";
    entry(done)
        + &entry(&format!(
            "status = \"{before}\"\nundo = true\ncleared = [\"done_on\"]\n"
        ))
        + &entry(done)
}

#[test]
fn keys_a_new_clerk_records_a_briefing_reshapes_it_and_marks_three_done() {
    let ws = Workspace::new();
    let sample = ws.read(FILE);
    let mut app = ws.app(Lang::Vi, (120, 40));
    let mut r = runner();

    // The meeting: N, its title, date, document number and issuer; Ctrl-S.
    run_keys(
        &mut app,
        &mut r,
        &format!(
            "N {} <Tab> <C-u> 12/10/2023 <Tab> 45-TB/TU <Tab> {} <C-s>",
            typed("Giao ban tháng 10/2023"),
            typed("Thường trực Tỉnh ủy")
        ),
    );
    saved(&app);
    assert_eq!(app.meeting.as_deref(), Some(NEW_FILE));

    // Eight directives: a text, Tab, the lead unit (typed, Enter), Tab, the coordinating
    // units, Tab, the deadline; Ctrl-S. The second goes to the eight districts at once.
    let directives: [(&str, &str, &[&str], &str, &str); 8] = [
        (
            "Rà soát nguồn thu ngân sách",
            "cuc thue",
            &[],
            "30/11/2023",
            "",
        ),
        (
            "Báo cáo tiến độ giải ngân vốn đầu tư công",
            "huyen thanh",
            &[],
            "25/10/2023",
            "",
        ),
        (
            "Hoàn thành giải phóng mặt bằng tuyến đường Thác Riềng",
            "gtvt",
            &[],
            "31/10/2023",
            "",
        ),
        (
            "Kiểm tra chất lượng công trình trường học",
            "giao duc",
            &[],
            "20/10/2023",
            "",
        ),
        ("Chuẩn bị tổng kết năm", "vp tinh uy", &[], "", ""),
        (
            "Đôn đốc thu hồi nợ đọng bảo hiểm xã hội",
            "bhxh",
            &[],
            "15/11/2023",
            "",
        ),
        (
            "Tăng cường phòng cháy rừng mùa khô",
            "nong nghiep",
            &["cong an"],
            "30/11/2023",
            "",
        ),
        (
            "Tổng hợp kết quả các chương trình mục tiêu quốc gia",
            "khdt",
            &["tai chinh"],
            "05/11/2023",
            "Phó Bí thư Thường trực Tỉnh ủy",
        ),
    ];
    for (text, lead, support, deadline, issuer) in directives {
        let support: String = support
            .iter()
            .map(|s| format!("{} <Enter> ", typed(s)))
            .collect();
        // The issuer starts as the meeting's: typed over only when another gave it.
        let issuer = if issuer.is_empty() {
            String::new()
        } else {
            format!("<Tab> <C-u> {}", typed(issuer))
        };
        run_keys(
            &mut app,
            &mut r,
            &format!(
                "a {} <Tab> {} <Enter> <Tab> {support}<Tab> {deadline} {issuer} <C-s>",
                typed(text),
                typed(lead)
            ),
        );
        saved(&app);
    }
    // The meeting's list, in file order: 7 directives and 8 for the districts.
    assert_eq!(ids(&app).len(), 15);

    // Reshape and extend two: the first gets a second line and a coordinating unit...
    let first = format!("{PREFIX}-01");
    go_to(&mut app, &mut r, &first);
    run_keys(
        &mut app,
        &mut r,
        &format!("E <End> <C-j> {} <Enter>", typed("theo từng xã, phường")),
    );
    saved(&app);
    run_keys(&mut app, &mut r, "P kho <Space> bac <Enter> <C-s>");
    saved(&app);
    // ...the third another lead unit, and a later deadline at its request.
    let third = format!("{PREFIX}-03");
    go_to(&mut app, &mut r, &third);
    run_keys(&mut app, &mut r, "O xay <Space> dung <Enter>");
    saved(&app);
    run_keys(
        &mut app,
        &mut r,
        &format!(
            "d 15/11/2023 <Tab> {} <Tab> {} <Enter>",
            typed("Sở đề nghị gia hạn"),
            typed("Công văn 88/SXD")
        ),
    );
    saved(&app);

    // Three done at once, in two files: two of the new ones, then (Esc: back to all units,
    // the marks kept) one of August's.
    for id in [format!("{PREFIX}-04"), format!("{PREFIX}-06")] {
        go_to(&mut app, &mut r, &id);
        run_keys(&mut app, &mut r, "<Space>");
    }
    run_keys(&mut app, &mut r, "<Esc>");
    assert_eq!(app.marked.len(), 2, "Esc leaves the meeting, not the marks");
    go_to(&mut app, &mut r, "gb-2023-08-27");
    run_keys(&mut app, &mut r, "<Space>");
    run_keys(&mut app, &mut r, "4 <Tab> <C-u> 14/10/2023 <Enter>");
    saved(&app);
    assert!(app.marked.is_empty());

    // u takes the three back at once; Ctrl-R does them again.
    run_keys(&mut app, &mut r, "u");
    saved(&app);
    assert_eq!(app.message.as_ref().unwrap().text, "Đã hoàn tác 3 nhiệm vụ");
    let status = |app: &App, id: &str| app.ws().directive(id).unwrap().status;
    assert_eq!(status(&app, &format!("{PREFIX}-04")), Status::Open);
    assert_eq!(status(&app, &format!("{PREFIX}-06")), Status::Open);
    assert_eq!(status(&app, "gb-2023-08-27"), Status::InProgress);
    run_keys(&mut app, &mut r, "<C-r>");
    saved(&app);
    assert_eq!(app.message.as_ref().unwrap().text, "Đã lưu 3 nhiệm vụ");

    // The new meeting's file, as typed.
    let id = |n: &str| format!("{PREFIX}-{n}");
    let new = |n: &str, text, owner, deadline| New {
        id: id(n),
        text,
        owner,
        support: None,
        issuer: None,
        deadline,
    };
    let q = |s: &str| format!("\"{s}\"");
    let two_lines = "\"\"\"\nRà soát nguồn thu ngân sách\ntheo từng xã, phường\"\"\"";
    let mut expected = String::from(
        "[source]\ntitle = \"Giao ban tháng 10/2023\"\ndate = 2023-10-12\nref = \"45-TB/TU\"\nissued_by = \"Thường trực Tỉnh ủy\"\n",
    );
    let t1 = q("Rà soát nguồn thu ngân sách");
    expected += &new("01", &t1, "cuc-thue", Some("2023-11-30")).block(
        "support = [\"kbnn\"]\n",
        &(entry(&format!("text = {two_lines}\n")) + &entry("support = [\"kbnn\"]\n")),
    );
    // The text of two lines replaced the first in place (its `created` entry keeps the first).
    expected = expected.replacen(&format!("text = {t1}"), &format!("text = {two_lines}"), 1);
    let t2 = q("Báo cáo tiến độ giải ngân vốn đầu tư công");
    for d in DISTRICTS {
        expected += &new(&format!("02-{d}"), &t2, d, Some("2023-10-25")).block("", "");
    }
    let t3 = q("Hoàn thành giải phóng mặt bằng tuyến đường Thác Riềng");
    expected += &New {
        owner: "so-xd",
        deadline: Some("2023-11-15"),
        ..new("03", &t3, "so-gtvt", None)
    }
    .block(
        "first_deadline = 2023-10-31\n",
        &(entry("owner = \"so-xd\"\n")
            + &entry(
                "deadline = 2023-11-15\nreason = \"Sở đề nghị gia hạn\"\nref = \"Công văn 88/SXD\"\n",
            )),
    )
    // The block above was built with the new values; its `created` entry says the first ones.
    .replacen(
        "created = true\ntext = \"Hoàn thành giải phóng mặt bằng tuyến đường Thác Riềng\"\nowner = \"so-xd\"\ndeadline = 2023-11-15\n",
        "created = true\ntext = \"Hoàn thành giải phóng mặt bằng tuyến đường Thác Riềng\"\nowner = \"so-gtvt\"\ndeadline = 2023-10-31\n",
        1,
    );
    let t4 = q("Kiểm tra chất lượng công trình trường học");
    let done = |b: String| {
        b.replacen(
            "status = \"open\"\n\n",
            "status = \"done\"\ndone_on = 2023-10-14\n\n",
            1,
        )
    };
    expected +=
        &done(new("04", &t4, "so-gddt", Some("2023-10-20")).block("", &done_undone_redone("open")));
    let t5 = q("Chuẩn bị tổng kết năm");
    expected += &new("05", &t5, "vp-tu", None).block("", "");
    let t6 = q("Đôn đốc thu hồi nợ đọng bảo hiểm xã hội");
    expected +=
        &done(new("06", &t6, "bhxh", Some("2023-11-15")).block("", &done_undone_redone("open")));
    let t7 = q("Tăng cường phòng cháy rừng mùa khô");
    expected += &New {
        support: Some("[\"cong-an\"]"),
        ..new("07", &t7, "so-nnptnt", Some("2023-11-30"))
    }
    .block("", "");
    let t8 = q("Tổng hợp kết quả các chương trình mục tiêu quốc gia");
    expected += &New {
        support: Some("[\"so-tc\"]"),
        issuer: Some("Phó Bí thư Thường trực Tỉnh ủy"),
        ..new("08", &t8, "so-khdt", Some("2023-11-05"))
    }
    .block("", "");
    assert_same_text(&ws.read(NEW_FILE), &expected);

    // August's file: only the one marked directive's lines changed.
    let expected = expect_block_edit(&sample, "gb-2023-08-27", |b| {
        let b = edit_head(b, "status = \"in_progress\"", "status = \"done\"");
        let b = edit_head(&b, "thấp\"\n", "thấp\"\ndone_on = 2023-10-14\n");
        let tail = done_undone_redone("in_progress");
        let mut b = b;
        for e in tail.split("\n[[directive.log]]\n").skip(1) {
            b = append_log(&b, &format!("[[directive.log]]\n{e}"));
        }
        b
    });
    assert_same_text(&ws.read(FILE), &expected);
    assert_validate_clean(&ws);
    let reloaded = dondoc::store::load(ws.root()).unwrap();
    assert!(reloaded.problems.is_empty(), "{:?}", reloaded.problems);
    // Nothing else in the workspace changed, byte for byte.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    assert_eq!(
        fs::read(ws.path("dondoc.toml")).unwrap(),
        fs::read(data.join("dondoc.toml")).unwrap()
    );
    let files: Vec<&str> = reloaded.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(files.len(), 2, "August's file and the new one: {files:?}");
}

#[test]
fn the_help_the_footer_and_the_readme_name_the_authoring_keys() {
    use dondoc::tui::keymap::{footer, help, Mode};
    let keys: Vec<String> = help(Lang::En)
        .into_iter()
        .flat_map(|(_, entries)| entries.into_iter().map(|(k, _)| k))
        .collect();
    for key in [
        "a",
        "N",
        "E",
        "O",
        "P",
        "D",
        "m",
        "Space",
        "*",
        "u",
        "Ctrl-R",
        "R",
        "Alt-Enter/Ctrl-J",
        "Ctrl-S",
    ] {
        assert!(
            keys.iter().any(|k| k == key),
            "{key} is not in ? ({keys:?})"
        );
    }
    let hints: Vec<&str> = footer(Mode::Normal, Lang::En)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    for key in ["a", "m", "Space", "s/1-5", "d", "u"] {
        assert!(
            hints.contains(&key),
            "{key} is not in the footer ({hints:?})"
        );
    }
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("## The terminal UI").unwrap();
    let ui = &readme[start..start + readme[start + 3..].find("\n## ").unwrap()];
    for key in [
        "`a`",
        "`N`",
        "`E`",
        "`O`",
        "`P`",
        "`D`",
        "`m`",
        "`Space`",
        "`*`",
        "`Ctrl-R`",
        "`R`",
        "`Alt-Enter`",
        "`Ctrl-J`",
        "`Ctrl-S`",
    ] {
        assert!(ui.contains(key), "{key} is not in the README's UI section");
    }
}
