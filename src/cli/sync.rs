//! `dondoc sync`: commit what dondoc wrote, pull --rebase, push; say what others changed.

use super::Context;
use crate::git::sync::sync;
use crate::i18n::cli::{self as text, SyncChange};
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Who signs the commit of uncommitted changes (default: $DONDOC_USER, git user.name, login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Give up on the remote after this many seconds per pull or push
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    if !ctx.data.is_dir() {
        anyhow::bail!(text::not_a_folder(
            ctx.lang,
            &ctx.data.display().to_string()
        ));
    }
    // Outside a workspace there is nothing of dondoc's to commit: never write, commit or push
    // there (a fresh clone of an empty repository, the wrong folder).
    if !ctx.data.join("dondoc.toml").is_file() {
        anyhow::bail!(crate::i18n::store::load_error(
            ctx.lang,
            &crate::store::LoadError::NoConfig(ctx.data.clone())
        ));
    }
    let author = crate::author::resolve(args.by.as_deref(), &ctx.data);
    let outcome = sync(
        &ctx.data,
        &author,
        Duration::from_secs(args.timeout.max(1)),
        &mut |step| eprintln!("dondoc: {}", text::sync_step(ctx.lang, &step)),
    );
    let mut out = std::io::stdout().lock();
    let summary = crate::i18n::tui::sync_summary(ctx.lang, &outcome);
    if outcome.problem.is_some() {
        // The reason may quote git and file names: shown as symbols.
        eprintln!("dondoc: {}", crate::term_text::visible(&summary));
    } else {
        let _ = writeln!(out, "{summary}");
        for (what, ids) in [
            (SyncChange::Updated, &outcome.updated_by_others),
            (SyncChange::Added, &outcome.added_by_others),
            (SyncChange::Removed, &outcome.removed_by_others),
        ] {
            if !ids.is_empty() {
                let _ = writeln!(out, "{}", text::sync_changed(ctx.lang, what, ids));
            }
        }
    }
    Ok(ExitCode::from(outcome.exit_code()))
}
