//! `dondoc add`: new directives at the end of a meeting file, each with a `created = true`
//! log entry. A directive given to several units is written once per unit (one number, the
//! unit's id appended), as the format's id rule says.

use super::{output, units, Context, Refused};
use crate::author;
use crate::store::{self, create::NewDirective, write::WriteError};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting file: its path in the workspace or its file name
    #[arg(long, value_name = "FILE")]
    pub source: String,
    /// The directive's text; "-" reads it from stdin
    #[arg(long, value_name = "T", allow_hyphen_values = true)]
    pub text: String,
    /// Lead unit(s): unit ids or names, comma-separated, or a group name ("Huyện, thành ủy");
    /// several units give one directive each
    #[arg(long, value_name = "ID[,ID…]|GROUP")]
    pub owner: String,
    /// Coordinating units, the same way
    #[arg(long, value_name = "IDS")]
    pub support: Option<String>,
    /// Deadline: 2023-11-30, 30/11/2023 or +N days from the as-of date (none: ongoing)
    #[arg(long, value_name = "DATE")]
    pub deadline: Option<String>,
    /// Who gave it (default: the meeting's issued_by)
    #[arg(long, value_name = "I")]
    pub issued_by: Option<String>,
    /// A first note
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The id (default: the file's prefix and the next free number)
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// Who records it (default: $DONDOC_USER, git user.name, login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let deadline = match args.deadline.as_deref() {
        Some(d) => crate::dates::parse_deadline(d, ctx.today)
            .map_err(|e| super::date_error(ctx.lang, "--deadline", &e))?,
        None => None,
    };
    let text = units::text_arg(ctx.lang, &args.text)?;
    if text.trim().is_empty() {
        anyhow::bail!(crate::i18n::cli::needs_text(ctx.lang));
    }
    let mut ws = store::load(&ctx.data)?;
    let path = units::source_file(ctx.lang, &ws, &args.source)?;
    let owners = units::resolve(ctx.lang, &ws, "--owner", &args.owner)?;
    let support = match &args.support {
        Some(s) if !s.trim().is_empty() => units::resolve(ctx.lang, &ws, "--support", s)?,
        _ => Vec::new(),
    };
    // Issued by: as given, else left to the file's [source] issued_by (the format's default).
    let draft = NewDirective {
        text,
        support,
        issued_by: args.issued_by.clone(),
        deadline,
        note: args.note.clone(),
        ..NewDirective::default()
    };
    let new = store::create::per_unit(&ws, &path, &draft, &owners, args.id.as_deref());
    let by = author::resolve(args.by.as_deref(), &ctx.data);
    let at = ctx.now();
    let ids =
        store::write::write_new_directives(&mut ws, &path, &new, &by, at).map_err(|e| match e {
            WriteError::Io { .. } => anyhow::anyhow!(crate::i18n::cli::not_added(ctx.lang, &e)),
            refused => Refused(crate::i18n::cli::not_added(ctx.lang, &refused)).into(),
        })?;
    let message = format!("dondoc: {}: new directive", ids.join(", "));
    units::commit(ctx, &ws, &path, &message, &by);
    output::to_stdout(|out| ids.iter().try_for_each(|id| writeln!(out, "{id}")))?;
    super::output::note(&crate::i18n::cli::directives_added(
        ctx.lang,
        ids.len(),
        &path,
    ));
    Ok(ExitCode::SUCCESS)
}
