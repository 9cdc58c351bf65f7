//! Sync that never strands a clone: one test per way it used to, each with a bare remote and
//! real clones.

use super::*;

fn sync_out(dir: &Path) -> (i32, String, String) {
    dondoc(dir, &["sync", "--timeout", "60"])
}

fn status_of(dir: &Path, id: &str) -> Status {
    valid(dir).directive(id).unwrap().status
}

/// Clones one, two, and the remote agree, and nothing is left to commit.
fn assert_converged(o: &Offices) {
    let head = git(&o.one, &["rev-parse", "HEAD"]);
    assert_eq!(git(&o.two, &["rev-parse", "HEAD"]), head);
    assert_eq!(git(&o.remote, &["rev-parse", "main"]), head);
    for dir in [&o.one, &o.two] {
        assert_eq!(
            git(dir, &["status", "--porcelain"]),
            "",
            "{}",
            dir.display()
        );
        assert_no_conflict_markers(dir);
        valid(dir);
    }
}

#[test]
fn case01_a_moved_file_is_pushed_as_a_move_and_an_edit_of_the_old_path_follows_it() {
    let o = offices();
    // Clerk one moves the file with `mv`; clerk two edits a directive of it meanwhile.
    std::fs::create_dir_all(o.one.join("2023/thang-8")).unwrap();
    std::fs::rename(o.one.join(FILE), o.one.join("2023/thang-8/giao-ban.toml")).unwrap();
    set(
        &o.two,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk Two",
        "2023-10-10T09:00:00+07:00",
    );
    sync(&o.one);
    sync(&o.two);
    sync(&o.one);
    assert_converged(&o);
    for dir in [&o.one, &o.two] {
        assert!(!dir.join(FILE).exists());
        let ws = valid(dir);
        let d = ws.directive("gb-2023-08-02").unwrap();
        assert_eq!(d.status, Status::Blocked);
        assert_eq!(ws.file_of(d).path, "2023/thang-8/giao-ban.toml");
    }
}

#[test]
fn case01_the_same_file_moved_to_two_folders_settles_on_one_path_everywhere() {
    let o = offices();
    for (dir, folder) in [(&o.one, "2023/b"), (&o.two, "2023/a")] {
        std::fs::create_dir_all(dir.join(folder)).unwrap();
        std::fs::rename(dir.join(FILE), dir.join(folder).join("gb.toml")).unwrap();
    }
    set(
        &o.one,
        "gb-2023-08-03",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    set(
        &o.two,
        "gb-2023-08-04",
        status(Status::Done),
        "Clerk Two",
        "2023-10-10T10:00:00+07:00",
    );
    sync(&o.one);
    let (code, out, err) = sync_out(&o.two);
    assert_eq!(code, 0, "{out}{err}");
    sync(&o.one);
    assert_converged(&o);
    for dir in [&o.one, &o.two] {
        assert!(dir.join("2023/a/gb.toml").exists());
        assert!(!dir.join("2023/b/gb.toml").exists() && !dir.join(FILE).exists());
        assert_eq!(status_of(dir, "gb-2023-08-03"), Status::Blocked);
        assert_eq!(status_of(dir, "gb-2023-08-04"), Status::Done);
    }
}

/// A fake ssh that waits before serving the local repository: a slow network.
/// Clerk Two sets one directive done and syncs; Clerk One, not yet synced, blocks another:
/// One's next sync has something to pull and something to merge.
fn two_has_pushed_and_one_has_edited(o: &Offices) {
    set(
        &o.two,
        "gb-2023-08-03",
        status(Status::Done),
        "Clerk Two",
        "2023-10-10T08:00:00+07:00",
    );
    sync(&o.two);
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
}

fn slow_ssh(dir: &Path, seconds: u32) -> PathBuf {
    let script = dir.join("slow-ssh");
    std::fs::write(
        &script,
        format!("#!/bin/sh\nsleep {seconds}\nfor last; do :; done\nexec sh -c \"$last\"\n"),
    )
    .unwrap();
    Command::new("chmod")
        .arg("755")
        .arg(&script)
        .status()
        .unwrap();
    script
}

#[test]
fn case02_a_time_limit_on_a_slow_network_leaves_the_repository_exactly_as_it_was() {
    let o = offices();
    // Work of every kind: a dondoc edit, a staged hand edit, an untracked file, a stash.
    std::fs::write(o.one.join("notes.txt"), "x").unwrap();
    git(&o.one, &["add", "notes.txt"]);
    git(&o.one, &["stash", "-q"]);
    two_has_pushed_and_one_has_edited(&o);
    let config = read(&o.one, "dondoc.toml").replace("due_soon_days = 7", "due_soon_days = 8");
    std::fs::write(o.one.join("dondoc.toml"), config).unwrap();
    git(&o.one, &["add", "dondoc.toml"]);
    std::fs::write(o.one.join("scratch.txt"), "y").unwrap();
    let url = format!("ssh://slow{}", o.remote.display());
    git(&o.one, &["remote", "set-url", "origin", &url]);
    let before = State::of(&o.one);
    let script = slow_ssh(o.one.parent().unwrap(), 30);
    let out = Command::new(DONDOC)
        .arg("--data")
        .arg(&o.one)
        .args(["sync", "--timeout", "1"])
        .env("GIT_SSH_COMMAND", &script)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no answer within 1 s") && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(State::of(&o.one), before);
}

#[test]
fn case02_a_slow_merge_runs_to_its_end_whatever_the_time_limit() {
    let o = offices();
    // The driver takes longer than the network's time limit on a real merge.
    let driver = format!(
        "case %P in probe.toml) ;; *) sleep 3 ;; esac; '{DONDOC}' merge-driver %O %A %B %P"
    );
    git(&o.one, &["config", "merge.dondoc.driver", &driver]);
    two_has_pushed_and_one_has_edited(&o);
    let (code, out, err) = dondoc(&o.one, &["sync", "--timeout", "2"]);
    assert_eq!(code, 0, "{out}{err}");
    sync(&o.two);
    assert_converged(&o);
    assert_eq!(status_of(&o.two, "gb-2023-08-02"), Status::Blocked);
    assert_eq!(status_of(&o.one, "gb-2023-08-03"), Status::Done);
}

#[test]
fn case03_a_driver_that_cannot_run_or_was_never_set_up_is_replaced_before_pulling() {
    for broken in [true, false] {
        let o = offices();
        if broken {
            let gone = "/nonexistent/old/dondoc merge-driver %O %A %B %P";
            git(&o.two, &["config", "merge.dondoc.driver", gone]);
        } else {
            git(&o.two, &["config", "--remove-section", "merge.dondoc"]);
        }
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
            status(Status::Done),
            "Clerk Two",
            "2023-10-10T10:00:00+07:00",
        );
        let (code, out, err) = sync_out(&o.two);
        assert_eq!(code, 0, "{out}{err}");
        assert!(out.contains("dondoc registered itself"), "{out}");
        let driver = git(&o.two, &["config", "merge.dondoc.driver"]);
        assert!(driver.contains(DONDOC), "{driver}");
        sync(&o.one);
        assert_converged(&o);
        for dir in [&o.one, &o.two] {
            assert_eq!(status_of(dir, "gb-2023-08-02"), Status::Blocked);
            assert_eq!(status_of(dir, "gb-2023-08-03"), Status::Done);
        }
    }
}

#[test]
fn case04_two_changes_in_the_same_second_settle_the_same_way_on_every_clone() {
    let o = offices();
    let t = "2023-10-10T09:00:00+07:00";
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        t,
    );
    set(
        &o.two,
        "gb-2023-08-02",
        status(Status::Done),
        "Clerk Two",
        t,
    );
    sync(&o.one);
    sync(&o.two);
    sync(&o.one);
    assert_converged(&o);
    for dir in [&o.one, &o.two] {
        let ws = valid(dir);
        let d = ws.directive("gb-2023-08-02").unwrap();
        // Same instant: the author decides ("Clerk Two" after "Clerk One").
        assert_eq!(d.status, Status::Done);
        let by: Vec<&str> = d.log.iter().rev().take(2).map(|e| e.by.as_str()).collect();
        assert!(
            by.contains(&"Clerk One") && by.contains(&"Clerk Two"),
            "{by:?}"
        );
    }
    // And the clone is not stuck: the next syncs are clean.
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-11T09:00:00+07:00",
    );
    sync(&o.one);
    sync(&o.two);
    assert_eq!(status_of(&o.two, "gb-2023-08-02"), Status::Blocked);
}

#[test]
fn case05_a_later_change_back_to_the_old_value_wins_over_an_older_one() {
    for two_first in [true, false] {
        let o = offices();
        let before = status_of(&o.one, "gb-2023-08-05");
        set(
            &o.two,
            "gb-2023-08-05",
            status(Status::Done),
            "Clerk Two",
            "2023-10-10T08:00:00+07:00",
        );
        set(
            &o.one,
            "gb-2023-08-05",
            status(Status::Blocked),
            "Clerk One",
            "2023-10-10T09:00:00+07:00",
        );
        set(
            &o.one,
            "gb-2023-08-05",
            status(before),
            "Clerk One",
            "2023-10-10T10:00:00+07:00",
        );
        let (a, b) = if two_first {
            (&o.two, &o.one)
        } else {
            (&o.one, &o.two)
        };
        sync(a);
        sync(b);
        sync(a);
        assert_converged(&o);
        for dir in [&o.one, &o.two] {
            let ws = valid(dir);
            let d = ws.directive("gb-2023-08-05").unwrap();
            assert_eq!(d.status, before, "two first: {two_first}");
            assert_eq!(d.done_on, None);
            assert_eq!(d.log.last().unwrap().status, Some(before));
        }
    }
}

#[test]
fn case07_a_half_done_hand_edit_stops_sync_before_anything_changes() {
    let o = offices();
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    sync(&o.one);
    let good = read(&o.two, FILE);
    let broken = good.replacen("status = \"in_progress\"", "status = \"in_progress", 1);
    std::fs::write(o.two.join(FILE), &broken).unwrap();
    let before = State::of(&o.two);
    let (code, _, err) = sync_out(&o.two);
    assert_eq!(code, 2);
    let line = broken[..broken.find("status = \"in_progress\n").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        err.contains(&format!("{FILE}:{line}:")) && err.contains("nothing was changed"),
        "{err}"
    );
    assert_eq!(State::of(&o.two), before);
    // Once the edit is finished, sync goes through.
    let finished = good.replacen("status = \"in_progress\"", "status = \"blocked\"", 1);
    std::fs::write(o.two.join(FILE), finished).unwrap();
    sync(&o.two);
    sync(&o.one);
    assert_converged(&o);
}

#[test]
fn case08_messages_say_what_happened() {
    let o = offices();
    // A commit made outside sync (an earlier sync that could not push leaves the same).
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    git(&o.one, &["commit", "-q", "-am", "by hand"]);
    let (code, out, err) = sync_out(&o.one);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("synced: 1 commit(s) pushed"), "{out}");
    // Log times to the second: the order that decides a merge is visible.
    let (code, shown, err) = dondoc(&o.one, &["show", "gb-2023-08-02"]);
    assert_eq!(code, 0, "{err}");
    assert!(shown.contains("2023-10-10 09:00:00 +07:00"), "{shown}");
    // A file that stops parsing is not "removed by others".
    let text = read(&o.one, FILE).replacen("status = \"open\"", "status = \"open", 1);
    std::fs::write(o.one.join(FILE), text).unwrap();
    git(&o.one, &["commit", "-q", "-am", "broken by hand"]);
    git(&o.one, &["push", "-q"]);
    let (code, out, err) = sync_out(&o.two);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("removed"), "{out}");
    assert!(
        out.contains(&format!("does not load now: {FILE}:")),
        "{out}"
    );
}

#[test]
fn case08_a_deletion_undone_by_the_merge_is_not_added_by_others() {
    let o = offices();
    let text = read(&o.one, FILE);
    let at = text.find("id = \"gb-2023-08-30\"").unwrap();
    let start = text[..at].rfind("[[directive]]").unwrap();
    let end = text[at..]
        .find("[[directive]]")
        .map_or(text.len(), |e| at + e);
    let mut without = text.clone();
    without.replace_range(start..end, "");
    std::fs::write(o.one.join(FILE), without).unwrap();
    set(
        &o.two,
        "gb-2023-08-30",
        status(Status::Blocked),
        "Clerk Two",
        "2023-10-10T09:00:00+07:00",
    );
    sync(&o.two);
    let (code, out, err) = sync_out(&o.one);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("kept although you deleted them") && out.contains("gb-2023-08-30"),
        "{out}"
    );
    assert!(!out.contains("added by others"), "{out}");
    assert_eq!(status_of(&o.one, "gb-2023-08-30"), Status::Blocked);
}

#[test]
fn case09_hand_comments_of_both_sides_all_survive_a_field_merge() {
    let o = offices();
    let comment = |dir: &Path, anchor: &str, line: &str| {
        let text = read(dir, FILE);
        let with = text.replacen(anchor, &format!("{line}\n{anchor}"), 1);
        assert_ne!(text, with);
        std::fs::write(dir.join(FILE), with).unwrap();
    };
    comment(&o.one, "id = \"gb-2023-08-09\"", "# one: above the id");
    comment(&o.two, "id = \"gb-2023-08-09\"", "# two: above the id");
    set(
        &o.one,
        "gb-2023-08-09",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    set(
        &o.two,
        "gb-2023-08-09",
        status(Status::Done),
        "Clerk Two",
        "2023-10-10T10:00:00+07:00",
    );
    comment(&o.two, "id = \"gb-2023-08-11\"", "# two: only here");
    sync(&o.one);
    sync(&o.two);
    sync(&o.one);
    assert_converged(&o);
    for dir in [&o.one, &o.two] {
        let text = read(dir, FILE);
        for c in [
            "# one: above the id",
            "# two: above the id",
            "# two: only here",
        ] {
            assert_eq!(text.matches(c).count(), 1, "{c}\n{text}");
        }
        assert_eq!(status_of(dir, "gb-2023-08-09"), Status::Done);
    }
}

#[test]
fn case10_the_same_new_id_on_two_clones_is_reported_never_a_stop() {
    let o = offices();
    let entry = |text: &str| {
        format!("\n[[directive]]\nid = \"gb-2023-08-90\"\ntext = \"{text}\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n")
    };
    std::fs::write(o.one.join("2023/them.toml"), entry("Một")).unwrap();
    let mut text = read(&o.two, FILE);
    text.push_str(&entry("Hai"));
    std::fs::write(o.two.join(FILE), text).unwrap();
    sync(&o.one);
    let (code, out, err) = sync_out(&o.two);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("gb-2023-08-90") && out.contains("2023/them.toml") && out.contains(FILE),
        "{out}"
    );
    sync(&o.one);
    // In one file, with different content: kept twice, reported, and sync goes on.
    let o = offices();
    for (dir, t) in [(&o.one, "Ba"), (&o.two, "Bốn")] {
        let mut text = read(dir, FILE);
        text.push_str(&entry(t));
        std::fs::write(dir.join(FILE), text).unwrap();
    }
    sync(&o.one);
    let (code, out, err) = sync_out(&o.two);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("gb-2023-08-90"), "{out}");
    let text = read(&o.two, FILE);
    assert!(text.contains("\"Ba\"") && text.contains("\"Bốn\""));
    sync(&o.one);
    assert_eq!(read(&o.one, FILE), text);
}

#[test]
fn case11_a_side_that_is_not_utf8_is_refused_and_never_pushed() {
    let o = offices();
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    sync(&o.one);
    // Clerk two saves the file in Latin-1 from another editor, in another directive, and
    // commits it by hand.
    let mut bytes = read(&o.two, FILE).into_bytes();
    let at = String::from_utf8_lossy(&bytes)
        .find("id = \"gb-2023-08-30\"")
        .unwrap();
    bytes.splice(at..at, b"# Ph\xe1t\n".iter().copied());
    std::fs::write(o.two.join(FILE), &bytes).unwrap();
    git(&o.two, &["commit", "-q", "-am", "latin-1"]);
    let before = State::of(&o.two);
    let (code, _, err) = sync_out(&o.two);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("not UTF-8") && err.contains(FILE), "{err}");
    assert_eq!(State::of(&o.two), before);
    let remote = git(&o.remote, &["show", &format!("main:{FILE}")]);
    assert!(!remote.contains('\u{fffd}'));
}

#[test]
fn case12_owners_added_on_two_clones_merge_by_id() {
    let o = offices();
    for (dir, id) in [(&o.one, "so-moi-1"), (&o.two, "so-moi-2")] {
        let mut text = read(dir, "dondoc.toml");
        text.push_str(&format!(
            "\n[[owner]]\nid = \"{id}\"\nname = \"Sở mới {id}\"\nshort = \"{id}\"\ngroup = \"Sở, ngành\"\n"
        ));
        std::fs::write(dir.join("dondoc.toml"), text).unwrap();
    }
    sync(&o.one);
    sync(&o.two);
    sync(&o.one);
    assert_converged(&o);
    for dir in [&o.one, &o.two] {
        let ws = valid(dir);
        for id in ["so-moi-1", "so-moi-2"] {
            assert!(ws.owners.iter().any(|u| u.id == id), "{id}");
        }
    }
}

#[test]
fn case13_a_second_sync_in_one_clone_says_another_is_running() {
    let o = offices();
    set(
        &o.one,
        "gb-2023-08-02",
        status(Status::Blocked),
        "Clerk One",
        "2023-10-10T09:00:00+07:00",
    );
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(o.one.join(".git/dondoc-sync.lock"))
        .unwrap();
    lock.lock().unwrap();
    let before = State::of(&o.one);
    let (code, _, err) = sync_out(&o.one);
    assert_eq!(code, 2);
    assert!(err.contains("another sync is running"), "{err}");
    assert_eq!(State::of(&o.one), before);
    drop(lock);
    sync(&o.one);
}
