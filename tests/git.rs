//! Git-synced workspaces, with real git repositories in temporary folders: a bare
//! remote and two clones, each with its own clerk, running the built `dondoc` binary as the
//! merge driver and for `sync`.

use crate::common::{copy_dir, git};
use chrono::{DateTime, FixedOffset, NaiveDate};
use dondoc::model::{Status, Workspace};
use dondoc::store::edit::{Change, Edit};
use dondoc::store::{self, text, write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::sync::Once;
use std::time::Duration;

#[path = "git/cases.rs"]
mod cases;
#[path = "git/sim.rs"]
mod sim;

const FILE: &str = "2023/giao-ban-2023-08-25.toml";
const DONDOC: &str = env!("CARGO_BIN_EXE_dondoc");

/// Every test shares one empty HOME so the machine's own git config cannot interfere.
fn hermetic_env() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let home = tempfile::tempdir().unwrap().keep();
        std::fs::write(
            home.join(".gitconfig"),
            "[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n",
        )
        .unwrap();
        // Set once, before any test starts a process (edition 2021: not `unsafe`).
        std::env::set_var("HOME", &home);
        std::env::set_var("XDG_CONFIG_HOME", home.join(".config"));
        std::env::set_var("GIT_CONFIG_NOSYSTEM", "1");
        for v in [
            "DONDOC_USER",
            "DONDOC_DATA",
            "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL",
            "GIT_COMMITTER_NAME",
            "GIT_COMMITTER_EMAIL",
            "GIT_DIR",
            "GIT_WORK_TREE",
        ] {
            std::env::remove_var(v);
        }
    });
}

fn dondoc(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(DONDOC)
        .arg("--data")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A bare remote seeded with the sample workspace, and two clones set up for two clerks.
struct Offices {
    _tmp: tempfile::TempDir,
    remote: PathBuf,
    one: PathBuf,
    two: PathBuf,
}

fn offices() -> Offices {
    hermetic_env();
    let tmp = tempfile::tempdir().unwrap();
    let seed = tmp.path().join("seed");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data"), &seed);
    git(&seed, &["init", "-q", "-b", "main"]);
    git(&seed, &["config", "user.name", "Văn phòng"]);
    git(&seed, &["config", "user.email", "vp@example.org"]);
    let (code, _, err) = dondoc(&seed, &["git-setup"]);
    assert_eq!(code, 0, "{err}");
    git(&seed, &["add", "."]);
    git(&seed, &["commit", "-q", "-m", "seed"]);
    let remote = tmp.path().join("remote.git");
    git(
        tmp.path(),
        &[
            "clone",
            "-q",
            "--bare",
            seed.to_str().unwrap(),
            "remote.git",
        ],
    );
    let clone = |name: &str, clerk: &str, email: &str| {
        git(tmp.path(), &["clone", "-q", remote.to_str().unwrap(), name]);
        let dir = tmp.path().join(name);
        git(&dir, &["config", "user.name", clerk]);
        git(&dir, &["config", "user.email", email]);
        let (code, out, err) = dondoc(&dir, &["git-setup"]);
        assert_eq!(code, 0, "{out}{err}");
        assert!(
            out.contains("already routes"),
            "committed .gitattributes is kept: {out}"
        );
        dir
    };
    let one = clone("one", "Clerk One", "one@example.org");
    let two = clone("two", "Clerk Two", "two@example.org");
    Offices {
        _tmp: tmp,
        remote,
        one,
        two,
    }
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

/// An edit through the library's one write path, as `dondoc set` and the UI do.
fn set(dir: &Path, id: &str, change: Change, by: &str, when: &str) -> write::Written {
    let mut ws = store::load(dir).unwrap();
    let current = ws.directive(id).unwrap().clone();
    let today = NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
    let edit = Edit {
        id: id.to_string(),
        change: change.resolve(&current, today),
        by: by.to_string(),
        at: at(when),
    };
    write::write_edit(&mut ws, &edit).unwrap()
}

fn status(s: Status) -> Change {
    Change {
        status: Some(s),
        ..Default::default()
    }
}

fn sync(dir: &Path) {
    let (code, out, err) = dondoc(dir, &["sync", "--timeout", "60"]);
    assert_eq!(code, 0, "sync in {}: {out}{err}", dir.display());
}

/// Every file of the clone (outside .git) is free of conflict markers.
fn assert_no_conflict_markers(dir: &Path) {
    fn walk(dir: &Path) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            if entry.file_name() == ".git" {
                continue;
            }
            if entry.file_type().unwrap().is_dir() {
                walk(&entry.path());
            } else {
                let bytes = std::fs::read(entry.path()).unwrap();
                let text = String::from_utf8_lossy(&bytes);
                assert_eq!(
                    text::conflict_marker(&text),
                    None,
                    "conflict marker in {}",
                    entry.path().display()
                );
            }
        }
    }
    walk(dir);
}

fn valid(dir: &Path) -> Workspace {
    let ws = store::load(dir).unwrap();
    assert!(ws.problems.is_empty(), "problems: {:#?}", ws.problems);
    ws
}

fn read(dir: &Path, rel: &str) -> String {
    std::fs::read_to_string(dir.join(rel)).unwrap()
}

/// Everything a failed sync must leave as it found: HEAD and its branch, the index, the
/// working tree (tracked and untracked files, their contents), the stash, and no trace of a
/// rebase, a lock or a merge's temporary file.
#[derive(Debug, PartialEq, Eq)]
struct State {
    head: String,
    branch: String,
    status: String,
    staged: String,
    unstaged: String,
    untracked: Vec<(String, String)>,
    stash: String,
    leftovers: Vec<String>,
}

impl State {
    fn of(dir: &Path) -> State {
        let untracked = git(dir, &["ls-files", "--others", "--exclude-standard"])
            .lines()
            .map(|p| (p.to_string(), read(dir, p)))
            .collect();
        let git_dir = dir.join(".git");
        let mut leftovers: Vec<String> =
            ["rebase-merge", "rebase-apply", "index.lock", "MERGE_HEAD"]
                .iter()
                .filter(|p| git_dir.join(p).exists())
                .map(|p| p.to_string())
                .collect();
        for entry in std::fs::read_dir(dir).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            if name.starts_with(".merge_file_") {
                leftovers.push(name);
            }
        }
        State {
            head: git(dir, &["rev-parse", "HEAD"]),
            branch: git(dir, &["symbolic-ref", "-q", "HEAD"]),
            status: git(dir, &["status", "--porcelain=v2", "--untracked-files=all"]),
            staged: git(dir, &["diff", "--cached"]),
            unstaged: git(dir, &["diff"]),
            untracked,
            stash: git(dir, &["stash", "list"]),
            leftovers,
        }
    }
}

#[test]
fn different_directives_of_one_file_both_survive_a_sync_in_turn() {
    let o = offices();
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    set(
        &o.two,
        "gb-2023-08-03",
        status(Status::Done),
        "Clerk Two",
        "2023-10-10T10:00:00+07:00",
    );
    sync(&o.one);
    sync(&o.two);
    sync(&o.one);
    for dir in [&o.one, &o.two] {
        assert_no_conflict_markers(dir);
        let ws = valid(dir);
        assert_eq!(
            ws.directive("gb-2023-08-02").unwrap().status,
            Status::Blocked
        );
        assert_eq!(ws.directive("gb-2023-08-03").unwrap().status, Status::Done);
        assert_eq!(git(dir, &["status", "--porcelain"]), "", "clean after sync");
    }
    assert_eq!(read(&o.one, FILE), read(&o.two, FILE));
    let log = git(&o.remote, &["log", "--format=%an", "main"]);
    assert!(
        log.contains("Clerk One") && log.contains("Clerk Two"),
        "{log}"
    );
}

#[test]
fn same_field_the_later_change_wins_and_both_log_entries_stay() {
    let o = offices();
    let original = store::load(&o.one).unwrap();
    // 08-03: clerk two changes it later (and syncs second). 08-04: clerk one changes it later
    // (and syncs first), so each side of the merge wins once.
    set(
        &o.one,
        "gb-2023-08-03",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    set(
        &o.two,
        "gb-2023-08-03",
        status(Status::Done),
        "Clerk Two",
        "2023-10-11T09:00:00+07:00",
    );
    set(
        &o.one,
        "gb-2023-08-04",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-12T09:00:00+07:00",
    );
    set(
        &o.two,
        "gb-2023-08-04",
        status(Status::Open),
        "Clerk Two",
        "2023-10-11T09:00:00+07:00",
    );
    sync(&o.one);
    sync(&o.two);
    sync(&o.one);
    assert_eq!(read(&o.one, FILE), read(&o.two, FILE));
    for dir in [&o.one, &o.two] {
        assert_no_conflict_markers(dir);
        let ws = valid(dir);
        let d3 = ws.directive("gb-2023-08-03").unwrap();
        assert_eq!(d3.status, Status::Done);
        assert!(d3.done_on.is_some());
        let d4 = ws.directive("gb-2023-08-04").unwrap();
        assert_eq!(d4.status, Status::Blocked);
        assert_eq!(d4.done_on, None);
        for d in [d3, d4] {
            let before = original.directive(&d.id).unwrap();
            let new: Vec<(&str, Option<Status>)> = d.log[before.log.len()..]
                .iter()
                .map(|e| (e.by.as_str(), e.status))
                .collect();
            assert_eq!(
                d.log[..before.log.len()],
                before.log[..],
                "old history kept"
            );
            let expected = if d.id == "gb-2023-08-03" {
                vec![
                    ("Clerk One", Some(Status::Blocked)),
                    ("Clerk Two", Some(Status::Done)),
                ]
            } else {
                vec![
                    ("Clerk Two", Some(Status::Open)),
                    ("Clerk One", Some(Status::Blocked)),
                ]
            };
            assert_eq!(new, expected, "both entries, by time, for {}", d.id);
            // Nothing but status, done_on and the log changed.
            assert_eq!(
                (&d.text, &d.owner, &d.support, d.deadline, &d.note),
                (
                    &before.text,
                    &before.owner,
                    &before.support,
                    before.deadline,
                    &before.note
                )
            );
        }
        for d in &ws.directives {
            if d.id != "gb-2023-08-03" && d.id != "gb-2023-08-04" {
                assert!(
                    d.same_content(original.directive(&d.id).unwrap()),
                    "{} unchanged",
                    d.id
                );
            }
        }
    }
}

#[test]
fn additions_cancel_versus_edit_and_a_hand_comment_all_survive() {
    let o = offices();
    let add = |dir: &Path, id: &str| {
        let mut text = read(dir, FILE);
        text.push_str(&format!(
            "\n[[directive]]\nid = \"{id}\"\ntext = \"Chỉ đạo mới {id}\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n"
        ));
        std::fs::write(dir.join(FILE), text).unwrap();
    };
    add(&o.one, "gb-2023-08-37");
    add(&o.two, "gb-2023-08-38");
    set(
        &o.one,
        "gb-2023-08-06",
        status(Status::Cancelled),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    let note = Change {
        note: Some(Some("Đã họp với các huyện".into())),
        ..Default::default()
    };
    set(
        &o.two,
        "gb-2023-08-06",
        note,
        "Clerk Two",
        "2023-10-10T11:00:00+07:00",
    );
    // Clerk one writes a comment by hand into 08-10; clerk two changes 08-10 with dondoc.
    let text = read(&o.one, FILE);
    let with_comment = text.replacen(
        "id = \"gb-2023-08-10\"\n",
        "id = \"gb-2023-08-10\"\n# Hỏi lại Sở Tài chính trước ngày 20\n",
        1,
    );
    assert_ne!(text, with_comment);
    std::fs::write(o.one.join(FILE), with_comment).unwrap();
    set(
        &o.two,
        "gb-2023-08-10",
        status(Status::Blocked),
        "Clerk Two",
        "2023-10-10T12:00:00+07:00",
    );
    // Clerk two first, so the comment arrives from the side being replayed (the hard case).
    sync(&o.two);
    sync(&o.one);
    sync(&o.two);
    assert_eq!(read(&o.one, FILE), read(&o.two, FILE));
    for dir in [&o.one, &o.two] {
        assert_no_conflict_markers(dir);
        let ws = valid(dir);
        assert!(ws.directive("gb-2023-08-37").is_some());
        assert!(ws.directive("gb-2023-08-38").is_some());
        let d6 = ws.directive("gb-2023-08-06").unwrap();
        assert_eq!(d6.status, Status::Cancelled);
        assert_eq!(d6.note.as_deref(), Some("Đã họp với các huyện"));
        assert_eq!(
            ws.directive("gb-2023-08-10").unwrap().status,
            Status::Blocked
        );
        assert!(read(dir, FILE).contains("# Hỏi lại Sở Tài chính trước ngày 20\n"));
    }
}

#[test]
fn an_unparseable_side_undoes_the_sync_with_the_driver_reason_and_a_stopped_rebase_blocks_edits() {
    let o = offices();
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    sync(&o.one);
    // Clerk two breaks 08-02's status line by hand (an unclosed string), the line clerk one
    // changed too, and commits it.
    let mut text = read(&o.two, FILE);
    let d2 = text.find("id = \"gb-2023-08-02\"").unwrap();
    let status_at = d2 + text[d2..].find("status = \"in_progress\"").unwrap();
    text.replace_range(
        status_at..status_at + "status = \"in_progress\"".len(),
        "status = \"in_progress",
    );
    std::fs::write(o.two.join(FILE), text).unwrap();
    // ... and adds another file that loads fine.
    std::fs::write(
        o.two.join("2023/khac.toml"),
        "[[directive]]\nid = \"k-1\"\ntext = \"Khác\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n",
    )
    .unwrap();
    git(&o.two, &["add", "2023/khac.toml"]);
    git(&o.two, &["commit", "-q", "-am", "hand edit"]);
    let before = State::of(&o.two);
    let (code, _, err) = dondoc(&o.two, &["sync", "--timeout", "60"]);
    assert_eq!(code, 2, "{err}");
    // The driver's own reason, naming the file and which version does not parse.
    assert!(
        err.contains(FILE) && err.contains("your version does not parse"),
        "{err}"
    );
    assert!(!err.contains("conflict markers"), "{err}");
    assert_eq!(State::of(&o.two), before, "exactly as before");
    // The clerk pulls by hand: git's conflict stands, and dondoc shows the file as
    // conflicted with a position.
    let out = Command::new("git")
        .arg("-C")
        .arg(&o.two)
        .args(["pull", "-q", "--rebase"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let st = dondoc::git::status::read(&o.two).unwrap();
    assert_eq!(st.conflicted, vec![FILE.to_string()]);
    assert_eq!(st.operation, Some(dondoc::git::status::Operation::Rebase));
    let mut ws = store::load(&o.two).unwrap();
    let p = ws
        .problems
        .iter()
        .find(|p| p.path == FILE)
        .expect("the conflicted file is reported");
    assert!(p.to_string().contains("conflict marker"), "{p}");
    assert!(p.line > 1);
    assert!(!ws.owners.is_empty());
    // While the rebase is stopped, no edit is written, even to a file that loads: the
    // `git rebase --abort` that gets out would discard it.
    let other = read(&o.two, "2023/khac.toml");
    let edit = Edit {
        id: "k-1".into(),
        change: status(Status::Done),
        by: "Clerk Two".into(),
        at: at("2023-10-12T09:00:00+07:00"),
    };
    assert!(matches!(
        write::write_edit(&mut ws, &edit),
        Err(write::WriteError::GitOperation(_))
    ));
    let (code, _, err) = dondoc(
        &o.two,
        &["set", "k-1", "--status", "done", "--by", "Clerk Two"],
    );
    assert_ne!(code, 0);
    assert!(
        err.contains("git rebase --abort") && err.contains("git rebase --continue"),
        "{err}"
    );
    assert_eq!(read(&o.two, "2023/khac.toml"), other);
    // Sync says the same way out, and changes nothing.
    let (code, _, err) = dondoc(&o.two, &["sync"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("git rebase --continue") && err.contains(FILE),
        "{err}"
    );
    // Once out of it, edits work again.
    git(&o.two, &["rebase", "--abort"]);
    let (code, _, err) = dondoc(
        &o.two,
        &["set", "k-1", "--status", "done", "--by", "Clerk Two"],
    );
    assert_eq!(code, 0, "{err}");
}

#[test]
fn unreachable_remote_is_one_sentence_and_never_mid_rebase() {
    let o = offices();
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    git(
        &o.one,
        &["remote", "set-url", "origin", "/nonexistent/remote.git"],
    );
    let (code, _, err) = dondoc(&o.one, &["sync", "--timeout", "20"]);
    assert_eq!(code, 2);
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("dondoc: could not pull from origin:"),
        "{err}"
    );
    assert_eq!(
        err.lines().filter(|l| !l.starts_with("dondoc: ")).count(),
        0,
        "{err}"
    );
    assert!(last.ends_with("nothing was changed"), "{err}");
    assert_eq!(dondoc::git::status::operation(&o.one), None);
    // Nothing was changed: the edit is still in the working folder, not committed.
    assert_eq!(git(&o.one, &["log", "-1", "--format=%s"]), "seed\n");
    assert_eq!(
        git(&o.one, &["status", "--porcelain"]),
        format!(" M {FILE}\n")
    );
}

#[test]
fn a_rejected_push_pulls_and_retries() {
    let o = offices();
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    sync(&o.one);
    set(
        &o.two,
        "gb-2023-08-03",
        status(Status::Blocked),
        "Clerk Two",
        "2023-10-10T10:00:00+07:00",
    );
    // Clerk one pushes again in the moment between clerk two's pull and push: a pre-push hook
    // of clerk two does it on the first push only, so that push is rejected.
    set(
        &o.one,
        "gb-2023-08-04",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T11:00:00+07:00",
    );
    git(&o.one, &["commit", "-q", "-am", "one more"]);
    let hook = o.two.join(".git/hooks/pre-push");
    let mark = o.two.join(".git/pushed-once");
    std::fs::write(
        &hook,
        format!(
            "#!/bin/sh\nif [ ! -e '{mark}' ]; then touch '{mark}'; env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE git -C '{one}' push -q origin main; fi\nexit 0\n",
            mark = mark.display(),
            one = o.one.display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("755")
        .arg(&hook)
        .status()
        .unwrap();
    let mut steps = Vec::new();
    let outcome =
        dondoc::git::sync::sync(&o.two, "Clerk Two", Duration::from_secs(60), &mut |step| {
            steps.push(step)
        });
    assert!(mark.exists(), "the hook ran");
    assert!(
        steps.contains(&dondoc::git::sync::Step::Retrying),
        "{steps:?}"
    );
    assert_eq!(outcome.problem, None, "{}", outcome.summary());
    assert!(outcome.pushed);
    assert!(outcome
        .updated_by_others
        .contains(&"gb-2023-08-04".to_string()));
    let remote_file = git(&o.remote, &["show", &format!("main:{FILE}")]);
    assert_eq!(remote_file, read(&o.two, FILE), "everything pushed");
    let ws = valid(&o.two);
    for id in ["gb-2023-08-02", "gb-2023-08-03", "gb-2023-08-04"] {
        assert_eq!(ws.directive(id).unwrap().status, Status::Blocked, "{id}");
    }
}

#[test]
fn commit_on_edit_commits_only_the_touched_file() {
    let o = offices();
    // An unrelated change that must not be swept into the commit.
    std::fs::write(o.one.join("notes.txt"), "scratch").unwrap();
    let mut ws = store::load(&o.one).unwrap();
    ws.git.commit = true;
    let current = ws.directive("gb-2023-08-07").unwrap().clone();
    let edit = Edit {
        id: "gb-2023-08-07".into(),
        change: status(Status::Done)
            .resolve(&current, NaiveDate::from_ymd_opt(2023, 10, 15).unwrap()),
        by: "Nguyễn Văn A".into(),
        at: at("2023-10-15T09:00:00+07:00"),
    };
    let written = write::write_edit(&mut ws, &edit).unwrap();
    // Off by the user's config: nothing is committed.
    assert_eq!(
        dondoc::git::after_write(&ws, &written, &edit, Some(false)).unwrap(),
        None
    );
    let hash = dondoc::git::after_write(&ws, &written, &edit, None).unwrap();
    assert!(hash.is_some());
    let show = git(&o.one, &["show", "--name-only", "--format=%an|%s", "HEAD"]);
    let mut lines = show.lines();
    assert_eq!(
        lines.next().unwrap(),
        "Nguyễn Văn A|dondoc: gb-2023-08-07: status in_progress → done, done_on → 2023-10-15"
    );
    let files: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert_eq!(files, vec![FILE]);
    assert_eq!(git(&o.one, &["status", "--porcelain"]), "?? notes.txt\n");
}

#[test]
fn watcher_reports_changes_and_own_writes_are_no_ops() {
    let o = offices();
    let mut ws = store::load(&o.one).unwrap();
    let (tx, rx) = mpsc::channel();
    let _watcher = dondoc::watch::watch(&o.one, move |e| {
        let _ = tx.send(e);
    })
    .unwrap();
    // Our own write: write_edit already reloaded the file, so its event changes nothing.
    let current = ws.directive("gb-2023-08-02").unwrap().clone();
    let edit = Edit {
        id: current.id.clone(),
        change: status(Status::Blocked),
        by: "Clerk One".into(),
        at: at("2023-10-15T09:00:00+07:00"),
    };
    write::write_edit(&mut ws, &edit).unwrap();
    let paths = wait_for(&rx, FILE);
    assert!(dondoc::watch::reload_changed(&mut ws, &paths).is_empty());
    // Someone else's write (git pull, an editor): reported and reloaded.
    let text = read(&o.one, FILE).replacen("status = \"blocked\"", "status = \"open\"", 1);
    std::fs::write(o.one.join(FILE), text).unwrap();
    let paths = wait_for(&rx, FILE);
    let summary = dondoc::watch::reload_changed(&mut ws, &paths);
    assert_eq!(summary.updated, vec!["gb-2023-08-02".to_string()]);
    assert_eq!(ws.directive("gb-2023-08-02").unwrap().status, Status::Open);
    // Changes inside .git are not reported.
    git(&o.one, &["commit", "-q", "-am", "x"]);
    std::fs::write(o.one.join("2023/other.txt"), "x").unwrap();
    std::fs::write(o.one.join(FILE), read(&o.one, FILE) + "\n").unwrap();
    let paths = wait_for(&rx, FILE);
    assert!(
        paths
            .iter()
            .all(|p| !p.starts_with(".git") && p.ends_with(".toml")),
        "{paths:?}"
    );
}

/// Waits (generously, no timing asserted) for a batch naming `rel`.
fn wait_for(rx: &mpsc::Receiver<dondoc::watch::WatchEvent>, rel: &str) -> Vec<String> {
    loop {
        match rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the watcher reports the change")
        {
            dondoc::watch::WatchEvent::Changed(paths) if paths.iter().any(|p| p == rel) => {
                return paths
            }
            dondoc::watch::WatchEvent::Error(e) => panic!("{e}"),
            _ => {}
        }
    }
}

#[test]
fn two_processes_on_one_folder_no_lost_update_and_same_field_refused_by_name() {
    hermetic_env();
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
        tmp.path(),
    );
    let mut first = store::load(tmp.path()).unwrap();
    let mut second = store::load(tmp.path()).unwrap();
    let edit = |id: &str, s: Status, by: &str| Edit {
        id: id.into(),
        change: status(s),
        by: by.into(),
        at: at("2023-10-15T09:00:00+07:00"),
    };
    write::write_edit(
        &mut first,
        &edit("gb-2023-08-02", Status::Blocked, "Clerk One"),
    )
    .unwrap();
    let w = write::write_edit(
        &mut second,
        &edit("gb-2023-08-03", Status::Blocked, "Clerk Two"),
    )
    .unwrap();
    assert!(w.rebased);
    let now = store::load(tmp.path()).unwrap();
    assert_eq!(
        now.directive("gb-2023-08-02").unwrap().status,
        Status::Blocked
    );
    assert_eq!(
        now.directive("gb-2023-08-03").unwrap().status,
        Status::Blocked
    );
    // Same directive: the first one's view is stale and is refused, naming the other clerk.
    let err = write::write_edit(
        &mut first,
        &edit("gb-2023-08-03", Status::Open, "Clerk One"),
    )
    .unwrap_err();
    assert!(
        matches!(&err, write::WriteError::Stale { by, .. } if by.as_deref() == Some("Clerk Two")),
        "{err}"
    );
    // ... and it now shows the new value.
    assert_eq!(
        first.directive("gb-2023-08-03").unwrap().status,
        Status::Blocked
    );
}

#[test]
fn a_lock_held_by_a_killed_process_does_not_block() {
    hermetic_env();
    let tmp = tempfile::tempdir().unwrap();
    let lock = write::WorkspaceLock::path(tmp.path());
    // A child takes the lock (flock through the shell) and is killed while holding it.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "exec 9>'{}'; flock 9; echo locked; exec sleep 600",
            lock.display()
        ))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line.trim(), "locked");
    // Held: another taker would wait.
    let f = std::fs::OpenOptions::new().write(true).open(&lock).unwrap();
    assert!(f.try_lock().is_err());
    child.kill().unwrap();
    child.wait().unwrap();
    let _held = write::WorkspaceLock::acquire(tmp.path()).unwrap();
}

#[test]
fn set_commits_at_once_when_the_workspace_asks_for_it() {
    let o = offices();
    let config = o.one.join("dondoc.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[git]\ncommit = true\n");
    std::fs::write(&config, text).unwrap();
    git(&o.one, &["commit", "-q", "-am", "commit each edit"]);
    let (code, out, err) = dondoc(
        &o.one,
        &[
            "--today",
            "2023-10-15",
            "set",
            "gb-2023-08-05",
            "--status",
            "in_progress",
            "--by",
            "Lê Văn Minh",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let show = git(&o.one, &["show", "--name-only", "--format=%an|%s", "HEAD"]);
    let mut lines = show.lines();
    assert_eq!(
        lines.next().unwrap(),
        "Lê Văn Minh|dondoc: gb-2023-08-05: status open → in_progress"
    );
    assert_eq!(lines.find(|l| !l.is_empty()), Some(FILE));
    assert_eq!(git(&o.one, &["status", "--porcelain"]), "");
}
