//! `dondoc sync` and the `S` key: commit what dondoc wrote, `git pull --rebase` (the merge
//! driver resolves directive files), `git push` (a rejected push pulls and retries once), then
//! say which directives others changed. Every network call has a time limit.

use super::status::{self, Operation};
use super::{commit_files, git, git_ok, repo_root, GitError, Output, LOCAL_TIMEOUT};
use crate::store::changes::{self, Snapshot};
use std::fmt;
use std::path::Path;
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

/// Why a sync did not finish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncProblem {
    NotARepo,
    NoRemote,
    /// The remote could not be reached or refused us: one sentence.
    Network(String),
    /// A rebase or merge stopped on files dondoc could not merge; the repository is left in
    /// it on purpose (git's normal conflict stands) and the message says how to get out.
    Stopped {
        operation: Operation,
        files: Vec<String>,
    },
    Failed(String),
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
        match self {
            SyncProblem::NotARepo => f.write_str(
                "the workspace is not in a git repository: nothing to sync (see `git init` or `git clone`)",
            ),
            SyncProblem::NoRemote => f.write_str(
                "the repository has no remote to sync with (add one with `git remote add origin URL`)",
            ),
            SyncProblem::Network(sentence) | SyncProblem::Failed(sentence) => {
                f.write_str(sentence)
            }
            SyncProblem::Stopped { operation, files } => {
                let op = operation.as_str();
                let list = if files.is_empty() {
                    "some files".to_string()
                } else {
                    files.join(", ")
                };
                write!(
                    f,
                    "sync stopped in the middle of a {op}: {list} could not be merged (not a directive file, or a side does not parse); \
                     fix the file (remove the conflict markers), then `git add` it and run `git {op} --continue`, \
                     or run `git {op} --abort` to undo the pull"
                )
            }
        }
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
        if parts.is_empty() {
            parts.push("up to date".to_string());
        }
        let mut line = format!("synced: {}", parts.join(", "));
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
/// uncommitted writes; `timeout` bounds each network call; `progress` hears each step.
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

fn run(
    root: &Path,
    author: &str,
    timeout: Duration,
    progress: &mut dyn FnMut(Step),
    outcome: &mut SyncOutcome,
) -> Result<(), SyncProblem> {
    let top = repo_root(root).ok_or(SyncProblem::NotARepo)?;
    if let Some(operation) = status::operation(root) {
        return Err(SyncProblem::Stopped {
            operation,
            files: conflicted_files(&top),
        });
    }
    commit_pending(root, &top, author, progress, outcome)?;
    let before = snapshot(root);

    let target = Target::find(&top)?;
    progress(Step::Pulling);
    pull(&top, &target, timeout)?;
    progress(Step::Pushing);
    let pushed = push(&top, &target, timeout)?;
    if !pushed {
        progress(Step::Retrying);
        pull(&top, &target, timeout)?;
        progress(Step::Pushing);
        if !push(&top, &target, timeout)? {
            return Err(SyncProblem::Network(format!(
                "the push to {} was rejected twice: the remote keeps moving, sync again",
                target.remote
            )));
        }
    }
    outcome.pushed = true;
    let after = snapshot(root);
    diff_snapshots(&before, &after, outcome);
    Ok(())
}

/// Commits the workspace's changed TOML files that parse (what dondoc wrote, or a hand edit
/// that is finished); never a conflicted or broken file, never `git add .`.
fn commit_pending(
    root: &Path,
    top: &Path,
    author: &str,
    progress: &mut dyn FnMut(Step),
    outcome: &mut SyncOutcome,
) -> Result<(), SyncProblem> {
    let out = git(
        root,
        &[
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
        return Err(SyncProblem::Failed(format!(
            "git status failed: {}",
            out.reason()
        )));
    }
    let mut records = out.stdout.split('\0');
    let mut files = Vec::new();
    while let Some(record) = records.next() {
        let path = match record.split(' ').next() {
            Some("1") => record.splitn(9, ' ').nth(8),
            Some("2") => {
                let path = record.splitn(10, ' ').nth(9);
                records.next();
                path
            }
            Some("?") => record.get(2..),
            Some("u") => {
                if let Some(p) = record.splitn(11, ' ').nth(10) {
                    outcome.skipped.push(p.to_string());
                }
                None
            }
            _ => None,
        };
        let Some(path) = path.filter(|p| p.ends_with(".toml")) else {
            continue;
        };
        match std::fs::read(top.join(path)) {
            Ok(bytes) if parses(&bytes) => files.push(path.to_string()),
            Ok(_) => outcome.skipped.push(path.to_string()),
            // Deleted: dondoc never deletes a file, so this is someone's work to commit.
            Err(_) => {}
        }
    }
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
    outcome.committed = files;
    Ok(())
}

fn parses(bytes: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return false;
    };
    let text = text.strip_prefix(crate::store::text::BOM).unwrap_or(text);
    crate::store::text::conflict_marker(text).is_none()
        && text.parse::<toml_edit::DocumentMut>().is_ok()
}

fn failed(e: GitError) -> SyncProblem {
    SyncProblem::Failed(e.to_string())
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
        .map_err(|_| {
            SyncProblem::Failed("not on a branch (detached HEAD): check out a branch first".into())
        })?;
        Ok(Target {
            remote,
            explicit_branch: Some(branch.trim().to_string()),
        })
    }
}

fn pull(top: &Path, target: &Target, timeout: Duration) -> Result<(), SyncProblem> {
    let mut args = vec!["pull", "--rebase", "--autostash", "--no-edit"];
    if let Some(branch) = &target.explicit_branch {
        args.extend([target.remote.as_str(), branch.as_str()]);
    }
    let result = git(top, &args, Some(timeout));
    // Whatever happened, never leave a rebase behind without saying so.
    if let Some(operation) = status::operation(top) {
        if matches!(result, Err(GitError::Timeout { .. })) {
            // Killed half-way: undo it, the pull simply did not happen.
            let _ = git(top, &["rebase", "--abort"], Some(LOCAL_TIMEOUT));
        } else {
            return Err(SyncProblem::Stopped {
                operation,
                files: conflicted_files(top),
            });
        }
    }
    let out = result.map_err(|e| timeout_sentence(e, "pull from", &target.remote))?;
    if out.success {
        let conflicted = conflicted_files(top);
        if !conflicted.is_empty() {
            return Err(SyncProblem::Failed(format!(
                "the pull worked but your uncommitted changes to {} conflict with it; they are kept in `git stash list`",
                conflicted.join(", ")
            )));
        }
        return Ok(());
    }
    // The branch is new and not on the remote yet: nothing to pull.
    if out.stderr.contains("couldn't find remote ref") {
        return Ok(());
    }
    Err(network_sentence(&out, "pull from", &target.remote))
}

/// `Ok(false)` when the remote moved on (rejected as not a fast-forward).
fn push(top: &Path, target: &Target, timeout: Duration) -> Result<bool, SyncProblem> {
    let mut args = vec!["push"];
    if let Some(branch) = &target.explicit_branch {
        args.extend(["-u", target.remote.as_str(), branch.as_str()]);
    }
    let out = git(top, &args, Some(timeout))
        .map_err(|e| timeout_sentence(e, "push to", &target.remote))?;
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
    Err(network_sentence(&out, "push to", &target.remote))
}

fn timeout_sentence(e: GitError, verb: &str, remote: &str) -> SyncProblem {
    match e {
        GitError::Timeout { secs, .. } => SyncProblem::Network(format!(
            "could not {verb} {remote}: no answer within {secs} s (network down?); nothing was changed"
        )),
        other => failed(other),
    }
}

/// Git's many lines about a failed network call, as one sentence.
fn network_sentence(out: &Output, verb: &str, remote: &str) -> SyncProblem {
    let stderr = &out.stderr;
    let cause = if stderr.contains("Could not resolve host") {
        "the server's name is not known (no network?)".to_string()
    } else if stderr.contains("Connection refused") {
        "the server refused the connection".to_string()
    } else if stderr.contains("timed out") {
        "the connection timed out".to_string()
    } else if stderr.contains("Authentication failed")
        || stderr.contains("Permission denied")
        || stderr.contains("terminal prompts disabled")
    {
        "access was refused (check your key or password outside dondoc)".to_string()
    } else {
        let reason = out.reason();
        reason
            .trim_start_matches("fatal: ")
            .trim_start_matches("error: ")
            .trim_end_matches('.')
            .to_string()
    };
    SyncProblem::Network(format!("could not {verb} {remote}: {cause}"))
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

fn snapshot(root: &Path) -> Snapshot {
    crate::store::load(root)
        .map(|ws| changes::snapshot(&ws.directives))
        .unwrap_or_default()
}

fn diff_snapshots(before: &Snapshot, after: &Snapshot, outcome: &mut SyncOutcome) {
    let changes = changes::between(before, after);
    outcome.updated_by_others = changes.updated;
    outcome.added_by_others = changes.added;
    outcome.removed_by_others = changes.removed;
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
        let p = network_sentence(
            &output("fatal: unable to access 'https://x/': Could not resolve host: x\n"),
            "pull from",
            "origin",
        );
        assert_eq!(
            p.to_string(),
            "could not pull from origin: the server's name is not known (no network?)"
        );
        let p = network_sentence(
            &output("fatal: '/nowhere' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists.\n"),
            "push to",
            "origin",
        );
        assert_eq!(
            p.to_string(),
            "could not push to origin: '/nowhere' does not appear to be a git repository"
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
    fn parses_checks_markers_and_syntax() {
        assert!(parses(b"a = 1\n"));
        assert!(!parses(b"a = \n"));
        assert!(!parses(b"<<<<<<< HEAD\na = 1\n"));
        assert!(!parses(b"\xff"));
    }
}
