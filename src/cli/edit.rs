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
        anyhow::bail!("nothing to edit: give --text, --owner or --support");
    }
    let text = args.text.as_deref().map(units::text_arg).transpose()?;
    if text.as_deref().is_some_and(|t| t.trim().is_empty()) {
        anyhow::bail!("--text: a directive needs a text");
    }
    let mut ws = store::load(&ctx.data)?;
    let id = args.id.trim();
    let Some(current) = ws.directive(id) else {
        return Err(output::unknown_id(&ws, id).into());
    };
    let owner = match &args.owner {
        Some(value) => match units::resolve(&ws, "--owner", value)?.as_slice() {
            [one] => Some(one.clone()),
            many => {
                return Err(Refused(format!(
                    "--owner: one lead unit per directive, \"{value}\" names {} ({}); \
                     `dondoc add` writes a directive once per unit",
                    many.len(),
                    many.join(", ")
                ))
                .into())
            }
        },
        None => None,
    };
    let support = match args.support.as_deref().map(str::trim) {
        Some("") => Some(Vec::new()),
        Some(value) => Some(units::resolve(&ws, "--support", value)?),
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
        return Err(Refused(format!(
            "nothing to change: \"{id}\" already has these values"
        ))
        .into());
    }
    let edit = Edit {
        id: id.to_string(),
        change,
        by: author::resolve(args.by.as_deref(), &ctx.data),
        at: ctx.now(),
    };
    let written = store::write::write_edit(&mut ws, &edit).map_err(|e| match e {
        WriteError::Io { .. } => anyhow::anyhow!("\"{id}\" not changed: {e}"),
        refused => Refused(format!("\"{id}\" not changed: {refused}")).into(),
    })?;
    if written.rebased {
        eprintln!(
            "dondoc: {} had changed on disk (other directives); the change was applied on top",
            written.path
        );
    }
    match crate::git::after_write(&ws, &written, &edit, ctx.config.git.commit) {
        Ok(Some(commit)) => eprintln!("dondoc: committed {commit}"),
        Ok(None) => {}
        Err(e) => eprintln!("dondoc: warning: saved but not committed: {e}"),
    }
    let line = format!(
        "{id}: {} ({})",
        edit.change.describe(&written.before),
        written.path
    );
    output::to_stdout(|out| writeln!(out, "{line}"))?;
    Ok(ExitCode::SUCCESS)
}
