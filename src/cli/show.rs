//! `dondoc show`: everything about one directive, with its whole log.

use super::output::{self, pad};
use super::Context;
use crate::i18n::cli as text;
use crate::model::{Directive, Status, Workspace};
use crate::store;
use chrono::NaiveDate;
use std::io::{self, Write};
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directive id
    pub id: String,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let ws = store::load(&ctx.data)?;
    let id = args.id.trim();
    let Some(d) = ws.directive(id) else {
        return Err(output::unknown_id(&ws, id, ctx.lang).into());
    };
    let width = output::terminal_width().unwrap_or(80).clamp(40, 100);
    output::to_stdout(|out| print(out, ctx, &ws, d, width))?;
    Ok(ExitCode::SUCCESS)
}

fn print(
    out: &mut dyn Write,
    ctx: &Context,
    ws: &Workspace,
    d: &Directive,
    width: usize,
) -> io::Result<()> {
    let lang = ctx.lang;
    let l = text::show_labels(lang);
    let file = ws.file_of(d);
    let timeliness = ws.timeliness(d, ctx.today);

    writeln!(
        out,
        "{}  [{} · {}]",
        d.id,
        text::status(lang, d.status),
        text::timeliness(lang, timeliness)
    )?;
    for line in output::wrap(&d.text, width - 2) {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)?;

    let label_width = [
        l.source,
        l.file,
        l.issued_by,
        l.lead,
        l.support,
        l.deadline,
        l.status,
        l.done_on,
        l.note,
    ]
    .iter()
    .map(|s| s.width())
    .max()
    .unwrap_or(0)
        + 2;
    let field = |out: &mut dyn Write, label: &str, value: &str| -> io::Result<()> {
        let indent = " ".repeat(label_width);
        let lines = output::wrap(value, width.saturating_sub(label_width));
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                writeln!(out, "{}{line}", pad(&format!("{label}:"), label_width))?;
            } else {
                writeln!(out, "{indent}{line}")?;
            }
        }
        Ok(())
    };

    let mut source = file.source.title.clone();
    let details: Vec<String> = [
        file.source.date.map(|d| text::date(lang, d)),
        file.source.reference.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !details.is_empty() {
        source.push_str(&format!(" ({})", details.join(", ")));
    }
    field(out, l.source, &source)?;
    field(out, l.file, &format!("{}:{}", file.path, d.line))?;
    let issued_by = d.issued_by.as_deref().or(file.source.issued_by.as_deref());
    field(out, l.issued_by, issued_by.unwrap_or(l.none))?;
    field(out, l.lead, &unit(lang, ws, &d.owner))?;
    let support = if d.support.is_empty() {
        l.none.to_string()
    } else {
        d.support
            .iter()
            .map(|s| unit(lang, ws, s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    field(out, l.support, &support)?;
    field(out, l.deadline, &deadline(ctx, d))?;
    field(out, l.status, text::status(lang, d.status))?;
    let done_on = d.done_on.map(|d| text::date(lang, d));
    field(out, l.done_on, done_on.as_deref().unwrap_or(l.none))?;
    field(out, l.note, d.note.as_deref().unwrap_or(l.none))?;
    if let Some(reason) = &file.broken {
        let reason = crate::i18n::store::problem_kind(lang, reason);
        writeln!(out, "{}", text::not_writable(lang, &reason))?;
    }

    writeln!(out)?;
    if d.log.is_empty() {
        writeln!(out, "{}: {}", l.log, l.no_log)?;
        return Ok(());
    }
    writeln!(out, "{} ({}):", l.log, d.log.len())?;
    // Which entries extended the deadline, as reports count them.
    let mut extension = vec![false; d.log.len()];
    for c in d.deadline_changes() {
        extension[c.entry] = c.is_extension();
    }
    for (entry, extension) in d.log.iter().zip(extension) {
        let when = output::one_line(&text::log_time(lang, entry));
        let by = if entry.by.is_empty() {
            "?".to_string()
        } else {
            output::one_line(&entry.by)
        };
        writeln!(out, "  {when}  {by}")?;
        for change in text::log_changes(lang, entry, extension) {
            for (i, line) in output::wrap(&change, width.saturating_sub(6))
                .iter()
                .enumerate()
            {
                let bullet = if i == 0 { "- " } else { "  " };
                writeln!(out, "    {bullet}{line}")?;
            }
        }
    }
    Ok(())
}

/// "Full name (id)", or the bare id when it is not registered.
fn unit(lang: crate::i18n::Lang, ws: &Workspace, id: &str) -> String {
    text::unit(lang, id, ws.owner(id).map(|o| o.name.as_str()))
}

/// The deadline with its timeliness and how many days are left or past.
fn deadline(ctx: &Context, d: &Directive) -> String {
    let lang = ctx.lang;
    let Some(deadline) = d.deadline else {
        return text::timeliness(lang, crate::model::Timeliness::Ongoing).to_string();
    };
    let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days();
    let mut s = text::date(lang, deadline);
    let relative = match (d.status, d.done_on) {
        (Status::Done, Some(done)) => Some(text::done_against_deadline(lang, days(deadline, done))),
        (Status::Cancelled, _) | (Status::Done, None) => None,
        _ => Some(text::days_to_deadline(lang, days(ctx.today, deadline))),
    };
    if let Some(relative) = relative {
        s.push_str(&format!(" ({relative})"));
    }
    let moved = d.extensions();
    if moved > 0 {
        s.push_str(&format!("; {}", text::extensions(lang, moved)));
    }
    s
}
