//! Registers dondoc's merge driver in a workspace's repository: `.gitattributes` in the
//! workspace (`*.toml merge=dondoc`) and `merge.dondoc.*` in the repository's own config.

use super::{git_ok, repo_root, GitError, LOCAL_TIMEOUT};
use std::path::{Path, PathBuf};

/// The line that routes every TOML file of the workspace to the driver.
pub const ATTRIBUTE_LINE: &str = "*.toml merge=dondoc";

/// What `register` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub repo: PathBuf,
    pub attributes: PathBuf,
    /// `.gitattributes` already had the line.
    pub attributes_unchanged: bool,
    /// The command git runs to merge a directive file.
    pub driver: String,
}

/// Writes `.gitattributes` in `root` (keeping its other lines) and points
/// `merge.dondoc.driver` at this very dondoc executable. Idempotent.
pub fn register(root: &Path) -> Result<Registered, GitError> {
    let exe = std::env::current_exe()
        .map_err(|e| GitError::NoOwnPath(crate::store::guard::io_reason(&e)))?;
    register_with(root, &exe)
}

/// [`register`] with an explicit dondoc program (tests use the built binary).
pub fn register_with(root: &Path, exe: &Path) -> Result<Registered, GitError> {
    let repo = repo_root(root).ok_or_else(|| GitError::NotARepo(root.to_path_buf()))?;
    let (attributes, attributes_unchanged) = ensure_attributes(root)?;
    let driver = driver_command(exe);
    git_ok(
        root,
        &[
            "config",
            "--local",
            "merge.dondoc.name",
            "dondoc: merge directive files field by field",
        ],
        Some(LOCAL_TIMEOUT),
    )?;
    git_ok(
        root,
        &["config", "--local", "merge.dondoc.driver", &driver],
        Some(LOCAL_TIMEOUT),
    )?;
    Ok(Registered {
        repo,
        attributes,
        attributes_unchanged,
        driver,
    })
}

/// Adds the merge-driver line to `root/.gitattributes`, keeping its other lines; returns the
/// file and whether it already had the line. Needs no git repository (`dondoc init` uses it).
pub fn ensure_attributes(root: &Path) -> Result<(PathBuf, bool), GitError> {
    let attributes = root.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(io_failure(&attributes, e)),
    };
    let unchanged = existing.lines().any(|l| {
        let mut words = l.split_whitespace();
        words.next() == Some("*.toml") && words.any(|w| w == "merge=dondoc")
    });
    if !unchanged {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("# dondoc merges directive files field by field (see `dondoc git-setup`)\n");
        text.push_str(ATTRIBUTE_LINE);
        text.push('\n');
        crate::store::write::atomic_write(&attributes, text.as_bytes())
            .map_err(|e| io_failure(&attributes, e))?;
    }
    Ok((attributes, unchanged))
}

fn io_failure(path: &Path, e: std::io::Error) -> GitError {
    GitError::CannotWrite {
        path: path.display().to_string(),
        reason: crate::store::guard::io_reason(&e),
    }
}

/// The command git runs to merge a file with the dondoc program `exe`.
pub fn driver_command(exe: &Path) -> String {
    format!(
        "{} merge-driver %O %A %B %P",
        shell_quote(&exe.to_string_lossy())
    )
}

/// Git runs the driver through the shell: quote the path (it may hold spaces).
pub(crate) fn shell_quote(s: &str) -> String {
    if s.chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_paths_for_the_shell() {
        assert_eq!(shell_quote("/usr/bin/dondoc"), "/usr/bin/dondoc");
        assert_eq!(shell_quote("/home/a b/dondoc"), "'/home/a b/dondoc'");
        assert_eq!(shell_quote("/x/it's"), r"'/x/it'\''s'");
    }
}
