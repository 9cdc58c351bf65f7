//! A seeded random simulation of three offices sharing one remote: dondoc edits (some in the
//! same second, some undoing the one before), directives and comments added by hand, new
//! files, files moved with `mv`, and syncs in any order. At the end every clone must hold the
//! same thing, and nothing anyone saved may be missing.
//!
//! `DONDOC_SIM_ROUNDS` (default 90) and `DONDOC_SIM_SEED` run it longer or differently; the
//! figures are printed (`cargo test --test git sim -- --nocapture`).

use super::*;
use dondoc::git::sync::SyncOutcome;

/// xorshift64*: enough randomness, the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A `set` that was written: its log entry must survive, with these values.
struct Saved {
    id: String,
    by: String,
    at: DateTime<FixedOffset>,
    status: Option<Status>,
    deadline: Option<NaiveDate>,
}

#[derive(Default, Debug)]
struct Figures {
    rounds: usize,
    sets: usize,
    refused_sets: usize,
    hand_directives: usize,
    comments: usize,
    new_files: usize,
    moves: usize,
    syncs: usize,
    failed_syncs: usize,
    stuck: usize,
    lost: usize,
    markers: usize,
}

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The directive files of a clone (relative paths), sorted.
fn directive_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = git(
        dir,
        &[
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "*.toml",
        ],
    )
    .lines()
    .filter(|p| *p != "dondoc.toml" && dir.join(p).exists())
    .map(str::to_string)
    .collect();
    files.sort();
    files.dedup();
    files
}

fn do_sync(dir: &Path, by: &str, f: &mut Figures) -> SyncOutcome {
    let outcome = dondoc::git::sync::sync(dir, by, Duration::from_secs(60), &mut |_| {});
    f.syncs += 1;
    if outcome.problem.is_some() {
        f.failed_syncs += 1;
    }
    outcome
}

#[test]
fn simulated_offices_converge_and_lose_nothing() {
    let rounds = env_num("DONDOC_SIM_ROUNDS", 90) as usize;
    let seed = env_num("DONDOC_SIM_SEED", 20231015);
    let o = offices();
    let tmp = o.one.parent().unwrap().to_path_buf();
    git(&tmp, &["clone", "-q", o.remote.to_str().unwrap(), "three"]);
    let three = tmp.join("three");
    git(&three, &["config", "user.name", "Clerk Three"]);
    git(&three, &["config", "user.email", "three@example.org"]);
    let (code, _, err) = dondoc(&three, &["git-setup"]);
    assert_eq!(code, 0, "{err}");
    let clones = [
        (o.one.clone(), "Clerk One"),
        (o.two.clone(), "Clerk Two"),
        (three, "Clerk Three"),
    ];

    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut f = Figures::default();
    let mut saved: Vec<Saved> = Vec::new();
    let mut hand_ids: Vec<String> = Vec::new();
    let mut comments: Vec<String> = Vec::new();
    let mut clock = at("2023-11-01T09:00:00+07:00");
    let today = NaiveDate::from_ymd_opt(2023, 10, 15).unwrap();
    let mut serial = 0usize;
    let mut last_failed = [false; 3];
    for _ in 0..rounds {
        f.rounds += 1;
        // Often the same second as the round before.
        clock += chrono::Duration::seconds(rng.below(2) as i64);
        let c = rng.below(clones.len());
        let (dir, by) = (&clones[c].0, clones[c].1);
        serial += 1;
        match rng.below(100) {
            0..=39 => {
                let mut ws = store::load(dir).unwrap();
                if ws.directives.is_empty() {
                    continue;
                }
                let current = rng.pick(&ws.directives).clone();
                let change = if rng.below(4) == 0 {
                    let day = 1 + rng.below(28) as u32;
                    Change {
                        deadline: Some(Some(NaiveDate::from_ymd_opt(2023, 11, day).unwrap())),
                        ..Default::default()
                    }
                } else if rng.below(5) == 0 {
                    // An undo: back to the status of the entry before the last one.
                    let back = current
                        .log
                        .iter()
                        .rev()
                        .filter_map(|e| e.status)
                        .nth(1)
                        .unwrap_or(Status::Open);
                    status(back)
                } else {
                    status(*rng.pick(&[
                        Status::Open,
                        Status::InProgress,
                        Status::Blocked,
                        Status::Done,
                        Status::Cancelled,
                    ]))
                };
                let edit = Edit {
                    id: current.id.clone(),
                    change: change.resolve(&current, today),
                    by: by.to_string(),
                    at: clock,
                };
                if edit.change.is_empty() {
                    continue;
                }
                match write::write_edit(&mut ws, &edit) {
                    Ok(_) => {
                        f.sets += 1;
                        saved.push(Saved {
                            id: edit.id.clone(),
                            by: by.to_string(),
                            at: clock,
                            status: edit.change.status,
                            deadline: edit.change.deadline.flatten(),
                        });
                    }
                    Err(_) => f.refused_sets += 1,
                }
            }
            40..=47 => {
                let files = directive_files(dir);
                let file = rng.pick(&files).clone();
                let id = format!("sim-{serial}");
                let mut text = read(dir, &file);
                text.push_str(&format!(
                    "\n[[directive]]\nid = \"{id}\"\ntext = \"Thêm tay {id}\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n"
                ));
                std::fs::write(dir.join(&file), text).unwrap();
                hand_ids.push(id);
                f.hand_directives += 1;
            }
            48..=55 => {
                let files = directive_files(dir);
                let file = rng.pick(&files).clone();
                let text = read(dir, &file);
                let anchors: Vec<usize> = text
                    .match_indices("[[directive]]")
                    .map(|(i, _)| i)
                    .collect();
                if anchors.is_empty() {
                    continue;
                }
                let at = *rng.pick(&anchors);
                let comment = format!("# ghi chú {serial}");
                let mut text = text;
                text.insert_str(at, &format!("{comment}\n"));
                std::fs::write(dir.join(&file), text).unwrap();
                comments.push(comment);
                f.comments += 1;
            }
            56..=59 => {
                let id = format!("sim-{serial}");
                std::fs::write(
                    dir.join(format!("2023/moi-{serial}.toml")),
                    format!("[source]\ntitle = \"Thông báo {serial}\"\ndate = 2023-10-01\n\n[[directive]]\nid = \"{id}\"\ntext = \"Tệp mới {id}\"\nowner = \"cuc-thue\"\nstatus = \"open\"\n"),
                )
                .unwrap();
                hand_ids.push(id);
                f.new_files += 1;
            }
            60..=64 => {
                let files = directive_files(dir);
                let file = rng.pick(&files).clone();
                let name = file.rsplit('/').next().unwrap();
                let to = format!("2023/chuyen-{serial}/{name}");
                std::fs::create_dir_all(dir.join(format!("2023/chuyen-{serial}"))).unwrap();
                std::fs::rename(dir.join(&file), dir.join(&to)).unwrap();
                f.moves += 1;
            }
            _ => {
                let out = do_sync(dir, by, &mut f);
                last_failed[c] = out.problem.is_some();
                if let Some(p) = &out.problem {
                    eprintln!("sync of {by} failed: {p}");
                }
            }
        }
    }
    // Everyone syncs until nothing moves.
    for _ in 0..3 {
        for (c, (dir, by)) in clones.iter().enumerate() {
            let out = do_sync(dir, by, &mut f);
            last_failed[c] = out.problem.is_some();
            if let Some(p) = &out.problem {
                eprintln!("final sync of {by} failed: {p}");
            }
        }
    }
    f.stuck = last_failed.iter().filter(|b| **b).count();

    // The same commit everywhere, clean, valid.
    let head = git(&o.remote, &["rev-parse", "main"]);
    for (dir, by) in &clones {
        assert_eq!(git(dir, &["rev-parse", "HEAD"]), head, "{by} differs");
        assert_eq!(git(dir, &["status", "--porcelain"]), "", "{by} not clean");
        let (code, out, err) = dondoc(dir, &["validate"]);
        assert_eq!(code, 0, "validate in {by}: {out}{err}");
    }
    let ws = store::load(&clones[0].0).unwrap();
    // No conflict marker in any commit.
    let revs = git(&o.remote, &["rev-list", "--all"]);
    for rev in revs.lines() {
        let out = Command::new("git")
            .arg("-C")
            .arg(&o.remote)
            .args(["grep", "-l", "-E", "^(<<<<<<<|>>>>>>>)( |$)", rev])
            .output()
            .unwrap();
        if !out.stdout.is_empty() {
            f.markers += 1;
        }
    }
    // Every successful set's entry, every hand-added directive and comment.
    for s in &saved {
        let found = ws.directive(&s.id).is_some_and(|d| {
            d.log.iter().any(|e| {
                e.at == Some(s.at)
                    && e.by == s.by
                    && (s.status.is_none() || e.status == s.status)
                    && (s.deadline.is_none() || e.deadline == s.deadline)
            })
        });
        if !found {
            eprintln!(
                "lost: {} {} {} {:?} {:?}",
                s.id, s.by, s.at, s.status, s.deadline
            );
            f.lost += 1;
        }
    }
    for id in &hand_ids {
        if ws.directive(id).is_none() {
            eprintln!("lost directive: {id}");
            f.lost += 1;
        }
    }
    let mut all_text = String::new();
    for file in directive_files(&clones[0].0) {
        all_text.push_str(&read(&clones[0].0, &file));
    }
    for c in &comments {
        if !all_text.contains(c.as_str()) {
            eprintln!("lost comment: {c}");
            f.lost += 1;
        }
    }
    // Each field holds the value of its latest log entry (time, then author, then the
    // later of one author's entries in one second).
    let mut contradictions = Vec::new();
    for d in &ws.directives {
        let latest = |touch: &dyn Fn(&dondoc::model::LogEntry) -> bool| {
            let mut best: Option<&dondoc::model::LogEntry> = None;
            for e in d.log.iter().filter(|e| touch(e)) {
                if best.is_none_or(|b| (e.at, &e.by) >= (b.at, &b.by)) {
                    best = Some(e);
                }
            }
            best
        };
        if let Some(e) = latest(&|e| e.status.is_some()) {
            if e.status != Some(d.status) {
                contradictions.push(format!(
                    "{}: status {:?}, latest entry {:?}",
                    d.id, d.status, e
                ));
            }
        }
        if let Some(e) =
            latest(&|e| e.deadline.is_some() || e.cleared().iter().any(|c| c == "deadline"))
        {
            if e.deadline != d.deadline {
                contradictions.push(format!(
                    "{}: deadline {:?}, latest entry {:?}",
                    d.id, d.deadline, e
                ));
            }
        }
    }
    eprintln!("simulation (seed {seed}): {f:?}");
    assert!(ws.problems.is_empty(), "problems: {:#?}", ws.problems);
    assert_eq!(
        (f.stuck, f.lost, f.markers),
        (0, 0, 0),
        "stuck, lost, markers: {f:?}"
    );
    assert!(contradictions.is_empty(), "{contradictions:#?}");
    assert!(f.syncs > 0 && f.sets > 0);
}
