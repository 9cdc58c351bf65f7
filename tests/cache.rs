//! The load cache never changes an answer: after every way a file can change, a load through
//! the cache gives exactly what a load without it gives.

use dondoc::model::Workspace;
use dondoc::store::{
    load_for_edit_with_cache, load_problems_with_cache, load_with_cache,
    load_without_logs_with_cache, CacheUse,
};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

const CONFIG: &str = "title = \"T\"\n\n[[owner]]\nid = \"a\"\nname = \"A\"\ngroup = \"G\"\n\n[[owner]]\nid = \"b\"\nname = \"B\"\ngroup = \"G\"\n";

fn directive_file(ids: &[&str], status: &str) -> String {
    let mut s = "[source]\ntitle = \"Giao ban\"\ndate = 2023-08-25\n".to_string();
    for id in ids {
        s.push_str(&format!(
            "\n[[directive]]\nid = \"{id}\"\ntext = \"Việc {id}\"\nowner = \"a\"\ndeadline = 2023-10-31\nstatus = \"{status}\"\n\n[[directive.log]]\nat = 2023-08-25T09:00:00+07:00\nby = \"Nguyễn Văn A\"\ncreated = true\n"
        ));
    }
    s
}

struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
    cache: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ws");
    fs::create_dir_all(root.join("2023")).unwrap();
    fs::write(root.join("dondoc.toml"), CONFIG).unwrap();
    fs::write(
        root.join("2023/a.toml"),
        directive_file(&["x-1", "x-2"], "open"),
    )
    .unwrap();
    fs::write(root.join("2023/b.toml"), directive_file(&["x-3"], "open")).unwrap();
    fs::write(root.join("c.toml"), directive_file(&["x-4", "x-1"], "open")).unwrap();
    let cache = dir.path().join("cache/ws");
    Fixture {
        _dir: dir,
        root,
        cache,
    }
}

/// Everything a load answers, as text.
fn answer(ws: &Workspace) -> String {
    format!(
        "{:#?}\n{:#?}\n{:#?}\n{:#?}",
        ws.files, ws.directives, ws.problems, ws.owners
    )
}

fn uncached(root: &Path) -> String {
    answer(&load_with_cache(root, None, SystemTime::now()).unwrap().0)
}

/// What `set` loads for each id (and for one that no file holds) agrees with a full load
/// without the cache: the same directive, from the same file, read from the same bytes.
fn edit_loads_agree(f: &Fixture, now: SystemTime, name: &str) {
    let full = load_with_cache(&f.root, None, SystemTime::now()).unwrap().0;
    let mut ids: Vec<&str> = full.directives.iter().map(|d| d.id.as_str()).collect();
    ids.extend(["x-9", "nowhere"]);
    for id in ids {
        let (ws, _) = load_for_edit_with_cache(&f.root, id, Some(&f.cache), now).unwrap();
        let got = ws.directive(id).map(|d| (d.clone(), ws.file_of(d).clone()));
        let want = full
            .directive(id)
            .map(|d| (d.clone(), full.file_of(d).clone()));
        match (got, want) {
            (None, None) => {}
            (Some((d, file)), Some((w, wfile))) => {
                assert!(d.same_content(&w), "{name}: {id}: {d:?} != {w:?}");
                assert_eq!(d.line, w.line, "{name}: {id}");
                assert_eq!(
                    (&file.path, file.fingerprint, &file.broken),
                    (&wfile.path, wfile.fingerprint, &wfile.broken),
                    "{name}: {id}"
                );
            }
            (got, want) => panic!("{name}: {id}: {got:?} != {want:?}"),
        }
        assert_eq!(ws.owners, full.owners, "{name}");
    }
}

/// What `validate` loads (the problems and the counts) and what `list` loads (no logs) agree
/// with a full load without the cache; and a full load from the cache they wrote still has
/// every log.
fn lean_loads_agree(f: &Fixture, now: SystemTime, name: &str) {
    let mut full = load_with_cache(&f.root, None, SystemTime::now()).unwrap().0;
    let (problems, _) = load_problems_with_cache(&f.root, Some(&f.cache), now).unwrap();
    assert_eq!(problems.problems, full.problems, "{name}: problems");
    assert_eq!(
        (problems.directives, problems.files, problems.owners),
        (full.directives.len(), full.files.len(), full.owners.len()),
        "{name}: counts"
    );
    let (again, _) = cached(f, now);
    assert_eq!(again, answer(&full), "{name}: after the problems' load");
    let (lean, _) = load_without_logs_with_cache(&f.root, Some(&f.cache), now).unwrap();
    let (again, _) = cached(f, now);
    assert_eq!(again, answer(&full), "{name}: after a load without logs");
    assert!(
        full.directives.iter().any(|d| !d.log.is_empty()),
        "{name}: the fixture has logs"
    );
    for d in &mut full.directives {
        d.log.clear();
    }
    assert_eq!(answer(&lean), answer(&full), "{name}: without logs");
}

fn cached(f: &Fixture, now: SystemTime) -> (String, CacheUse) {
    let (ws, used) = load_with_cache(&f.root, Some(&f.cache), now).unwrap();
    (answer(&ws), used)
}

/// Rewrites `rel` with `text` until its ctime differs from before (the clock has ticked):
/// a load that pretends to run an hour later trusts a stat that a same-tick edit left equal.
fn rewrite_after_tick(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    let before = ctime(&path);
    loop {
        fs::write(&path, text).unwrap();
        if ctime(&path) != before {
            return;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn ctime(path: &Path) -> (i64, i64) {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path).unwrap();
    (m.ctime(), m.ctime_nsec())
}

fn set_mtime(path: &Path, t: SystemTime) {
    fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(t)
        .unwrap();
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "T")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "T")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    assert!(out.status.success(), "git {args:?}: {out:?}");
}

type Change = (&'static str, Box<dyn Fn(&Path)>);

fn c(name: &'static str, change: impl Fn(&Path) + 'static) -> Change {
    (name, Box::new(change))
}

/// Every way a file can change, each applied to a fresh workspace after a cached load.
fn changes() -> Vec<Change> {
    let same_size = |root: &Path| {
        // Same size and the old mtime: only the ctime tells.
        let path = root.join("2023/a.toml");
        let old = mtime(&path);
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace("Việc x-2", "Việc x-9");
        rewrite_after_tick(root, "2023/a.toml", &text);
        set_mtime(&path, old);
    };
    vec![
        c("nothing", |_: &Path| {}),
        c("edit, same size, same mtime", same_size),
        c("edit, other size", |root: &Path| {
            rewrite_after_tick(root, "2023/b.toml", &directive_file(&["x-3"], "blocked"))
        }),
        c("touched", |root: &Path| {
            set_mtime(&root.join("c.toml"), SystemTime::now());
        }),
        c("replaced by rename", |root: &Path| {
            let tmp = root.join(".new.toml");
            fs::write(&tmp, directive_file(&["x-3", "x-5"], "done")).unwrap();
            fs::rename(&tmp, root.join("2023/b.toml")).unwrap();
        }),
        c("deleted", |root: &Path| {
            fs::remove_file(root.join("2023/a.toml")).unwrap()
        }),
        c("new file", |root: &Path| {
            fs::write(
                root.join("2023/d.toml"),
                directive_file(&["x-6", "x-3"], "open"),
            )
            .unwrap()
        }),
        c("broken file", |root: &Path| {
            rewrite_after_tick(root, "c.toml", "[source\ntitle = \"x\"\n");
        }),
        c("clock skew: an edit dated a day ahead", |root: &Path| {
            let path = root.join("2023/b.toml");
            rewrite_after_tick(root, "2023/b.toml", &directive_file(&["x-3"], "cancelled"));
            set_mtime(&path, SystemTime::now() + Duration::from_secs(86_400));
        }),
        c("clock skew: an edit dated a year back", |root: &Path| {
            let path = root.join("2023/b.toml");
            rewrite_after_tick(
                root,
                "2023/b.toml",
                &directive_file(&["x-3"], "in_progress"),
            );
            set_mtime(&path, SystemTime::now() - Duration::from_secs(365 * 86_400));
        }),
        c("dondoc.toml: an owner removed", |root: &Path| {
            let text = CONFIG.replace("id = \"a\"\nname = \"A\"", "id = \"z\"\nname = \"Z\"");
            rewrite_after_tick(root, "dondoc.toml", &text);
        }),
        c("the cache file broken", |root: &Path| {
            let cache = root.parent().unwrap().join("cache/ws");
            let mut bytes = fs::read(&cache).unwrap();
            let half = bytes.len() / 2;
            bytes.truncate(half);
            fs::write(&cache, bytes).unwrap();
        }),
        c("the cache file's entries zeroed", |root: &Path| {
            let cache = root.parent().unwrap().join("cache/ws");
            let mut bytes = fs::read(&cache).unwrap();
            let n = bytes.len();
            bytes[n - 40..].fill(0);
            fs::write(&cache, bytes).unwrap();
        }),
    ]
}

/// With the real clock every file is young: git's racy rule makes the cache re-read them.
#[test]
fn every_change_right_after_a_load_gives_the_uncached_answer() {
    for (name, change) in changes() {
        let f = fixture();
        let (first, _) = cached(&f, SystemTime::now());
        assert_eq!(first, uncached(&f.root), "{name}: first load");
        assert!(f.cache.exists(), "{name}: no cache written");
        change(&f.root);
        let (after, _) = cached(&f, SystemTime::now());
        assert_eq!(after, uncached(&f.root), "{name}");
        // And again, from the cache that load wrote.
        let (again, _) = cached(&f, SystemTime::now());
        assert_eq!(again, uncached(&f.root), "{name}: second load");
        edit_loads_agree(&f, SystemTime::now(), name);
        lean_loads_agree(&f, SystemTime::now(), name);
    }
}

/// Loads that run "an hour later": every file has settled, so the cache trusts matching stats
/// and must notice each change by its stat alone.
#[test]
fn every_change_after_files_settled_gives_the_uncached_answer() {
    let later = || SystemTime::now() + Duration::from_secs(3600);
    for (name, change) in changes() {
        let f = fixture();
        let (first, used) = cached(&f, later());
        assert_eq!(first, uncached(&f.root), "{name}: first load");
        assert_eq!(used.parsed, 3, "{name}: the first load parses every file");
        let (_, used) = cached(&f, later());
        assert_eq!(
            used,
            CacheUse {
                by_stat: 3,
                by_content: 0,
                parsed: 0
            },
            "{name}: an unchanged workspace comes from the cache"
        );
        change(&f.root);
        let (after, _) = cached(&f, later());
        assert_eq!(after, uncached(&f.root), "{name}");
        let (again, _) = cached(&f, later());
        assert_eq!(again, uncached(&f.root), "{name}: second load");
        edit_loads_agree(&f, later(), name);
        lean_loads_agree(&f, later(), name);
    }
}

#[test]
fn a_touched_file_is_read_but_not_parsed_again() {
    let f = fixture();
    let later = SystemTime::now() + Duration::from_secs(3600);
    cached(&f, later);
    set_mtime(
        &f.root.join("c.toml"),
        SystemTime::now() - Duration::from_secs(60),
    );
    let (answer, used) = cached(&f, later);
    assert_eq!(answer, uncached(&f.root));
    assert_eq!(
        used,
        CacheUse {
            by_stat: 2,
            by_content: 1,
            parsed: 0
        }
    );
}

#[test]
fn git_checkout_of_an_older_version_gives_the_uncached_answer() {
    let f = fixture();
    assert_eq!(dondoc::store::cache_location(&f.root), None);
    git(&f.root, &["init", "-q"]);
    git(&f.root, &["add", "-A"]);
    git(&f.root, &["commit", "-q", "-m", "one"]);
    rewrite_after_tick(
        &f.root,
        "2023/a.toml",
        &directive_file(&["x-1", "x-2"], "done"),
    );
    fs::write(f.root.join("e.toml"), directive_file(&["x-7"], "open")).unwrap();
    git(&f.root, &["add", "-A"]);
    git(&f.root, &["commit", "-q", "-m", "two"]);
    // Outside git, a workspace in the temporary folder gets no cache (it would outlive it);
    // in a repository the cache lives in .git.
    let scratch = tempfile::tempdir().unwrap();
    assert_eq!(dondoc::store::cache_location(scratch.path()), None);
    let location = dondoc::store::cache_location(&f.root).unwrap();
    assert!(location.starts_with(f.root.join(".git").canonicalize().unwrap()));
    let later = || SystemTime::now() + Duration::from_secs(3600);
    let load = || {
        let (ws, used) = load_with_cache(&f.root, Some(&location), later()).unwrap();
        (answer(&ws), used)
    };
    let (before, _) = load();
    assert_eq!(before, uncached(&f.root));
    assert_eq!(load().1.by_stat, 4);
    git(&f.root, &["checkout", "-q", "HEAD~1"]);
    let (after, _) = load();
    assert_eq!(after, uncached(&f.root));
    assert_ne!(after, before);
    git(&f.root, &["checkout", "-q", "-"]);
    assert_eq!(load().0, before);
}

/// A change by id after one in another file: what `set` loads for it was read by the cache
/// for every other file, and still sees a directive with the same id added to an earlier file.
#[test]
fn an_edit_load_reads_one_file_and_sees_a_duplicate_made_earlier_in_path_order() {
    let f = fixture();
    let later = || SystemTime::now() + Duration::from_secs(3600);
    cached(&f, later());
    let (ws, used) = load_for_edit_with_cache(&f.root, "x-3", Some(&f.cache), later()).unwrap();
    assert_eq!(
        used,
        CacheUse {
            by_stat: 3,
            by_content: 0,
            parsed: 0
        }
    );
    assert_eq!(ws.files.len(), 1);
    assert_eq!(ws.file_of(ws.directive("x-3").unwrap()).path, "2023/b.toml");
    // x-3 now also in 2023/a.toml, which comes first: that one is the directive.
    rewrite_after_tick(
        &f.root,
        "2023/a.toml",
        &directive_file(&["x-1", "x-3"], "done"),
    );
    let (ws, used) = load_for_edit_with_cache(&f.root, "x-3", Some(&f.cache), later()).unwrap();
    assert_eq!(used.parsed, 1);
    let d = ws.directive("x-3").unwrap();
    assert_eq!(
        (ws.file_of(d).path.as_str(), d.status.as_str()),
        ("2023/a.toml", "done")
    );
    edit_loads_agree(&f, later(), "duplicate");
}
