//! Helpers every area's tests use.

use std::path::Path;
use std::process::Command;

/// The sample's September meeting. Most tests count the August meeting's figures, so their
/// copies of `data/` leave it out; `report::september_*` tests read it on its own.
pub const SEPTEMBER_SAMPLE: &str = "giao-ban-2023-09-20.toml";

/// Copies a folder tree (the sample `data/` without [`SEPTEMBER_SAMPLE`], a fixture) into a
/// temporary folder.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == SEPTEMBER_SAMPLE {
            continue;
        }
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs `git -C dir args…` without the machine's system config; panics with git's message
/// when it fails, else returns its output.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Makes `dir` a git repository on `branch` with everything in it committed (by "Setup").
pub fn init_repo(dir: &Path, branch: &str) {
    git(dir, &["init", "-q", "-b", branch]);
    git(dir, &["add", "-A"]);
    git(
        dir,
        &[
            "-c",
            "user.name=Setup",
            "-c",
            "user.email=setup@example.org",
            "commit",
            "-qm",
            "start",
        ],
    );
}

/// `dondoc.toml`'s text with its `timezone` line (the sample has Vietnam's) dropped, then
/// `zone` written after `due_soon_days` when given.
pub fn with_zone(config: &str, zone: Option<&str>) -> String {
    let mut out: String = config
        .split_inclusive('\n')
        .filter(|l| !l.starts_with("timezone"))
        .collect();
    if let Some(zone) = zone {
        out = out.replacen(
            "due_soon_days = 7\n",
            &format!("due_soon_days = 7\ntimezone = \"{zone}\"\n"),
            1,
        );
        assert!(
            out.contains("timezone"),
            "no due_soon_days line to put it after"
        );
    }
    out
}

/// Whether this system can tell that a file is open for writing (Linux leases): a file made in
/// `dir` and opened for writing is looked at as dondoc looks.
pub fn writers_visible(dir: &Path) -> bool {
    let probe = dir.join("probe.txt");
    std::fs::write(&probe, "x").unwrap();
    let reader = std::fs::File::open(&probe).unwrap();
    let _writer = std::fs::OpenOptions::new()
        .write(true)
        .open(&probe)
        .unwrap();
    let visible = dondoc::store::guard::open_for_writing(&reader) == Some(true);
    std::fs::remove_file(&probe).unwrap();
    visible
}
