//! `dondoc owner add`: a new unit in `dondoc.toml`, written after the last unit of its group;
//! every other byte of the file stays.

use super::{output, Context, Refused};
use crate::fold::{fold, nfc};
use crate::model::Owner;
use crate::store::{self, write::WriteError};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: OwnerCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum OwnerCommand {
    /// Add a unit to dondoc.toml
    Add(AddArgs),
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// Its id: lower-case letters, digits and '-' ("cuc-thue")
    pub id: String,
    /// Its full name ("Cục Thuế tỉnh")
    #[arg(long, value_name = "N")]
    pub name: String,
    /// A short name for narrow columns ("Cục Thuế")
    #[arg(long, value_name = "S")]
    pub short: Option<String>,
    /// Its group ("Sở, ban, ngành"); an existing group may be typed without diacritics
    #[arg(long, value_name = "G")]
    pub group: Option<String>,
    /// Another name it goes by in documents (repeat for several)
    #[arg(long = "alias", value_name = "A")]
    pub aliases: Vec<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let OwnerCommand::Add(args) = args.command;
    let mut ws = store::load(&ctx.data)?;
    // An existing group keeps its own spelling.
    let group = args.group.as_deref().map(str::trim).unwrap_or("");
    let group = ws
        .groups
        .iter()
        .find(|g| !group.is_empty() && fold(g) == fold(group))
        .cloned()
        .unwrap_or_else(|| nfc(group));
    let owner = Owner {
        id: args.id.trim().to_string(),
        name: nfc(args.name.trim()),
        short: args.short.as_deref().map(|s| nfc(s.trim())),
        group,
        aliases: args
            .aliases
            .iter()
            .map(|a| nfc(a.trim()))
            .filter(|a| !a.is_empty())
            .collect(),
        addressee: None,
    };
    store::write::write_new_owner(&mut ws, &owner).map_err(|e| match e {
        WriteError::Io { .. } => anyhow::anyhow!(crate::i18n::cli::not_added(ctx.lang, &e)),
        refused => Refused(crate::i18n::cli::not_added(ctx.lang, &refused)).into(),
    })?;
    let by = crate::author::resolve(None, &ctx.data);
    let message = format!("dondoc: new unit {}", owner.id);
    super::units::commit(ctx, &ws, store::CONFIG_FILE, &message, &by);
    let line = crate::i18n::cli::owner_added(ctx.lang, &owner.id, &owner.name, &owner.group);
    output::to_stdout(|out| writeln!(out, "{line}"))?;
    Ok(ExitCode::SUCCESS)
}
