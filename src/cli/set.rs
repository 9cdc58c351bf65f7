//! `dondoc set`: one change to one directive (or to several, each file written once), through
//! the store's one write path (lock, stale check, atomic rename) with a log entry each.

use super::{date_error, output, Context, Refused};
use crate::author;
use crate::dates;
use crate::i18n::cli as text;
use crate::model::Status;
use crate::store::{self, edit::Change, edit::Edit, write::WriteError};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directive id; several ids get the same change (each file written once)
    #[arg(value_name = "ID", required = true)]
    pub ids: Vec<String>,
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
            .map(|s| super::list::parse_status(ctx.lang, s))
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
        anyhow::bail!(text::nothing_to_set(ctx.lang));
    }

    if args.ids.len() > 1 {
        let mut ws = store::load(&ctx.data)?;
        // A file saved in place by another program may have been read empty or cut.
        if let Some(missing) = args.ids.iter().find(|id| ws.directive(id.trim()).is_none()) {
            let settled = store::load::settle_for(&ctx.data, missing.trim())
                .map_err(|e| super::saving_refused(ctx.lang, e))?;
            if settled {
                ws = store::load(&ctx.data)?;
            }
        }
        return run_many(ctx, &args, &asked, &mut ws);
    }
    // Only the file that holds the directive is read (the cache vouches for the others).
    let id = args.ids[0].trim();
    let mut ws =
        store::load_for_edit(&ctx.data, id).map_err(|e| super::saving_refused(ctx.lang, e))?;
    let Some(current) = ws.directive(id) else {
        let ws = store::load(&ctx.data)?;
        return Err(output::unknown_id(&ws, id, ctx.lang).into());
    };
    // Before any other check: whatever else is asked, a shared id is fixed first.
    if let Err(e) = store::write::check_unique(&ws, id) {
        return Err(Refused(text::not_changed(ctx.lang, id, &e)).into());
    }
    let will_be_done = asked.status.unwrap_or(current.status) == Status::Done;
    if asked.done_on.is_some() && !will_be_done {
        anyhow::bail!(text::done_on_needs_done(
            ctx.lang,
            id,
            asked.status.unwrap_or(current.status)
        ));
    }
    if asked.done_ref.is_some() && !will_be_done {
        anyhow::bail!(text::done_ref_needs_done(
            ctx.lang,
            id,
            asked.status.unwrap_or(current.status)
        ));
    }
    let change = asked.resolve(current, ctx.today);
    if let Some(Some(done)) = change.done_on {
        let given = ws.file_of(current).source.date;
        if let Err(e) = store::edit::check_done_on(done, ctx.today, given) {
            return Err(Refused(text::done_date_refused(ctx.lang, id, &e)).into());
        }
    }
    if change.is_empty() {
        return Err(Refused(text::nothing_to_change(ctx.lang, id, &asked)).into());
    }
    let edit = Edit {
        id: id.to_string(),
        change,
        by: author::resolve(args.by.as_deref(), &ctx.data),
        at: ctx.now(),
    };
    let written = store::write::write_edit(&mut ws, &edit).map_err(|e| match e {
        WriteError::Io { .. } => anyhow::anyhow!(text::not_changed(ctx.lang, id, &e)),
        refused => Refused(text::not_changed(ctx.lang, id, &refused)).into(),
    })?;
    if written.rebased {
        output::note(&text::rebased(ctx.lang, &written.path));
    }
    // With `[git] commit = true`, the edit is committed at once (only this file). The edit is
    // saved either way, so a failed commit is a warning, not an error.
    match crate::git::after_write(&ws, &written, &edit, ctx.config.git.commit) {
        Ok(Some(commit)) => eprintln!("dondoc: {}", text::committed(ctx.lang, &commit)),
        Ok(None) => {}
        Err(e) => eprintln!(
            "dondoc: {}",
            text::not_committed(ctx.lang, &text::git_error(ctx.lang, &e))
        ),
    }
    let line = format!(
        "{id}: {} ({})",
        crate::i18n::store::describe_change(ctx.lang, &edit.change, &written.before),
        written.path
    );
    output::to_stdout(|out| writeln!(out, "{line}"))?;
    Ok(ExitCode::SUCCESS)
}

/// The same change to several directives: every id is checked first (an unknown one, or one
/// the change does not fit, refuses the whole command); then each file is written once, with
/// one log entry per directive. One line per change; a refused directive is named on stderr.
fn run_many(
    ctx: &Context,
    args: &Args,
    asked: &Change,
    ws: &mut crate::model::Workspace,
) -> anyhow::Result<ExitCode> {
    let by = author::resolve(args.by.as_deref(), &ctx.data);
    let at = ctx.now();
    let mut edits = Vec::new();
    let mut unchanged = Vec::new();
    for id in args.ids.iter().map(|i| i.trim()) {
        let Some(current) = ws.directive(id) else {
            return Err(output::unknown_id(ws, id, ctx.lang).into());
        };
        if let Err(e) = store::write::check_unique(ws, id) {
            return Err(Refused(text::not_changed(ctx.lang, id, &e)).into());
        }
        if edits.iter().any(|e: &Edit| e.id == id) {
            continue;
        }
        let status = asked.status.unwrap_or(current.status);
        if (asked.done_on.is_some() || asked.done_ref.is_some()) && status != Status::Done {
            anyhow::bail!(text::done_fields_need_done(ctx.lang, id, status));
        }
        let change = asked.resolve(current, ctx.today);
        if change.is_empty() {
            unchanged.push(id.to_string());
            continue;
        }
        edits.push(Edit {
            id: id.to_string(),
            change,
            by: by.clone(),
            at,
        });
    }
    // Every id is known: now a done date that cannot be true refuses the whole command.
    for edit in &edits {
        if let (Some(Some(done)), Some(current)) = (edit.change.done_on, ws.directive(&edit.id)) {
            let given = ws.file_of(current).source.date;
            if let Err(e) = store::edit::check_done_on(done, ctx.today, given) {
                return Err(Refused(text::done_date_refused(ctx.lang, &edit.id, &e)).into());
            }
        }
    }
    if edits.is_empty() {
        return Err(Refused(text::nothing_to_change_many(ctx.lang, &unchanged, asked)).into());
    }
    for id in &unchanged {
        eprintln!("dondoc: {}", text::unchanged_one(ctx.lang, id, asked));
    }
    let result = store::write::write_edits(ws, &edits);
    let mut lines = Vec::new();
    let mut paths: Vec<&str> = Vec::new();
    for written in &result.written {
        let Some(edit) = edits.iter().find(|e| e.id == written.before.id) else {
            continue;
        };
        let what = crate::i18n::store::describe_change(ctx.lang, &edit.change, &written.before);
        lines.push(format!("{}: {what} ({})", edit.id, written.path));
        if !paths.contains(&written.path.as_str()) {
            paths.push(&written.path);
        }
    }
    for path in &paths {
        let ids: Vec<&str> = result
            .written
            .iter()
            .filter(|w| w.path == *path)
            .map(|w| w.before.id.as_str())
            .collect();
        // A commit subject, in English like the others.
        let asked = text::asked_values(crate::i18n::Lang::En, asked);
        let message = format!("dondoc: {}: {asked}", ids.join(", "));
        super::units::commit(ctx, ws, path, &message, &by);
    }
    output::to_stdout(|out| lines.iter().try_for_each(|l| writeln!(out, "{l}")))?;
    if result.refused.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    let refused: Vec<String> = result
        .refused
        .iter()
        .map(|(id, e)| text::not_changed(ctx.lang, id, e))
        .collect();
    Err(Refused(refused.join("; ")).into())
}
