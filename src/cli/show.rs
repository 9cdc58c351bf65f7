//! `dondoc show`: everything about one directive, with its whole log.

use super::output::{self, pad};
use super::Context;
use crate::i18n::cli as text;
use crate::model::{Directive, LogEntry, Status, Workspace};
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
        return Err(output::unknown_id(&ws, id).into());
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
        file.source.date.map(|d| d.to_string()),
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
    field(out, l.lead, &unit(ws, &d.owner))?;
    let support = if d.support.is_empty() {
        l.none.to_string()
    } else {
        d.support
            .iter()
            .map(|s| unit(ws, s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    field(out, l.support, &support)?;
    field(out, l.deadline, &deadline(ctx, d))?;
    field(out, l.status, text::status(lang, d.status))?;
    let done_on = d.done_on.map(|d| d.to_string());
    field(out, l.done_on, done_on.as_deref().unwrap_or(l.none))?;
    field(out, l.note, d.note.as_deref().unwrap_or(l.none))?;
    if let Some(reason) = &file.broken {
        writeln!(out, "(file not writable until fixed: {reason})")?;
    }

    writeln!(out)?;
    if d.log.is_empty() {
        writeln!(out, "{}: {}", l.log, l.no_log)?;
        return Ok(());
    }
    writeln!(out, "{} ({}):", l.log, d.log.len())?;
    for entry in &d.log {
        let when = entry
            .at
            .map(|at| at.format("%Y-%m-%d %H:%M %:z").to_string())
            .unwrap_or_else(|| entry.at_text.clone());
        let by = if entry.by.is_empty() {
            "?".to_string()
        } else {
            output::one_line(&entry.by)
        };
        writeln!(out, "  {when}  {by}")?;
        for change in log_changes(entry) {
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
fn unit(ws: &Workspace, id: &str) -> String {
    match ws.owner(id) {
        Some(o) => format!("{} ({})", o.name, o.id),
        None => format!("{id} (not in dondoc.toml)"),
    }
}

/// The deadline with its timeliness and how many days are left or past.
fn deadline(ctx: &Context, d: &Directive) -> String {
    let lang = ctx.lang;
    let Some(deadline) = d.deadline else {
        return text::timeliness(lang, crate::model::Timeliness::Ongoing).to_string();
    };
    let days = |from: NaiveDate, to: NaiveDate| (to - from).num_days();
    let mut s = deadline.to_string();
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

/// What one log entry changed, one item per field.
fn log_changes(e: &LogEntry) -> Vec<String> {
    let mut changes = Vec::new();
    if let Some(s) = e.status {
        changes.push(format!("status → {s}"));
    }
    if let Some(d) = e.deadline {
        changes.push(format!("deadline → {d}"));
    }
    if let Some(d) = e.done_on {
        changes.push(format!("done_on → {d}"));
    }
    for field in &e.cleared {
        changes.push(format!("{field} removed"));
    }
    if let Some(n) = &e.note {
        changes.push(format!("note: {n}"));
    }
    // Format 1.1: the entry's kind and the documents behind it, by their keys.
    if e.created {
        changes.push("created".to_string());
    }
    if e.undo {
        changes.push("undo".to_string());
    }
    if e.reminder {
        changes.push("reminder sent".to_string());
    }
    for (key, value) in [
        ("reason", &e.reason),
        ("ref", &e.reference),
        ("approved_by", &e.approved_by),
    ] {
        if let Some(v) = value {
            changes.push(format!("{key}: {v}"));
        }
    }
    changes
}
