//! `dondoc set`: one change to one directive, written through the store's one write path
//! (lock, stale check, atomic rename) with a log entry.

use super::{date_error, output, Context, Refused};
use crate::author;
use crate::dates;
use crate::model::Status;
use crate::store::{self, edit::Change, edit::Edit, write::WriteError};
use chrono::NaiveDate;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directive id
    pub id: String,
    /// New status: open, in_progress, blocked, done or cancelled
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Date it was done: 2023-10-15, 15/10/2023 or +N days (default with --status done: the as-of date)
    #[arg(long, value_name = "DATE")]
    pub done_on: Option<String>,
    /// New deadline: 2023-11-30, 30/11/2023, +N days from the as-of date, or "none" for an
    /// ongoing task
    #[arg(long, value_name = "DATE|none", allow_hyphen_values = true)]
    pub deadline: Option<String>,
    /// The latest progress, one line
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// The document that reported completion, with --status done ("Báo cáo số 45/BC-UBND")
    #[arg(long, value_name = "DOC")]
    pub done_ref: Option<String>,
    /// Why (logged): a deadline change's request, a cancellation's decision
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// The document behind the change (logged): the request, the decision
    #[arg(long = "ref", value_name = "DOC")]
    pub reference: Option<String>,
    /// Who approved or decided it (logged)
    #[arg(long, value_name = "NAME")]
    pub approved_by: Option<String>,
    /// Who makes the change (default: $DONDOC_USER, git user.name, login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    // Usage errors first: a bad value never gets near the file.
    let asked = Change {
        status: args
            .status
            .as_deref()
            .map(super::list::parse_status)
            .transpose()?,
        done_on: args
            .done_on
            .as_deref()
            .map(|s| {
                dates::parse_date(s, ctx.today)
                    .map(Some)
                    .map_err(|e| date_error(ctx.lang, "--done-on", &e))
            })
            .transpose()?,
        deadline: args
            .deadline
            .as_deref()
            .map(|s| {
                dates::parse_deadline(s, ctx.today)
                    .map_err(|e| date_error(ctx.lang, "--deadline", &e))
            })
            .transpose()?,
        note: args.note.clone().map(Some),
        done_ref: args.done_ref.clone().map(Some),
        reason: args.reason.clone(),
        reference: args.reference.clone(),
        approved_by: args.approved_by.clone(),
        ..Change::default()
    };
    if asked.is_empty() {
        anyhow::bail!(
            "nothing to set: give --status, --done-on, --deadline, --note or --done-ref              (--reason, --ref and --approved-by go with one of them)"
        );
    }

    let mut ws = store::load(&ctx.data)?;
    let id = args.id.trim();
    let Some(current) = ws.directive(id) else {
        return Err(output::unknown_id(&ws, id).into());
    };
    let will_be_done = asked.status.unwrap_or(current.status) == Status::Done;
    if asked.done_on.is_some() && !will_be_done {
        anyhow::bail!(
            "--done-on needs --status done: \"{id}\" is {}",
            asked.status.unwrap_or(current.status)
        );
    }
    if asked.done_ref.is_some() && !will_be_done {
        anyhow::bail!(
            "--done-ref needs --status done: \"{id}\" is {}",
            asked.status.unwrap_or(current.status)
        );
    }
    let change = asked.resolve(current, ctx.today);
    if let Some(Some(done)) = change.done_on {
        let given = ws.file_of(current).source.date;
        if let Err(e) = store::edit::check_done_on(done, ctx.today, given) {
            return Err(Refused(format!("\"{id}\" not changed: {e}")).into());
        }
    }
    if change.is_empty() {
        return Err(Refused(format!(
            "nothing to change: \"{id}\" already has {}",
            already(&asked)
        ))
        .into());
    }
    let edit = Edit {
        id: id.to_string(),
        change,
        by: author::resolve(args.by.as_deref(), &ctx.data),
        at: chrono::Local::now().fixed_offset(),
    };
    let written = store::write::write_edit(&mut ws, &edit).map_err(|e| match e {
        WriteError::Io { .. } => anyhow::anyhow!("\"{id}\" not changed: {e}"),
        refused => Refused(format!("\"{id}\" not changed: {refused}")).into(),
    })?;
    if written.rebased {
        output::note(&format!(
            "{} had changed on disk (other directives); the change was applied on top",
            written.path
        ));
    }
    // With `[git] commit = true`, the edit is committed at once (only this file). The edit is
    // saved either way, so a failed commit is a warning, not an error.
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

/// The values asked for, for "nothing to change" (they are the current ones).
fn already(asked: &Change) -> String {
    let date = |d: Option<NaiveDate>| d.map_or("none".to_string(), |d| d.to_string());
    let mut parts = Vec::new();
    if let Some(s) = asked.status {
        parts.push(format!("status {s}"));
    }
    if let Some(d) = asked.deadline {
        parts.push(format!("deadline {}", date(d)));
    }
    if let Some(d) = asked.done_on {
        parts.push(format!("done_on {}", date(d)));
    }
    if asked.note.is_some() {
        parts.push("that note".to_string());
    }
    if asked.done_ref.is_some() {
        parts.push("that done_ref".to_string());
    }
    parts.join(", ")
}
