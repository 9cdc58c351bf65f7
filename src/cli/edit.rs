//! `dondoc edit`: reshape a directive (its text, lead unit, coordinating units), logged with
//! the new values like every edit.

use super::{output, units, Context, Refused};
use crate::author;
use crate::store::{self, edit::Change, edit::Edit, write::WriteError};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directive id
    pub id: String,
    /// The new text; "-" reads it from stdin
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub text: Option<String>,
    /// The new lead unit: a unit id or name
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// The coordinating units (ids, names or a group, comma-separated); "" for none
    #[arg(long, value_name = "IDS")]
    pub support: Option<String>,
    /// Why (logged)
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// Who makes the change (default: $DONDOC_USER, git user.name, login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    if args.text.is_none() && args.owner.is_none() && args.support.is_none() {
        anyhow::bail!(crate::i18n::cli::nothing_to_edit(ctx.lang));
    }
    let text = args
        .text
        .as_deref()
        .map(|t| units::text_arg(ctx.lang, t))
        .transpose()?;
    if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
        anyhow::bail!(crate::i18n::cli::needs_text(ctx.lang));
    }
    let mut ws = store::load(&ctx.data)?;
    let id = args.id.trim();
    // A file saved in place by another program may have been read empty or cut.
    let settled =
        || store::load::settle_for(&ctx.data, id).map_err(|e| super::saving_refused(ctx.lang, e));
    if ws.directive(id).is_none() && settled()? {
        ws = store::load(&ctx.data)?;
    }
    let Some(current) = ws.directive(id) else {
        return Err(output::unknown_id(&ws, id, ctx.lang).into());
    };
    if let Err(e) = store::write::check_unique(&ws, id) {
        return Err(Refused(crate::i18n::cli::not_changed(ctx.lang, id, &e)).into());
    }
    let owner = match &args.owner {
        Some(value) => match units::resolve(ctx.lang, &ws, "--owner", value)?.as_slice() {
            [one] => Some(one.clone()),
            many => {
                return Err(Refused(crate::i18n::cli::one_lead_unit(ctx.lang, value, many)).into())
            }
        },
        None => None,
    };
    let support = match args.support.as_deref().map(str::trim) {
        Some("") => Some(Vec::new()),
        Some(value) => Some(units::resolve(ctx.lang, &ws, "--support", value)?),
        None => None,
    };
    let asked = Change {
        text,
        owner,
        support,
        reason: args.reason.clone(),
        ..Change::default()
    };
    let change = asked.resolve(current, ctx.today);
    if change.is_empty() {
        return Err(Refused(crate::i18n::cli::already_these_values(ctx.lang, id)).into());
    }
    let edit = Edit {
        id: id.to_string(),
        change,
        by: author::resolve(args.by.as_deref(), &ctx.data),
        at: ctx.now(),
    };
    let written = store::write::write_edit(&mut ws, &edit).map_err(|e| match e {
        WriteError::Io { .. } => anyhow::anyhow!(crate::i18n::cli::not_changed(ctx.lang, id, &e)),
        refused => Refused(crate::i18n::cli::not_changed(ctx.lang, id, &refused)).into(),
    })?;
    if written.rebased {
        super::output::note(&crate::i18n::cli::rebased(ctx.lang, &written.path));
    }
    match crate::git::after_write(&ws, &written, &edit, ctx.config.git.commit) {
        Ok(Some(commit)) => eprintln!("dondoc: {}", crate::i18n::cli::committed(ctx.lang, &commit)),
        Ok(None) => {}
        Err(e) => eprintln!(
            "dondoc: {}",
            crate::i18n::cli::not_committed(ctx.lang, &crate::i18n::cli::git_error(ctx.lang, &e))
        ),
    }
    let line = format!(
        "{id}: {} ({})",
        crate::i18n::store::describe_change(ctx.lang, &edit.change, &written.before),
        written.path
    );
    output::to_stdout(|out| writeln!(out, "{line}"))?;
    Ok(ExitCode::SUCCESS)
}
