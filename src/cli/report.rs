//! `dondoc report`: figures by unit for a period, in md, csv, json, html, xlsx or docx.

use super::{date_error, output, Context};
use crate::dates;
use crate::i18n::cli as cli_text;
use crate::report::{self, Period, ReportOptions, Scope};
use crate::store;
use anyhow::Context as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Every figure is the state on the as-of date (ngày chốt số liệu): what was done by then, with \
the deadlines in force then. With a period, --as-of defaults to its last day when that is past.

Scopes: assigned (default) covers the directives of sources (meetings, notices) dated in the \
period; cumulative those of sources dated from the start of the period's year to the as-of date; \
due those due in the period, those due earlier still overdue, and ongoing ones from sources dated \
in it. With no period, every directive is covered.

Examples:
  dondoc report --month 9/2023 --as-of 15/10/2023
  dondoc --lang vi report --quarter 2023-Q3 --format html --output bao-cao.html
  dondoc report --source giao-ban-2023-08-25.toml --format xlsx --output bc.xlsx
  dondoc --lang vi report --month 2023-08 --as-of 2023-09-30 --format docx --output bc.docx")]
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
    /// Which directives a period covers
    #[arg(long, value_enum, default_value = "assigned")]
    pub scope: ScopeArg,
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
    /// Rank units worst first within each group (default: the order of dondoc.toml)
    #[arg(long)]
    pub rank: bool,
    /// Show each unit's completion rate for the period just before, beside this one
    #[arg(long)]
    pub compare: bool,
    /// Units with open directives and no log entry for this many days are listed as quiet
    #[arg(long, value_name = "DAYS", default_value_t = report::QUIET_DAYS)]
    pub quiet_days: i64,
    /// Title of the document (html, docx)
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Print the document as an annex to a report (html, docx)
    #[arg(long)]
    pub annex: bool,
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
    Docx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ScopeArg {
    Assigned,
    Cumulative,
    Due,
}

impl From<ScopeArg> for Scope {
    fn from(s: ScopeArg) -> Scope {
        match s {
            ScopeArg::Assigned => Scope::Assigned,
            ScopeArg::Cumulative => Scope::Cumulative,
            ScopeArg::Due => Scope::Due,
        }
    }
}

/// A usage mistake found after parsing: exit 2 with this message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Usage(String);

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    if matches!(args.format, Format::Xlsx | Format::Docx) && args.output.is_none() {
        let format = if args.format == Format::Xlsx {
            "xlsx"
        } else {
            "docx"
        };
        return Err(Usage(cli_text::binary_needs_output(ctx.lang, format)).into());
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
    // A report on a past period stands at its last day unless told otherwise.
    let as_of = as_of.unwrap_or(match period {
        Some(p) if p.to < ctx.today => p.to,
        _ => ctx.today,
    });
    if args.compare && period.is_none() {
        return Err(Usage(cli_text::compare_needs_period(ctx.lang).into()).into());
    }
    if args.quiet_days < 1 {
        return Err(Usage(cli_text::quiet_days_too_small(ctx.lang).into()).into());
    }
    let mut opts = ReportOptions {
        as_of,
        period,
        scope: args.scope.into(),
        source: args.source,
        owner: args.owner,
        group: args.group,
        rank: args.rank,
        compare: args.compare,
        quiet_days: args.quiet_days,
    };

    let ws = store::load(&ctx.data)?;
    // As `list --group`: case and diacritics ignored ("huyen, thanh uy").
    if let Some(group) = &opts.group {
        opts.group = Some(super::list::known_group(ctx.lang, &ws, group)?);
    }
    // Broken files are left out of the figures: say so, or the report would mislead.
    const SHOWN: usize = 10;
    for problem in report::warnings(&ws).into_iter().take(SHOWN) {
        output::note(&cli_text::warning(
            ctx.lang,
            &crate::i18n::store::problem(ctx.lang, problem),
        ));
    }
    if ws.problems.len() > SHOWN {
        eprintln!(
            "dondoc: {}",
            cli_text::more_problems(ctx.lang, ws.problems.len() - SHOWN)
        );
    }
    opts.check(&ws)
        .map_err(|e| Usage(crate::i18n::report::filter_error(ctx.lang, &e)))?;
    let report = report::compute_on(&ws, &opts);
    if report.is_empty() && matches!(args.format, Format::Csv | Format::Json) {
        // These formats keep their shape for scripts (zeros, null rates); tell the person.
        eprintln!("dondoc: {}", report::md::nothing_text(&report, ctx.lang));
    }

    let doc = report::doc::DocOptions {
        title: args.title,
        annex: args.annex,
        today: ctx.today,
    };
    // Text is written as it is made, to a buffer (a large report is never held whole);
    // the zipped formats are built in memory, as their writer needs.
    let write = |out: &mut dyn Write| -> std::io::Result<()> {
        match args.format {
            Format::Md => report::md::write(&report, ctx.lang, out),
            Format::Csv => out.write_all(report::csv::render(&report, args.bom).as_bytes()),
            Format::Json => report::json::write(&report, out),
            Format::Html => out.write_all(
                report::html::render_document(&report, &ws.report, &doc, ctx.lang).as_bytes(),
            ),
            Format::Xlsx | Format::Docx => unreachable!("built apart"),
        }
    };
    let zipped = match args.format {
        Format::Xlsx => Some(
            report::xlsx::render(&report, ctx.lang)
                .context(cli_text::building_workbook(ctx.lang))?,
        ),
        Format::Docx => Some(
            report::docx::render(&report, &ws.report, &doc, ctx.lang)
                .context(cli_text::building_document(ctx.lang))?,
        ),
        _ => None,
    };
    let cannot_write =
        |path: &std::path::Path| cli_text::cannot_write(ctx.lang, &path.display().to_string());
    match (&args.output, zipped) {
        // A plain write (not the workspace's atomic one): a report is not workspace data, and
        // a new file should get the usual permissions.
        (Some(path), Some(bytes)) => {
            std::fs::write(path, &bytes).with_context(|| cannot_write(path))?
        }
        (Some(path), None) => {
            let written = std::fs::File::create(path).and_then(|file| {
                let mut out = std::io::BufWriter::with_capacity(64 * 1024, file);
                write(&mut out)?;
                out.flush()
            });
            written.with_context(|| cannot_write(path))?
        }
        // Made safe when it goes to a terminal; `dondoc report | head` is a normal end.
        (None, Some(bytes)) => output::to_stdout(|out| out.write_all(&bytes))?,
        (None, None) => output::to_stdout(write)?,
    }
    // The process ends here: the system takes the workspace and the report back whole, faster
    // than freeing their strings one by one.
    std::mem::forget(report);
    std::mem::forget(ws);
    Ok(ExitCode::SUCCESS)
}
