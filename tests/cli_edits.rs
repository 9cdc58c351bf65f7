//! Writes by id from the command line: statuses typed as people type them, an id that two
//! directives share, a file read while another program saves it.

use crate::cli::Fixture;
use assert_cmd::Command;
use std::fs;

const SAMPLE: &str = "2023/giao-ban-2023-08-25.toml";

/// What these tests add to the CLI tests' fixture: the language of the run and a fixed
/// clock for the log entries they write.
trait Edits {
    fn run_in(&self, lang: &str, args: &[&str]) -> Command;
    /// In English.
    fn run_en(&self, args: &[&str]) -> Command {
        self.run_in("en", args)
    }
    /// The `status = "…"` line of directive `id` in `rel`.
    fn status_line(&self, rel: &str, id: &str) -> String;
}

impl Edits for Fixture {
    fn run_in(&self, lang: &str, args: &[&str]) -> Command {
        let mut cmd = self.run(&["--lang", lang]);
        cmd.env("DONDOC_NOW", "2023-10-15T02:00:00Z").args(args);
        cmd
    }

    fn status_line(&self, rel: &str, id: &str) -> String {
        let text = self.read(rel);
        let start = text.find(&format!("id = \"{id}\"")).unwrap();
        text[start..]
            .lines()
            .find(|l| l.starts_with("status = "))
            .unwrap()
            .to_string()
    }
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Statuses as typed

#[test]
fn list_takes_a_status_in_any_case_and_the_glossarys_words() {
    let f = Fixture::new();
    let done = f.ids(&["--status", "done"]);
    assert!(!done.is_empty());
    for typed in [
        "DONE",
        "Done",
        "đã hoàn thành",
        "Đã Hoàn Thành",
        "da hoan thanh",
    ] {
        assert_eq!(f.ids(&["--status", typed]), done, "{typed}");
    }
    let in_progress = f.ids(&["--status", "in_progress"]);
    assert!(!in_progress.is_empty());
    for typed in [
        "IN_PROGRESS",
        "In-Progress",
        "in progress",
        "đang thực hiện",
    ] {
        assert_eq!(f.ids(&["--status", typed]), in_progress, "{typed}");
    }
    assert_eq!(
        f.ids(&["--status", "có vướng mắc"]),
        f.ids(&["--status", "blocked"])
    );
    assert_eq!(
        f.ids(&["--timeliness", "OVERDUE"]),
        f.ids(&["--timeliness", "quá hạn"])
    );
    assert_eq!(f.ids(&["--timeliness", "overdue"]).len(), 7);
    // Not a status in either language: refused as before.
    f.run_en(&["list", "--status", "hoàn"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("invalid status \"hoàn\""));
}

#[test]
fn set_takes_a_status_in_any_case_and_writes_the_canonical_word() {
    let f = Fixture::new();
    f.run_en(&["set", "gb-2023-08-05", "--status", "DONE", "--by", "A"])
        .assert()
        .success();
    assert_eq!(f.status_line(SAMPLE, "gb-2023-08-05"), "status = \"done\"");
    f.run_in(
        "vi",
        &[
            "set",
            "gb-2023-08-06",
            "--status",
            "Đang Thực Hiện",
            "--by",
            "A",
        ],
    )
    .assert()
    .success();
    assert_eq!(
        f.status_line(SAMPLE, "gb-2023-08-06"),
        "status = \"in_progress\""
    );
    f.run_en(&["set", "gb-2023-08-06", "--status", "BLOCKED", "--by", "A"])
        .assert()
        .success();
    assert_eq!(
        f.status_line(SAMPLE, "gb-2023-08-06"),
        "status = \"blocked\""
    );
    let text = f.read(SAMPLE);
    assert!(!text.contains("BLOCKED") && !text.contains("DONE") && !text.contains("Thực Hiện"));
    // The files keep reading back clean.
    f.run_en(&["validate"]).assert().success();
}

// ---------------------------------------------------------------------------------------------
// An id that two directives share

/// A second directive with the sample's id `gb-2023-08-05` (at line 93 col 6 of the sample),
/// in a file after the sample in path order; its id at line 6 col 6.
const SECOND: &str = "2023/trung.toml";

fn with_a_duplicate(f: &Fixture) {
    f.write(
        SECOND,
        "[source]\ntitle = \"Giao ban bổ sung\"\ndate = 2023-08-26\n\n[[directive]]\nid = \"gb-2023-08-05\"\ntext = \"Việc khác\"\nowner = \"ba-be\"\nstatus = \"open\"\n",
    );
}

#[test]
fn a_write_by_an_id_two_directives_share_is_refused_naming_both_places() {
    let f = Fixture::new();
    with_a_duplicate(&f);
    let before = (f.read(SAMPLE), f.read(SECOND));
    let first = "2023/giao-ban-2023-08-25.toml:93:6";
    let second = "2023/trung.toml:6:6";
    // validate names it as a problem: the user can find it.
    f.run_en(&["validate"]).assert().code(1);
    let writes: [&[&str]; 4] = [
        &["set", "gb-2023-08-05", "--status", "done", "--by", "A"],
        &["set", "gb-2023-08-05", "--note", "x", "--by", "A"],
        &[
            "set",
            "gb-2023-08-04",
            "gb-2023-08-05",
            "--note",
            "x",
            "--by",
            "A",
        ],
        &["edit", "gb-2023-08-05", "--text", "Việc mới", "--by", "A"],
    ];
    for args in writes {
        let en = f.run_en(args).assert().code(1);
        let msg = stderr_of(&en);
        assert!(
            msg.contains(first) && msg.contains(second),
            "{args:?}: {msg}"
        );
        assert!(msg.contains("fix the duplicate first"), "{args:?}: {msg}");
        let vi = f.run_in("vi", args).assert().code(1);
        let msg = stderr_of(&vi);
        assert!(
            msg.contains(first) && msg.contains(second),
            "{args:?}: {msg}"
        );
        assert!(
            msg.contains("hãy sửa chỗ trùng mã trước"),
            "{args:?}: {msg}"
        );
        assert_eq!((f.read(SAMPLE), f.read(SECOND)), before, "{args:?}");
    }
    // The same with the other copy first in path order.
    let earlier = "2023/a-trung.toml";
    f.write(earlier, f.read(SECOND));
    fs::remove_file(f.ws().join(SECOND)).unwrap();
    let msg = stderr_of(
        &f.run_en(&["set", "gb-2023-08-05", "--note", "x", "--by", "A"])
            .assert()
            .code(1),
    );
    assert!(
        msg.contains("2023/a-trung.toml:6:6") && msg.contains(first),
        "{msg}"
    );
    assert_eq!(f.read(SAMPLE), before.0);
    // Once the duplicate is fixed, the write goes through.
    fs::remove_file(f.ws().join(earlier)).unwrap();
    f.run_en(&["set", "gb-2023-08-05", "--note", "x", "--by", "A"])
        .assert()
        .success();
}

// ---------------------------------------------------------------------------------------------
// A file read while another program saves it

#[test]
fn set_on_a_file_another_program_is_saving_in_place_says_so_not_unknown_id() {
    use std::io::Write;
    let f = Fixture::new();
    if !crate::common::writers_visible(&f.home()) {
        eprintln!("skipped: this system does not tell whether a file is open for writing");
        return;
    }
    let full = f.read(SAMPLE);
    let cut = full.find("id = \"gb-2023-08-05\"").unwrap();
    // Another program saving in place (truncate, write): it has written the part before the
    // directive and holds the file open for the rest during the whole command.
    let mut saving = fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(f.ws().join(SAMPLE))
        .unwrap();
    saving.write_all(&full.as_bytes()[..cut]).unwrap();
    let set: &[&str] = &["set", "gb-2023-08-05", "--note", "x", "--by", "A"];
    let edit: &[&str] = &["edit", "gb-2023-08-05", "--text", "Việc mới", "--by", "A"];
    let several: &[&str] = &["set", "gb-2023-08-04", "gb-2023-08-05", "--note", "x"];
    for (lang, args) in [("en", set), ("vi", set), ("en", edit), ("en", several)] {
        let out = f.run_in(lang, args).assert().code(1);
        let msg = stderr_of(&out);
        let saying = match lang {
            "en" => "was being saved by another program; try again",
            _ => "đang được chương trình khác lưu; hãy thử lại",
        };
        assert!(msg.contains(saying) && msg.contains(SAMPLE), "{msg}");
        assert!(
            !msg.contains("no directive") && !msg.contains("không có nhiệm vụ nào"),
            "{msg}"
        );
    }
    // The save ends: the same command goes through on the whole file.
    saving.write_all(&full.as_bytes()[cut..]).unwrap();
    drop(saving);
    f.run_en(&["set", "gb-2023-08-05", "--note", "x", "--by", "A"])
        .assert()
        .success();
    assert!(f.read(SAMPLE).contains("note = \"x\""));
}
