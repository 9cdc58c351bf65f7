//! What the title bar shows about the repository: branch, files changed and not committed,
//! commits ahead of and behind the remote, conflicted files, a rebase or merge in progress.
//! Read with `git status --porcelain=v2 --branch -z`; [`spawn`] does it off the UI thread.

use super::{git, GitError, LOCAL_TIMEOUT};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GitStatus {
    /// The branch name; `None` when HEAD is detached (as during a rebase).
    pub branch: Option<String>,
    /// `origin/main`, when the branch tracks one.
    pub upstream: Option<String>,
    pub ahead: usize,
    pub behind: usize,
    /// Files of the workspace changed and not committed (untracked ones included).
    pub changed_files: usize,
    /// Files with an unresolved merge conflict, relative to the repository's top folder.
    pub conflicted: Vec<String>,
    /// A rebase or merge stopped half-way: the user must finish or abort it.
    pub operation: Option<Operation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    Rebase,
    Merge,
}

impl Operation {
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::Rebase => "rebase",
            Operation::Merge => "merge",
        }
    }
}

/// Reads the status of the repository holding `root`, limited to the workspace's files.
pub fn read(root: &Path) -> Result<GitStatus, GitError> {
    let out = git(
        root,
        // No index refresh (and so no index.lock): a commit or pull running at the same time
        // in another thread must not fail on the lock this read would take.
        &[
            "--no-optional-locks",
            "status",
            "--porcelain=v2",
            "--branch",
            "-z",
            "--",
            ".",
        ],
        Some(LOCAL_TIMEOUT),
    )?;
    if !out.success {
        if out.stderr.contains("not a git repository") {
            return Err(GitError::NotARepo(root.to_path_buf()));
        }
        return Err(GitError::Failed {
            args: "status".into(),
            message: out.reason(),
        });
    }
    let mut status = parse(&out.stdout);
    status.operation = operation(root);
    Ok(status)
}

/// A rebase or merge in progress in the repository holding `root`.
pub fn operation(root: &Path) -> Option<Operation> {
    let out = git(
        root,
        &["rev-parse", "--absolute-git-dir"],
        Some(LOCAL_TIMEOUT),
    )
    .ok()?;
    if !out.success {
        return None;
    }
    let dir = PathBuf::from(out.stdout.trim_end_matches(['\n', '\r']));
    if dir.join("rebase-merge").is_dir() || dir.join("rebase-apply").is_dir() {
        Some(Operation::Rebase)
    } else if dir.join("MERGE_HEAD").is_file() {
        Some(Operation::Merge)
    } else {
        None
    }
}

/// Parses the output of `git status --porcelain=v2 --branch -z`.
pub fn parse(output: &str) -> GitStatus {
    let mut status = GitStatus::default();
    let mut records = output.split('\0');
    while let Some(record) = records.next() {
        if let Some(header) = record.strip_prefix("# ") {
            let (key, value) = header.split_once(' ').unwrap_or((header, ""));
            match key {
                "branch.head" if value != "(detached)" => status.branch = Some(value.into()),
                "branch.upstream" => status.upstream = Some(value.into()),
                "branch.ab" => {
                    for part in value.split_whitespace() {
                        if let Some(n) = part.strip_prefix('+') {
                            status.ahead = n.parse().unwrap_or(0);
                        } else if let Some(n) = part.strip_prefix('-') {
                            status.behind = n.parse().unwrap_or(0);
                        }
                    }
                }
                _ => {}
            }
            continue;
        }
        match record.split(' ').next() {
            Some("1") | Some("?") => status.changed_files += 1,
            Some("2") => {
                status.changed_files += 1;
                // A rename's original path follows as its own record.
                records.next();
            }
            Some("u") => {
                status.changed_files += 1;
                if let Some(path) = record.splitn(11, ' ').nth(10) {
                    status.conflicted.push(path.to_string());
                }
            }
            _ => {}
        }
    }
    status
}

/// Reads the status on a thread of its own and hands the result to `done` (which may send it
/// into the UI's event channel): the UI never waits on git.
pub fn spawn(
    root: PathBuf,
    done: impl FnOnce(Result<GitStatus, GitError>) + Send + 'static,
) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || done(read(&root)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_branch_counts_renames_and_conflicts() {
        let out = [
            "# branch.oid 1234",
            "# branch.head main",
            "# branch.upstream origin/main",
            "# branch.ab +2 -3",
            "1 .M N... 100644 100644 100644 aaa bbb 2023/giao ban.toml",
            "2 R. N... 100644 100644 100644 aaa bbb R100 new.toml",
            "old.toml",
            "u UU N... 100644 100644 100644 100644 a b c 2023/x y.toml",
            "? notes.toml",
            "",
        ]
        .join("\0");
        let s = parse(&out);
        assert_eq!(s.branch.as_deref(), Some("main"));
        assert_eq!(s.upstream.as_deref(), Some("origin/main"));
        assert_eq!((s.ahead, s.behind), (2, 3));
        assert_eq!(s.changed_files, 4);
        assert_eq!(s.conflicted, vec!["2023/x y.toml".to_string()]);
    }

    #[test]
    fn detached_head_has_no_branch() {
        let s = parse("# branch.oid 1\0# branch.head (detached)\0");
        assert_eq!(s.branch, None);
        assert_eq!(s.changed_files, 0);
    }
}
