//! `dondoc sync` and the `S` key, in this order: take the clone's sync lock; refuse while a
//! rebase or merge is stopped or a changed file does not parse; check that git's merge driver
//! runs (else register this dondoc); fetch (time-limited); commit the workspace's changed,
//! new, deleted and moved TOML files; rebase onto the remote branch locally, to its end (the
//! merge driver settles directive files; a file moved to two places, or changed on one side
//! and deleted on the other, is settled here); push (time-limited; a rejected push fetches,
//! rebases and retries once); say which directives others changed.
//!
//! Until the push, any failure puts the repository back exactly as it was before the sync
//! (HEAD, index, working tree, stash), and the message says why. A failed push keeps the
//! local commits, and says so.

use super::status::{self, Operation};
use super::{commit_files, git, git_ok, repo_root, GitError, Output, LOCAL_TIMEOUT};
use crate::store::changes;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

/// A step, reported as it starts (the UI shows it in the status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Committing(usize),
    Pulling,
    Pushing,
    /// The push was rejected because the remote moved: pulling and pushing once more.
    Retrying,
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Step::Committing(n) => write!(f, "committing {n} file(s)…"),
            Step::Pulling => f.write_str("pulling…"),
            Step::Pushing => f.write_str("pushing…"),
            Step::Retrying => f.write_str("the remote moved: pulling again…"),
        }
    }
}

/// Why a sync did not finish. The sentences are in `i18n::cli::sync_problem`; `Display` is
/// English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncProblem {
    NotARepo,
    NoRemote,
    /// The remote could not be reached or refused us.
    Network(NetworkProblem),
    /// A rebase or merge stopped on files dondoc could not merge; the repository is left in
    /// it on purpose (git's normal conflict stands) and the message says how to get out.
    Stopped {
        operation: Operation,
        files: Vec<String>,
    },
    Failed(SyncFailure),
}

/// A fetch or push that failed, and where that leaves the clerk's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkProblem {
    pub push: bool,
    pub remote: String,
    pub cause: NetworkCause,
    /// The clerk's changes are committed in this clone (they go with the next sync); else
    /// nothing was changed.
    pub committed_here: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NetworkCause {
    UnknownHost,
    Refused,
    TimedOut,
    AccessRefused,
    NoAnswer {
        secs: u64,
    },
    /// The push was rejected twice: the remote keeps moving.
    RejectedTwice,
    /// git's own reason.
    Git(String),
}

/// Why a sync stopped before the network, or was undone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncFailure {
    /// The clone's sync lock could not be opened or taken.
    Lock {
        path: String,
        reason: String,
    },
    /// Another sync runs in this clone.
    Busy,
    /// Files still conflicted from an earlier merge.
    StillConflicted(Vec<String>),
    /// `git status` failed, with git's reason.
    Status(String),
    /// A changed file does not parse: `path:line:col` and why.
    Broken {
        path: String,
        why: String,
    },
    /// The sync was undone, the repository exactly as before; why (git's or the merge's words).
    Undone(String),
    /// git's merge driver for directive files is not set up (`false`) or does not run.
    Driver {
        configured: bool,
    },
    NoOwnPath(String),
    Detached,
    Git(GitError),
}

impl SyncProblem {
    /// 1 when the user has something to resolve, 2 when git or the network failed.
    pub fn exit_code(&self) -> u8 {
        match self {
            SyncProblem::Stopped { .. } => 1,
            _ => 2,
        }
    }
}

impl fmt::Display for SyncProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::i18n::cli::sync_problem(crate::i18n::Lang::En, self))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncOutcome {
    /// Files committed before pulling (relative to the repository's top folder).
    pub committed: Vec<String>,
    /// Changed TOML files left out of that commit because they do not parse or are conflicted.
    pub skipped: Vec<String>,
    pub pushed: bool,
    /// Directives whose content the pull changed (others' edits): the UI marks them.
    pub updated_by_others: Vec<String>,
    pub added_by_others: Vec<String>,
    pub removed_by_others: Vec<String>,
    /// Files that loaded before the sync and do not now (`path:line:col: message`): their
    /// directives are not "removed".
    pub broken_files: Vec<String>,
    /// Ids held twice after the sync (`path:line:col: duplicate id "x": already used at
    /// path:line`): the same new id added on two clones.
    pub duplicates: Vec<String>,
    /// Directives this clerk deleted that the merge kept, because others changed them.
    pub restored: Vec<String>,
    /// Commits sent to the remote (our edits, and those an earlier sync could not push).
    pub pushed_commits: usize,
    /// The merge driver was missing or did not run, and this dondoc registered itself.
    pub driver_registered: bool,
    pub problem: Option<SyncProblem>,
}

impl SyncOutcome {
    pub fn exit_code(&self) -> u8 {
        self.problem.as_ref().map_or(0, SyncProblem::exit_code)
    }

    /// One line for the status line or the terminal.
    pub fn summary(&self) -> String {
        if let Some(p) = &self.problem {
            return p.to_string();
        }
        let mut parts = Vec::new();
        if !self.committed.is_empty() {
            parts.push(format!("{} file(s) committed", self.committed.len()));
        }
        let others = self.updated_by_others.len();
        if others > 0 {
            parts.push(format!("{others} directive(s) updated by others"));
        }
        if !self.added_by_others.is_empty() {
            parts.push(format!("{} added by others", self.added_by_others.len()));
        }
        if !self.removed_by_others.is_empty() {
            parts.push(format!(
                "{} removed by others",
                self.removed_by_others.len()
            ));
        }
        let mut pieces = Vec::new();
        if !parts.is_empty() {
            pieces.push(parts.join(", "));
        }
        pieces.extend(crate::i18n::cli::sync_extras(crate::i18n::Lang::En, self));
        if pieces.is_empty() {
            pieces.push("up to date".to_string());
        }
        let mut line = format!("synced: {}", pieces.join("; "));
        if !self.skipped.is_empty() {
            line.push_str(&format!(
                "; not committed (broken): {}",
                self.skipped.join(", ")
            ));
        }
        line
    }
}

/// Runs a whole sync of the workspace at `root`. `author` signs the commit of dondoc's
/// uncommitted writes; `timeout` bounds each network call (fetch, push: the local rebase
/// always runs to its end); `progress` hears each step.
pub fn sync(
    root: &Path,
    author: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(Step),
) -> SyncOutcome {
    let mut outcome = SyncOutcome::default();
    if let Err(problem) = run(root, author, timeout, progress, &mut outcome) {
        outcome.problem = Some(problem);
    }
    outcome
}

/// How long a second sync of one clone waits for the first before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// A sync holds this for its whole run: two at once in one clone (two terminals, the UI and
/// the CLI) would rebase over each other. Released when dropped, or when the process dies.
struct SyncLock(#[allow(dead_code)] std::fs::File);

impl SyncLock {
    fn take(git_dir: &Path) -> Result<SyncLock, SyncProblem> {
        let path = git_dir.join("dondoc-sync.lock");
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                SyncProblem::Failed(SyncFailure::Lock {
                    path: path.display().to_string(),
                    reason: crate::store::guard::io_reason(&e),
                })
            })?;
        let started = std::time::Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(SyncLock(file)),
                Err(std::fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(SyncProblem::Failed(SyncFailure::Busy))
                }
                Err(std::fs::TryLockError::Error(e)) => {
                    return Err(SyncProblem::Failed(SyncFailure::Lock {
                        path: path.display().to_string(),
                        reason: crate::store::guard::io_reason(&e),
                    }))
                }
            }
        }
    }
}

fn run(
    root: &Path,
    author: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(Step),
    outcome: &mut SyncOutcome,
) -> Result<(), SyncProblem> {
    let top = repo_root(root).ok_or(SyncProblem::NotARepo)?;
    let git_dir = git_ok(
        &top,
        &["rev-parse", "--absolute-git-dir"],
        Some(LOCAL_TIMEOUT),
    )
    .map_err(failed)?;
    let git_dir = PathBuf::from(git_dir.trim_end_matches(['\n', '\r']));
    let _lock = SyncLock::take(&git_dir)?;
    if let Some(operation) = status::operation(root) {
        return Err(SyncProblem::Stopped {
            operation,
            files: conflicted_files(&top),
        });
    }
    let conflicted = conflicted_files(&top);
    if !conflicted.is_empty() {
        return Err(SyncProblem::Failed(SyncFailure::StillConflicted(
            conflicted,
        )));
    }
    let changes = changed_files(root)?;
    refuse_broken(&top, &changes)?;
    let attributes = ensure_driver(root, &git_dir, outcome)?;

    let target = Target::find(&top)?;
    progress(Step::Pulling);
    fetch(&top, &target, timeout)?;
    let before = snapshot(root);
    let deleted_here = deleted_ids(&top, &changes.commit, &before);
    let saved = Saved::take(&top)?;
    let mut to_commit = changes.commit;
    to_commit.extend(attributes);
    if let Err(p) = commit_pending(&top, &to_commit, author, progress, outcome) {
        saved.restore(&top);
        return Err(p);
    }
    integrate(&top, &target, &saved)?;
    let ahead = ahead_of_remote(&top, &target);
    progress(Step::Pushing);
    let pushed = push(&top, &target, timeout)?;
    if !pushed {
        progress(Step::Retrying);
        fetch(&top, &target, timeout).map_err(pushed_later)?;
        integrate(&top, &target, &saved)?;
        progress(Step::Pushing);
        if !push(&top, &target, timeout)? {
            return Err(SyncProblem::Network(NetworkProblem {
                push: true,
                remote: target.remote.clone(),
                cause: NetworkCause::RejectedTwice,
                committed_here: true,
            }));
        }
    }
    outcome.pushed = true;
    outcome.pushed_commits = ahead_of_remote(&top, &target).max(ahead);
    let after = snapshot(root);
    diff_snapshots(&before, &after, outcome);
    // Deleted here, kept by the merge because someone changed it meanwhile: not "added".
    let (restored, added) = outcome
        .added_by_others
        .drain(..)
        .partition(|id| deleted_here.contains(id));
    outcome.restored = restored;
    outcome.added_by_others = added;
    Ok(())
}

/// Ids of directives the clerk deleted since the last commit: in the committed version of a
/// changed file, and nowhere in the workspace now.
fn deleted_ids(top: &Path, changed: &[String], now: &Snapshot) -> HashSet<String> {
    let mut ids = HashSet::new();
    for path in changed {
        let Ok(text) = git_ok(top, &["show", &format!("HEAD:{path}")], Some(LOCAL_TIMEOUT)) else {
            continue;
        };
        ids.extend(
            directive_ids(&text)
                .into_iter()
                .filter(|id| !now.directives.contains_key(id)),
        );
    }
    ids
}

/// A fetch that failed after our commit was made: the commit stays, and says so.
fn pushed_later(p: SyncProblem) -> SyncProblem {
    match p {
        SyncProblem::Network(n) => SyncProblem::Network(NetworkProblem {
            committed_here: true,
            ..n
        }),
        other => other,
    }
}

/// Changed files of the workspace, as `git status` sees them.
struct Changes {
    /// TOML files to commit: changed, new, deleted, and both sides of a move.
    commit: Vec<String>,
    /// Those of them that exist, to check that they parse.
    present: Vec<String>,
}

fn changed_files(root: &Path) -> Result<Changes, SyncProblem> {
    let out = git(
        root,
        &[
            "-c",
            "status.relativePaths=false",
            "status",
            "--porcelain=v2",
            "-z",
            "--untracked-files=all",
            "--",
            ".",
        ],
        Some(LOCAL_TIMEOUT),
    )
    .map_err(failed)?;
    if !out.success {
        return Err(SyncProblem::Failed(SyncFailure::Status(out.reason())));
    }
    let mut records = out.stdout.split('\0');
    let mut paths = Vec::new();
    while let Some(record) = records.next() {
        match record.split(' ').next() {
            Some("1") => paths.extend(record.splitn(9, ' ').nth(8)),
            Some("2") => {
                paths.extend(record.splitn(10, ' ').nth(9));
                // A move staged with `git mv`: its old path follows, and is committed too.
                paths.extend(records.next());
            }
            Some("?") => paths.extend(record.get(2..)),
            _ => {}
        }
    }
    let top = repo_root(root).ok_or(SyncProblem::NotARepo)?;
    let mut changes = Changes {
        commit: Vec::new(),
        present: Vec::new(),
    };
    for path in paths.into_iter().filter(|p| p.ends_with(".toml")) {
        if top.join(path).exists() {
            changes.present.push(path.to_string());
        }
        changes.commit.push(path.to_string());
    }
    Ok(changes)
}

/// Sync does not start while a changed TOML file does not parse: a hand edit half done would
/// otherwise meet an incoming change to the same file and be left half-applied.
fn refuse_broken(top: &Path, changes: &Changes) -> Result<(), SyncProblem> {
    for path in &changes.present {
        let Ok(bytes) = std::fs::read(top.join(path)) else {
            continue;
        };
        if let Some(why) = parse_problem(&bytes) {
            return Err(SyncProblem::Failed(SyncFailure::Broken {
                path: path.clone(),
                why,
            }));
        }
    }
    Ok(())
}

/// `line:col: message` when the bytes are not a TOML file dondoc can read.
fn parse_problem(bytes: &[u8]) -> Option<String> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Some("1:1: not UTF-8 text".into());
    };
    let text = text.strip_prefix(crate::store::text::BOM).unwrap_or(text);
    if let Some((line, _)) = crate::store::text::conflict_marker(text) {
        return Some(format!("{line}:1: git conflict marker"));
    }
    let e = text.parse::<toml_edit::DocumentMut>().err()?;
    let at = e.span().map_or(0, |s| s.start).min(text.len());
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some(format!("{line}:{col}: {}", e.message().trim()))
}

#[cfg(test)]
fn parses(bytes: &[u8]) -> bool {
    parse_problem(bytes).is_none()
}

/// Commits the files found by [`changed_files`] (never `git add .`).
fn commit_pending(
    top: &Path,
    files: &[String],
    author: &str,
    progress: &mut dyn FnMut(Step),
    outcome: &mut SyncOutcome,
) -> Result<(), SyncProblem> {
    if files.is_empty() {
        return Ok(());
    }
    progress(Step::Committing(files.len()));
    let message = if files.len() == 1 {
        format!("dondoc: sync {}", files[0])
    } else {
        format!("dondoc: sync {} files", files.len())
    };
    let paths: Vec<&str> = files.iter().map(String::as_str).collect();
    commit_files(top, &paths, &message, author).map_err(failed)?;
    outcome.committed = files.to_vec();
    Ok(())
}

/// The repository as it was before the sync touched it: put back on any failure.
struct Saved {
    head: Option<String>,
    index_tree: Option<String>,
}

impl Saved {
    fn take(top: &Path) -> Result<Saved, SyncProblem> {
        let head = git(
            top,
            &["rev-parse", "--verify", "-q", "HEAD"],
            Some(LOCAL_TIMEOUT),
        )
        .map_err(failed)?;
        let tree = git(top, &["write-tree"], Some(LOCAL_TIMEOUT)).map_err(failed)?;
        Ok(Saved {
            head: head.success.then(|| head.stdout.trim().to_string()),
            index_tree: tree.success.then(|| tree.stdout.trim().to_string()),
        })
    }

    /// Out of any rebase, HEAD back where it was, the index as it was. The working tree is
    /// what it was already: the rebase's abort restores it, and our commit only recorded it.
    fn restore(&self, top: &Path) {
        if status::operation(top).is_some() {
            let _ = git(top, &["rebase", "--abort"], None);
        }
        if let Some(head) = &self.head {
            let _ = git(top, &["reset", "-q", "--soft", head], None);
        }
        if let Some(tree) = &self.index_tree {
            let _ = git(top, &["read-tree", tree], None);
        }
    }
}

/// The remote branch to rebase onto, once fetched; `None` when it does not exist yet.
fn upstream(top: &Path, target: &Target) -> Option<String> {
    let name = match &target.explicit_branch {
        None => "@{u}".to_string(),
        Some(branch) => format!("refs/remotes/{}/{branch}", target.remote),
    };
    let out = git(
        top,
        &["rev-parse", "--verify", "-q", &name],
        Some(LOCAL_TIMEOUT),
    )
    .ok()?;
    out.success.then(|| out.stdout.trim().to_string())
}

fn fetch(top: &Path, target: &Target, timeout: Duration) -> Result<(), SyncProblem> {
    let out = git(top, &["fetch", "-q", &target.remote], Some(timeout))
        .map_err(|e| timeout_problem(e, false, &target.remote))?;
    if out.success {
        return Ok(());
    }
    Err(network_problem(&out, false, &target.remote))
}

fn ahead_of_remote(top: &Path, target: &Target) -> usize {
    let Some(up) = upstream(top, target) else {
        return git_ok(top, &["rev-list", "--count", "HEAD"], Some(LOCAL_TIMEOUT))
            .map_or(0, |s| s.trim().parse().unwrap_or(0));
    };
    git_ok(
        top,
        &["rev-list", "--count", &format!("{up}..HEAD")],
        Some(LOCAL_TIMEOUT),
    )
    .map_or(0, |s| s.trim().parse().unwrap_or(0))
}

/// Rebases our commits onto the fetched remote branch, locally and to the end (no time limit:
/// killing git half-way is what wedges a repository). Conflicts dondoc can settle are settled
/// (a file moved to two places on two clones; a file changed on one side and deleted on the
/// other); any other stop is undone, back to [`Saved`], with the reason.
fn integrate(top: &Path, target: &Target, saved: &Saved) -> Result<(), SyncProblem> {
    let Some(up) = upstream(top, target) else {
        return Ok(());
    };
    let mut out = match git(
        top,
        &["-c", "core.editor=true", "rebase", "--autostash", &up],
        None,
    ) {
        Ok(out) => out,
        Err(e) => {
            saved.restore(top);
            return Err(undone(&e.to_string()));
        }
    };
    let mut reasons = Vec::new();
    for _ in 0..1000 {
        collect_reasons(&out, &mut reasons);
        if status::operation(top).is_none() {
            if out.success {
                return Ok(());
            }
            saved.restore(top);
            return Err(undone(&reason_text(&reasons, &out)));
        }
        if let Err(why) = settle_conflicts(top, &format!("{}\n{}", out.stdout, out.stderr)) {
            reasons.push(why);
            saved.restore(top);
            return Err(undone(&reason_text(&reasons, &out)));
        }
        out = match git(
            top,
            &["-c", "core.editor=true", "rebase", "--continue"],
            None,
        ) {
            Ok(out) => out,
            Err(e) => {
                saved.restore(top);
                return Err(undone(&e.to_string()));
            }
        };
    }
    saved.restore(top);
    Err(undone("the rebase did not end"))
}

fn collect_reasons(out: &Output, reasons: &mut Vec<String>) {
    // git writes progress ending in `\r` before the driver's line.
    for line in out.stderr.split(['\n', '\r']) {
        if let Some(r) = line.strip_prefix(super::merge::REASON_PREFIX) {
            // In a rebase, "ours" is the remote's version and "theirs" the commit replayed.
            let r = r
                .trim()
                .trim_end_matches("; leaving git's conflict")
                .replace("our version", "the remote's version")
                .replace("their version", "your version");
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        }
    }
}

fn reason_text(reasons: &[String], out: &Output) -> String {
    if !reasons.is_empty() {
        return reasons.join("; ");
    }
    let conflicts: Vec<&str> = out
        .stdout
        .lines()
        .chain(out.stderr.lines())
        .filter(|l| l.starts_with("CONFLICT"))
        .collect();
    if conflicts.is_empty() {
        out.reason()
    } else {
        conflicts.join("; ")
    }
}

fn undone(reason: &str) -> SyncProblem {
    SyncProblem::Failed(SyncFailure::Undone(reason.to_string()))
}

/// Settles the conflicts of a stopped rebase step that dondoc can decide alone; `Err` with the
/// reason when one remains.
fn settle_conflicts(top: &Path, messages: &str) -> Result<(), String> {
    let listing =
        git_ok(top, &["ls-files", "-u", "-z"], Some(LOCAL_TIMEOUT)).map_err(|e| e.to_string())?;
    // path -> blob of stage 1 (base), 2 (the remote side), 3 (the commit replayed)
    let mut stages: HashMap<String, [Option<String>; 3]> = HashMap::new();
    for record in listing.split('\0').filter(|r| !r.is_empty()) {
        let Some((meta, path)) = record.split_once('\t') else {
            continue;
        };
        let mut words = meta.split(' ');
        let (_, Some(blob), Some(stage)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let Some(i) = stage.parse::<usize>().ok().filter(|s| (1..=3).contains(s)) else {
            continue;
        };
        stages.entry(path.to_string()).or_default()[i - 1] = Some(blob.to_string());
    }
    if stages.is_empty() {
        return Ok(());
    }
    let blob = |sha: &str| -> Result<String, String> {
        git_ok(top, &["cat-file", "blob", sha], Some(LOCAL_TIMEOUT)).map_err(|e| e.to_string())
    };
    // A file moved to two places: the smaller path wins on every clone, with both contents
    // merged into it.
    for line in messages.split(['\n', '\r']) {
        let Some(rest) = line
            .find("CONFLICT (rename/rename): ")
            .map(|at| &line[at + "CONFLICT (rename/rename): ".len()..])
        else {
            continue;
        };
        let Some((from, rest)) = rest.split_once(" renamed to ") else {
            continue;
        };
        let Some((to_a, rest)) = rest.split_once(" in ") else {
            continue;
        };
        let Some(rest) = rest.split_once(" and to ").map(|(_, r)| r) else {
            continue;
        };
        let Some((to_b, _)) = rest.rsplit_once(" in ") else {
            continue;
        };
        let (Some(sa), Some(sb)) = (stages.get(to_a), stages.get(to_b)) else {
            continue;
        };
        let (Some(ours), Some(theirs)) = (sa[1].clone(), sb[2].clone()) else {
            continue;
        };
        let base = stages.get(from).and_then(|s| s[0].clone());
        let base = match base {
            Some(b) => blob(&b)?,
            None => String::new(),
        };
        let merged = super::merge::merge(&base, &blob(&ours)?, &blob(&theirs)?)
            .map_err(|e| format!("{to_a}: {e}"))?;
        let (keep, drop) = if to_a <= to_b {
            (to_a, to_b)
        } else {
            (to_b, to_a)
        };
        crate::store::write::atomic_write(&top.join(keep), merged.as_bytes())
            .map_err(|e| format!("{keep}: {e}"))?;
        let _ = std::fs::remove_file(top.join(drop));
        let _ = std::fs::remove_file(top.join(from));
        git_ok(
            top,
            &["rm", "-q", "--cached", "--ignore-unmatch", "--", from, drop],
            Some(LOCAL_TIMEOUT),
        )
        .map_err(|e| e.to_string())?;
        git_ok(top, &["add", "--", keep], Some(LOCAL_TIMEOUT)).map_err(|e| e.to_string())?;
        for p in [from, to_a, to_b] {
            stages.remove(p);
        }
    }
    for (path, s) in &stages {
        match s {
            // Changed on one side, deleted on the other: a move git did not recognise (a
            // small file much changed) goes into the file that now holds its directives;
            // otherwise the changed file stays (nothing lost).
            [Some(base), Some(kept), None] | [Some(base), None, Some(kept)] => {
                let base = blob(base)?;
                let text = blob(kept)?;
                let unmerged: HashSet<&str> = stages.keys().map(String::as_str).collect();
                if let Some(dest) = moved_to(top, path, &base, &unmerged) {
                    let current = std::fs::read_to_string(top.join(&dest))
                        .map_err(|e| format!("{dest}: {e}"))?;
                    let merged = super::merge::merge(&base, &current, &text)
                        .map_err(|e| format!("{dest}: {e}"))?;
                    crate::store::write::atomic_write(&top.join(&dest), merged.as_bytes())
                        .map_err(|e| format!("{dest}: {e}"))?;
                    let _ = std::fs::remove_file(top.join(path));
                    git_ok(
                        top,
                        &["rm", "-q", "--cached", "--ignore-unmatch", "--", path],
                        Some(LOCAL_TIMEOUT),
                    )
                    .map_err(|e| e.to_string())?;
                    git_ok(top, &["add", "--", &dest], Some(LOCAL_TIMEOUT))
                        .map_err(|e| e.to_string())?;
                    continue;
                }
                crate::store::write::atomic_write(&top.join(path), text.as_bytes())
                    .map_err(|e| format!("{path}: {e}"))?;
                git_ok(top, &["add", "--", path], Some(LOCAL_TIMEOUT))
                    .map_err(|e| e.to_string())?;
            }
            // Deleted on both sides (what a move to two places leaves at the old path).
            [Some(_), None, None] => {
                git_ok(
                    top,
                    &["rm", "-q", "--cached", "--ignore-unmatch", "--", path],
                    Some(LOCAL_TIMEOUT),
                )
                .map_err(|e| e.to_string())?;
            }
            _ => return Err(format!("{path} could not be merged")),
        }
    }
    Ok(())
}

/// The ids of the `[[directive]]` tables of a TOML text (none when it does not parse).
fn directive_ids(text: &str) -> Vec<String> {
    let text = text.strip_prefix(crate::store::text::BOM).unwrap_or(text);
    let Ok(doc) = text.parse::<toml_edit::DocumentMut>() else {
        return vec![];
    };
    doc.get("directive")
        .and_then(toml_edit::Item::as_array_of_tables)
        .map(|list| {
            list.iter()
                .filter_map(|t| t.get("id").and_then(toml_edit::Item::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Where the directives of `base` (the file at `path` before it was deleted on one side) are
/// now: another TOML file that holds most of them. `None` when no file does.
fn moved_to(top: &Path, path: &str, base: &str, unmerged: &HashSet<&str>) -> Option<String> {
    let ids = directive_ids(base);
    if ids.is_empty() {
        return None;
    }
    let listing = git_ok(
        top,
        &["ls-files", "-z", "--", "*.toml"],
        Some(LOCAL_TIMEOUT),
    )
    .ok()?;
    listing
        .split('\0')
        .filter(|p| !p.is_empty() && *p != path && !unmerged.contains(p))
        .filter_map(|p| {
            let text = std::fs::read_to_string(top.join(p)).ok()?;
            let there = directive_ids(&text);
            let shared = ids.iter().filter(|id| there.contains(id)).count();
            (shared * 2 > ids.len()).then(|| (shared, p.to_string()))
        })
        .max()
        .map(|(_, p)| p)
}

/// The merge driver is registered, and the program it names runs and merges; otherwise (an
/// upgrade moved dondoc, or `git-setup` was never run in this clone) this dondoc registers
/// itself, and the outcome says so. Returns `.gitattributes` when it had to be written, to
/// commit with the rest.
fn ensure_driver(
    root: &Path,
    git_dir: &Path,
    outcome: &mut SyncOutcome,
) -> Result<Vec<String>, SyncProblem> {
    let configured = git(
        root,
        &["config", "--get", "merge.dondoc.driver"],
        Some(LOCAL_TIMEOUT),
    )
    .ok()
    .filter(|o| o.success)
    .map(|o| o.stdout.trim().to_string())
    .filter(|s| !s.is_empty());
    let routed = git(
        root,
        &["check-attr", "merge", "--", "probe.toml"],
        Some(LOCAL_TIMEOUT),
    )
    .is_ok_and(|o| o.success && o.stdout.trim_end().ends_with(": merge: dondoc"));
    let works = configured
        .as_deref()
        .is_some_and(|cmd| driver_works(git_dir, cmd));
    if works && routed {
        return Ok(vec![]);
    }
    let exe = std::env::current_exe().map_err(|e| {
        SyncProblem::Failed(SyncFailure::NoOwnPath(crate::store::guard::io_reason(&e)))
    })?;
    let command = super::setup::driver_command(&exe);
    if !driver_works(git_dir, &command) {
        return Err(SyncProblem::Failed(SyncFailure::Driver {
            configured: configured.is_some(),
        }));
    }
    let reg = super::setup::register_with(root, &exe).map_err(failed)?;
    outcome.driver_registered = true;
    if reg.attributes_unchanged {
        return Ok(vec![]);
    }
    let top = repo_root(root).ok_or(SyncProblem::NotARepo)?;
    let rel = reg
        .attributes
        .strip_prefix(&top)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| ".gitattributes".into());
    Ok(vec![rel])
}

/// Runs the driver `command` (as git would, through the shell) on a small merge it must get
/// right.
fn driver_works(git_dir: &Path, command: &str) -> bool {
    let dir = git_dir.join(format!("dondoc-probe-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return false;
    }
    let files = [
        ("base.toml", "a = 1\nb = 1\n"),
        ("ours.toml", "a = 2\nb = 1\n"),
        ("theirs.toml", "a = 1\nb = 2\n"),
    ];
    for (name, text) in files {
        if std::fs::write(dir.join(name), text).is_err() {
            return false;
        }
    }
    let quote = |name: &str| super::setup::shell_quote(&dir.join(name).to_string_lossy());
    let cmd = command
        .replace("%O", &quote("base.toml"))
        .replace("%A", &quote("ours.toml"))
        .replace("%B", &quote("theirs.toml"))
        .replace("%P", "probe.toml");
    let mut sh = Command::new("sh");
    sh.arg("-c").arg(cmd);
    let ran = super::run_command(sh, "merge driver", Some(LOCAL_TIMEOUT));
    let merged = std::fs::read_to_string(dir.join("ours.toml")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    ran.is_ok_and(|o| o.success) && super::merge::same_meaning(&merged, "a = 2\nb = 2\n")
}

fn failed(e: GitError) -> SyncProblem {
    SyncProblem::Failed(SyncFailure::Git(e))
}

/// Where to pull from and push to.
struct Target {
    remote: String,
    /// `None` when the branch tracks an upstream: plain `git pull` / `git push`.
    explicit_branch: Option<String>,
}

impl Target {
    fn find(top: &Path) -> Result<Target, SyncProblem> {
        let upstream = git(
            top,
            &["rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}"],
            Some(LOCAL_TIMEOUT),
        )
        .map_err(failed)?;
        if upstream.success {
            let name = upstream.stdout.trim();
            let remote = name.split('/').next().unwrap_or("origin").to_string();
            return Ok(Target {
                remote,
                explicit_branch: None,
            });
        }
        let remotes = git_ok(top, &["remote"], Some(LOCAL_TIMEOUT)).map_err(failed)?;
        let remotes: Vec<&str> = remotes.lines().collect();
        let remote = remotes
            .iter()
            .find(|r| **r == "origin")
            .or(remotes.first())
            .ok_or(SyncProblem::NoRemote)?
            .to_string();
        let branch = git_ok(
            top,
            &["symbolic-ref", "--short", "HEAD"],
            Some(LOCAL_TIMEOUT),
        )
        .map_err(|_| SyncProblem::Failed(SyncFailure::Detached))?;
        Ok(Target {
            remote,
            explicit_branch: Some(branch.trim().to_string()),
        })
    }
}

/// `Ok(false)` when the remote moved on (rejected as not a fast-forward).
fn push(top: &Path, target: &Target, timeout: Duration) -> Result<bool, SyncProblem> {
    let mut args = vec!["push"];
    if let Some(branch) = &target.explicit_branch {
        args.extend(["-u", target.remote.as_str(), branch.as_str()]);
    }
    let out =
        git(top, &args, Some(timeout)).map_err(|e| timeout_problem(e, true, &target.remote))?;
    if out.success {
        return Ok(true);
    }
    // Rejected because the remote moved: before sending (`[rejected]`), or while the remote
    // updated its branch (`[remote rejected] ... cannot lock ref`).
    let err = &out.stderr;
    let rejected = ["[rejected]", "non-fast-forward", "fetch first"]
        .iter()
        .any(|m| err.contains(m))
        || (err.contains("[remote rejected]")
            && ["cannot lock ref", "failed to update ref", "stale info"]
                .iter()
                .any(|m| err.contains(m)));
    if rejected {
        return Ok(false);
    }
    Err(network_problem(&out, true, &target.remote))
}

/// A fetch (`push` false: nothing was changed yet) or push (the commits stay) that git gave
/// up on: no answer within the time limit, or git's own error.
fn timeout_problem(e: GitError, push: bool, remote: &str) -> SyncProblem {
    match e {
        GitError::Timeout { secs, .. } => SyncProblem::Network(NetworkProblem {
            push,
            remote: remote.to_string(),
            cause: NetworkCause::NoAnswer { secs },
            committed_here: push,
        }),
        other => failed(other),
    }
}

/// Git's many lines about a failed network call, as one cause.
fn network_problem(out: &Output, push: bool, remote: &str) -> SyncProblem {
    let stderr = &out.stderr;
    let cause = if stderr.contains("Could not resolve host") {
        NetworkCause::UnknownHost
    } else if stderr.contains("Connection refused") {
        NetworkCause::Refused
    } else if stderr.contains("timed out") {
        NetworkCause::TimedOut
    } else if stderr.contains("Authentication failed")
        || stderr.contains("Permission denied")
        || stderr.contains("terminal prompts disabled")
    {
        NetworkCause::AccessRefused
    } else {
        let reason = out.reason();
        NetworkCause::Git(
            reason
                .trim_start_matches("fatal: ")
                .trim_start_matches("error: ")
                .trim_end_matches('.')
                .to_string(),
        )
    };
    SyncProblem::Network(NetworkProblem {
        push,
        remote: remote.to_string(),
        cause,
        committed_here: push,
    })
}

fn conflicted_files(top: &Path) -> Vec<String> {
    git_ok(
        top,
        &["diff", "--name-only", "--diff-filter=U", "-z"],
        Some(LOCAL_TIMEOUT),
    )
    .map(|s| {
        s.split('\0')
            .filter(|p| !p.is_empty())
            .map(str::to_string)
            .collect()
    })
    .unwrap_or_default()
}

#[derive(Default)]
struct Snapshot {
    /// Each id with its directive.
    directives: changes::Snapshot,
    /// Each id with its file.
    files: HashMap<String, String>,
    /// Files that do not load, with their first problem.
    broken: HashMap<String, String>,
    duplicates: Vec<String>,
}

fn snapshot(root: &Path) -> Snapshot {
    let Ok(ws) = crate::store::load(root) else {
        return Snapshot::default();
    };
    let mut snap = Snapshot {
        directives: changes::snapshot(&ws.directives),
        files: ws
            .directives
            .iter()
            .map(|d| (d.id.clone(), ws.file_of(d).path.clone()))
            .collect(),
        ..Snapshot::default()
    };
    for f in &ws.files {
        if f.broken.is_some() {
            let first = ws
                .problems
                .iter()
                .find(|p| p.path == f.path)
                .map_or_else(|| f.path.clone(), |p| p.to_string());
            snap.broken.insert(f.path.clone(), first);
        }
    }
    // The loader keeps the first of two directives with one id and names both places.
    snap.duplicates = ws
        .problems
        .iter()
        .filter(|p| matches!(p.kind, crate::model::ProblemKind::DuplicateId { .. }))
        .map(|p| p.to_string())
        .collect();
    snap
}

fn diff_snapshots(before: &Snapshot, after: &Snapshot, outcome: &mut SyncOutcome) {
    let found = changes::between(&before.directives, &after.directives);
    outcome.updated_by_others = found.updated;
    outcome.added_by_others = found.added;
    // A file that merely stopped parsing did not remove its directives.
    outcome.removed_by_others = found
        .removed
        .into_iter()
        .filter(|id| {
            !before
                .files
                .get(id)
                .is_some_and(|f| after.broken.contains_key(f))
        })
        .collect();
    let newly_broken: HashSet<&String> = after
        .broken
        .keys()
        .filter(|f| !before.broken.contains_key(*f))
        .collect();
    outcome.broken_files = newly_broken
        .into_iter()
        .map(|f| after.broken[f].clone())
        .collect();
    outcome.broken_files.sort();
    outcome.duplicates = after
        .duplicates
        .iter()
        .filter(|d| !before.duplicates.contains(d))
        .cloned()
        .collect();
    outcome.updated_by_others.sort();
    outcome.added_by_others.sort();
    outcome.removed_by_others.sort();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(stderr: &str) -> Output {
        Output {
            success: false,
            stdout: String::new(),
            stderr: stderr.to_string(),
        }
    }

    #[test]
    fn network_errors_are_one_sentence() {
        let p = network_problem(
            &output("fatal: unable to access 'https://x/': Could not resolve host: x\n"),
            false,
            "origin",
        );
        assert_eq!(
            p.to_string(),
            "could not pull from origin: the server's name is not known (no network?); nothing was changed"
        );
        assert_eq!(
            crate::i18n::cli::sync_problem(crate::i18n::Lang::Vi, &p),
            "không kéo về được từ origin: không tìm thấy tên máy chủ (mất mạng?); chưa có gì thay đổi"
        );
        let p = network_problem(
            &output("fatal: '/nowhere' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n"),
            true,
            "origin",
        );
        assert_eq!(
            p.to_string(),
            "could not push to origin: '/nowhere' does not appear to be a git repository; your changes are committed here and go with the next sync"
        );
        assert!(!p.to_string().contains('\n'));
    }

    #[test]
    fn stopped_message_says_how_to_get_out() {
        let p = SyncProblem::Stopped {
            operation: Operation::Rebase,
            files: vec!["2023/a.toml".into()],
        };
        let m = p.to_string();
        assert!(
            m.contains("2023/a.toml")
                && m.contains("git rebase --continue")
                && m.contains("git rebase --abort")
        );
        assert_eq!(p.exit_code(), 1);
    }

    #[test]
    fn a_parse_problem_has_line_and_column() {
        assert_eq!(
            parse_problem(b"a = 1\nb = \"x\nc = 2\n")
                .as_deref()
                .map(|p| &p[..4]),
            Some("2:7:")
        );
        assert_eq!(
            parse_problem(b"a = 1\n<<<<<<< HEAD\n").as_deref(),
            Some("2:1: git conflict marker")
        );
    }

    #[test]
    fn parses_checks_markers_and_syntax() {
        assert!(parses(b"a = 1\n"));
        assert!(!parses(b"a = \n"));
        assert!(!parses(b"<<<<<<< HEAD\na = 1\n"));
        assert!(!parses(b"\xff"));
    }
}
