//! `dondoc list`: the directives that pass the filters, by deadline, as a table, JSON or CSV.

use super::output::{self, Record, Table};
use super::Context;
use crate::fold;
use crate::i18n::cli as text;
use crate::model::{Status, Timeliness, Workspace};
use crate::query::{self, Filter, Sort};
use crate::store;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only directives led by this unit (owner id)
    #[arg(long, value_name = "ID")]
    pub owner: Option<String>,
    /// Only directives whose lead unit is in this group
    #[arg(long, value_name = "NAME")]
    pub group: Option<String>,
    /// open, in_progress, blocked, done or cancelled
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// overdue, due_soon, on_track, ongoing, on_time, late or none
    #[arg(long, value_name = "T")]
    pub timeliness: Option<String>,
    /// Only directives from this file (path in the workspace, or file name)
    #[arg(long, value_name = "FILE")]
    pub source: Option<String>,
    /// Words to find, ignoring case and Vietnamese diacritics
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    // Usage errors first: they do not need the workspace.
    let status = args.status.as_deref().map(parse_status).transpose()?;
    let timeliness = args
        .timeliness
        .as_deref()
        .map(parse_timeliness)
        .transpose()?;
    let ws = store::load(&ctx.data)?;
    let filter = Filter {
        owner: args
            .owner
            .as_deref()
            .map(|o| known_owner(&ws, o))
            .transpose()?,
        with_support: false,
        group: args
            .group
            .as_deref()
            .map(|g| known_group(&ws, g))
            .transpose()?,
        status,
        timeliness,
        source: args.source.clone(),
        search: args.search.clone(),
    };
    if let Some(source) = &args.source {
        check_source(&ws, source, ctx.today)?;
    }
    // A broken file does not stop the list; say so once, on stderr.
    if !ws.problems.is_empty() {
        eprintln!(
            "dondoc: warning: {}: run dondoc validate",
            output::count(ws.problems.len(), "problem", "problems")
        );
    }
    let mut selected = filter.select(&ws, ctx.today);
    query::sort(&ws, &mut selected, Sort::Deadline, ctx.today);
    let records = || -> Vec<Record> {
        selected
            .iter()
            .map(|d| Record::new(&ws, d, ctx.today))
            .collect()
    };
    match args.format {
        Format::Json => output::to_stdout(|out| output::write_json(out, &records()))?,
        Format::Csv => output::to_stdout(|out| output::write_csv(out, &records()))?,
        Format::Table => {
            let table = Table {
                headers: text::list_headers(ctx.lang)
                    .iter()
                    .map(|h| h.to_string())
                    .collect(),
                rows: selected
                    .iter()
                    .map(|d| {
                        vec![
                            d.id.clone(),
                            d.deadline.map(|d| d.to_string()).unwrap_or_default(),
                            text::status(ctx.lang, d.status).to_string(),
                            text::timeliness(ctx.lang, ws.timeliness(d, ctx.today)).to_string(),
                            ws.owner(&d.owner)
                                .map(|o| output::one_line(o.short_name()))
                                .unwrap_or_else(|| d.owner.clone()),
                            output::one_line(&d.text),
                        ]
                    })
                    .collect(),
            };
            let width = output::terminal_width();
            output::to_stdout(|out| table.print(out, width))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn usage(message: String) -> anyhow::Error {
    anyhow::anyhow!(message)
}

/// A status as written in the files; `in-progress` is taken for `in_progress`.
pub fn parse_status(s: &str) -> anyhow::Result<Status> {
    Status::parse(&s.trim().replace('-', "_")).ok_or_else(|| {
        usage(format!(
            "invalid status \"{s}\": use one of {}",
            Status::ALL.map(Status::as_str).join(", ")
        ))
    })
}

fn parse_timeliness(s: &str) -> anyhow::Result<Timeliness> {
    Timeliness::parse(s.trim()).ok_or_else(|| {
        usage(format!(
            "invalid timeliness \"{s}\": use one of {}",
            Timeliness::ALL.map(Timeliness::as_str).join(", ")
        ))
    })
}

fn known_owner(ws: &Workspace, id: &str) -> anyhow::Result<String> {
    if ws.owner(id).is_some() {
        return Ok(id.to_string());
    }
    // A name or short name instead of the id is a common slip: point at the id.
    let folded = fold::fold(id.trim());
    let by_name = ws
        .owners
        .iter()
        .find(|o| fold::fold(&o.name) == folded || fold::fold(o.short_name()) == folded);
    let hint = match by_name {
        Some(o) => format!(" (the id of {} is {})", o.name, o.id),
        None => " (see the [[owner]] ids in dondoc.toml)".to_string(),
    };
    Err(usage(format!("unknown owner \"{id}\"{hint}")))
}

/// The group as registered; matched ignoring case and diacritics ("huyen, thanh uy").
pub(super) fn known_group(ws: &Workspace, name: &str) -> anyhow::Result<String> {
    let folded = fold::fold(name.trim());
    ws.groups
        .iter()
        .find(|g| fold::fold(g) == folded)
        .cloned()
        .ok_or_else(|| {
            usage(format!(
                "unknown group \"{name}\": the groups are {}",
                ws.groups
                    .iter()
                    .map(|g| format!("\"{g}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

/// `--source` must name a directive file of the workspace, else it is a typo.
fn check_source(ws: &Workspace, source: &str, today: chrono::NaiveDate) -> anyhow::Result<()> {
    let only_source = Filter {
        source: Some(source.to_string()),
        ..Filter::default()
    };
    let file_listed = ws.files.iter().any(|f| f.path == source);
    let has_directives = ws
        .directives
        .iter()
        .any(|d| only_source.matches(ws, d, today));
    if file_listed || has_directives {
        Ok(())
    } else {
        Err(usage(format!(
            "no directive file matches --source \"{source}\" (give its path in the workspace, e.g. {}, or its file name)",
            ws.files.first().map_or("2023/meeting.toml", |f| f.path.as_str())
        )))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}
