//! The command line run as a user would: the built binary against temp copies of `data/`.
//! Every run gets its own HOME and XDG_CONFIG_HOME so a real user config never interferes,
//! and `--today 2023-10-15` so timeliness is fixed.

use crate::common::copy_dir;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SAMPLE: &str = "2023/giao-ban-2023-08-25.toml";
const TODAY: &str = "2023-10-15";

/// A temp folder holding a copy of the sample workspace (`ws/`) and an empty home (`home/`).
/// The edit tests (`cli_edits`) use it too.
pub(crate) struct Fixture {
    tmp: TempDir,
}

impl Fixture {
    pub(crate) fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            &tmp.path().join("ws"),
        );
        fs::create_dir_all(tmp.path().join("home/.config")).unwrap();
        Fixture { tmp }
    }

    pub(crate) fn ws(&self) -> PathBuf {
        self.tmp.path().join("ws")
    }

    pub(crate) fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.ws().join(rel)
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.path(rel)).unwrap()
    }

    pub(crate) fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// `dondoc` with a clean environment (no config, no DONDOC_*, English), no `--data`.
    fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dondoc"));
        cmd.env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env_remove("DONDOC_DATA")
            .env_remove("DONDOC_USER")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .current_dir(self.tmp.path());
        cmd
    }

    /// `dondoc --data <copy> --today 2023-10-15 <args>`.
    pub(crate) fn run(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--data")
            .arg(self.ws())
            .args(["--today", TODAY])
            .args(args);
        cmd
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self
            .run(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn json(&self, args: &[&str]) -> Vec<Value> {
        let mut all = vec!["list", "--format", "json"];
        all.extend_from_slice(args);
        let text = self.stdout(&all);
        match serde_json::from_str(&text).expect("list --format json prints JSON") {
            Value::Array(items) => items,
            other => panic!("expected an array, got {other}"),
        }
    }

    pub(crate) fn ids(&self, args: &[&str]) -> Vec<String> {
        self.json(args)
            .iter()
            .map(|d| d["id"].as_str().unwrap().to_string())
            .collect()
    }
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

// ---------------------------------------------------------------------------------------------
// list

#[test]
fn list_json_has_every_field_with_nulls_and_dates() {
    let f = Fixture::new();
    let items = f.json(&[]);
    assert_eq!(items.len(), 36);
    let keys = [
        "id",
        "text",
        "owner",
        "support",
        "issued_by",
        "deadline",
        "status",
        "done_on",
        "note",
        "timeliness",
        "file",
        "line",
        "source",
    ];
    for item in &items {
        let obj = item.as_object().unwrap();
        let mut found: Vec<&str> = obj.keys().map(String::as_str).collect();
        found.sort();
        let mut expected = keys.to_vec();
        expected.sort();
        assert_eq!(found, expected, "{item}");
        let source = item["source"].as_object().unwrap();
        assert_eq!(source.len(), 3);
        assert_eq!(
            source["title"],
            "Hội nghị giao ban Thường trực Tỉnh ủy với các huyện, thành ủy tháng 8/2023"
        );
        assert_eq!(source["date"], "2023-08-25");
        assert_eq!(source["ref"], "Thông báo số 1234-TB/TU (minh họa)");
    }
    let by_id: BTreeMap<&str, &Value> = items
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d))
        .collect();
    // Done, with every field.
    let d1 = by_id["gb-2023-08-01"];
    assert_eq!(d1["owner"], "so-nnptnt");
    assert_eq!(d1["support"], serde_json::json!([]));
    // Set by the conference: the [source]'s issued_by.
    assert_eq!(d1["issued_by"], "Thường trực Tỉnh ủy");
    assert_eq!(d1["deadline"], "2023-09-30");
    assert_eq!(d1["status"], "done");
    assert_eq!(d1["done_on"], "2023-09-28");
    assert_eq!(d1["timeliness"], "on_time");
    assert_eq!(d1["file"], SAMPLE);
    assert_eq!(d1["line"], 17);
    // Ongoing: no deadline, not done: nulls, not missing keys.
    let d2 = by_id["gb-2023-08-02"];
    assert_eq!(d2["deadline"], Value::Null);
    assert_eq!(d2["done_on"], Value::Null);
    assert_eq!(d2["timeliness"], "ongoing");
    assert_eq!(d2["support"], serde_json::json!(["cong-an", "bchqs"]));

    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for item in &items {
        *counts
            .entry(item["timeliness"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    let expected: BTreeMap<String, usize> = [
        ("overdue", 7),
        ("due_soon", 4),
        ("on_track", 9),
        ("on_time", 8),
        ("late", 4),
        ("ongoing", 3),
        ("none", 1),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    assert_eq!(counts, expected);
}

#[test]
fn list_is_sorted_by_deadline_with_ongoing_last() {
    let f = Fixture::new();
    let items = f.json(&[]);
    let keys: Vec<(bool, String, String)> = items
        .iter()
        .map(|d| {
            (
                d["deadline"].is_null(),
                d["deadline"].as_str().unwrap_or("").to_string(),
                d["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert_eq!(keys.first().unwrap().2, "gb-2023-08-15"); // 2023-09-05, the earliest
    assert!(keys.last().unwrap().0, "no deadline comes last");
}

#[test]
fn list_table_shows_the_same_order_aligned_by_display_width() {
    let f = Fixture::new();
    let table = f.stdout(&["list"]);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 37, "{table}");
    let header: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(
        header,
        ["id", "deadline", "status", "timeliness", "owner", "text"]
    );
    let table_ids: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(table_ids, f.ids(&[]));
    // The text column starts at the same display column on every line, whatever the
    // Vietnamese owner names before it; stdout is not a terminal, so nothing is cut.
    use unicode_width::UnicodeWidthStr;
    let text_col = lines[0].find("text").unwrap();
    let items = f.json(&[]);
    for (line, item) in lines[1..].iter().zip(&items) {
        let text = item["text"].as_str().unwrap();
        let at = line.find(text).expect("full text in the row");
        assert_eq!(line[..at].width(), text_col, "{line}");
    }
    // An ongoing directive has an empty deadline cell, not a shifted row.
    let ongoing = lines
        .iter()
        .find(|l| l.starts_with("gb-2023-08-02"))
        .unwrap();
    let expected = format!("gb-2023-08-02{}in_progress  ongoing", " ".repeat(14));
    assert!(ongoing.starts_with(&expected), "{ongoing}");
}

#[test]
fn list_csv_parses_with_the_same_fields_flattened() {
    let f = Fixture::new();
    let rows = parse_csv(&f.stdout(&["list", "--format", "csv"]));
    assert_eq!(
        rows[0],
        [
            "id",
            "text",
            "owner",
            "support",
            "issued_by",
            "deadline",
            "status",
            "done_on",
            "note",
            "timeliness",
            "file",
            "line",
            "source_title",
            "source_date",
            "source_ref"
        ]
    );
    assert_eq!(rows.len(), 37);
    assert!(rows.iter().all(|r| r.len() == 15));
    let ids: Vec<&str> = rows[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, f.ids(&[]));
    let row = rows.iter().find(|r| r[0] == "gb-2023-08-36").unwrap();
    // A text with commas survives quoting.
    assert_eq!(
        row[1],
        "Kiên quyết không cấp chủ trương đầu tư mới cho các doanh nghiệp nợ đọng nghĩa vụ thuế, BHXH"
    );
    assert_eq!(row[3], "cuc-thue;bhxh;bql-kcn");
    assert_eq!(row[5], "2023-09-20");
    assert_eq!(row[7], "2023-09-19");
    assert!(row[12].contains(", thành ủy"), "{row:?}");
    let ongoing = rows.iter().find(|r| r[0] == "gb-2023-08-02").unwrap();
    assert_eq!(ongoing[5], "", "absent deadline is empty");
}

/// RFC 4180: quoted fields may hold commas, doubled quotes and line breaks; rows end in CRLF.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CRLF line ends");
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(row.is_empty() && field.is_empty(), "ends with a full row");
    rows
}

#[test]
fn search_ignores_case_and_vietnamese_diacritics() {
    let f = Fixture::new();
    // Every word must occur, anywhere in the id, text, note, lead unit or issuer.
    let found = f.json(&["--search", "giai ngan"]);
    for item in &found {
        let haystack = format!("{} {}", item["text"], item["note"]).to_lowercase();
        assert!(
            haystack.contains("giải") && haystack.contains("ngân"),
            "{item}"
        );
    }
    let found_ids: Vec<&str> = found.iter().map(|d| d["id"].as_str().unwrap()).collect();
    let with_phrase: Vec<String> = f
        .json(&[])
        .iter()
        .filter(|d| {
            d["text"]
                .as_str()
                .unwrap()
                .to_lowercase()
                .contains("giải ngân")
        })
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert!(with_phrase.len() >= 8, "{with_phrase:?}");
    for id in &with_phrase {
        assert!(found_ids.contains(&id.as_str()), "{id} not found");
    }
    assert!(f.json(&[]).len() > found.len());

    let land = f.ids(&["--search", "dat dai"]);
    assert_eq!(land.len(), 2, "{land:?}");
    for item in f.json(&["--search", "DAT DAI"]) {
        assert!(item["text"].as_str().unwrap().contains("đất đai"));
    }
    assert!(f.ids(&["--search", "khong co gi nhu the"]).is_empty());
}

#[test]
fn each_filter_selects_what_it_says() {
    let f = Fixture::new();
    let all = f.json(&[]);
    let count = |pred: &dyn Fn(&Value) -> bool| all.iter().filter(|d| pred(d)).count();

    let by_owner = f.json(&["--owner", "cho-don"]);
    assert!(!by_owner.is_empty());
    assert!(by_owner.iter().all(|d| d["owner"] == "cho-don"));
    assert_eq!(by_owner.len(), count(&|d| d["owner"] == "cho-don"));

    let blocked = f.json(&["--status", "blocked"]);
    assert!(!blocked.is_empty());
    assert!(blocked.iter().all(|d| d["status"] == "blocked"));
    assert_eq!(blocked.len(), count(&|d| d["status"] == "blocked"));
    assert_eq!(
        f.ids(&["--status", "in-progress"]),
        f.ids(&["--status", "in_progress"])
    );

    assert_eq!(f.json(&["--timeliness", "overdue"]).len(), 7);
    assert_eq!(f.json(&["--timeliness", "due-soon"]).len(), 4);

    // The group of the lead unit, matched without diacritics too.
    let districts = f.ids(&["--group", "Huyện, thành ủy"]);
    assert_eq!(districts, f.ids(&["--group", "huyen, thanh uy"]));
    assert!(districts.contains(&"gb-2023-08-29".to_string())); // cho-don
    assert!(!districts.contains(&"gb-2023-08-01".to_string())); // a department

    assert_eq!(f.json(&["--source", "giao-ban-2023-08-25.toml"]).len(), 36);
    assert_eq!(f.json(&["--source", SAMPLE]).len(), 36);

    // Filters combine.
    let combined = f.json(&["--owner", "cho-don", "--timeliness", "overdue"]);
    assert_eq!(
        combined.len(),
        count(&|d| d["owner"] == "cho-don" && d["timeliness"] == "overdue")
    );
}

#[test]
fn bad_filter_values_are_usage_errors() {
    let f = Fixture::new();
    f.run(&["list", "--status", "finished"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "dondoc: invalid status \"finished\": use one of open, in_progress, blocked, done, cancelled",
        ));
    f.run(&["list", "--timeliness", "soon"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("overdue, due_soon, on_track"));
    f.run(&["list", "--owner", "khong-co"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown owner \"khong-co\""));
    f.run(&["list", "--owner", "Chợ Đồn"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the id of Huyện ủy Chợ Đồn is cho-don",
        ));
    f.run(&["list", "--group", "Không có"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "unknown group \"Không có\": the groups are",
        ));
    f.run(&["list", "--source", "nope.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--source \"nope.toml\""));
    f.run(&["list", "--format", "xml"]).assert().code(2);
}

#[test]
fn list_warns_about_problems_but_still_lists() {
    let f = Fixture::new();
    f.write("2023/broken.toml", "[source\n");
    f.write("2023/empty.toml", "");
    let assert = f.run(&["list", "--format", "json"]).assert().success();
    assert_eq!(
        stderr_of(&assert),
        "dondoc: warning: 2 problems: run dondoc validate\n"
    );
    let items: Vec<Value> = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(items.len(), 36);
}

#[test]
fn list_into_a_closed_pipe_ends_quietly() {
    let f = Fixture::new();
    // Enough output to fill a pipe: fifty copies of the sample under other ids.
    let sample = f.read(SAMPLE);
    for i in 0..50 {
        f.write(
            &format!("copies/c{i}.toml"),
            sample.replace("id = \"gb-2023-08-", &format!("id = \"c{i}-")),
        );
    }
    for format in ["table", "json", "csv"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_dondoc"))
            .arg("--data")
            .arg(f.ws())
            .args(["--today", TODAY, "list", "--format", format])
            .env("HOME", f.home())
            .env("XDG_CONFIG_HOME", f.home().join(".config"))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout); // like `| head -c 16`
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{format}: {stderr}");
    }
}

#[test]
fn vietnamese_headers_with_lang_vi() {
    let f = Fixture::new();
    let table = f.stdout(&["--lang", "vi", "list", "--status", "blocked"]);
    let header: Vec<&str> = table
        .lines()
        .next()
        .unwrap()
        .split("  ")
        .filter(|s| !s.is_empty())
        .map(str::trim)
        .collect();
    assert_eq!(
        header,
        [
            "mã",
            "thời hạn",
            "trạng thái",
            "tình trạng thời hạn",
            "đơn vị chủ trì",
            "nội dung"
        ]
    );
    assert!(table.contains("có vướng mắc"));
    // Dates as an office writes them.
    assert!(table.contains("30/09/2023"), "{table}");
}

// ---------------------------------------------------------------------------------------------
// show

#[test]
fn show_prints_everything_with_the_log() {
    let f = Fixture::new();
    let out = f.stdout(&["show", "gb-2023-08-03"]);
    for expected in [
        "gb-2023-08-03  [in_progress · on_track]",
        "Thực hiện tốt công tác dự báo, chủ động ứng phó",
        "Hội nghị giao ban Thường trực Tỉnh ủy",
        "2023-08-25, Thông báo số 1234-TB/TU (minh họa)",
        "File:      2023/giao-ban-2023-08-25.toml:52",
        "Issued by: Thường trực Tỉnh ủy",
        "Lead unit: Sở Nông nghiệp và Phát triển nông thôn (so-nnptnt)",
        "Bộ Chỉ huy Quân sự tỉnh Bắc Kạn (bchqs)",
        "(so-gtvt)",
        "Deadline:  2023-10-31 (in 16 days)",
        "Status:    in_progress",
        "Done on:   —",
        "Log (2):",
        "  2023-09-06 14:00:00 +07:00  Lê Văn Minh",
        "    - status → in_progress",
        "    - note: Khắc phục xong các điểm sạt lở trên tuyến giao thông chính",
        "  2023-10-04 09:20:00 +07:00  Lê Văn Minh",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    // Wrapped: no line wider than 80 columns when not on a terminal.
    use unicode_width::UnicodeWidthStr;
    assert!(out.lines().all(|l| l.width() <= 80), "{out}");

    let late = f.stdout(&["show", "gb-2023-08-10"]);
    assert!(
        late.contains("Deadline:  2023-09-30 (done 5 days late)"),
        "{late}"
    );
    let overdue = f.stdout(&["show", "gb-2023-08-09"]);
    assert!(overdue.contains("(15 days overdue)"), "{overdue}");
}

#[test]
fn show_unknown_id_suggests_close_ones() {
    let f = Fixture::new();
    f.run(&["show", "gb-2023-08-5"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "dondoc: no directive with id \"gb-2023-08-5\" (did you mean gb-2023-08-05",
        ));
    f.run(&["show", "zzz"])
        .assert()
        .code(1)
        .stderr("dondoc: no directive with id \"zzz\"\n");
}

#[test]
fn show_and_errors_in_vietnamese() {
    let f = Fixture::new();
    let out = f.stdout(&["--lang", "vi", "show", "gb-2023-08-03"]);
    for expected in [
        "gb-2023-08-03  [đang thực hiện · trong hạn]",
        "Văn bản giao:    Hội nghị giao ban",
        "(25/08/2023, Thông báo số 1234-TB/TU",
        "Đơn vị chủ trì:  Sở Nông nghiệp",
        "Đơn vị phối hợp: Bộ Chỉ huy Quân sự",
        "Thời hạn:        31/10/2023 (còn 16 ngày)",
        "Trạng thái:      đang thực hiện",
        "Ngày hoàn thành: —",
        "Nhật ký (2):",
        "  06/09/2023 14:00:00  Lê Văn Minh",
        "    - trạng thái → đang thực hiện",
        "    - ghi chú: Khắc phục xong",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    let late = f.stdout(&["--lang", "vi", "show", "gb-2023-08-10"]);
    assert!(
        late.contains("[đã hoàn thành · hoàn thành quá hạn]"),
        "{late}"
    );
    assert!(
        late.contains("30/09/2023 (hoàn thành quá hạn 5 ngày)"),
        "{late}"
    );
    let overdue = f.stdout(&["--lang", "vi", "show", "gb-2023-08-09"]);
    assert!(overdue.contains("(quá hạn 15 ngày)"), "{overdue}");

    f.run(&["--lang", "vi", "show", "zzz"])
        .assert()
        .code(1)
        .stderr("dondoc: không có nhiệm vụ nào mã \"zzz\"\n");
    f.run(&["--lang", "vi", "list", "--status", "finished"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "dondoc: trạng thái \"finished\" không hợp lệ",
        ));
    f.run(&[
        "--lang",
        "vi",
        "set",
        "gb-2023-08-03",
        "--status",
        "in_progress",
    ])
    .assert()
    .code(1)
    .stderr("dondoc: không có gì thay đổi: \"gb-2023-08-03\" đã có trạng thái đang thực hiện\n");
    f.run(&[
        "--lang",
        "vi",
        "set",
        "gb-2023-08-03",
        "--deadline",
        "2023-11-30",
    ])
    .assert()
    .success()
    .stdout("gb-2023-08-03: gia hạn 31/10/2023 → 30/11/2023 (2023/giao-ban-2023-08-25.toml)\n");
    f.bare()
        .args(["--lang", "vi", "--data", "does-not-exist", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "dondoc: does-not-exist không có dondoc.toml",
        ));
    f.run(&["--lang", "vi", "report", "--month", "2023-13"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "dondoc: \"2023-13\" không phải là tháng",
        ));
    f.run(&["--lang", "vi", "report", "--owner", "khong-co"])
        .assert()
        .code(2)
        .stderr("dondoc: không có đơn vị \"khong-co\": không phải mã đơn vị trong dondoc.toml\n");
    f.run(&["--lang", "vi", "edit", "gb-2023-08-03"])
        .assert()
        .code(2)
        .stderr("dondoc: không có gì để sửa: hãy cho --text, --owner hoặc --support\n");
    f.run(&[
        "--lang", "vi", "add", "--source", "zzz", "--text", "x", "--owner", "ba-be",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::starts_with(
        "dondoc: --source: không có tệp cuộc họp \"zzz\"",
    ));
    f.write("bad/empty.toml", "");
    f.write(
        "bad/owner.toml",
        "[source]\ntitle = \"Owner\"\ndate = 2023-08-25\n[[directive]]\nid = \"o-1\"\ntext = \"x\"\nowner = \"khong-co\"\nstatus = \"finished\"\n",
    );
    let assert = f.run(&["--lang", "vi", "validate"]).assert().code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "bad/empty.toml:1:1: tệp rỗng: một tệp nhiệm vụ cần có [source] và [[directive]]\n\
         bad/owner.toml:7:9: đơn vị chủ trì \"khong-co\" không có trong dondoc.toml\n\
         bad/owner.toml:8:10: trạng thái \"finished\" không hợp lệ: dùng open, in_progress, blocked, done hoặc cancelled\n"
    );
    assert_eq!(stderr_of(&assert), "dondoc: 3 lỗi trong 2 tệp\n");
}

#[test]
fn csv_outputs_neutralise_formulas_and_keep_numbers() {
    let f = Fixture::new();
    f.write(
        "2023/formulas.toml",
        "[source]\ntitle = \"Formulas\"\n\n[[directive]]\nid = \"f-1\"\n\
         text = \"=HYPERLINK(\\\"http://x\\\")\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n\
         note = \"-5\"\n\n[[directive]]\nid = \"f-2\"\ntext = \"@SUM(A1)\\u001b[2J\"\n\
         owner = \"cuc-thue\"\nstatus = \"open\"\nnote = \"+cmd\"\n",
    );
    let config = f
        .read("dondoc.toml")
        .replace("name = \"Cục Thuế tỉnh Bắc Kạn\"", "name = \"=1+1\"");
    f.write("dondoc.toml", config);
    let list = f.stdout(&["list", "--format", "csv", "--source", "2023/formulas.toml"]);
    let rows: Vec<&str> = list.split("\r\n").collect();
    assert!(
        rows[1].starts_with("f-1,\"'=HYPERLINK(\"\"http://x\"\")\",cuc-thue,"),
        "{list}"
    );
    assert!(rows[1].contains(",-5,"), "a number stays a number: {list}");
    assert!(rows[2].starts_with("f-2,'@SUM(A1)␛[2J,cuc-thue,"), "{list}");
    assert!(rows[2].contains(",'+cmd,"), "{list}");
    let report = f.stdout(&["report", "--format", "csv"]);
    assert!(report.contains(",cuc-thue,'=1+1,"), "{report}");
    assert!(!report.contains(",=1+1"), "{report}");
}

#[test]
fn show_never_prints_control_characters_from_the_files() {
    let f = Fixture::new();
    f.write(
        "2023/escapes.toml",
        "[source]\ntitle = \"Escapes\"\n\n[[directive]]\nid = \"esc-1\"\n\
         text = \"Red \\u001b[31mtext\\u0007\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n\
         note = \"a\\rb \\u001b]0;title\\u0007 c\"\n\n[[directive.log]]\n\
         at = 2023-09-01T08:00:00+07:00\nby = \"X\\u001b[2J\"\n",
    );
    let out = f.stdout(&["show", "esc-1"]);
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    // Shown as symbols, as the UI shows them.
    assert!(out.contains("Red ␛[31mtext␇"), "{out}");
    assert!(out.contains("a␍b ␛]0;title␇ c"), "{out}");
    assert!(out.contains("  X␛[2J"), "{out}");
}

// ---------------------------------------------------------------------------------------------
// set

/// What an edit of `id` must make of `before`: each `(old, new)` replaced inside that
/// directive's section, and a log entry with `entry_lines` (after its `at`) appended at the end
/// of the section. `at_line` is the new entry's time, taken from the file written.
fn expected_after(
    before: &str,
    id: &str,
    replacements: &[(&str, &str)],
    at_line: &str,
    entry_lines: &[&str],
) -> String {
    let start = before.find(&format!("id = \"{id}\"\n")).unwrap();
    let end = start
        + before[start..]
            .find("\n\n[[directive]]\n")
            .map_or(before.len() - start - 1, |i| i)
        + 1;
    let mut section = before[start..end].to_string();
    for (old, new) in replacements {
        assert!(section.contains(old), "{old:?} not in {id}");
        section = section.replacen(old, new, 1);
    }
    section.push_str("\n[[directive.log]]\n");
    section.push_str(at_line);
    section.push('\n');
    for line in entry_lines {
        section.push_str(line);
        section.push('\n');
    }
    format!("{}{section}{}", &before[..start], &before[end..])
}

/// The `at = ...` line the edit wrote: the one not in the file before. Checks it is a time
/// with an offset.
fn new_at_line(before: &str, after: &str) -> String {
    let line = after
        .lines()
        .find(|l| l.starts_with("at = ") && !before.contains(*l))
        .expect("a new log entry")
        .to_string();
    chrono::DateTime::parse_from_rfc3339(line.trim_start_matches("at = "))
        .unwrap_or_else(|e| panic!("{line}: {e}"));
    line
}

#[test]
fn set_done_changes_only_the_expected_lines() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    f.run(&["set", "gb-2023-08-05", "--status", "done", "--by", "Tester"])
        .assert()
        .success()
        .stdout(
            "gb-2023-08-05: status open → done, done_on → 2023-10-15 (2023/giao-ban-2023-08-25.toml)\n",
        );
    let after = f.read(SAMPLE);
    let expected = expected_after(
        &before,
        "gb-2023-08-05",
        &[(
            "status = \"open\"\n",
            "status = \"done\"\ndone_on = 2023-10-15\n",
        )],
        &new_at_line(&before, &after),
        &[
            "by = \"Tester\"",
            "status = \"done\"",
            "done_on = 2023-10-15",
        ],
    );
    assert_eq!(after, expected);

    let item = f
        .json(&[])
        .into_iter()
        .find(|d| d["id"] == "gb-2023-08-05")
        .unwrap();
    assert_eq!(item["status"], "done");
    assert_eq!(item["done_on"], "2023-10-15");
    assert_eq!(item["timeliness"], "on_time");
    let shown = f.stdout(&["show", "gb-2023-08-05"]);
    assert!(
        shown.contains("Log (1):") && shown.contains("Tester"),
        "{shown}"
    );
    f.run(&["validate"]).assert().success();
}

#[test]
fn set_deadline_none_removes_the_line_and_logs_it() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    f.run(&[
        "set",
        "gb-2023-08-04",
        "--deadline",
        "none",
        "--by",
        "Tester",
    ])
    .assert()
    .success()
    .stdout("gb-2023-08-04: deadline 2023-10-20 → none (2023/giao-ban-2023-08-25.toml)\n");
    let after = f.read(SAMPLE);
    let expected = expected_after(
        &before,
        "gb-2023-08-04",
        &[
            ("deadline = 2023-10-20\n", ""),
            // The first change of a deadline keeps the old one (format 1.1).
            (
                "đạt 38% kế hoạch\"\n\n",
                "đạt 38% kế hoạch\"\nfirst_deadline = 2023-10-20\n\n",
            ),
        ],
        &new_at_line(&before, &after),
        &["by = \"Tester\"", "cleared = [\"deadline\"]"],
    );
    assert_eq!(after, expected);

    let item = f
        .json(&[])
        .into_iter()
        .find(|d| d["id"] == "gb-2023-08-04")
        .unwrap();
    assert_eq!(item["deadline"], Value::Null);
    assert_eq!(item["timeliness"], "ongoing");
}

#[test]
fn leaving_done_clears_done_on_and_author_comes_from_the_environment() {
    let f = Fixture::new();
    f.run(&["set", "gb-2023-08-01", "--status", "in_progress"])
        .env("DONDOC_USER", "Người Sửa")
        .assert()
        .success();
    let after = f.read(SAMPLE);
    let start = after.find("id = \"gb-2023-08-01\"").unwrap();
    let end = after.find("id = \"gb-2023-08-02\"").unwrap();
    let section = &after[start..end];
    assert!(!section.contains("\ndone_on = "), "{section}");
    assert!(section.contains("status = \"in_progress\""));
    assert!(
        section.contains("by = \"Người Sửa\"\nstatus = \"in_progress\"\ncleared = [\"done_on\"]"),
        "{section}"
    );
}

/// The deadline line of one directive in the sample file.
fn deadline_of(f: &Fixture, id: &str) -> Option<String> {
    let text = f.read(SAMPLE);
    let start = text.find(&format!("id = \"{id}\"")).unwrap();
    let section = &text[start..];
    let end = section[1..]
        .find("[[directive]]")
        .map_or(section.len(), |e| e + 1);
    section[..end]
        .lines()
        .find_map(|l| l.strip_prefix("deadline = "))
        .map(str::to_string)
}

#[test]
fn dates_are_read_as_the_ui_reads_them() {
    let f = Fixture::new();
    f.run(&["set", "gb-2023-08-05", "--deadline", "28/11/2023"])
        .assert()
        .success();
    assert_eq!(
        deadline_of(&f, "gb-2023-08-05").as_deref(),
        Some("2023-11-28")
    );
    // +N counts from the as-of date (--today 2023-10-15), not the clock.
    f.run(&["set", "gb-2023-08-05", "--deadline", "+10"])
        .assert()
        .success();
    assert_eq!(
        deadline_of(&f, "gb-2023-08-05").as_deref(),
        Some("2023-10-25")
    );
    f.bare()
        .args(["--data"])
        .arg(f.ws())
        .args([
            "--today",
            "15/10/2023",
            "set",
            "gb-2023-08-06",
            "--deadline",
            "+1",
        ])
        .assert()
        .success();
    assert_eq!(
        deadline_of(&f, "gb-2023-08-06").as_deref(),
        Some("2023-10-16")
    );
    let by_month = |month: &str| f.stdout(&["report", "--month", month, "--format", "json"]);
    let iso = by_month("2023-09");
    assert_eq!(by_month("9/2023"), iso);
    assert_eq!(by_month("09/2023"), iso);
    assert_ne!(
        iso,
        f.stdout(&["report", "--month", "10/2023", "--format", "json"])
    );
    assert_eq!(
        f.stdout(&["report", "--as-of", "15/10/2023", "--format", "json"]),
        f.stdout(&["report", "--as-of", "2023-10-15", "--format", "json"])
    );
    f.run(&[
        "report", "--from", "1/9/2023", "--to", "+0", "--format", "json",
    ])
    .assert()
    .success();
}

#[test]
fn an_impossible_date_is_refused_with_the_uis_sentence() {
    use dondoc::dates::DateError;
    use dondoc::i18n::{tui::deadline_error, Lang};
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    for (lang, flag) in [(Lang::En, "en"), (Lang::Vi, "vi")] {
        let sentence = deadline_error(lang, &DateError::NoSuchDay("31/02/2024".into()));
        assert!(sentence.contains("31/02/2024"), "{sentence}");
        f.run(&[
            "--lang",
            flag,
            "set",
            "gb-2023-08-05",
            "--deadline",
            "31/02/2024",
        ])
        .assert()
        .code(2)
        .stderr(format!("dondoc: --deadline: {sentence}\n"));
    }
    f.run(&["report", "--month", "13/2023"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"13/2023\" is not a month"));
    f.bare()
        .args(["--today", "30/02/2023", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--today: 30/02/2023"));
    assert_eq!(f.read(SAMPLE), before);
}

#[test]
fn set_refuses_what_it_cannot_do_and_writes_nothing() {
    let f = Fixture::new();
    let before = fs::read(f.path(SAMPLE)).unwrap();
    let unchanged = |f: &Fixture| assert_eq!(fs::read(f.path(SAMPLE)).unwrap(), before);

    f.run(&["set", "gb-2023-08-01", "--status", "done"])
        .assert()
        .code(1)
        .stderr("dondoc: nothing to change: \"gb-2023-08-01\" already has status done\n");
    unchanged(&f);
    f.run(&["set", "gb-2023-08-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing to set"));
    f.run(&["set", "gb-2023-08-99", "--status", "done"])
        .assert()
        .code(1)
        .stderr(predicate::str::starts_with(
            "dondoc: no directive with id \"gb-2023-08-99\"",
        ));
    f.run(&["set", "gb-2023-08-05", "--deadline", "2023-02-30"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--deadline: 2023-02-30 does not exist in the calendar",
        ));
    f.run(&[
        "set",
        "gb-2023-08-05",
        "--status",
        "done",
        "--done-on",
        "15.10.23",
    ])
    .assert()
    .code(2)
    .stderr(predicate::str::contains("\"15.10.23\" is not a date"));
    f.run(&["set", "gb-2023-08-05", "--status", "finished"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid status \"finished\""));
    f.run(&["set", "gb-2023-08-04", "--done-on", "2023-10-01"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--done-on needs --status done"));
    unchanged(&f);
}

#[test]
fn set_on_a_read_only_file_is_refused_and_nothing_is_lost() {
    use std::os::unix::fs::PermissionsExt;
    let f = Fixture::new();
    let before = fs::read(f.path(SAMPLE)).unwrap();
    fs::set_permissions(f.path(SAMPLE), fs::Permissions::from_mode(0o444)).unwrap();
    // Root can write anything: the store goes by the permission bits, so this holds in CI too.
    f.run(&["set", "gb-2023-08-05", "--status", "done", "--by", "Tester"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            "dondoc: \"gb-2023-08-05\" not changed: 2023/giao-ban-2023-08-25.toml: the file is read-only; nothing was written\n",
        );
    assert_eq!(fs::read(f.path(SAMPLE)).unwrap(), before);
    let mode = fs::metadata(f.path(SAMPLE)).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn set_in_a_file_that_does_not_parse_names_the_file() {
    let f = Fixture::new();
    let mut text = f.read(SAMPLE);
    text.push_str("\n[[directive]\n");
    f.write(SAMPLE, &text);
    f.run(&["set", "gb-2023-08-05", "--status", "done"])
        .assert()
        .code(1)
        .stderr(
            "dondoc: no directive with id \"gb-2023-08-05\"; \
             2023/giao-ban-2023-08-25.toml could not be read: run dondoc validate\n",
        );
    assert_eq!(f.read(SAMPLE), text);
}

// ---------------------------------------------------------------------------------------------
// validate

#[test]
fn validate_passes_on_the_sample() {
    let f = Fixture::new();
    f.run(&["validate"])
        .assert()
        .success()
        .stdout("ok: 36 directives in 1 file, 34 units\n")
        .stderr("");
}

#[test]
fn validate_reports_every_problem_with_its_position() {
    let f = Fixture::new();
    f.write(
        "bad/syntax.toml",
        "[source]\ntitle = \"Syntax\"\n\n[[directive]]\nid = \"s-1\nowner = \"ba-be\"\n",
    );
    f.write(
        "bad/owner.toml",
        "[source]\ntitle = \"Owner\"\ndate = 2023-08-25\n[[directive]]\nid = \"o-1\"\ntext = \"x\"\nowner = \"khong-co\"\nstatus = \"open\"\n",
    );
    f.write(
        "bad/dup.toml",
        "[source]\ntitle = \"Dup\"\ndate = 2023-08-25\n[[directive]]\nid = \"gb-2023-08-01\"\ntext = \"x\"\nowner = \"ba-be\"\nstatus = \"open\"\n",
    );
    f.write(
        "bad/status.toml",
        "[source]\ntitle = \"Status\"\ndate = 2023-08-25\n[[directive]]\nid = \"st-1\"\ntext = \"x\"\nowner = \"ba-be\"\nstatus = \"finished\"\n\n[[directive]]\nid = \"st-2\"\ntext = \"y\"\nowner = \"ba-be\"\nstatus = \"done\"\n",
    );
    f.write(
        "bad/date.toml",
        "[source]\ntitle = \"Date\"\n\n[[directive]]\nid = \"d-1\"\ntext = \"x\"\nowner = \"ba-be\"\ndeadline = 2023-02-30\nstatus = \"open\"\n",
    );
    f.write(
        "bad/conflict.toml",
        "[source]\ntitle = \"Conflict\"\n<<<<<<< HEAD\n[[directive]]\n=======\n>>>>>>> other\n",
    );
    f.write("bad/latin1.toml", b"[source]\ntitle = \"B\xe1o c\xe1o\"\n");
    f.write("bad/empty.toml", "");
    let assert = f.run(&["validate"]).assert().code(1);
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(
        stdout,
        "bad/conflict.toml:3:1: git conflict marker: resolve the merge conflict in this file\n\
         bad/date.toml:8:12: TOML syntax: invalid date, expected day between 01 and 28\n\
         bad/dup.toml:5:6: duplicate id \"gb-2023-08-01\": already used at 2023/giao-ban-2023-08-25.toml:18:6\n\
         bad/empty.toml:1:1: empty file: a directive file needs [source] and [[directive]]\n\
         bad/latin1.toml:2:11: invalid UTF-8: save the file as UTF-8\n\
         bad/owner.toml:7:9: unknown owner \"khong-co\": not in dondoc.toml\n\
         bad/status.toml:8:10: unknown status \"finished\": expected open, in_progress, blocked, done or cancelled\n\
         bad/status.toml:14:10: directive \"st-2\" is done but has no done_on date\n\
         bad/syntax.toml:5:10: TOML syntax: invalid basic string, expected `\"`\n"
    );
    assert_eq!(stderr_of(&assert), "dondoc: 9 problems in 8 files\n");
}

#[test]
fn validate_warns_about_toml_1_1_syntax_and_multi_line_notes_without_failing() {
    let f = Fixture::new();
    let file = "[source]\ntitle = \"Mới\"\ndate = 2023-08-25\n\n[[directive]]\nid = \"w-1\"\n\
        text = \"Màu \\e[31m và \\x41\"\nowner = \"ba-be\"\nstatus = \"open\"\n\
        note = \"\"\"\nDòng một\nDòng hai\"\"\"\n\
        log = [{ at = 2023-09-01T08:30+07:00, by = \"A\", note = \"x\", },\n\
        { at = 2023-09-02T08:30:00+07:00,\n by = \"B\" }]\n";
    f.write("moi/w.toml", file);
    let expected_en = "moi/w.toml:7:13: warning: the escape \\e is TOML 1.1 syntax, which TOML 1.0 tools (Python's tomllib, editor plugins) reject: write \\u001b\n\
        moi/w.toml:7:23: warning: an escape \\xHH is TOML 1.1 syntax, which TOML 1.0 tools (Python's tomllib, editor plugins) reject: write \\u00HH\n\
        moi/w.toml:10:8: warning: the note of \"w-1\" spans several lines; the format wants one line (the latest progress)\n\
        moi/w.toml:13:15: warning: a time without seconds is TOML 1.1 syntax, which TOML 1.0 tools (Python's tomllib, editor plugins) reject: add the seconds (07:30:00)\n\
        moi/w.toml:13:59: warning: a comma before the } of an inline table is TOML 1.1 syntax, which TOML 1.0 tools (Python's tomllib, editor plugins) reject: remove it\n\
        moi/w.toml:14:34: warning: an inline table { … } spanning lines is TOML 1.1 syntax, which TOML 1.0 tools (Python's tomllib, editor plugins) reject: keep it on one line, or make it a [table]\n\
        ok: 37 directives in 2 files, 34 units (6 warnings)\n";
    let assert = f.run(&["validate"]).assert().success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout, expected_en);
    assert_eq!(stderr_of(&assert), "");
    let assert = f.run(&["--lang", "vi", "validate"]).assert().success();
    let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("moi/w.toml:7:13: cảnh báo: ký tự thoát \\e là cú pháp TOML 1.1"),
        "{stdout}"
    );
    assert!(stdout.contains("moi/w.toml:10:8: cảnh báo: note của \"w-1\" có nhiều dòng"));
    assert!(stdout.ends_with("(6 cảnh báo)\n"), "{stdout}");
    // A warning never blocks a write to the file.
    f.run(&["set", "w-1", "--status", "in_progress", "--by", "Tester"])
        .assert()
        .success();
    // An error still fails, warnings or not.
    f.write("moi/x.toml", "[source]\ntitle = \"X\"\ndate = 2023-08-25\n[[directive]]\nid = \"x-1\"\ntext = \"x\"\nowner = \"khong-co\"\nstatus = \"open\"\n");
    let assert = f.run(&["validate"]).assert().code(1);
    assert_eq!(stderr_of(&assert), "dondoc: 1 problem in 1 file\n");
}

#[test]
fn validate_without_dondoc_toml_is_a_usage_error() {
    let f = Fixture::new();
    fs::remove_file(f.path("dondoc.toml")).unwrap();
    f.run(&["validate"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "has no dondoc.toml: not a dondoc workspace",
        ));
    f.bare()
        .args(["--data", "does-not-exist", "list"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "dondoc: does-not-exist has no dondoc.toml",
        ));
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_makes_a_workspace_that_validates() {
    let f = Fixture::new();
    let dir = f.tmp.path().join("new");
    f.bare()
        .env("TZ", "Asia/Ho_Chi_Minh")
        .args(["--today", TODAY, "init"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("Next:"))
        .stdout(predicate::str::contains("validate"));
    let config = fs::read_to_string(dir.join("dondoc.toml")).unwrap();
    assert!(config.contains("# [git]"), "{config}");
    // The machine's zone becomes the office's clock.
    assert!(
        config.contains("\ntimezone = \"Asia/Ho_Chi_Minh\"\n"),
        "{config}"
    );
    assert!(config.matches("[[owner]]").count() >= 2);
    let example = fs::read_to_string(dir.join("2023/example.toml")).unwrap();
    assert!(example.contains("# done_on"), "{example}");
    assert!(example.contains("date = 2023-10-15"));
    assert!(fs::read_to_string(dir.join(".gitattributes"))
        .unwrap()
        .lines()
        .any(|l| l == "*.toml merge=dondoc"));
    // dondoc's lock and temporary files stay out of git.
    let ignore = fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == ".dondoc.lock"), "{ignore}");
    assert!(ignore.lines().any(|l| l == ".dondoc-*.tmp"), "{ignore}");
    f.bare()
        .arg("--data")
        .arg(&dir)
        .arg("validate")
        .assert()
        .success()
        .stdout("ok: 2 directives in 1 file, 2 units\n");
    // Two groups, two owners.
    let groups = f
        .bare()
        .arg("--data")
        .arg(&dir)
        .args([
            "--today",
            TODAY,
            "list",
            "--group",
            "Sở, ban, ngành",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let groups: Vec<Value> = serde_json::from_slice(&groups).unwrap();
    assert_eq!(groups.len(), 1);

    // A second init refuses and changes nothing.
    f.bare()
        .arg("init")
        .arg(&dir)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already holds a dondoc.toml"));
    assert_eq!(fs::read_to_string(dir.join("dondoc.toml")).unwrap(), config);
}

#[test]
fn init_in_vietnamese_validates_and_keeps_gitattributes() {
    let f = Fixture::new();
    let dir = f.tmp.path().join("moi");
    fs::create_dir_all(&dir).unwrap();
    fs::write(dir.join(".gitattributes"), "*.png binary").unwrap();
    f.bare()
        .env("TZ", ":Europe/Paris")
        .args(["--lang", "vi", "--today", TODAY, "init"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("Tiếp theo:"));
    let attributes = fs::read_to_string(dir.join(".gitattributes")).unwrap();
    assert!(attributes.starts_with("*.png binary\n"));
    assert!(attributes.ends_with("*.toml merge=dondoc\n"));
    let config = fs::read_to_string(dir.join("dondoc.toml")).unwrap();
    assert!(
        config.contains("\ntimezone = \"Europe/Paris\"\n"),
        "{config}"
    );
    f.bare()
        .arg("--data")
        .arg(&dir)
        .arg("validate")
        .assert()
        .success();
}

// ---------------------------------------------------------------------------------------------
// where the workspace is: --data, then DONDOC_DATA, then data_dir in the config, then ./data

fn write_config(f: &Fixture, data_dir: &Path) {
    let dir = f.home().join(".config/dondoc");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("config.toml"),
        format!("data_dir = {:?}\n", data_dir.to_str().unwrap()),
    )
    .unwrap();
}

#[test]
fn data_option_beats_environment_beats_config_beats_default() {
    let f = Fixture::new();
    let missing = f.tmp.path().join("missing");
    let ok = "ok: 36 directives in 1 file, 34 units\n";

    // The config file alone.
    write_config(&f, &f.ws());
    f.bare().arg("validate").assert().success().stdout(ok);

    // DONDOC_DATA beats the config file.
    write_config(&f, &missing);
    f.bare()
        .env("DONDOC_DATA", f.ws())
        .arg("validate")
        .assert()
        .success()
        .stdout(ok);
    f.bare().arg("validate").assert().code(2);

    // --data beats DONDOC_DATA.
    f.bare()
        .env("DONDOC_DATA", &missing)
        .arg("--data")
        .arg(f.ws())
        .arg("validate")
        .assert()
        .success()
        .stdout(ok);

    // Nothing set: ./data in the current folder.
    fs::remove_dir_all(f.home().join(".config/dondoc")).unwrap();
    f.bare()
        .current_dir(f.tmp.path())
        .arg("validate")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("data has no dondoc.toml"));
    copy_dir(&f.ws(), &f.tmp.path().join("data"));
    f.bare().arg("validate").assert().success().stdout(ok);
}

/// `--lang` twice in one place is refused like any option given twice (exit 2), in the
/// language of the last valid one; before and after a command, the later one is the run's.
#[test]
fn lang_given_twice() {
    let f = Fixture::new();
    let en = f
        .run(&["--lang", "vi", "--lang", "en", "validate"])
        .assert()
        .code(2)
        .stdout("");
    assert!(
        stderr_of(&en)
            .starts_with("error: the argument '--lang <LANG>' cannot be used multiple times"),
        "{}",
        stderr_of(&en)
    );
    for twice in [
        &["--lang", "en", "--lang", "vi", "validate"][..],
        &["--lang", "vi", "--lang", "xx", "validate"],
        &["validate", "--lang=en", "--lang=vi"],
    ] {
        let vi = f.run(twice).assert().code(2).stdout("");
        assert!(
            stderr_of(&vi).starts_with("lỗi: không được dùng '--lang <NGÔN_NGỮ>' nhiều lần"),
            "{twice:?}: {}",
            stderr_of(&vi)
        );
    }
    f.run(&["--lang", "vi", "validate", "--lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::is_match("^ok: [0-9]+ directives in ").unwrap());
    f.run(&["--lang", "en", "validate", "--lang", "vi"])
        .assert()
        .success()
        .stdout(predicate::str::is_match("^ok: [0-9]+ nhiệm vụ trong ").unwrap());
}

#[test]
fn a_broken_config_file_is_named_with_its_position() {
    let f = Fixture::new();
    let dir = f.home().join(".config/dondoc");
    fs::create_dir_all(&dir).unwrap();
    let config = dir.join("config.toml");
    fs::write(&config, "lang = \"vi\"\ndata_dir = \n").unwrap();
    let at = format!("dondoc: {}:2:12: ", config.display());
    let file = "2023/giao-ban-2023-08-25.toml";
    let before = f.read(file);
    // The file cannot say the language: the locale does (here C, English).
    let en = f
        .run(&["set", "gb-2023-08-05", "--note", "một"])
        .assert()
        .code(2)
        .stdout("");
    let err = stderr_of(&en);
    assert!(err.starts_with(&format!("{at}TOML syntax: ")), "{err}");
    assert!(
        err.contains("\nthe user config file is broken, so dondoc stops here: correct the file, or delete it to run with the defaults\n"),
        "{err}"
    );
    // Nothing was done.
    assert_eq!(f.read(file), before);
    let vi = f.run(&["--lang", "vi", "validate"]).assert().code(2);
    let err = stderr_of(&vi);
    assert!(err.starts_with(&format!("{at}cú pháp TOML: ")), "{err}");
    assert!(err.contains("dondoc dừng tại đây"), "{err}");
    let locale = f
        .run(&["validate"])
        .env("LANG", "vi_VN.UTF-8")
        .assert()
        .code(2);
    assert_eq!(stderr_of(&locale), err);
    // A value the file cannot hold, in the words of the run.
    fs::write(&config, "[git]\ncommit = \"yes\"\n").unwrap();
    let vi = f.run(&["--lang", "vi", "list"]).assert().code(2);
    let err = stderr_of(&vi);
    assert!(
        err.starts_with(&format!(
            "dondoc: {}:2:10: git.commit phải là true hoặc false, nhưng lại là một chuỗi\n",
            config.display()
        )),
        "{err}"
    );
    // Without the file, the defaults.
    fs::remove_file(&config).unwrap();
    f.run(&["validate"]).assert().success();
}

// ---------------------------------------------------------------------------------------------
// the loader at scale: one id map for the whole load

#[test]
fn duplicate_ids_across_many_files_are_each_reported_once() {
    let f = Fixture::new();
    for i in 0..30 {
        f.write(
            &format!("many/f{i:02}.toml"),
            format!(
                "[source]\ntitle = \"F{i}\"\ndate = 2023-08-25\n[[directive]]\nid = \"m-{i}\"\ntext = \"x\"\nowner = \"ba-be\"\nstatus = \"open\"\n\n[[directive]]\nid = \"shared\"\ntext = \"y\"\nowner = \"ba-be\"\nstatus = \"open\"\n"
            ),
        );
    }
    let mut ws = dondoc::store::load(&f.ws()).unwrap();
    assert_eq!(ws.directives.len(), 36 + 30 + 1);
    let dups: Vec<String> = ws.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(dups.len(), 29, "{dups:#?}");
    assert_eq!(
        dups[0],
        "many/f01.toml:11:6: duplicate id \"shared\": already used at many/f00.toml:11:6"
    );
    // Reloading a file keeps the same verdicts.
    ws.reload_file("many/f05.toml");
    assert_eq!(ws.problems.len(), 29);
    assert_eq!(
        ws.directive("shared").map(|d| ws.file_of(d).path.as_str()),
        Some("many/f00.toml")
    );
}

#[test]
fn set_while_another_dondoc_holds_the_lock_says_so_then_gives_up() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    // Another dondoc in the middle of a write (stopped with Ctrl-Z, a hung file system).
    let held = dondoc::store::guard::WorkspaceLock::acquire(&f.ws()).unwrap();
    f.run(&["set", "gb-2023-08-05", "--status", "done", "--by", "A"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("waiting for another dondoc"))
        .stderr(predicate::str::contains("another dondoc is still writing"));
    drop(held);
    assert_eq!(f.read(SAMPLE), before);
}

#[test]
fn no_command_writes_while_a_git_merge_is_stopped_and_says_so_in_both_languages() {
    let f = Fixture::new();
    fs::create_dir_all(f.path(".git")).unwrap();
    fs::write(f.path(".git/MERGE_HEAD"), "0123456789abcdef\n").unwrap();
    let before = f.read(SAMPLE);
    let config = f.read("dondoc.toml");
    let commands: [&[&str]; 4] = [
        &["set", "gb-2023-08-05", "--status", "blocked"],
        &[
            "set",
            "gb-2023-08-05",
            "gb-2023-08-06",
            "--status",
            "blocked",
        ],
        &[
            "add",
            "--source",
            "2023/giao-ban-2023-08-25.toml",
            "--text",
            "Việc mới",
            "--owner",
            "ba-be",
        ],
        &[
            "owner",
            "add",
            "so-moi",
            "--name",
            "Sở Mới",
            "--group",
            "Sở, ngành",
        ],
    ];
    for args in commands {
        let en = f.run(args).assert().failure();
        assert!(
            stderr_of(&en).contains("a git merge is stopped half-way")
                && stderr_of(&en).contains("`git merge --continue`"),
            "{args:?}: {}",
            stderr_of(&en)
        );
        let mut vi_args = vec!["--lang", "vi"];
        vi_args.extend_from_slice(args);
        let vi = f.run(&vi_args).assert().failure();
        assert!(
            stderr_of(&vi).contains("một lệnh git merge đang dừng giữa chừng")
                && stderr_of(&vi).contains("`git merge --abort`"),
            "{args:?}: {}",
            stderr_of(&vi)
        );
    }
    assert_eq!(f.read(SAMPLE), before);
    assert_eq!(f.read("dondoc.toml"), config);
}

#[test]
fn a_commit_that_fails_after_set_is_said_in_both_languages() {
    let f = Fixture::new();
    let out = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(f.ws())
        .output()
        .unwrap();
    assert!(out.status.success());
    fs::create_dir_all(f.home().join(".config/dondoc")).unwrap();
    fs::write(
        f.home().join(".config/dondoc/config.toml"),
        "[git]\ncommit = true\n",
    )
    .unwrap();
    // Another git command is running: this one cannot take the index.
    fs::write(f.path(".git/index.lock"), "").unwrap();
    let en = f
        .run(&["set", "gb-2023-08-05", "--note", "một"])
        .assert()
        .success();
    let err = stderr_of(&en);
    assert!(
        err.contains("warning: saved but not committed: `git ") && err.contains("` failed: "),
        "{err}"
    );
    let vi = f
        .run(&["--lang", "vi", "set", "gb-2023-08-05", "--note", "hai"])
        .assert()
        .success();
    let err = stderr_of(&vi);
    assert!(
        err.contains("cảnh báo: đã lưu nhưng chưa commit được: `git ")
            && err.contains("` không thành công: "),
        "{err}"
    );
    assert!(f.read(SAMPLE).contains("note = \"hai\""));
}

#[test]
fn a_sync_that_cannot_reach_the_remote_says_so_in_both_languages() {
    let f = Fixture::new();
    for args in [
        &["init", "-q"][..],
        &["remote", "add", "origin", "/nowhere/at/all"][..],
    ] {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(f.ws())
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    let en = f.run(&["sync"]).assert().code(2);
    assert!(
        stderr_of(&en).contains("could not pull from origin: ")
            && stderr_of(&en).contains("; nothing was changed"),
        "{}",
        stderr_of(&en)
    );
    let vi = f.run(&["--lang", "vi", "sync"]).assert().code(2);
    assert!(
        stderr_of(&vi).contains("không kéo về được từ origin: ")
            && stderr_of(&vi).contains("; chưa có gì thay đổi"),
        "{}",
        stderr_of(&vi)
    );
}

#[test]
fn set_refuses_a_done_date_that_cannot_be_true() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    f.run(&[
        "set",
        "gb-2023-08-05",
        "--status",
        "done",
        "--done-on",
        "2099-01-01",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "done on 2099-01-01 is after the as-of date 2023-10-15",
    ));
    // The sample's meeting was on 2023-08-25.
    f.run(&[
        "set",
        "gb-2023-08-05",
        "--status",
        "done",
        "--done-on",
        "2023-08-01",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "before 2023-08-25, the date of the meeting that gave the directive",
    ));
    assert_eq!(f.read(SAMPLE), before);
    // In Vietnamese, the UI's sentence, dates as an office writes them; the same for
    // several ids at once.
    for ids in [
        &["gb-2023-08-05"][..],
        &["gb-2023-08-05", "gb-2023-08-06"][..],
    ] {
        let mut args = vec!["--lang", "vi", "set"];
        args.extend_from_slice(ids);
        args.extend_from_slice(&["--status", "done", "--done-on", "2099-01-01"]);
        f.run(&args).assert().code(1).stderr(predicate::str::contains(
            "\"gb-2023-08-05\" không được sửa: ngày hoàn thành 01/01/2099 sau ngày chốt số liệu 15/10/2023: không thể báo hoàn thành vào ngày chưa đến",
        ));
    }
    f.run(&[
        "--lang",
        "vi",
        "set",
        "gb-2023-08-05",
        "--status",
        "done",
        "--done-on",
        "2023-08-01",
    ])
    .assert()
    .code(1)
    .stderr(predicate::str::contains(
        "ngày hoàn thành 01/08/2023 trước ngày 25/08/2023 của cuộc họp giao nhiệm vụ",
    ));
    assert_eq!(f.read(SAMPLE), before);
    f.run(&[
        "set",
        "gb-2023-08-05",
        "--status",
        "done",
        "--done-on",
        "2023-10-01",
    ])
    .assert()
    .success();
}

/// No byte a terminal would obey: ESC, other C0 controls but line breaks, C1 controls,
/// bidi overrides and isolates, zero-width characters.
fn assert_terminal_safe(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| {
            let n = c as u32;
            (n < 0x20 && c != '\n')
                || (0x7F..=0x9F).contains(&n)
                || dondoc::term_text::is_unsafe(c) && c != '\n'
        })
        .collect();
    assert!(bad.is_empty(), "{what}: {bad:?} in {text}");
}

#[test]
fn messages_quoting_files_are_safe_for_a_terminal_and_one_a_line() {
    let f = Fixture::new();
    // A file whose name holds a newline and an escape, with a broken value holding OSC 52, a
    // C1 control and a bidi override.
    let evil = "2023/x\n\u{1b}[2Jy.toml";
    f.write(
        evil,
        "[source]\ntitle = \"T\u{202e}\"\ndate = 2023-08-25\n\n[[directive]]\nid = \"e-1\"\ntext = \"\u{1b}]52;c;cm0gLXJmIH4=\u{7}\"\nowner = \"khong-co\u{9b}\"\nstatus = \"open\"\n",
    );
    let out = f.run(&["validate"]).assert().code(1).get_output().clone();
    assert_terminal_safe(&out.stdout, "validate stdout");
    assert_terminal_safe(&out.stderr, "validate stderr");
    let stdout = String::from_utf8(out.stdout).unwrap();
    for line in stdout.lines() {
        assert!(
            line.starts_with("2023/x␊␛[2Jy.toml:"),
            "one problem a line: {line:?}"
        );
    }
    let out = f
        .run(&["report", "--format", "csv"])
        .assert()
        .get_output()
        .clone();
    assert_terminal_safe(&out.stderr, "report warnings");
    assert!(String::from_utf8_lossy(&out.stderr).contains("dondoc: warning: 2023/x␊␛[2Jy.toml:"));
}

#[test]
fn dondoc_inside_a_workspace_uses_it_and_inits_next_steps_work_as_printed() {
    let f = Fixture::new();
    // Below the sample workspace, without --data: that workspace, as git finds its repository.
    f.bare()
        .current_dir(f.path("2023"))
        .args(["--today", TODAY, "show", "gb-2023-08-05"])
        .assert()
        .success()
        .stdout(predicate::str::contains("gb-2023-08-05"));
    // `init`'s steps, run as printed.
    let dir = f.tmp.path().join("moi");
    f.bare()
        .args(["--today", TODAY, "init"])
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("cd "))
        .stdout(predicate::str::contains("git-setup"));
    let git = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(&dir)
        .status()
        .unwrap();
    assert!(git.success());
    f.bare()
        .current_dir(&dir)
        .arg("git-setup")
        .assert()
        .success()
        .stdout(predicate::str::contains("merge.dondoc.driver"));
    f.bare()
        .current_dir(&dir)
        .arg("validate")
        .assert()
        .success();
    assert!(
        !dir.join("moi").exists() && !dir.join("data").exists(),
        "no workspace inside the workspace"
    );
}

#[test]
fn report_group_ignores_case_and_diacritics_like_list() {
    let f = Fixture::new();
    let exact = f
        .run(&["report", "--format", "csv", "--group", "Huyện, thành ủy"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let folded = f
        .run(&["report", "--format", "csv", "--group", "HUYEN, thanh uy"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(exact, folded);
    assert!(String::from_utf8(exact).unwrap().contains("Ba Bể"));
}

#[test]
fn list_and_show_let_no_bidi_or_zero_width_character_through() {
    let f = Fixture::new();
    f.write(
        "2023/bidi.toml",
        "[source]\ntitle = \"T\u{202e}x\"\ndate = 2023-08-25\n\n[[directive]]\nid = \"bd-1\"\ntext = \"Giải\u{202e}ngân\u{200b}\u{2066}x\\u001b[2J\\u009b\"\nowner = \"ba-be\"\nstatus = \"open\"\nnote = \"n\u{200f}\u{feff}\"\n",
    );
    for args in [
        &["list"][..],
        &["show", "bd-1"],
        &["list", "--format", "csv"],
    ] {
        let out = f.run(args).assert().success().get_output().clone();
        if args.len() == 3 {
            // Not a terminal: CSV keeps the data for the program that reads it.
            continue;
        }
        assert_terminal_safe(&out.stdout, &format!("{args:?}"));
        assert!(String::from_utf8_lossy(&out.stdout).contains("bd-1"));
    }
}

/// The sample with `timezone = …` after `due_soon_days`.
fn with_timezone(f: &Fixture, zone: &str) {
    f.write(
        "dondoc.toml",
        crate::common::with_zone(&f.read("dondoc.toml"), Some(zone)),
    );
}

/// `dondoc --data <copy> <args>` on a UTC server at 18:30 UTC on 14/10/2023 (no `--today`).
fn at_half_past_six_utc(f: &Fixture, args: &[&str]) -> Command {
    let mut cmd = f.bare();
    cmd.env("TZ", "UTC")
        .env("DONDOC_NOW", "2023-10-14T18:30:00Z")
        .arg("--data")
        .arg(f.ws())
        .args(args);
    cmd
}

#[test]
fn the_office_clock_follows_the_workspace_zone_not_the_servers() {
    let f = Fixture::new();
    with_timezone(&f, "Asia/Ho_Chi_Minh");
    at_half_past_six_utc(
        &f,
        &["set", "gb-2023-08-05", "--status", "done", "--by", "A"],
    )
    .assert()
    .success()
    .stdout(predicate::str::contains("done_on → 2023-10-15"));
    let after = f.read(SAMPLE);
    assert!(after.contains("done_on = 2023-10-15\n"), "{after}");
    assert!(
        after.contains("at = 2023-10-15T01:30:00+07:00\n"),
        "{after}"
    );
    // `+N` counts from the office's today too.
    at_half_past_six_utc(&f, &["set", "gb-2023-08-06", "--deadline", "+1"])
        .assert()
        .success();
    assert_eq!(
        deadline_of(&f, "gb-2023-08-06").as_deref(),
        Some("2023-10-16")
    );
    // And so does timeliness: due the office's yesterday (the server's today) is overdue.
    at_half_past_six_utc(&f, &["set", "gb-2023-08-07", "--deadline", "2023-10-14"])
        .assert()
        .success();
    let list = at_half_past_six_utc(&f, &["list", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let list: Vec<Value> = serde_json::from_slice(&list).unwrap();
    let record = list.iter().find(|r| r["id"] == "gb-2023-08-07").unwrap();
    assert_eq!(record["deadline"], "2023-10-14");
    assert_eq!(record["timeliness"], "overdue");
}

#[test]
fn without_a_zone_the_machines_clock_is_the_office_clock() {
    let f = Fixture::new();
    f.write(
        "dondoc.toml",
        crate::common::with_zone(&f.read("dondoc.toml"), None),
    );
    at_half_past_six_utc(
        &f,
        &["set", "gb-2023-08-05", "--status", "done", "--by", "A"],
    )
    .assert()
    .success();
    let after = f.read(SAMPLE);
    assert!(after.contains("done_on = 2023-10-14\n"), "{after}");
    assert!(
        after.contains("at = 2023-10-14T18:30:00+00:00\n"),
        "{after}"
    );
}

#[test]
fn an_unknown_zone_is_a_problem_with_its_position() {
    let f = Fixture::new();
    with_timezone(&f, "Asia/Hanoi");
    let line = f
        .read("dondoc.toml")
        .lines()
        .position(|l| l.starts_with("timezone"))
        .unwrap()
        + 1;
    f.run(&["validate"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(format!(
            "dondoc.toml:{line}:12: unknown time zone \"Asia/Hanoi\""
        )));
}

#[test]
fn a_malformed_dondoc_now_is_a_usage_error() {
    let f = Fixture::new();
    f.run(&["list"])
        .env("DONDOC_NOW", "yesterday")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DONDOC_NOW"));
    f.run(&["--lang", "vi", "list"])
        .env("DONDOC_NOW", "hôm qua")
        .assert()
        .code(2)
        .stderr(
            "dondoc: DONDOC_NOW: \"hôm qua\" không phải là thời điểm, ví dụ \
             2023-10-14T18:30:00Z\n",
        );
}

#[test]
fn completions_for_each_shell_name_every_command() {
    let f = Fixture::new();
    for (shell, mark) in [
        ("bash", "complete -F _dondoc"),
        ("zsh", "#compdef dondoc"),
        ("fish", "complete -c dondoc"),
    ] {
        let out = f.run(&["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(script.contains(mark), "{shell}: {script}");
        for command in ["list", "set", "report", "completions", "man"] {
            assert!(script.contains(command), "{shell} lacks {command}");
        }
    }
    // The bash script is valid bash, as it is meant to be sourced.
    let out = f.run(&["completions", "bash"]).assert().success();
    let path = f.tmp.path().join("dondoc.bash");
    fs::write(&path, &out.get_output().stdout).unwrap();
    if let Ok(status) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
    {
        assert!(status.success(), "bash -n refused the script");
    }
    f.run(&["completions", "tcsh"]).assert().code(2);
}

#[test]
fn the_man_page_documents_the_commands() {
    let f = Fixture::new();
    let out = f.run(&["man"]).assert().success();
    let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    // The encoding first, for groff's preconv, then clap_mangen's page.
    assert!(
        page.starts_with(".\\\" -*- coding: UTF-8 -*-\n.ie"),
        "{page}"
    );
    assert!(page.contains(".TH dondoc 1"), "{page}");
    assert!(page.contains("\\-\\-data"), "{page}");
    assert!(page.contains("completions"), "{page}");
    let dir = f.tmp.path().join("man1");
    f.run(&["man", "--dir"]).arg(&dir).assert().success();
    for name in [
        "dondoc.1",
        "dondoc-list.1",
        "dondoc-set.1",
        "dondoc-report.1",
    ] {
        let text = fs::read_to_string(dir.join(name)).unwrap();
        assert!(text.contains(".TH"), "{name}");
    }
}

#[test]
fn version_names_the_workspace_format() {
    let f = Fixture::new();
    f.bare()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::ends_with("(workspace format 1.1)\n"));
}

/// The help in the language of the run: `--lang vi` or a Vietnamese locale, found before
/// the arguments are parsed; English stays the derive's text.
#[test]
fn help_speaks_the_language_of_the_run() {
    let f = Fixture::new();
    let help = |cmd: &mut Command| {
        let out = cmd.assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let root = help(f.bare().args(["--lang", "vi", "--help"]));
    for words in [
        "Cách dùng: dondoc",
        "Lệnh:",
        "Tùy chọn:",
        "Liệt kê nhiệm vụ, theo thời hạn",
        "Báo cáo tình trạng thời hạn theo đơn vị",
        "In trợ giúp",
    ] {
        assert!(root.contains(words), "{words}: {root}");
    }
    assert!(!root.contains("Print help"), "{root}");
    let set = help(f.bare().env("LANG", "vi_VN.UTF-8").args(["set", "--help"]));
    for words in [
        "Cập nhật trạng thái, thời hạn hoặc ghi chú",
        "Tham số:",
        "Thời hạn mới: 2023-11-30, 30/11/2023",
        "done (đã hoàn thành)",
    ] {
        assert!(set.contains(words), "{words}: {set}");
    }
    let add = help(f.bare().args(["add", "-h", "--lang=vi"]));
    assert!(add.contains("Đơn vị chủ trì: mã hoặc tên đơn vị"), "{add}");
    assert!(add.contains("Đơn vị phối hợp"), "{add}");
    let report = help(f.bare().args(["--lang", "vi", "help", "report"]));
    assert!(report.contains("[mặc định: md]"), "{report}");
    assert!(
        report.contains("Mọi số liệu là tình trạng tại ngày chốt số liệu"),
        "{report}"
    );
    // English is as it was, whatever the config could say.
    let en = help(f.bare().args(["list", "--help"]));
    assert!(en.contains("List directives, sorted by deadline"), "{en}");
    assert!(en.contains("Usage: dondoc list"), "{en}");
    let en = help(
        f.bare()
            .env("LANG", "vi_VN.UTF-8")
            .args(["--lang", "en", "-h"]),
    );
    assert!(en.contains("Commands:"), "{en}");
}

#[test]
fn usage_errors_speak_the_language_of_the_run() {
    let f = Fixture::new();
    let out = f
        .bare()
        .args(["--lang", "vi", "list", "--stauts", "done"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.starts_with("lỗi: không có tham số '--stauts'"), "{err}");
    assert!(err.contains("'--status'"), "{err}");
    assert!(err.contains("Cách dùng: dondoc list"), "{err}");
    let out = f.bare().args(["--lang", "vi", "new"]).assert().code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("thiếu các tham số bắt buộc sau:"), "{err}");
    assert!(err.contains("--title <TIÊU_ĐỀ>"), "{err}");
    // A wrong number: the value, the option, why and what it takes, all in Vietnamese.
    let out = f
        .bare()
        .args(["--lang", "vi", "report", "--quiet-days", "abc"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.starts_with(
            "lỗi: giá trị 'abc' không hợp lệ cho '--quiet-days <SỐ_NGÀY>': không phải là số; \
             cần một số nguyên, ví dụ 30"
        ),
        "{err}"
    );
    assert!(!err.contains("invalid digit"), "{err}");
    let out = f
        .bare()
        .env("LANG", "vi_VN.UTF-8")
        .args(["sync", "--timeout", "mười"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("'--timeout <SỐ_GIÂY>': không phải là số; cần một số nguyên từ 0 trở lên"),
        "{err}"
    );
    // English keeps clap's words.
    f.bare()
        .args(["sync", "--timeout", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid digit found in string"));
    f.bare()
        .args(["list", "--stauts", "done"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with("error: unexpected argument"));
}

/// The man page and the completion scripts in the language of the run: the page's section
/// headings and texts, the descriptions zsh and fish show.
#[test]
fn man_and_completions_speak_vietnamese() {
    let f = Fixture::new();
    let out = f.run(&["--lang", "vi", "man"]).assert().success();
    let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(page.contains(".TH dondoc 1"), "{page}");
    for heading in ["TÊN", "CÚ PHÁP", "MÔ TẢ", "TÙY CHỌN", "LỆNH"] {
        assert!(
            page.contains(&format!(".SH \"{heading}\"\n")),
            "{heading}: {page}"
        );
    }
    assert!(!page.contains(".SH NAME"), "{page}");
    assert!(page.contains("Liệt kê nhiệm vụ, theo thời hạn"), "{page}");
    assert!(!page.contains("List directives"), "{page}");
    // One page per command, each in Vietnamese; none for clap's help command.
    let dir = f.tmp.path().join("man1-vi");
    f.run(&["man", "--dir"])
        .arg(&dir)
        .env("LANG", "vi_VN.UTF-8")
        .assert()
        .success();
    let set = fs::read_to_string(dir.join("dondoc-set.1")).unwrap();
    assert!(set.contains(".SH \"THAM SỐ\""), "{set}");
    assert!(set.contains("Thời hạn mới: 2023\\-11\\-30"), "{set}");
    assert!(!dir.join("dondoc-help.1").exists());
    for (shell, description) in [
        ("fish", "-d 'Liệt kê nhiệm vụ, theo thời hạn'"),
        ("zsh", "'list:Liệt kê nhiệm vụ, theo thời hạn'"),
        ("zsh", "Thôi chờ máy chủ sau ngần này giây"),
    ] {
        let out = f
            .run(&["--lang", "vi", "completions", shell])
            .assert()
            .success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(script.contains(description), "{shell}: {script}");
        assert!(!script.contains("List directives"), "{shell}: {script}");
    }
    // English stays English.
    let out = f.run(&["completions", "fish"]).assert().success();
    let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        script.contains("-d 'List directives, sorted by deadline'"),
        "{script}"
    );
}
