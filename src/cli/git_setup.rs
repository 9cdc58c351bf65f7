//! `dondoc git-setup`: register dondoc's merge driver in the workspace's repository.

use super::Context;
use crate::git::{self, GitError};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    if !ctx.data.is_dir() {
        anyhow::bail!("{} is not a folder", ctx.data.display());
    }
    match git::setup::register(&ctx.data) {
        Ok(r) => {
            let attributes = if r.attributes_unchanged {
                "already routes *.toml to dondoc"
            } else {
                "now routes *.toml to dondoc (commit it so every clone has it)"
            };
            println!("{}: {attributes}", r.attributes.display());
            if crate::store::guard::ensure_gitignore(&ctx.data)? {
                let path = ctx.data.join(".gitignore").display().to_string();
                println!("{}", crate::i18n::cli::gitignore_added(ctx.lang, &path));
            }
            println!(
                "merge.dondoc.driver = {} (in {}/.git/config)",
                r.driver,
                r.repo.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(GitError::NotARepo(dir)) => {
            eprintln!(
                "dondoc: {} is not in a git repository: nothing to set up (run `git init` there, or clone the shared repository)",
                dir.display()
            );
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(e.into()),
    }
}
