//! `dondoc new`: a new meeting file with its `[source]` table, ready for directives.

use super::{output, units, Context, Refused};
use crate::author;
use crate::model::Source;
use crate::store::{self, create, write::WriteError};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The meeting or notice: "Hội nghị giao ban tháng 11/2023"
    #[arg(long, value_name = "T")]
    pub title: String,
    /// Its date: 2023-11-20, 20/11/2023, +N days from the as-of date
    #[arg(long, value_name = "DATE")]
    pub date: String,
    /// The document number: "Thông báo số 1250-TB/TU"
    #[arg(long = "ref", value_name = "R")]
    pub reference: Option<String>,
    /// Who gave the directives, the default of each: "Thường trực Tỉnh ủy"
    #[arg(long, value_name = "I")]
    pub issued_by: Option<String>,
    /// The file to create, in the workspace (default: <year>/<title as words>.toml)
    #[arg(long, value_name = "PATH")]
    pub file: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let date = crate::dates::parse_date(&args.date, ctx.today)
        .map_err(|e| super::date_error(ctx.lang, "--date", &e))?;
    if args.title.trim().is_empty() {
        anyhow::bail!(crate::i18n::cli::needs_title(ctx.lang));
    }
    let source = Source {
        title: crate::fold::nfc(args.title.trim()),
        date: Some(date),
        reference: args.reference.as_deref().map(crate::fold::nfc),
        issued_by: args.issued_by.as_deref().map(crate::fold::nfc),
    };
    let mut ws = store::load(&ctx.data)?;
    let rel = match &args.file {
        Some(f) => f.trim().trim_start_matches("./").to_string(),
        None => create::default_source_path(&source),
    };
    store::write::write_new_source(&mut ws, &rel, &source).map_err(|e| match e {
        WriteError::Io { .. } => anyhow::anyhow!(crate::i18n::cli::not_created(ctx.lang, &e)),
        refused => Refused(crate::i18n::cli::not_created(ctx.lang, &refused)).into(),
    })?;
    let by = author::resolve(None, &ctx.data);
    units::commit(ctx, &ws, &rel, &format!("dondoc: new meeting {rel}"), &by);
    output::to_stdout(|out| writeln!(out, "{rel}"))?;
    super::output::note(&crate::i18n::cli::new_file_next(ctx.lang, &rel));
    Ok(ExitCode::SUCCESS)
}
