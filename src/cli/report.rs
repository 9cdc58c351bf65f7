//! `dondoc report`: figures by unit for a period, in md, csv, json, html or xlsx.

use super::{date_error, output, Context};
use crate::dates;
use crate::i18n::report::text;
use crate::report::{self, Period, ReportOptions};
use crate::store;
use anyhow::Context as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
A period covers the directives whose deadline falls in it, those due earlier that are still \
overdue as of the as-of date, and those without a deadline from sources dated in it. \
With no period, every directive is covered.

Examples:
  dondoc report --month 9/2023 --as-of 15/10/2023
  dondoc --lang vi report --quarter 2023-Q3 --format html --output bao-cao.html
  dondoc report --source giao-ban-2023-08-25.toml --format xlsx --output bc.xlsx")]
pub struct Args {
    /// First day of the period (with --to): 2023-09-01, 1/9/2023, +N or -N days
    #[arg(long, value_name = "DATE", requires = "to", allow_hyphen_values = true,
          conflicts_with_all = ["month", "quarter"])]
    pub from: Option<String>,
    /// Last day of the period (with --from)
    #[arg(
        long,
        value_name = "DATE",
        requires = "from",
        allow_hyphen_values = true
    )]
    pub to: Option<String>,
    /// A calendar month, e.g. 2023-09 or 9/2023
    #[arg(long, value_name = "YYYY-MM", conflicts_with = "quarter")]
    pub month: Option<String>,
    /// A calendar quarter, e.g. 2023-Q3
    #[arg(long, value_name = "YYYY-QN")]
    pub quarter: Option<String>,
    /// Only directives from this file (path in the workspace, or file name)
    #[arg(long, value_name = "FILE")]
    pub source: Option<String>,
    /// Date the figures are computed at, ngày chốt số liệu (default: --today, else today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub as_of: Option<String>,
    /// Only this lead unit (owner id)
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// Only the units of this group
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "md")]
    pub format: Format,
    /// Write to this file instead of stdout (required for xlsx)
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV: start with a UTF-8 byte-order mark, so Excel reads Vietnamese correctly
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
    Html,
    Xlsx,
}

/// A usage mistake found after parsing: exit 2 with this message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Usage(String);

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    if args.format == Format::Xlsx && args.output.is_none() {
        return Err(Usage(
            "--format xlsx writes a binary file: give it a name with --output FILE".into(),
        )
        .into());
    }
    // Relative dates count from the as-of date given globally (--today), as in the UI.
    let date = |option: &str, s: &str| {
        dates::parse_as_of(s, ctx.today, ctx.today).map_err(|e| date_error(ctx.lang, option, &e))
    };
    let as_of = args
        .as_of
        .as_deref()
        .map(|s| date("--as-of", s))
        .transpose()?;
    let period = match (&args.from, &args.to, &args.month, &args.quarter) {
        (Some(from), Some(to), _, _) => {
            Some(Period::range(date("--from", from)?, date("--to", to)?)?)
        }
        (_, _, Some(month), _) => Some(match dates::parse_month(month) {
            Some((year, month)) => Period::month(&format!("{year:04}-{month:02}"))?,
            // Not a month we read: the period's own message names what it expects.
            None => Period::month(month)?,
        }),
        (_, _, _, Some(quarter)) => Some(Period::quarter(quarter)?),
        _ => None,
    };
    let mut opts = ReportOptions {
        as_of: as_of.unwrap_or(ctx.today),
        period,
        source: args.source,
        owner: args.owner,
        group: args.group,
    };

    let ws = store::load(&ctx.data)?;
    // As `list --group`: case and diacritics ignored ("huyen, thanh uy").
    if let Some(group) = &opts.group {
        opts.group = Some(super::list::known_group(&ws, group)?);
    }
    // Broken files are left out of the figures: say so, or the report would mislead.
    const SHOWN: usize = 10;
    for problem in ws.problems.iter().take(SHOWN) {
        output::note(&format!("warning: {problem}"));
    }
    if ws.problems.len() > SHOWN {
        eprintln!(
            "dondoc: warning: {} more problems (see `dondoc validate`)",
            ws.problems.len() - SHOWN
        );
    }
    opts.check(&ws).map_err(Usage)?;
    let report = report::compute(&ws, &opts);
    if report.is_empty() && matches!(args.format, Format::Csv | Format::Json) {
        // These formats keep their shape for scripts (zeros, null rates); tell the person.
        eprintln!("dondoc: {}", text(ctx.lang).nothing_in_period);
    }

    let bytes = match args.format {
        Format::Md => report::md::render(&report, ctx.lang).into_bytes(),
        Format::Csv => report::csv::render(&report, args.bom).into_bytes(),
        Format::Json => report::json::render(&report).into_bytes(),
        Format::Html => report::html::render(&report, ctx.lang).into_bytes(),
        Format::Xlsx => report::xlsx::render(&report, ctx.lang).context("building the workbook")?,
    };
    match &args.output {
        // A plain write (not the workspace's atomic one): a report is not workspace data, and
        // a new file should get the usual permissions.
        Some(path) => std::fs::write(path, &bytes)
            .with_context(|| format!("cannot write {}", path.display()))?,
        // Made safe when it goes to a terminal; `dondoc report | head` is a normal end.
        None => output::to_stdout(|out| out.write_all(&bytes))?,
    }
    Ok(ExitCode::SUCCESS)
}
