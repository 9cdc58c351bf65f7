//! `dondoc remind`: a reminder letter (công văn đôn đốc) per unit with directives overdue or
//! due soon, in docx, html or md; each letter sent is logged on every directive it lists
//! (`reminder = true`, `ref` = the letter's number), one write per file.

use super::{date_error, Context, Refused};
use crate::author;
use crate::dates;
use crate::i18n::cli as text;
use crate::report::letter::{self, Letter};
use crate::report::{docx, html};
use crate::store::{self, edit::LogOnly};
use anyhow::Context as _;
use chrono::{Duration, NaiveDate};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
A letter lists the unit's directives overdue or due soon on the date (--today, else today), \
with how many times each was already reminded. Each letter written is recorded on every \
directive it lists: a log entry with reminder = true and the letter's number (--ref).

Examples:
  dondoc --lang vi remind --owner ba-be --ref \"125-CV/VPTU\" --output-dir thu/
  dondoc --lang vi remind --all --format docx --output-dir thu/
  dondoc remind --all --dry-run")]
pub struct Args {
    /// The unit (owner id)
    #[arg(long, value_name = "ID", conflicts_with_all = ["group", "all"])]
    pub owner: Option<String>,
    /// Every unit of this group that has directives to remind
    #[arg(long, value_name = "NAME", conflicts_with = "all")]
    pub group: Option<String>,
    /// Every unit that has directives overdue or due soon
    #[arg(long)]
    pub all: bool,
    /// Format of the letters
    #[arg(long, value_enum, default_value = "docx")]
    pub format: Format,
    /// Folder the letters are written to (created if missing)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub output_dir: PathBuf,
    /// The date units must report back by: 2023-10-22, 22/10/2023 or +N days (default: 7 days
    /// after the letter's date)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub reply_by: Option<String>,
    /// The letter's number, recorded in the log (e.g. 125-CV/VPTU)
    #[arg(long = "ref", value_name = "NUMBER")]
    pub reference: Option<String>,
    /// Say which letters would be written; write nothing (no letter, no log entry)
    #[arg(long)]
    pub dry_run: bool,
    /// Who sends the letters, for the log (default: $DONDOC_USER, git user.name, login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Docx,
    Html,
    Md,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Md => "md",
        }
    }
}

/// A usage mistake found after parsing: exit 2 with this message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct Usage(String);

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    // A usage error first: it does not need the workspace.
    let reply_by: Option<NaiveDate> = args
        .reply_by
        .as_deref()
        .map(|s| {
            dates::parse_date(s, ctx.today).map_err(|e| date_error(ctx.lang, "--reply-by", &e))
        })
        .transpose()?;
    let mut ws = store::load(&ctx.data)?;
    for problem in ws.problems.iter().take(10) {
        // A file's name or value may hold escapes: shown as symbols, as everywhere.
        super::output::note(&text::warning(
            ctx.lang,
            &crate::i18n::store::problem(ctx.lang, problem),
        ));
    }
    let owners: Vec<String> = match (&args.owner, &args.group, args.all) {
        (Some(owner), _, _) => {
            if ws.owner(owner).is_none() {
                return Err(Usage(text::unknown_owner(ctx.lang, owner, None)).into());
            }
            vec![owner.clone()]
        }
        (None, Some(group), _) => {
            if !ws.groups.iter().any(|g| g == group) {
                return Err(Usage(text::unknown_group(ctx.lang, group, &ws.groups)).into());
            }
            ws.owners
                .iter()
                .filter(|o| o.group == *group)
                .map(|o| o.id.clone())
                .collect()
        }
        (None, None, true) => ws.owners.iter().map(|o| o.id.clone()).collect(),
        (None, None, false) => return Err(Usage(text::remind_whom(ctx.lang).into()).into()),
    };
    let today = ctx.today;
    let reply_by = reply_by.unwrap_or(today + Duration::days(7));
    if reply_by < today {
        return Err(Usage(text::reply_by_before(ctx.lang, reply_by, today)).into());
    }
    let letters = letter::letters(&ws, today, &owners);
    if letters.is_empty() {
        let who = args.owner.as_deref().or(args.group.as_deref());
        return Err(Refused(text::nothing_to_remind(ctx.lang, today, who)).into());
    }

    let name = |l: &Letter| {
        args.output_dir.join(format!(
            "don-doc-{}-{}.{}",
            l.owner,
            today,
            args.format.ext()
        ))
    };
    if args.dry_run {
        for l in &letters {
            println!(
                "{}: {} ({}: {})",
                name(l).display(),
                super::output::one_line(&l.name),
                text::directives(ctx.lang, l.items.len()),
                l.items
                    .iter()
                    .map(|i| i.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        println!("{}", text::remind_dry_run(ctx.lang));
        return Ok(ExitCode::SUCCESS);
    }

    // A directive whose id another shares would get its reminder logged on the wrong one:
    // refused before any letter is written.
    for item in letters.iter().flat_map(|l| &l.items) {
        if let Err(e) = store::write::check_unique(&ws, &item.id) {
            return Err(Refused(text::not_changed(ctx.lang, &item.id, &e)).into());
        }
    }
    std::fs::create_dir_all(&args.output_dir)
        .with_context(|| text::cannot_create(ctx.lang, &args.output_dir.display().to_string()))?;
    let by = author::resolve(args.by.as_deref(), &ctx.data);
    let at = log_time(&ctx.clock, today);
    for l in &letters {
        let doc = letter::letter_document(l, &ws, today, reply_by, ctx.lang);
        let bytes = match args.format {
            Format::Docx => docx::write(&doc, ctx.lang).context(text::building_letter(ctx.lang))?,
            Format::Html => html::write_document(&doc, ctx.lang).into_bytes(),
            Format::Md => letter::markdown(&doc).into_bytes(),
        };
        let path = name(l);
        std::fs::write(&path, &bytes)
            .with_context(|| text::cannot_write(ctx.lang, &path.display().to_string()))?;
        // The letter exists: record it on each directive it lists.
        let ids: Vec<String> = l.items.iter().map(|i| i.id.clone()).collect();
        let entry = LogOnly::Reminder {
            reference: args.reference.clone(),
        };
        store::write::write_log_only(&mut ws, &ids, &entry, &by, at).map_err(|e| {
            Refused(text::reminder_not_logged(
                ctx.lang,
                &path.display().to_string(),
                &crate::i18n::store::write_error(ctx.lang, &e),
            ))
        })?;
        println!(
            "{}: {} ({})",
            path.display(),
            super::output::one_line(&l.name),
            text::directives(ctx.lang, ids.len())
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// The log time of a letter dated `day`: now when that is the office's today, else 09:00
/// that day (a letter dated with --today), both on the office's clock (the workspace's zone),
/// as every other log entry.
fn log_time(clock: &crate::clock::Clock, day: NaiveDate) -> chrono::DateTime<chrono::FixedOffset> {
    let now = clock.now();
    if now.date_naive() == day {
        return now;
    }
    let nine = day.and_hms_opt(9, 0, 0).unwrap_or_default();
    clock.zone().local(nine).unwrap_or(now)
}
