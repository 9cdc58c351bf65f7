//! `dondoc merge-driver %O %A %B %P`: run by git (see `dondoc git-setup`) to merge one file.
//! Directive files and `dondoc.toml` merge field by field ([`crate::git::merge`]); the result
//! goes to %A and the exit code is 0. When that is impossible (a side is not UTF-8 or does
//! not parse) git's own line merge is left in %A, conflict markers included, and the exit code
//! is 1 even when the lines happened to merge: git then marks the file conflicted, and never
//! commits a file that does not load. The reason goes to stderr, one line starting with
//! [`REASON_PREFIX`](crate::git::merge::REASON_PREFIX), for `dondoc sync` to show.

use super::Context;
use crate::git::merge::{merge, same_meaning, REASON_PREFIX};
use crate::i18n::cli as text;
use crate::store::write::atomic_write;
use std::path::Path;
use std::process::{Command, ExitCode};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ancestor version (%O)
    pub base: std::path::PathBuf,
    /// Our version, and where the result goes (%A)
    pub ours: std::path::PathBuf,
    /// Their version (%B)
    pub theirs: std::path::PathBuf,
    /// Path of the file in the repository (%P)
    pub path: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    // The path is a file's name, which may hold escapes; git prints the reason as is.
    let shown = crate::term_text::visible(
        &args
            .path
            .clone()
            .unwrap_or_else(|| args.ours.display().to_string()),
    )
    .into_owned();
    // Directive files merge by directive, `dondoc.toml` by owner.
    let is_toml = args.path.as_deref().is_none_or(|p| p.ends_with(".toml"));
    let read = |p: &Path| std::fs::read_to_string(p);
    let texts = (read(&args.base), read(&args.ours), read(&args.theirs));
    let (Ok(base), Ok(ours), Ok(theirs)) = texts else {
        eprintln!(
            "{REASON_PREFIX} {}",
            text::merge_unreadable(ctx.lang, &shown)
        );
        line_merge_in_place(&args)?;
        return Ok(ExitCode::from(1));
    };
    if !is_toml {
        return line_merge_in_place(&args);
    }
    match merge(&base, &ours, &theirs) {
        Ok(merged) => {
            // git's line merge keeps both sides' comments and layout; use it when it is clean
            // and means exactly what the field merge decided.
            let result = match line_merge_text(&args) {
                Some(lines) if same_meaning(&lines, &merged) => lines,
                _ => merged,
            };
            atomic_write(&args.ours, result.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!(
                "{REASON_PREFIX} {}",
                text::merge_refused(ctx.lang, &shown, &crate::term_text::visible(&e.to_string()))
            );
            // Even when the lines happen to merge, the file stays conflicted: git must not
            // commit a file that dondoc could not read.
            line_merge_in_place(&args)?;
            Ok(ExitCode::from(1))
        }
    }
}

/// `git merge-file -p`: the line merge on stdout, when it has no conflict.
fn line_merge_text(args: &Args) -> Option<String> {
    let out = Command::new("git")
        .args(["merge-file", "-p", "-q"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8(out.stdout).ok()
}

/// `git merge-file` writing into %A, conflict markers and all: what git does without a driver.
fn line_merge_in_place(args: &Args) -> anyhow::Result<ExitCode> {
    let status = Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status()?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
