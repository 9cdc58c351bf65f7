//! Git as the sync engine: every call goes to the `git` command the offices already have.
//!
//! - [`merge`]: the field-level three-way merge behind `dondoc merge-driver` (pure);
//! - [`setup`]: registers the merge driver (`.gitattributes` + repository config);
//! - [`status`]: branch, ahead/behind, changed and conflicted files, in the background;
//! - [`sync`]: commit the workspace's changes, fetch, rebase, push, and what others changed;
//! - [`operation_in_progress`]: a stopped rebase or merge, during which edits are refused;
//! - [`commit_edit`] / [`after_write`]: commit one edit at once when `[git] commit = true`.

pub mod merge;
pub mod setup;
pub mod status;
pub mod sync;

use crate::model::Workspace;
use crate::store::edit::Edit;
use crate::store::write::Written;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Why a git step failed. The sentences are in `i18n::cli::git_error`; `Display` is English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GitError {
    /// Why git could not be started.
    NotInstalled(String),
    NotARepo(PathBuf),
    Timeout {
        args: String,
        secs: u64,
    },
    /// git's own reason (in English: git runs with `LC_ALL=C` to be understood).
    Failed {
        args: String,
        message: String,
    },
    /// The path of the running dondoc, for the merge driver, is not known.
    NoOwnPath(String),
    /// A file of the git setup (`.gitattributes`) could not be written.
    CannotWrite {
        path: String,
        reason: String,
    },
}

impl std::fmt::Display for GitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::cli::git_error(crate::i18n::Lang::En, self))
    }
}

impl std::error::Error for GitError {}

/// What one git command printed.
#[derive(Debug, Clone)]
pub struct Output {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    /// The first line git gave as the reason (`fatal:`/`error:`), else the last line of stderr.
    pub fn reason(&self) -> String {
        let lines: Vec<&str> = self.stderr.lines().map(str::trim).collect();
        lines
            .iter()
            .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
            .or_else(|| lines.iter().rev().find(|l| !l.is_empty()))
            .map(|l| l.to_string())
            .unwrap_or_else(|| "no message".to_string())
    }
}

/// Runs `git -C dir args...`, killing it after `timeout`. A non-zero exit is not an error here
/// (see [`git_ok`]). Never prompts: no terminal, `GIT_TERMINAL_PROMPT=0`, and messages in
/// English so they can be recognised.
pub fn git(dir: &Path, args: &[&str], timeout: Option<Duration>) -> Result<Output, GitError> {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(dir).args(args);
    run_command(cmd, &args.join(" "), timeout)
}

/// Runs a prepared command the way [`git`] runs git: no terminal, no prompt, English
/// messages, its own process group, killed with its children after `timeout`.
pub(crate) fn run_command(
    mut cmd: Command,
    what: &str,
    timeout: Option<Duration>,
) -> Result<Output, GitError> {
    cmd.env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if std::env::var_os("GIT_SSH_COMMAND").is_none() && std::env::var_os("GIT_SSH").is_none() {
        // ssh asks for passwords on the terminal itself, which would break the screen.
        cmd.env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    }
    #[cfg(unix)]
    {
        // Own process group, so a timeout also stops ssh or a credential helper git started.
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    let not_installed =
        |e: std::io::Error| GitError::NotInstalled(crate::store::guard::io_reason(&e));
    let mut child = cmd.spawn().map_err(not_installed)?;
    let mut out_pipe = child.stdout.take().expect("piped");
    let mut err_pipe = child.stderr.take().expect("piped");
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = out_pipe.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = err_pipe.read_to_end(&mut buf);
        buf
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(not_installed)? {
            Some(status) => break status,
            None => {
                if timeout.is_some_and(|t| started.elapsed() > t) {
                    kill_group(&mut child);
                    let _ = child.wait();
                    return Err(GitError::Timeout {
                        args: what.to_string(),
                        secs: timeout.unwrap_or_default().as_secs(),
                    });
                }
                std::thread::sleep(Duration::from_millis(10));
            }
        }
    };
    let stdout = out_reader.join().unwrap_or_default();
    let stderr = err_reader.join().unwrap_or_default();
    Ok(Output {
        success: status.success(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    })
}

fn kill_group(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{}", child.id())])
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
}

/// Runs git and returns its stdout, or its reason for failing as an error.
pub fn git_ok(dir: &Path, args: &[&str], timeout: Option<Duration>) -> Result<String, GitError> {
    let out = git(dir, args, timeout)?;
    if out.success {
        Ok(out.stdout)
    } else {
        Err(GitError::Failed {
            args: args.join(" "),
            message: out.reason(),
        })
    }
}

/// Local git calls are quick; this only guards against a hung git (a lock, a hook).
pub const LOCAL_TIMEOUT: Duration = Duration::from_secs(30);

/// The top folder of the repository holding `dir`, or `None` when it is not in one.
pub fn repo_root(dir: &Path) -> Option<PathBuf> {
    let out = git(dir, &["rev-parse", "--show-toplevel"], Some(LOCAL_TIMEOUT)).ok()?;
    out.success
        .then(|| PathBuf::from(out.stdout.trim_end_matches(['\n', '\r'])))
}

/// The repository's own folder (`.git`, or a worktree's folder under it) for the repository
/// holding `dir`, found on disk without running git: cheap enough for every edit.
pub fn git_dir(dir: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for folder in start.ancestors() {
        let dot_git = folder.join(".git");
        if dot_git.is_dir() {
            return Some(dot_git);
        }
        if let Ok(text) = std::fs::read_to_string(&dot_git) {
            // A worktree or submodule: `gitdir: PATH`.
            let path = text.trim().strip_prefix("gitdir:")?.trim();
            return Some(folder.join(path));
        }
    }
    None
}

/// A rebase or merge stopped half-way in the repository holding `root`, if any. Edits are
/// refused meanwhile: the `git rebase --abort` that gets out of it would discard them.
pub fn operation_in_progress(root: &Path) -> Option<status::Operation> {
    let dir = git_dir(root)?;
    if dir.join("rebase-merge").is_dir() || dir.join("rebase-apply").is_dir() {
        Some(status::Operation::Rebase)
    } else if dir.join("MERGE_HEAD").is_file() {
        Some(status::Operation::Merge)
    } else {
        None
    }
}

/// Why an edit is refused while [`operation_in_progress`]: what happened and what to run.
pub fn operation_message(lang: crate::i18n::Lang, op: status::Operation) -> String {
    crate::i18n::store::git_operation(lang, op)
}

/// Name and email for a commit by `name`: the email from git's config when it has one.
fn identity(dir: &Path, name: &str) -> (String, String) {
    let email = git(dir, &["config", "user.email"], Some(LOCAL_TIMEOUT))
        .ok()
        .filter(|o| o.success)
        .map(|o| o.stdout.trim().to_string())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| "dondoc@localhost".to_string());
    (name.trim().to_string(), email)
}

/// `git commit` with `author` as author, and as committer too when git has no identity set
/// (a clerk's account on a shared server often has none).
fn commit_args<'a>(
    dir: &Path,
    author: &str,
    message: &'a str,
    storage: &'a mut Vec<String>,
) -> Vec<&'a str> {
    let (name, email) = identity(dir, author);
    let has_name = git(dir, &["config", "user.name"], Some(LOCAL_TIMEOUT))
        .is_ok_and(|o| o.success && !o.stdout.trim().is_empty());
    storage.clear();
    if !has_name {
        storage.push("-c".into());
        storage.push(format!("user.name={name}"));
        storage.push("-c".into());
        storage.push(format!("user.email={email}"));
    }
    storage.push("commit".into());
    storage.push(format!("--author={name} <{email}>"));
    let mut args: Vec<&str> = storage.iter().map(String::as_str).collect();
    args.extend(["-m", message]);
    args
}

/// Commits `files` (relative to `dir`) and nothing else: `git add -- files` then
/// `git commit --only -- files`, never `git add .`. Returns the new commit's short hash.
pub fn commit_files(
    dir: &Path,
    files: &[&str],
    message: &str,
    author: &str,
) -> Result<String, GitError> {
    let mut add = vec!["add", "--"];
    add.extend(files);
    git_ok(dir, &add, Some(LOCAL_TIMEOUT))?;
    let mut storage = Vec::new();
    let mut args = commit_args(dir, author, message, &mut storage);
    args.extend(["--only", "--"]);
    args.extend(files);
    git_ok(dir, &args, Some(LOCAL_TIMEOUT))?;
    let hash = git_ok(dir, &["rev-parse", "--short", "HEAD"], Some(LOCAL_TIMEOUT))?;
    Ok(hash.trim().to_string())
}

/// Commits one edited file at once (`[git] commit = true`). `rel_path` is relative to the
/// workspace root.
pub fn commit_edit(
    root: &Path,
    rel_path: &str,
    message: &str,
    author: &str,
) -> Result<String, GitError> {
    commit_files(root, &[rel_path], message, author)
}

/// The commit subject of an edit: `dondoc: gb-2023-08-07: status in_progress → done`.
pub fn edit_message(written: &Written, edit: &Edit) -> String {
    let what = edit.change.describe(&written.before);
    let what = if what.is_empty() {
        "edited".to_string()
    } else {
        what
    };
    format!("dondoc: {}: {what}", edit.id)
}

/// To call after every successful `store::write::write_edit` (CLI `set` and the UI): commits
/// the written file when `[git] commit` is on (the user's config, when set, overrides the
/// workspace's). `Ok(None)` when committing is off or the workspace is not in a repository.
pub fn after_write(
    ws: &Workspace,
    written: &Written,
    edit: &Edit,
    user_commit_override: Option<bool>,
) -> Result<Option<String>, GitError> {
    if !user_commit_override.unwrap_or(ws.git.commit) || repo_root(&ws.root).is_none() {
        return Ok(None);
    }
    commit_edit(
        &ws.root,
        &written.path,
        &edit_message(written, edit),
        &edit.by,
    )
    .map(Some)
}
