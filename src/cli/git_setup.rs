//! `dondoc git-setup`: register dondoc's merge driver in the workspace's repository.

use super::Context;
use crate::git::{self, GitError};
use crate::i18n::cli as text;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    if !ctx.data.is_dir() {
        anyhow::bail!(text::not_a_folder(
            ctx.lang,
            &ctx.data.display().to_string()
        ));
    }
    match git::setup::register(&ctx.data) {
        Ok(r) => {
            println!(
                "{}",
                text::attributes_set(
                    ctx.lang,
                    &r.attributes.display().to_string(),
                    r.attributes_unchanged
                )
            );
            if crate::store::guard::ensure_gitignore(&ctx.data)? {
                let path = ctx.data.join(".gitignore").display().to_string();
                println!("{}", crate::i18n::cli::gitignore_added(ctx.lang, &path));
            }
            println!(
                "{}",
                text::driver_set(ctx.lang, &r.driver, &r.repo.display().to_string())
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(GitError::NotARepo(dir)) => {
            eprintln!(
                "dondoc: {}",
                text::not_a_repo(ctx.lang, &dir.display().to_string())
            );
            Ok(ExitCode::from(2))
        }
        Err(e) => Err(anyhow::anyhow!(text::git_error(ctx.lang, &e))),
    }
}
