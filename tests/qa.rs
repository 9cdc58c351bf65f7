//! Workspaces dondoc has never seen, written by hand as other offices write them: CRLF line
//! ends, decomposed Unicode (NFD), every TOML string style, deep folders, broken files. Each
//! test runs the built binary on one of them and checks the files on disk afterwards.

use assert_cmd::Command;
use std::fs;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// `Ba Bể` as some editors save it: `e` + combining circumflex + combining hook above.
const BA_BE_NFD: &str = "Ba Be\u{302}\u{309}";

/// The registry, in CRLF, with a decomposed name, a multi-line name and `\u` escapes.
const CONFIG: &str = "# written by hand\r\n\
due_soon_days = 7 # trailing comment\r\n\
title = 'Theo dõi — literal'\r\n\
timezone = \"Asia/Ho_Chi_Minh\"\r\n\
\r\n\
[[owner]]\r\n\
group = \"Huyện, thành ủy\"\r\n\
name = \"Huyện ủy Ba Be\u{302}\u{309}\"\r\n\
id = \"ba-be\"\r\n\
short = \"Ba Be\u{302}\u{309}\"\r\n\
\r\n\
[[owner]]\r\n\
id = \"so-tc\"\r\n\
name = \"S\\u1edf T\\u00e0i ch\\U000000ednh\"\r\n\
group = 'Sở, ban, ngành'\r\n";

/// A meeting in a folder with spaces and Vietnamese in its name, CRLF, odd key order.
const MEETING: &str = "[source] # comment\r\n\
title = \"Giao ban tháng 8\"\r\n\
date = 2023-08-25\r\n\
\r\n\
[[directive]]\r\n\
status = \"in_progress\"\r\n\
owner = \"ba-be\"\r\n\
id = \"gb-01\"\r\n\
text = \"\"\"\r\n\
Đẩy nhanh giải ngân vốn \\\r\n\
   đầu tư công\"\"\"\r\n\
deadline = 2023-09-30 # comment\r\n\
\r\n\
[[directive]]\r\n\
id = \"gb-02\"\r\n\
text = 'Thu ngân sách'\r\n\
owner = \"so-tc\"\r\n\
status = \"open\"\r\n\
deadline = 2023-10-20\r\n";

const MEETING_PATH: &str = "2023/08/giao ban tháng 8.toml";

struct Ws {
    tmp: TempDir,
}

impl Ws {
    fn new() -> Ws {
        let tmp = tempfile::tempdir().unwrap();
        let ws = Ws { tmp };
        fs::create_dir_all(ws.home().join(".config")).unwrap();
        ws.write("dondoc.toml", CONFIG);
        ws.write(MEETING_PATH, MEETING);
        ws
    }

    fn root(&self) -> PathBuf {
        self.tmp.path().join("ws")
    }

    fn home(&self) -> PathBuf {
        self.tmp.path().join("home")
    }

    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// `dondoc` in a clean environment (no config, no DONDOC_*, English), in the temp folder.
    fn bare(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_dondoc"));
        cmd.env("HOME", self.home())
            .env("XDG_CONFIG_HOME", self.home().join(".config"))
            .env_remove("DONDOC_DATA")
            .env_remove("DONDOC_USER")
            .env_remove("DONDOC_NOW")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C")
            .current_dir(self.tmp.path());
        cmd
    }

    fn run(&self, args: &[&str]) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--data").arg(self.root()).args(args);
        cmd
    }
}

fn git(dir: &Path, args: &[&str]) -> String {
    crate::common::git(dir, args)
}

#[test]
fn sync_refuses_a_folder_that_is_no_workspace_and_pushes_nothing() {
    // A clerk runs `dondoc sync` in a fresh clone of an empty repository (or in the wrong
    // folder of a repository): there is no dondoc.toml, so there is nothing of dondoc's to
    // commit, and nothing may be committed or pushed to the office's remote.
    let tmp = tempfile::tempdir().unwrap();
    let remote = tmp.path().join("remote.git");
    git(
        tmp.path(),
        &["init", "-q", "--bare", remote.to_str().unwrap()],
    );
    let clone = tmp.path().join("clone");
    git(
        tmp.path(),
        &[
            "clone",
            "-q",
            remote.to_str().unwrap(),
            clone.to_str().unwrap(),
        ],
    );
    git(&clone, &["config", "user.name", "A"]);
    git(&clone, &["config", "user.email", "a@example.org"]);
    let out = Command::new(env!("CARGO_BIN_EXE_dondoc"))
        .env("HOME", tmp.path())
        .env("XDG_CONFIG_HOME", tmp.path().join(".config"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("LANG", "C")
        .env_remove("DONDOC_DATA")
        .arg("--data")
        .arg(&clone)
        .arg("sync")
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no dondoc.toml"), "{stderr}");
    assert!(
        git(&remote, &["branch", "--list"]).trim().is_empty(),
        "nothing pushed"
    );
    assert!(!clone.join(".gitattributes").exists(), "nothing written");
}

#[test]
fn a_reminder_is_logged_on_the_office_clock_not_the_servers() {
    // 18:30 UTC on 14/10 is 01:30 on 15/10 in Vietnam: the letter is dated 15/10 (the
    // office's today) and its log entry is now, in the office's offset — not 09:00 of a day
    // that has not begun on the server, in the server's offset.
    let ws = Ws::new();
    ws.run(&[
        "remind",
        "--owner",
        "ba-be",
        "--format",
        "md",
        "--output-dir",
        "letters",
        "--by",
        "QA",
    ])
    .env("TZ", "UTC")
    .env("DONDOC_NOW", "2023-10-14T18:30:00Z")
    .assert()
    .success();
    assert!(ws
        .tmp
        .path()
        .join("letters/don-doc-ba-be-2023-10-15.md")
        .exists());
    let file = ws.read(MEETING_PATH);
    assert!(
        file.contains("at = 2023-10-15T01:30:00+07:00\r\nby = \"QA\"\r\nreminder = true\r\n"),
        "{file}"
    );
}

#[test]
fn a_status_change_in_a_hand_written_crlf_nfd_file_changes_only_its_lines() {
    let ws = Ws::new();
    ws.run(&[
        "--today",
        "2023-10-15",
        "set",
        "gb-01",
        "--status",
        "done",
        "--by",
        "QA",
    ])
    .assert()
    .success();
    let after = ws.read(MEETING_PATH);
    let expected = MEETING.replacen("status = \"in_progress\"\r\n", "status = \"done\"\r\n", 1);
    // Everything before the new lines is the file as it was but the status line.
    let (kept, added) = after.split_at(after.find("done_on = 2023-10-15\r\n").unwrap());
    assert!(expected.starts_with(kept), "{after}");
    assert!(
        !added.replace("\r\n", "").contains('\n'),
        "CRLF kept: {after:?}"
    );
    // The NFD registry is untouched and still NFD.
    assert_eq!(ws.read("dondoc.toml"), CONFIG);
    assert!(CONFIG.contains(BA_BE_NFD));
}

#[test]
fn an_import_that_gives_no_meeting_date_is_not_written_undated() {
    // A tracking sheet with no date column (or a notice with no "ngày … tháng … năm"): the
    // new meeting file would fail `validate` ([source] has no date). The dry run says so; the
    // import is refused, naming --source-date; with it the file is written and valid.
    let ws = Ws::new();
    let sheet = ws.tmp.path().join("theo doi.csv");
    fs::write(
        &sheet,
        "\u{feff}STT,Nội dung nhiệm vụ,Đơn vị chủ trì,Thời hạn\r\n\
         1,Đẩy nhanh giải ngân,Huyện ủy Ba Bể,30/9/2023\r\n",
    )
    .unwrap();
    let sheet = sheet.to_str().unwrap();
    let dry = ws
        .run(&["import", sheet, "--dry-run"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8_lossy(&dry).contains("--source-date"),
        "{}",
        String::from_utf8_lossy(&dry)
    );
    let refused = ws
        .run(&["import", sheet])
        .assert()
        .code(1)
        .get_output()
        .clone();
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--source-date"));
    assert!(!ws.root().join("theo-doi.toml").exists());
    ws.run(&["import", sheet, "--source-date", "25/08/2023", "--by", "QA"])
        .assert()
        .success();
    assert!(ws.read("2023/theo-doi.toml").contains("date = 2023-08-25"));
    ws.run(&["validate"]).assert().success();
}

#[test]
fn a_date_out_of_range_for_today_is_not_called_a_deadline() {
    let ws = Ws::new();
    let out = ws
        .run(&["--today", "0001-01-01", "list"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--today: 0001-01-01 is too far"),
        "{stderr}"
    );
    assert!(!stderr.contains("deadline"), "{stderr}");
}

#[test]
fn a_write_refused_on_a_broken_file_names_line_and_column() {
    let ws = Ws::new();
    ws.write(
        "2023/hong.toml",
        "[source]\ntitle = \"Hỏng\"\ndate = 2023-09-01\n\n[[directive]]\nid = \"h-01\"\ntext = \"unterminated\nowner = \"ba-be\"\nstatus = \"open\"\n",
    );
    let out = ws
        .run(&[
            "add",
            "--source",
            "2023/hong.toml",
            "--text",
            "x",
            "--owner",
            "ba-be",
        ])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2023/hong.toml:7:"), "{stderr}");
}

#[test]
fn a_meeting_file_named_in_nfd_is_found_by_its_name_typed_composed() {
    // A file saved on a Mac keeps its name decomposed: "tha\u{301}ng". A clerk types the
    // name composed; --source of list, report and add must still find it.
    let ws = Ws::new();
    let nfd_name = "2023/giao ban tha\u{301}ng 9.toml";
    ws.write(
        nfd_name,
        MEETING
            .replace("gb-0", "t9-0")
            .replace("Giao ban tháng 8", "Giao ban tháng 9"),
    );
    let typed = "giao ban tháng 9.toml";
    assert_ne!(typed, nfd_name.trim_start_matches("2023/"));
    let listed = ws
        .run(&["list", "--source", typed, "--format", "csv"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let listed = String::from_utf8_lossy(&listed);
    assert!(
        listed.contains("t9-01") && !listed.contains("gb-01"),
        "{listed}"
    );
    ws.run(&["report", "--source", typed, "--format", "json"])
        .assert()
        .success();
    ws.run(&[
        "add",
        "--source",
        typed,
        "--text",
        "Việc mới",
        "--owner",
        "ba-be",
        "--by",
        "QA",
    ])
    .assert()
    .success()
    .stdout("t9-03\n");
    assert!(ws.read(nfd_name).contains("id = \"t9-03\"\r\n"));
}

#[test]
fn a_note_on_a_hand_written_done_directive_without_a_date_invents_no_done_date() {
    // `done` without `done_on` is a problem `validate` names; adding a progress note is not
    // the moment to decide when it was done (the as-of date is surely not that day).
    let ws = Ws::new();
    let file = MEETING.replacen("status = \"open\"\r\n", "status = \"done\"\r\n", 1);
    ws.write(MEETING_PATH, &file);
    ws.run(&[
        "--today",
        "2023-10-15",
        "set",
        "gb-02",
        "--note",
        "Đã báo cáo",
        "--by",
        "QA",
    ])
    .assert()
    .success();
    assert!(!ws.read(MEETING_PATH).contains("done_on"));
}

#[test]
fn a_file_name_holding_escapes_never_reaches_the_terminal_raw() {
    // Someone commits "ev<ESC>]0;…<BEL>il.toml" (broken) and "ok<ESC>[2J.toml": every
    // message naming them shows the escapes as symbols. Stderr is checked: it is the
    // terminal even when stdout is piped.
    let ws = Ws::new();
    ws.write("2023/ev\u{1b}]0;PWN\u{7}il.toml", "[source\n");
    ws.write(
        "2023/ok\u{1b}[2J.toml",
        "[source]\ntitle = \"x\"\ndate = 2023-09-01\n",
    );
    for args in [
        &["remind", "--all", "--dry-run"][..],
        &["report", "--format", "json"],
        &["list"],
        &[
            "add",
            "--source",
            "ok\u{1b}[2J.toml",
            "--text",
            "x",
            "--owner",
            "ba-be",
            "--by",
            "QA",
        ],
        &[
            "new",
            "--title",
            "Họp",
            "--date",
            "2023-11-01",
            "--file",
            "x\u{1b}[2J.toml",
        ],
    ] {
        let out = ws
            .run(&["--today", "2023-10-15"])
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
            "{args:?}: {stderr:?}"
        );
    }
}

#[test]
fn a_key_added_beside_a_spaced_log_header_is_not_indented() {
    let ws = Ws::new();
    ws.write(
        "2023/s.toml",
        "[source]\ntitle = \"t\"\ndate = 2023-09-01\n\n[[directive]]\nid = \"s-01\"\ntext = \"b\"\nowner = \"ba-be\"\nstatus = \"open\"\n\n[[ directive.log ]]\nat = 2023-09-05T08:00:00+07:00\nby = \"H\"\nnote = \"x\"\n",
    );
    ws.run(&["set", "s-01", "--deadline", "2023-12-01", "--by", "QA"])
        .assert()
        .success();
    let after = ws.read("2023/s.toml");
    assert!(
        after.contains("status = \"open\"\ndeadline = 2023-12-01\n"),
        "{after}"
    );
}
