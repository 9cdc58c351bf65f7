//! The write path against other programs that take no lock: a file saved in place while
//! dondoc reads it, a save landing between dondoc's last check and its rename, the lock held
//! by another dondoc, leftovers of a killed write, modes and groups, links.

use crate::store::common::*;
use dondoc::model::Status;
use dondoc::store::edit::{apply, Change, Edit};
use dondoc::store::guard::{ensure_gitignore, LockError, WorkspaceLock};
use dondoc::store::write::{write_edit, write_to_disk_observed, Stage, WriteError};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::sync::{Arc, Barrier};
use std::time::Duration;

const FILE: &str = "2023/comments.toml";

fn ours(id: &str) -> Edit {
    edit(
        id,
        Change {
            status: Some(Status::Blocked),
            ..Default::default()
        },
    )
}

fn theirs(id: &str, note: &str) -> Edit {
    Edit {
        by: "Trần Văn Khác".into(),
        ..edit(
            id,
            Change {
                note: Some(Some(note.into())),
                ..Default::default()
            },
        )
    }
}

/// The text up to the third `[[directive]]`: a file that parses, with t-03 missing.
fn first_part(text: &str) -> &str {
    let third = text.match_indices("[[directive]]").nth(2).unwrap().0;
    &text[..third]
}

#[test]
fn a_file_half_saved_in_place_is_refused_and_not_replaced() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let full = t.read(FILE);
    let half = first_part(&full).to_string();
    let path = t.path(FILE);
    let half_written = Arc::new(Barrier::new(2));
    let may_finish = Arc::new(Barrier::new(2));
    // Another program saving in place: truncate, write a part, (slow disk), write the rest.
    let writer = {
        let (half_written, may_finish) = (half_written.clone(), may_finish.clone());
        let (full, half) = (full.clone(), half.clone());
        std::thread::spawn(move || {
            let mut f = std::fs::File::create(&path).unwrap();
            f.write_all(half.as_bytes()).unwrap();
            half_written.wait();
            may_finish.wait();
            f.write_all(&full.as_bytes()[half.len()..]).unwrap();
        })
    };
    half_written.wait();
    let error = write_edit(&mut ws, &ours("t-01")).unwrap_err();
    // Where the system tells that the file is still open for writing, dondoc waits for the
    // save to end and gives up while it does not; elsewhere it sees the directive lost.
    if crate::common::writers_visible(t.root()) {
        assert!(
            matches!(&error, WriteError::Unsettled { path } if path == FILE),
            "{error:?}"
        );
    } else {
        assert!(
            matches!(&error, WriteError::Cut { path, missing } if path == FILE && missing == &["t-03"]),
            "{error:?}"
        );
    }
    assert!(error.to_string().starts_with(FILE), "{error}");
    // Nothing was written over the half: the other program's save completes as it meant.
    assert_eq!(t.read(FILE), half);
    may_finish.wait();
    writer.join().unwrap();
    assert_eq!(t.read(FILE), full);
    // Read again, the file takes the edit.
    let mut ws = t.load();
    write_edit(&mut ws, &ours("t-01")).unwrap();
    assert_eq!(t.read(FILE), apply(&full, &ours("t-01")).unwrap());
}

#[test]
fn a_file_with_a_new_problem_since_the_load_is_refused() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let text = t.read(FILE);
    let bad = replace_once(&text, "id = \"t-03\"", "id = \"t-03\"\ncolour = \"red\"");
    t.write(FILE, &bad);
    let error = write_edit(&mut ws, &ours("t-01")).unwrap_err();
    assert!(matches!(error, WriteError::NewProblems { .. }), "{error:?}");
    assert_eq!(t.read(FILE), bad);
}

/// Saves `next` the way editors do: a new file renamed over the old one.
fn save_atomically(path: &std::path::Path, next: &str) {
    let tmp = path.with_extension("editor-swp");
    std::fs::write(&tmp, next).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

#[test]
fn a_save_between_the_check_and_the_rename_is_kept() {
    for stage in [Stage::Read, Stage::BeforeRename, Stage::Checked] {
        let t = TestWs::copy_of(&fixtures().join("ws"));
        let ws = t.load();
        let original = t.read(FILE);
        let hand = apply(&original, &theirs("t-03", "Sửa tay")).unwrap();
        let path = t.path(FILE);
        let mut saved = false;
        // What a reader finds on disk when the edit starts over on top of the save.
        let mut seen_on_retry: Option<String> = None;
        let written = write_to_disk_observed(&ws, &ours("t-01"), &mut |at| {
            if at == Stage::Read && saved && seen_on_retry.is_none() {
                seen_on_retry = Some(std::fs::read_to_string(&path).unwrap());
            }
            if at == stage && !saved {
                saved = true;
                save_atomically(&path, &hand);
            }
        })
        .unwrap();
        assert!(saved);
        assert!(written.rebased, "{stage:?}");
        assert_eq!(
            t.read(FILE),
            apply(&hand, &ours("t-01")).unwrap(),
            "{stage:?}: both changes are in the file"
        );
        if stage == Stage::Checked {
            // The save our rename displaced is back at once, not only after the retry.
            assert_eq!(seen_on_retry.as_deref(), Some(hand.as_str()));
        }
    }
}

#[test]
fn a_save_into_our_new_file_is_not_undone_when_an_older_save_is_put_back() {
    // A save renamed over the file after dondoc's check is found in the file dondoc
    // replaced; meanwhile another save went into dondoc's new file. Putting the older save
    // back would lose the newer: the newer one stays and the edit goes on top of it.
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let ws = t.load();
    let original = t.read(FILE);
    let first = apply(&original, &theirs("t-03", "Lần một")).unwrap();
    let second = apply(&first, &theirs("t-02", "Lần hai")).unwrap();
    let path = t.path(FILE);
    let (mut renamed, mut written) = (false, false);
    let result = write_to_disk_observed(&ws, &ours("t-01"), &mut |at| match at {
        Stage::Checked if !renamed => {
            renamed = true;
            save_atomically(&path, &first);
        }
        Stage::AfterRename if !written => {
            written = true;
            let mut f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
            f.set_len(0).unwrap();
            f.write_all(second.as_bytes()).unwrap();
        }
        _ => {}
    });
    result.unwrap();
    assert!(renamed && written);
    assert_eq!(t.read(FILE), apply(&second, &ours("t-01")).unwrap());
}

#[test]
fn a_save_into_the_old_file_after_the_rename_is_waited_for_and_kept() {
    // An editor opened the file just before dondoc's rename and writes into it after: its
    // save lands in the file dondoc replaced. dondoc waits while the file is open for
    // writing, finds the save, puts it back and applies its edit on top.
    let t = TestWs::copy_of(&fixtures().join("ws"));
    if !crate::common::writers_visible(t.root()) {
        eprintln!("skipped: this system does not tell whether a file is open for writing");
        return;
    }
    let ws = t.load();
    let original = t.read(FILE);
    let hand = apply(&original, &theirs("t-03", "Lưu chậm")).unwrap();
    let path = t.path(FILE);
    let mut handle: Option<std::fs::File> = None;
    let mut waited = false;
    let result = write_to_disk_observed(&ws, &ours("t-01"), &mut |at| match at {
        Stage::Checked if handle.is_none() && !waited => {
            handle = Some(std::fs::OpenOptions::new().write(true).open(&path).unwrap());
        }
        Stage::Waiting => {
            waited = true;
            if let Some(mut f) = handle.take() {
                f.set_len(0).unwrap();
                f.write_all(hand.as_bytes()).unwrap();
            }
        }
        _ => {}
    });
    // Without the wait, the slow save comes after the write returned.
    if let Some(mut f) = handle.take() {
        f.set_len(0).unwrap();
        f.write_all(hand.as_bytes()).unwrap();
    }
    let written = result.unwrap();
    assert!(
        waited,
        "the write waited for the program writing the old file"
    );
    assert!(written.rebased);
    assert_eq!(t.read(FILE), apply(&hand, &ours("t-01")).unwrap());
}

#[test]
fn a_save_into_the_old_file_after_the_check_is_kept() {
    // An editor that opened the file before dondoc's check writes into it after: its save
    // lands in the file dondoc replaces.
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let ws = t.load();
    let original = t.read(FILE);
    let hand = apply(&original, &theirs("t-03", "Sửa tại chỗ")).unwrap();
    let path = t.path(FILE);
    let mut handle: Option<std::fs::File> = None;
    let mut opened = false;
    write_to_disk_observed(&ws, &ours("t-01"), &mut |at| match at {
        Stage::Read if !opened => {
            opened = true;
            handle = Some(std::fs::OpenOptions::new().write(true).open(&path).unwrap());
        }
        Stage::Checked => {
            if let Some(mut f) = handle.take() {
                f.set_len(0).unwrap();
                f.write_all(hand.as_bytes()).unwrap();
            }
        }
        _ => {}
    })
    .unwrap();
    assert_eq!(t.read(FILE), apply(&hand, &ours("t-01")).unwrap());
}

#[test]
fn a_displaced_save_that_changed_the_same_directive_is_put_back() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let ws = t.load();
    let original = t.read(FILE);
    let hand = apply(&original, &theirs("t-01", "Họ sửa trước")).unwrap();
    let path = t.path(FILE);
    let mut saved = false;
    let error = write_to_disk_observed(&ws, &ours("t-01"), &mut |at| {
        if at == Stage::Checked && !saved {
            saved = true;
            save_atomically(&path, &hand);
        }
    })
    .unwrap_err();
    assert!(matches!(error, WriteError::Stale { .. }), "{error:?}");
    assert_eq!(t.read(FILE), hand, "their save is on disk, ours is not");
}

#[test]
fn a_held_lock_is_waited_for_a_limited_time_then_refused() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let held = WorkspaceLock::acquire(t.root()).unwrap();
    let error = match WorkspaceLock::acquire_within(t.root(), Duration::from_millis(30)) {
        Err(e) => e,
        Ok(_) => panic!("the lock is held"),
    };
    assert!(matches!(error, LockError::Busy { .. }), "{error:?}");
    assert!(error.to_string().contains("another dondoc"), "{error}");
    drop(held);
    assert!(WorkspaceLock::acquire_within(t.root(), Duration::from_millis(30)).is_ok());
}

#[test]
fn a_lock_file_that_is_a_link_is_not_followed() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let victim = t.path("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    std::os::unix::fs::symlink(&victim, WorkspaceLock::path(t.root())).unwrap();
    let mut ws = t.load();
    let error = write_edit(&mut ws, &ours("t-01")).unwrap_err();
    assert!(
        matches!(error, WriteError::Lock(LockError::Symlink { .. })),
        "{error:?}"
    );
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
}

#[test]
fn a_lock_file_that_cannot_be_made_says_so() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let error = match WorkspaceLock::acquire(&t.path("no-such-folder")) {
        Err(e) => e,
        Ok(_) => panic!("no folder, no lock"),
    };
    assert!(
        error.to_string().contains("cannot create the lock file"),
        "{error}"
    );
}

#[test]
fn leftover_temporary_files_go_when_the_lock_is_next_taken() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let old = t.path("2023/.dondoc-AbC123.tmp");
    let fresh = t.path(".dondoc-XyZ789.tmp");
    let other = t.path("2023/.notes.tmp");
    for p in [&old, &fresh, &other] {
        std::fs::write(p, "half").unwrap();
    }
    let hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    for p in [&old, &other] {
        std::fs::File::options()
            .write(true)
            .open(p)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    let mut ws = t.load();
    write_edit(&mut ws, &ours("t-01")).unwrap();
    assert!(!old.exists(), "a killed write's leftover is removed");
    assert!(fresh.exists(), "one that may be in use is kept");
    assert!(other.exists(), "only dondoc's own");
}

#[test]
fn a_replaced_file_keeps_its_mode_and_group() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let path = t.path(FILE);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o664)).unwrap();
    // Another group, when this account may give it (root in CI containers; else the own).
    let gid = 4242;
    let group_set = std::os::unix::fs::chown(&path, None, Some(gid)).is_ok();
    let mut ws = t.load();
    write_edit(&mut ws, &ours("t-01")).unwrap();
    let meta = std::fs::metadata(&path).unwrap();
    assert_eq!(meta.mode() & 0o7777, 0o664);
    if group_set {
        assert_eq!(meta.gid(), gid);
    }
}

fn umask_mode() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mask = status
        .lines()
        .find_map(|l| l.strip_prefix("Umask:"))
        .and_then(|m| u32::from_str_radix(m.trim(), 8).ok())
        .unwrap_or(0o022);
    0o666 & !mask
}

#[test]
fn a_new_file_gets_the_usual_mode_not_0600() {
    let t = TestWs::new();
    assert!(ensure_gitignore(t.root()).unwrap());
    let meta = std::fs::metadata(t.path(".gitignore")).unwrap();
    assert_eq!(meta.mode() & 0o777, umask_mode());
    let text = t.read(".gitignore");
    assert!(text.lines().any(|l| l == ".dondoc.lock"), "{text}");
    assert!(text.lines().any(|l| l == ".dondoc-*.tmp"), "{text}");
    assert!(!ensure_gitignore(t.root()).unwrap(), "added once");
}

#[test]
fn a_file_replaced_by_a_link_since_the_load_is_not_written_through() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let mut ws = t.load();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("bashrc.toml");
    std::fs::write(&victim, "# someone's file\n").unwrap();
    std::fs::remove_file(t.path(FILE)).unwrap();
    std::os::unix::fs::symlink(&victim, t.path(FILE)).unwrap();
    let error = write_edit(&mut ws, &ours("t-01")).unwrap_err();
    assert!(matches!(error, WriteError::Redirected { .. }), "{error:?}");
    assert_eq!(
        std::fs::read_to_string(&victim).unwrap(),
        "# someone's file\n"
    );
}

#[test]
fn one_value_out_of_range_does_not_block_the_other_directives_of_its_file() {
    let t = TestWs::copy_of(&fixtures().join("ws"));
    let text = t.read(FILE);
    let bad = replace_once(&text, "id = \"t-03\"", "id = \"t-03\"\ndeadline = 1e400");
    t.write(FILE, &bad);
    let mut ws = t.load();
    assert!(
        ws.problems.iter().any(|p| p.path == FILE),
        "{:?}",
        ws.problems
    );
    write_edit(&mut ws, &ours("t-01")).unwrap();
    let after = t.read(FILE);
    assert!(
        after.contains("deadline = 1e400"),
        "the bad value is left as written"
    );
    assert_eq!(after, apply(&bad, &ours("t-01")).unwrap());
    assert!(after.contains("status = \"blocked\""));
}
