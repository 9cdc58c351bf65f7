//! `dondoc list`: the directives that pass the filters, by deadline, as a table, JSON or CSV.

use super::output::{self, Record, Table};
use super::Context;
use crate::fold;
use crate::i18n::cli as text;
use crate::i18n::{terms, Lang};
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
    /// List the directives as they stood on this date (status, deadline, done date from the
    /// log; those created later are left out), with timeliness on that date
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub as_of: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    // Usage errors first: they do not need the workspace.
    let lang = ctx.lang;
    let status = args
        .status
        .as_deref()
        .map(|s| parse_status(lang, s))
        .transpose()?;
    let timeliness = args
        .timeliness
        .as_deref()
        .map(|t| parse_timeliness(lang, t))
        .transpose()?;
    // Relative dates count from the as-of date given globally (--today), as in `report`.
    let as_of = args
        .as_of
        .as_deref()
        .map(|s| {
            crate::dates::parse_as_of(s, ctx.today, ctx.today)
                .map_err(|e| super::date_error(lang, "--as-of", &e))
        })
        .transpose()?;
    // Today's list looks at no log: the load leaves them out (less to decode and to hold).
    let mut ws = if as_of.is_some() {
        store::load(&ctx.data)?
    } else {
        store::load_without_logs(&ctx.data)?
    };
    let mut ctx = ctx.clone();
    if let Some(date) = as_of {
        ws = crate::report::state::workspace_on(&ws, date);
        ctx.today = date;
    }
    let ctx = &ctx;
    let filter = Filter {
        owner: args
            .owner
            .as_deref()
            .map(|o| known_owner(lang, &ws, o))
            .transpose()?,
        with_support: false,
        group: args
            .group
            .as_deref()
            .map(|g| known_group(lang, &ws, g))
            .transpose()?,
        status,
        timeliness,
        source: args.source.clone(),
        search: args.search.clone(),
    };
    if let Some(source) = &args.source {
        check_source(lang, &ws, source, ctx.today)?;
    }
    // A broken file does not stop the list; say so once, on stderr.
    if !ws.problems.is_empty() {
        eprintln!(
            "dondoc: {}",
            text::problems_warning(lang, ws.problems.len())
        );
    }
    let mut selected = filter.select(&ws, ctx.today);
    query::sort(&ws, &mut selected, Sort::Deadline, ctx.today);
    let record = |d| Record::new(&ws, d, ctx.today);
    match args.format {
        Format::Json => output::to_stdout(|out| output::write_json(out, &selected, record))?,
        Format::Csv => output::to_stdout(|out| output::write_csv(out, &selected, record))?,
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
                            d.deadline.map(|d| text::date(lang, d)).unwrap_or_default(),
                            text::status(ctx.lang, d.status).to_string(),
                            text::timeliness(ctx.lang, ws.timeliness(d, ctx.today)).to_string(),
                            ws.owner(&d.owner)
                                .map(|o| output::one_line(o.short_name()))
                                .unwrap_or_else(|| d.owner.to_string()),
                            output::one_line(&d.text),
                        ]
                    })
                    .collect(),
            };
            let width = output::terminal_width();
            output::to_stdout(|out| table.print(out, width))?;
        }
    }
    // The process ends here: the system takes the workspace back whole, faster than freeing
    // its strings one by one.
    drop(selected);
    std::mem::forget(ws);
    Ok(ExitCode::SUCCESS)
}

fn usage(message: String) -> anyhow::Error {
    anyhow::anyhow!(message)
}

/// A status as people type it: the word of the files in any case, with `-` or a space for
/// `_` (`DONE`, `In-Progress`), or the glossary's word in either language, with or without
/// diacritics (`đã hoàn thành`, `da hoan thanh`), as the help lists them. The files keep the
/// canonical word.
pub fn parse_status(lang: Lang, s: &str) -> anyhow::Result<Status> {
    let typed = typed_word(s);
    Status::ALL
        .into_iter()
        .find(|&st| {
            let (en, vi) = terms::status(st);
            [st.as_str(), en, vi].iter().any(|w| typed_word(w) == typed)
        })
        .ok_or_else(|| usage(text::invalid_status(lang, s)))
}

/// A timeliness as typed, by the same rule as [`parse_status`].
fn parse_timeliness(lang: Lang, s: &str) -> anyhow::Result<Timeliness> {
    let typed = typed_word(s);
    Timeliness::ALL
        .into_iter()
        .find(|&t| {
            let (en, vi) = terms::timeliness(t);
            [t.as_str(), en, vi].iter().any(|w| typed_word(w) == typed)
        })
        .ok_or_else(|| usage(text::invalid_timeliness(lang, s)))
}

/// A value word as compared: case and diacritics folded, `_` and `-` read as spaces, runs of
/// spaces as one.
fn typed_word(s: &str) -> String {
    fold::fold(s)
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn known_owner(lang: Lang, ws: &Workspace, id: &str) -> anyhow::Result<String> {
    if ws.owner(id).is_some() {
        return Ok(id.to_string());
    }
    // A name or short name instead of the id is a common slip: point at the id.
    let folded = fold::fold(id.trim());
    let by_name = ws
        .owners
        .iter()
        .find(|o| fold::fold(&o.name) == folded || fold::fold(o.short_name()) == folded);
    Err(usage(text::unknown_owner(
        lang,
        id,
        by_name.map(|o| (o.name.as_str(), o.id.as_str())),
    )))
}

/// The group as registered; matched ignoring case and diacritics ("huyen, thanh uy").
pub(super) fn known_group(lang: Lang, ws: &Workspace, name: &str) -> anyhow::Result<String> {
    let folded = fold::fold(name.trim());
    ws.groups
        .iter()
        .find(|g| fold::fold(g) == folded)
        .cloned()
        .ok_or_else(|| usage(text::unknown_group(lang, name, &ws.groups)))
}

/// `--source` must name a directive file of the workspace, else it is a typo.
fn check_source(
    lang: Lang,
    ws: &Workspace,
    source: &str,
    today: chrono::NaiveDate,
) -> anyhow::Result<()> {
    let only_source = Filter {
        source: Some(source.to_string()),
        ..Filter::default()
    };
    let file_listed = ws
        .files
        .iter()
        .any(|f| crate::query::source_matches(&f.path, source));
    let has_directives = ws
        .directives
        .iter()
        .any(|d| only_source.matches(ws, d, today));
    if file_listed || has_directives {
        Ok(())
    } else {
        Err(usage(text::unknown_source(
            lang,
            source,
            ws.files
                .first()
                .map_or("2023/meeting.toml", |f| f.path.as_str()),
        )))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}
