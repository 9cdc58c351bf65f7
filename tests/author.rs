//! Entering and reshaping directives from the command line, run as a user would: `new`,
//! `add`, `edit`, `set` with its why, `owner add`, on temp copies of `data/`. Every test
//! compares the files on disk with the expected text (every other byte unchanged) and ends
//! with `validate` clean.

use crate::common::copy_dir;
use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const SAMPLE: &str = "2023/giao-ban-2023-08-25.toml";
const CONFIG: &str = "dondoc.toml";
const TODAY: &str = "2023-10-15";
const CLERK: &str = "Nguyễn Văn A";

struct Fixture {
    tmp: TempDir,
}

impl Fixture {
    fn new() -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
            &tmp.path().join("ws"),
        );
        fs::create_dir_all(tmp.path().join("home/.config")).unwrap();
        Fixture { tmp }
    }

    fn ws(&self) -> PathBuf {
        self.tmp.path().join("ws")
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.ws().join(rel)).unwrap()
    }

    /// `dondoc --data <copy> --today 2023-10-15 <args>`, clean environment, English.
    fn run(&self, args: &[&str]) -> Command {
        self.run_on(TODAY, args)
    }

    /// [`Self::run`] with another `--today`.
    fn run_on(&self, today: &str, args: &[&str]) -> Command {
        let home = self.tmp.path().join("home");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dondoc"));
        cmd.env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env_remove("DONDOC_DATA")
            .env("DONDOC_USER", CLERK)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .current_dir(self.tmp.path())
            .arg("--data")
            .arg(self.ws())
            .args(["--today", today])
            .args(args);
        cmd
    }

    fn ok_on(&self, today: &str, args: &[&str]) -> String {
        let out = self
            .run_on(today, args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self
            .run(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap()
    }

    /// Runs a command that must be refused (exit 1) with `message` on stderr, writing nothing.
    fn refused(&self, args: &[&str], message: &str) {
        let before = snapshot(&self.ws());
        self.run(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(message));
        assert_eq!(snapshot(&self.ws()), before, "{args:?} wrote something");
    }

    fn validate_clean(&self) {
        self.run(&["validate"])
            .assert()
            .success()
            .stdout(predicate::str::starts_with("ok: "));
    }

    fn directive(&self, id: &str) -> Value {
        let text = self.ok(&["list", "--format", "json"]);
        let all: Vec<Value> = serde_json::from_str(&text).unwrap();
        all.into_iter()
            .find(|d| d["id"] == id)
            .unwrap_or_else(|| panic!("{id} not listed"))
    }
}

/// Every file of the workspace with its bytes, sorted by path.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.ends_with(".dondoc.lock") {
                out.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The text with the log times dondoc wrote (`at` lines beyond those in `before`) replaced
/// by `at = AT`, each checked to be a full time with its offset.
fn mask_times(before: &str, after: &str) -> String {
    let mut old: Vec<&str> = before.lines().filter(|l| l.starts_with("at = ")).collect();
    after
        .split_inclusive('\n')
        .map(|line| match line.strip_prefix("at = ") {
            Some(value) => {
                if let Some(i) = old.iter().position(|o| *o == line.trim_end()) {
                    old.remove(i);
                    return line.to_string();
                }
                chrono::DateTime::parse_from_rfc3339(value.trim())
                    .unwrap_or_else(|e| panic!("{line:?}: {e}"));
                "at = AT\n".to_string()
            }
            None => line.to_string(),
        })
        .collect()
}

/// Equal texts, or a panic showing the first lines that differ.
#[track_caller]
fn assert_text(actual: &str, expected: &str) {
    if actual == expected {
        return;
    }
    let a: Vec<&str> = actual.lines().collect();
    let e: Vec<&str> = expected.lines().collect();
    let first = a
        .iter()
        .zip(&e)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(e.len()));
    let from = first.saturating_sub(3);
    panic!(
        "texts differ at line {}:\n--- actual\n{}\n--- expected\n{}",
        first + 1,
        a[from..(first + 8).min(a.len())].join("\n"),
        e[from..(first + 8).min(e.len())].join("\n")
    );
}

/// The original text with `block` inserted after the line that ends `after_line` (exact).
fn inserted(original: &str, anchor: &str, block: &str) -> String {
    let at = original.find(anchor).expect("anchor in the file") + anchor.len();
    format!("{}{block}{}", &original[..at], &original[at..])
}

#[test]
fn new_creates_the_meeting_file_and_refuses_an_existing_one() {
    let f = Fixture::new();
    let out = f.ok(&[
        "new",
        "--title",
        "Hội nghị giao ban tháng 11/2023",
        "--date",
        "2023-11-20",
        "--ref",
        "Thông báo số 1300-TB/TU",
        "--issued-by",
        "Thường trực Tỉnh ủy",
    ]);
    let path = "2023/hoi-nghi-giao-ban-thang-11-2023.toml";
    assert_eq!(out, format!("{path}\n"));
    assert_eq!(
        f.read(path),
        "[source]\ntitle = \"Hội nghị giao ban tháng 11/2023\"\ndate = 2023-11-20\n\
         ref = \"Thông báo số 1300-TB/TU\"\nissued_by = \"Thường trực Tỉnh ủy\"\n"
    );
    f.validate_clean();
    // The same meeting again, or a file given by hand that exists: refused, nothing written.
    f.refused(
        &[
            "new",
            "--title",
            "Hội nghị giao ban tháng 11/2023",
            "--date",
            "2023-11-20",
        ],
        "2023/hoi-nghi-giao-ban-thang-11-2023.toml already exists",
    );
    f.refused(
        &[
            "new",
            "--title",
            "X",
            "--date",
            "2023-08-25",
            "--file",
            SAMPLE,
        ],
        "already exists",
    );
    f.refused(
        &[
            "new",
            "--title",
            "X",
            "--date",
            "2023-08-25",
            "--file",
            "../out.toml",
        ],
        "invalid file name",
    );
    // A date that is not one is a usage error.
    f.run(&["new", "--title", "X", "--date", "31/02/2024"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date"));
    // --file chooses the name.
    let out = f.ok(&[
        "new",
        "--title",
        "Giao ban",
        "--date",
        "1/12/2023",
        "--file",
        "2023/gb-12.toml",
    ]);
    assert_eq!(out, "2023/gb-12.toml\n");
    assert_eq!(
        f.read("2023/gb-12.toml"),
        "[source]\ntitle = \"Giao ban\"\ndate = 2023-12-01\n"
    );
}

#[test]
fn add_appends_one_directive_and_changes_nothing_else() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    let out = f.ok(&[
        "add",
        "--source",
        "giao-ban-2023-08-25.toml",
        "--text",
        "Rà soát, báo cáo tiến độ thu ngân sách quý IV",
        "--owner",
        "cuc thue",
        "--support",
        "so-tc, Ba Bể",
        "--deadline",
        "2023-11-30",
        "--note",
        "Giao tại hội nghị",
    ]);
    assert_eq!(out, "gb-2023-08-37\n");
    let expected = format!(
        "{before}\n[[directive]]\nid = \"gb-2023-08-37\"\n\
         text = \"Rà soát, báo cáo tiến độ thu ngân sách quý IV\"\nowner = \"cuc-thue\"\n\
         support = [\"so-tc\", \"ba-be\"]\ndeadline = 2023-11-30\nstatus = \"open\"\n\
         note = \"Giao tại hội nghị\"\n\n[[directive.log]]\nat = AT\nby = \"{CLERK}\"\n\
         created = true\ntext = \"Rà soát, báo cáo tiến độ thu ngân sách quý IV\"\n\
         owner = \"cuc-thue\"\nsupport = [\"so-tc\", \"ba-be\"]\ndeadline = 2023-11-30\n\
         status = \"open\"\nnote = \"Giao tại hội nghị\"\n"
    );
    assert_text(&mask_times(&before, &f.read(SAMPLE)), &expected);
    f.validate_clean();
    // The next one takes the next number.
    let out = f.ok(&[
        "add",
        "--source",
        SAMPLE,
        "--text",
        "Việc khác",
        "--owner",
        "so-yt",
    ]);
    assert_eq!(out, "gb-2023-08-38\n");
    f.validate_clean();
}

#[test]
fn add_to_a_group_writes_one_directive_per_unit_in_one_write() {
    let f = Fixture::new();
    let out = f.ok(&[
        "add",
        "--source",
        SAMPLE,
        "--text",
        "Đẩy nhanh giải ngân vốn đầu tư công",
        "--owner",
        "huyen, thanh uy",
        "--deadline",
        "31/12/2023",
    ]);
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
    let expected: String = districts
        .iter()
        .map(|d| format!("gb-2023-08-37-{d}\n"))
        .collect();
    assert_eq!(out, expected);
    for d in districts {
        let listed = f.directive(&format!("gb-2023-08-37-{d}"));
        assert_eq!(listed["owner"], d);
        assert_eq!(listed["status"], "open");
        assert_eq!(listed["deadline"], "2023-12-31");
    }
    f.validate_clean();
    // The next number follows the per-unit ids.
    let out = f.ok(&["add", "--source", SAMPLE, "--text", "X", "--owner", "so-yt"]);
    assert_eq!(out, "gb-2023-08-38\n");
}

#[test]
fn add_reads_the_text_from_stdin() {
    let f = Fixture::new();
    let out = f
        .run(&["add", "--source", SAMPLE, "--text", "-", "--owner", "so-yt"])
        .write_stdin("Tăng cường phòng, chống dịch sốt xuất huyết\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), "gb-2023-08-37\n");
    assert_eq!(
        f.directive("gb-2023-08-37")["text"],
        "Tăng cường phòng, chống dịch sốt xuất huyết"
    );
}

#[test]
fn add_refuses_an_unknown_unit_a_used_id_and_an_unknown_file() {
    let f = Fixture::new();
    fn add<'a>(extra: &[&'a str]) -> Vec<&'a str> {
        let mut args = vec!["add", "--source", SAMPLE, "--text", "Việc mới"];
        args.extend_from_slice(extra);
        args
    }
    f.refused(
        &add(&["--owner", "so-khong-co"]),
        "unknown unit \"so-khong-co\": not in dondoc.toml",
    );
    f.refused(
        &add(&["--owner", "so-yt", "--support", "ba-be,nowhere"]),
        "--support: unknown unit \"nowhere\"",
    );
    f.refused(
        &add(&["--owner", "so-yt", "--id", "gb-2023-08-01"]),
        "id \"gb-2023-08-01\" is already used (2023/giao-ban-2023-08-25.toml)",
    );
    f.refused(
        &add(&["--owner", "so-yt", "--id", "bad id"]),
        "invalid id \"bad id\"",
    );
    f.refused(
        &[
            "add",
            "--source",
            "2024/none.toml",
            "--text",
            "x",
            "--owner",
            "so-yt",
        ],
        "no meeting file \"2024/none.toml\"",
    );
    f.run(&add(&[])).assert().code(2);
}

#[test]
fn edit_reshapes_a_directive_and_logs_the_new_values() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    let out = f.ok(&[
        "edit",
        "gb-2023-08-05",
        "--text",
        "Triển khai kịp thời các đề án phát triển kinh tế - xã hội năm 2024",
        "--owner",
        "so-khdt",
        "--support",
        "so-tc,bcs-ubnd",
        "--by",
        "Trần Thị B",
    ]);
    assert_eq!(
        out,
        "gb-2023-08-05: text, owner bcs-ubnd → so-khdt, support → so-tc, bcs-ubnd \
         (2023/giao-ban-2023-08-25.toml)\n"
    );
    let old_block = "[[directive]]\nid = \"gb-2023-08-05\"\n\
         text = \"Tổ chức triển khai kịp thời các đề án phát triển kinh tế - xã hội\"\n\
         owner = \"bcs-ubnd\"\ndeadline = 2023-11-30\n\
         status = \"open\"\n";
    let new_block = "[[directive]]\nid = \"gb-2023-08-05\"\n\
         text = \"Triển khai kịp thời các đề án phát triển kinh tế - xã hội năm 2024\"\n\
         owner = \"so-khdt\"\ndeadline = 2023-11-30\n\
         status = \"open\"\nsupport = [\"so-tc\", \"bcs-ubnd\"]\n\n[[directive.log]]\nat = AT\n\
         by = \"Trần Thị B\"\n\
         text = \"Triển khai kịp thời các đề án phát triển kinh tế - xã hội năm 2024\"\n\
         owner = \"so-khdt\"\nsupport = [\"so-tc\", \"bcs-ubnd\"]\n";
    assert!(before.contains(old_block));
    assert_text(
        &mask_times(&before, &f.read(SAMPLE)),
        &before.replace(old_block, new_block),
    );
    f.validate_clean();
    // Emptying the coordinating units removes the key and logs it as cleared.
    let middle = f.read(SAMPLE);
    f.ok(&["edit", "gb-2023-08-05", "--support", ""]);
    let after = mask_times(&middle, &f.read(SAMPLE));
    let expected = middle
        .replace(
            "status = \"open\"\nsupport = [\"so-tc\", \"bcs-ubnd\"]\n",
            "status = \"open\"\n",
        )
        .replace(
            "owner = \"so-khdt\"\nsupport = [\"so-tc\", \"bcs-ubnd\"]\n",
            &format!(
                "owner = \"so-khdt\"\nsupport = [\"so-tc\", \"bcs-ubnd\"]\n\n[[directive.log]]\n\
                 at = AT\nby = \"{CLERK}\"\ncleared = [\"support\"]\n"
            ),
        );
    assert_text(&after, &expected);
    // A lead unit named by several units is refused; so is an unknown one.
    f.refused(
        &["edit", "gb-2023-08-05", "--owner", "huyen, thanh uy"],
        "one lead unit per directive",
    );
    f.refused(
        &["edit", "gb-2023-08-05", "--owner", "nowhere"],
        "unknown unit \"nowhere\"",
    );
    f.refused(
        &["edit", "gb-2023-08-05", "--owner", "so-khdt"],
        "nothing to change",
    );
    f.refused(&["edit", "gb-2023-08-99", "--text", "x"], "gb-2023-08-99");
    f.validate_clean();
}

#[test]
fn a_deadline_change_with_its_why_writes_first_deadline_once() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    f.ok(&[
        "set",
        "gb-2023-08-16",
        "--deadline",
        "2024-01-31",
        "--reason",
        "Sở Y tế xin gia hạn",
        "--ref",
        "Công văn số 512/SYT-KHTC",
        "--approved-by",
        "Phó Bí thư Thường trực",
    ]);
    let old_block = "id = \"gb-2023-08-16\"\n\
        text = \"Nâng cao chất lượng chăm sóc sức khỏe cho Nhân dân\"\nowner = \"so-yt\"\n\
        deadline = 2023-12-31\nstatus = \"open\"\n";
    let new_block = format!(
        "id = \"gb-2023-08-16\"\n\
        text = \"Nâng cao chất lượng chăm sóc sức khỏe cho Nhân dân\"\nowner = \"so-yt\"\n\
        deadline = 2024-01-31\nstatus = \"open\"\n\
        first_deadline = 2023-12-31\n\n[[directive.log]]\nat = AT\nby = \"{CLERK}\"\n\
        deadline = 2024-01-31\nreason = \"Sở Y tế xin gia hạn\"\n\
        ref = \"Công văn số 512/SYT-KHTC\"\napproved_by = \"Phó Bí thư Thường trực\"\n"
    );
    assert_text(
        &mask_times(&before, &f.read(SAMPLE)),
        &before.replace(old_block, &new_block),
    );
    // A second extension keeps the first deadline as it was.
    f.ok(&["set", "gb-2023-08-16", "--deadline", "2024-02-29"]);
    let text = f.read(SAMPLE);
    assert_eq!(text.matches("first_deadline = 2023-12-31").count(), 1);
    assert!(!text.contains("first_deadline = 2024"));
    let listed = f.directive("gb-2023-08-16");
    assert_eq!(listed["deadline"], "2024-02-29");
    f.validate_clean();
    let shown = f.ok(&["show", "gb-2023-08-16"]);
    assert!(shown.contains("moved 2 times"), "{shown}");
}

#[test]
fn done_on_a_past_date_with_its_report_and_a_cancellation_with_its_decision() {
    let f = Fixture::new();
    let before = f.read(SAMPLE);
    let out = f.ok(&[
        "set",
        "gb-2023-08-05",
        "--status",
        "done",
        "--done-on",
        "2023-09-28",
        "--done-ref",
        "Báo cáo số 45/BC-BCS",
    ]);
    assert_eq!(
        out,
        "gb-2023-08-05: status open → done, done_on → 2023-09-28, done_ref \
         (2023/giao-ban-2023-08-25.toml)\n"
    );
    let expected = before.replace(
        "deadline = 2023-11-30\nstatus = \"open\"\n\n[[directive]]\nid = \"gb-2023-08-06\"",
        &format!(
            "deadline = 2023-11-30\nstatus = \"done\"\ndone_on = 2023-09-28\n\
             done_ref = \"Báo cáo số 45/BC-BCS\"\n\n[[directive.log]]\nat = AT\n\
             by = \"{CLERK}\"\nstatus = \"done\"\ndone_on = 2023-09-28\n\
             done_ref = \"Báo cáo số 45/BC-BCS\"\n\n[[directive]]\nid = \"gb-2023-08-06\""
        ),
    );
    assert_ne!(expected, before);
    assert_text(&mask_times(&before, &f.read(SAMPLE)), &expected);
    // --done-ref needs done.
    f.run(&["set", "gb-2023-08-16", "--done-ref", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--done-ref needs --status done"));
    // A cancellation logs why and who decided.
    let middle = f.read(SAMPLE);
    f.ok(&[
        "set",
        "gb-2023-08-16",
        "--status",
        "cancelled",
        "--reason",
        "Gộp vào chỉ đạo gb-2023-08-15",
        "--approved-by",
        "Thường trực Tỉnh ủy",
    ]);
    let after = mask_times(&middle, &f.read(SAMPLE));
    let cancelled = after.split("id = \"gb-2023-08-17\"").next().unwrap();
    assert!(
        cancelled.ends_with(&format!(
            "status = \"cancelled\"\n\n[[directive.log]]\nat = AT\nby = \"{CLERK}\"\n\
         status = \"cancelled\"\nreason = \"Gộp vào chỉ đạo gb-2023-08-15\"\n\
         approved_by = \"Thường trực Tỉnh ủy\"\n\n[[directive]]\n"
        )),
        "{cancelled}"
    );
    f.validate_clean();
}

#[test]
fn owner_add_writes_after_its_group_and_refuses_a_used_id() {
    let f = Fixture::new();
    let before = f.read(CONFIG);
    let out = f.ok(&[
        "owner",
        "add",
        "cuc-hq",
        "--name",
        "Cục Hải quan",
        "--short",
        "Hải quan",
        "--group",
        "so, ban, nganh",
        "--alias",
        "Chi cục Hải quan Bắc Kạn",
        "--alias",
        "Hải quan tỉnh",
    ]);
    assert_eq!(
        out,
        "cuc-hq: unit \"Cục Hải quan\" added to dondoc.toml (Sở, ban, ngành)\n"
    );
    let expected = inserted(
        &before,
        "id = \"bql-kcn\"\nname = \"Ban Quản lý các khu công nghiệp tỉnh\"\n\
         short = \"BQL các KCN\"\ngroup = \"Sở, ban, ngành\"\n",
        "\n[[owner]]\nid = \"cuc-hq\"\nname = \"Cục Hải quan\"\nshort = \"Hải quan\"\n\
         group = \"Sở, ban, ngành\"\naliases = [\"Chi cục Hải quan Bắc Kạn\", \"Hải quan tỉnh\"]\n",
    );
    assert_text(&f.read(CONFIG), &expected);
    f.validate_clean();
    f.refused(
        &["owner", "add", "cuc-hq", "--name", "Khác"],
        "id \"cuc-hq\" is already used (dondoc.toml)",
    );
    f.refused(
        &["owner", "add", "Cuc HQ", "--name", "Khác"],
        "invalid unit id",
    );
    // The new unit can lead at once, named by its alias.
    let out = f.ok(&[
        "add",
        "--source",
        SAMPLE,
        "--text",
        "Chống buôn lậu qua biên giới",
        "--owner",
        "hai quan tinh",
    ]);
    assert_eq!(out, "gb-2023-08-37\n");
    assert_eq!(f.directive("gb-2023-08-37")["owner"], "cuc-hq");
    // Vietnamese output.
    let out = f.ok(&[
        "--lang",
        "vi",
        "owner",
        "add",
        "so-tp",
        "--name",
        "Sở Tư pháp",
    ]);
    assert_eq!(
        out,
        "so-tp: đã thêm đơn vị \"Sở Tư pháp\" vào dondoc.toml (—)\n"
    );
    f.validate_clean();
}

/// What a clerk does after a briefing, as a script: the meeting, eight directives (one to all
/// eight districts), two reshaped and extended, three marked done. The sample file is not
/// touched; the new file holds exactly those directives and their log entries.
#[test]
fn a_briefing_recorded_by_a_script() {
    let f = Fixture::new();
    let sample = f.read(SAMPLE);
    let config = f.read(CONFIG);
    let file = f.ok(&[
        "new",
        "--title",
        "Giao ban tháng 11/2023",
        "--date",
        "2023-11-20",
        "--ref",
        "Thông báo số 1300-TB/TU",
        "--issued-by",
        "Thường trực Tỉnh ủy",
    ]);
    let file = file.trim().to_string();
    assert_eq!(file, "2023/giao-ban-thang-11-2023.toml");
    let directives: [(&str, &str, Option<&str>); 8] = [
        (
            "Đẩy nhanh giải ngân vốn đầu tư công",
            "huyen, thanh uy",
            Some("2023-12-31"),
        ),
        ("Tăng cường thu ngân sách", "cuc-thue", Some("2023-12-15")),
        ("Bảo vệ và phát triển rừng", "so-nnptnt", None),
        ("Chuẩn bị Tết Nguyên đán", "so-ldtbxh", Some("2024-01-31")),
        (
            "Phòng, chống dịch bệnh mùa đông",
            "so-yt",
            Some("2023-12-31"),
        ),
        ("Kiểm tra an toàn trường học", "so-gddt", Some("2023-11-30")),
        ("Rà soát hạ tầng giao thông", "so-gtvt", Some("2023-12-20")),
        ("Tổng kết công tác năm 2023", "so-nv", Some("2023-12-25")),
    ];
    let mut ids = Vec::new();
    for (text, owner, deadline) in directives {
        let mut args = vec!["add", "--source", &file, "--text", text, "--owner", owner];
        if let Some(d) = deadline {
            args.extend(["--deadline", d]);
        }
        ids.extend(f.ok(&args).lines().map(str::to_string));
    }
    assert_eq!(ids.len(), 8 + 7);
    assert_eq!(ids[0], "giao-ban-thang-11-2023-01-tp-bac-kan");
    assert_eq!(ids[8], "giao-ban-thang-11-2023-02");
    assert_eq!(ids[14], "giao-ban-thang-11-2023-08");
    f.validate_clean();

    // Two reshaped and extended.
    f.ok(&[
        "edit",
        "giao-ban-thang-11-2023-02",
        "--text",
        "Tăng cường thu ngân sách, chống thất thu",
        "--support",
        "so-tc",
    ]);
    f.ok(&[
        "set",
        "giao-ban-thang-11-2023-02",
        "--deadline",
        "2024-01-15",
        "--reason",
        "Cục Thuế xin gia hạn",
    ]);
    f.ok(&[
        "edit",
        "giao-ban-thang-11-2023-06",
        "--owner",
        "Sở Xây dựng",
    ]);
    f.ok(&[
        "set",
        "giao-ban-thang-11-2023-06",
        "--deadline",
        "2023-12-15",
        "--ref",
        "Công văn 88/SXD",
    ]);
    // Three done at once; an unknown id among them refuses the whole command first.
    let three = [
        "giao-ban-thang-11-2023-01-ba-be",
        "giao-ban-thang-11-2023-04",
        "giao-ban-thang-11-2023-07",
    ];
    let mut args = vec!["set"];
    args.extend(three);
    args.extend(["giao-ban-thang-11-2023-99", "--status", "done"]);
    f.refused(&args, "giao-ban-thang-11-2023-99");
    let mut args = vec!["set"];
    args.extend(three);
    args.extend(["--status", "done", "--done-on", "28/11/2023"]);
    // Reported after the meeting: done on a day before the as-of date of the set.
    let out = f.ok_on("2023-12-01", &args);
    let expected: String = three
        .iter()
        .map(|id| format!("{id}: status open → done, done_on → 2023-11-28 ({file})\n"))
        .collect();
    assert_eq!(out, expected);
    // Again: nothing to change.
    f.run_on("2023-12-01", &args)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing to change"));
    f.validate_clean();

    // Nothing else changed.
    assert_eq!(f.read(SAMPLE), sample);
    assert_eq!(f.read(CONFIG), config);
    let text = f.read(&file);
    assert_eq!(text.matches("[[directive]]").count(), 15);
    assert_eq!(text.matches("created = true").count(), 15);
    // 15 created + 2 edits + 2 extensions + 3 done.
    assert_eq!(text.matches("[[directive.log]]").count(), 22);
    assert_eq!(text.matches("first_deadline = ").count(), 2);
    let extended = f.directive("giao-ban-thang-11-2023-02");
    assert_eq!(extended["text"], "Tăng cường thu ngân sách, chống thất thu");
    assert_eq!(extended["deadline"], "2024-01-15");
    assert_eq!(f.directive("giao-ban-thang-11-2023-06")["owner"], "so-xd");
    let done = f.ok(&[
        "list", "--source", &file, "--status", "done", "--format", "csv",
    ]);
    assert_eq!(done.lines().count(), 1 + 3, "{done}");
    let shown = f.ok(&["show", "giao-ban-thang-11-2023-02"]);
    assert!(shown.contains("moved 1 time"), "{shown}");
}

fn done_today(ws: &dondoc::model::Workspace, id: &str) -> dondoc::store::edit::Edit {
    use dondoc::store::edit::{Change, Edit};
    let today = chrono::NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
    let change = Change {
        status: Some(dondoc::model::Status::Done),
        ..Change::default()
    }
    .resolve(ws.directive(id).unwrap(), today);
    Edit {
        id: id.to_string(),
        change,
        by: CLERK.to_string(),
        at: chrono::DateTime::parse_from_rfc3339("2023-10-15T09:00:00+07:00").unwrap(),
    }
}

/// Marked directives in two files: each file written once, one log entry per directive; one
/// changed on disk by someone else meanwhile is refused alone, naming who.
#[test]
fn several_directives_across_two_files_in_one_write_each() {
    let f = Fixture::new();
    f.ok(&[
        "new",
        "--title",
        "B",
        "--date",
        "2023-10-01",
        "--file",
        "2023/b.toml",
    ]);
    f.ok(&[
        "add",
        "--source",
        "2023/b.toml",
        "--text",
        "Một",
        "--owner",
        "so-yt",
    ]);
    f.ok(&[
        "add",
        "--source",
        "2023/b.toml",
        "--text",
        "Hai",
        "--owner",
        "ba-be",
    ]);
    let mut ws = dondoc::store::load(&f.ws()).unwrap();
    // Someone else changes one of them after this workspace was read.
    f.ok(&[
        "set",
        "gb-2023-08-16",
        "--note",
        "Đã họp",
        "--by",
        "Trần Thị B",
    ]);
    let sample = f.read(SAMPLE);
    let b = f.read("2023/b.toml");
    let ids = [
        "gb-2023-08-05",
        "gb-2023-08-16",
        "b-01",
        "gb-2023-08-23",
        "b-02",
    ];
    let edits: Vec<_> = ids.iter().map(|id| done_today(&ws, id)).collect();
    let result = dondoc::store::write::write_edits(&mut ws, &edits);
    let written: Vec<&str> = result
        .written
        .iter()
        .map(|w| w.before.id.as_str())
        .collect();
    assert_eq!(written, ["gb-2023-08-05", "gb-2023-08-23", "b-01", "b-02"]);
    assert_eq!(result.refused.len(), 1);
    let (id, error) = &result.refused[0];
    assert_eq!(id, "gb-2023-08-16");
    assert!(
        error.to_string().contains("changed on disk by Trần Thị B"),
        "{error}"
    );
    let entry = "\n\n[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"Nguyễn Văn A\"\n\
                 status = \"done\"\ndone_on = 2023-10-15\n";
    let mut expected = sample.clone();
    for id in ["gb-2023-08-05", "gb-2023-08-23"] {
        let start = expected.find(&format!("id = \"{id}\"")).unwrap();
        let end = start + expected[start..].find("\n\n").unwrap();
        let block = expected[start..end].replace(
            "status = \"open\"",
            "status = \"done\"\ndone_on = 2023-10-15",
        );
        expected = format!(
            "{}{block}{entry}{}",
            &expected[..start],
            &expected[end + 1..]
        );
    }
    assert_text(&f.read(SAMPLE), &expected);
    let b_now = f.read("2023/b.toml");
    assert_eq!(
        b_now
            .matches("status = \"done\"\ndone_on = 2023-10-15\n")
            .count(),
        4
    );
    assert!(b_now.starts_with(&b[..b.find("[[directive]]").unwrap()]));
    // The workspace in memory follows the disk.
    assert_eq!(
        ws.directive("b-02").unwrap().status,
        dondoc::model::Status::Done
    );
    assert_eq!(
        ws.directive("gb-2023-08-16").unwrap().note.as_deref(),
        Some("Đã họp")
    );
    f.validate_clean();
}

/// Undo writes `undo = true` and puts the old values back; redo does the change again; both
/// are refused once someone else changed the field, naming them.
#[test]
fn undo_and_redo_through_the_one_write_path() {
    use dondoc::store::edit::{Change, Edit};
    use dondoc::store::undo::Step;
    use dondoc::store::write::write_edit;
    let f = Fixture::new();
    let mut ws = dondoc::store::load(&f.ws()).unwrap();
    let id = "gb-2023-08-16";
    let before = ws.directive(id).unwrap().clone();
    let today = chrono::NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
    let date = |s: &str| Some(s.parse::<chrono::NaiveDate>().unwrap());
    let change = Change {
        deadline: Some(date("2024-01-31")),
        reason: Some("Sở Y tế xin gia hạn".into()),
        ..Change::default()
    }
    .resolve(&before, today);
    let at = chrono::DateTime::parse_from_rfc3339("2023-10-15T09:00:00+07:00").unwrap();
    let edit = |change: Change| Edit {
        id: id.to_string(),
        change,
        by: CLERK.to_string(),
        at,
    };
    write_edit(&mut ws, &edit(change.clone())).unwrap();
    let step = Step::new(id, &change, &before);
    assert_eq!(ws.directive(id).unwrap().extensions(), 1);

    let undo = step.undo(ws.directive(id).unwrap()).unwrap();
    write_edit(&mut ws, &edit(undo)).unwrap();
    let d = ws.directive(id).unwrap();
    assert_eq!(d.deadline, date("2023-12-31"));
    assert_eq!(d.first_deadline, date("2023-12-31"));
    assert_eq!(d.extensions(), 0);
    assert!(f.read(SAMPLE).contains(&format!(
        "[[directive.log]]\nat = 2023-10-15T09:00:00+07:00\nby = \"{CLERK}\"\n\
         deadline = 2023-12-31\nundo = true\n"
    )));

    let redo = step.redo(ws.directive(id).unwrap()).unwrap();
    write_edit(&mut ws, &edit(redo)).unwrap();
    let d = ws.directive(id).unwrap();
    assert_eq!(d.deadline, date("2024-01-31"));
    assert_eq!(d.extensions(), 1);
    assert_eq!(
        d.latest_extension().unwrap().reason(),
        Some("Sở Y tế xin gia hạn")
    );

    // Someone else moves the deadline: the step can no longer be taken back.
    f.ok(&["set", id, "--deadline", "2024-03-31", "--by", "Trần Thị B"]);
    ws.reload_file(SAMPLE);
    let moved = step.undo(ws.directive(id).unwrap()).unwrap_err();
    assert_eq!(moved.field, "deadline");
    assert_eq!(moved.by.as_deref(), Some("Trần Thị B"));
    f.validate_clean();
}

/// A reshape keeps the comments and layout of the lines it changes; the unit that becomes
/// the lead leaves the coordinating units.
#[test]
fn a_reshape_keeps_comments_and_takes_the_new_lead_out_of_support() {
    use dondoc::store::edit::{apply, Change, Edit};
    use dondoc::store::load::load_file;
    let original = "[source]\ntitle = \"T\"\n\n[[directive]]\nid = \"a-01\"\n\
                    text = \"Cũ\"   # as the notice words it\nowner = \"x\" # lead\n\
                    support = [\"y\", \"z\"]  # helpers\nstatus = \"open\"\n";
    let file = load_file("a.toml", Ok(original.as_bytes().to_vec()), None);
    let current = &file.directives[0];
    let change = Change {
        text: Some("  Mới \"hơn\"\n".into()),
        owner: Some("y".into()),
        ..Change::default()
    }
    .resolve(
        current,
        chrono::NaiveDate::from_ymd_opt(2023, 10, 15).unwrap(),
    );
    assert_eq!(change.support, Some(vec!["z".to_string()]));
    let edit = Edit {
        id: "a-01".into(),
        change,
        by: "A".into(),
        at: chrono::DateTime::parse_from_rfc3339("2023-10-15T09:00:00+07:00").unwrap(),
    };
    let out = apply(original, &edit).unwrap();
    assert_text(
        &out,
        "[source]\ntitle = \"T\"\n\n[[directive]]\nid = \"a-01\"\n\
         text = 'Mới \"hơn\"'   # as the notice words it\nowner = \"y\" # lead\n\
         support = [\"z\"]  # helpers\nstatus = \"open\"\n\n[[directive.log]]\n\
         at = 2023-10-15T09:00:00+07:00\nby = \"A\"\ntext = 'Mới \"hơn\"'\nowner = \"y\"\n\
         support = [\"z\"]\n",
    );
}

#[test]
fn an_id_given_for_several_units_gets_each_units_id() {
    let f = Fixture::new();
    let out = f.ok(&[
        "add",
        "--source",
        SAMPLE,
        "--text",
        "Việc chung",
        "--owner",
        "ba-be, Chợ Đồn",
        "--id",
        "gb-2023-08-50",
    ]);
    assert_eq!(out, "gb-2023-08-50-ba-be\ngb-2023-08-50-cho-don\n");
    // The next proposed number follows the highest, whatever its unit suffix.
    let out = f.ok(&[
        "add",
        "--source",
        SAMPLE,
        "--text",
        "Việc sau",
        "--owner",
        "so-yt",
    ]);
    assert_eq!(out, "gb-2023-08-51\n");
    f.validate_clean();
}
