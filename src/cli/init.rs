//! `dondoc init`: a new workspace with a commented `dondoc.toml`, one example directive file
//! and the `.gitattributes` line for dondoc's merge driver. The result passes `validate`.

use super::{output, Context, Refused};
use crate::i18n::{cli as text, templates, Lang};
use crate::store::CONFIG_FILE;
use anyhow::Context as _;
use chrono::{Datelike, Days, NaiveDate};
use std::path::Path;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder for the new workspace
    pub dir: std::path::PathBuf,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let dir = &args.dir;
    let shown = dir.display().to_string();
    if dir.join(CONFIG_FILE).exists() {
        return Err(Refused(text::already_a_workspace(ctx.lang, &shown)).into());
    }
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!(text::not_a_folder(ctx.lang, &shown));
    }
    let example_rel = format!("{}/example.toml", ctx.today.year());
    let example = dir.join(&example_rel);
    if example.exists() {
        return Err(Refused(text::already_exists(
            ctx.lang,
            &example.display().to_string(),
        ))
        .into());
    }

    std::fs::create_dir_all(example.parent().unwrap_or(dir))
        .with_context(|| text::cannot_create(ctx.lang, &shown))?;
    let zone = machine_zone(std::env::var("TZ").ok().as_deref());
    write_new(
        ctx.lang,
        &dir.join(CONFIG_FILE),
        &config_template(ctx.lang, zone.as_deref()),
    )?;
    write_new(ctx.lang, &example, &example_template(ctx.lang, ctx.today))?;
    // Inside a git repository, register the merge driver too; elsewhere `.gitattributes`
    // waits for `dondoc git-setup` in the clone.
    match crate::git::setup::register(dir) {
        Ok(_) => {}
        Err(crate::git::GitError::NotARepo(_)) => {
            crate::git::setup::ensure_attributes(dir)?;
        }
        Err(e) => return Err(anyhow::anyhow!(text::git_error(ctx.lang, &e))),
    }
    crate::store::guard::ensure_gitignore(dir).with_context(|| {
        text::cannot_write(ctx.lang, &dir.join(".gitignore").display().to_string())
    })?;

    let next = text::init_next_steps(ctx.lang, &shown, &example_rel);
    output::to_stdout(|out| out.write_all(next.as_bytes()))?;
    Ok(ExitCode::SUCCESS)
}

/// Creates a file that must not exist yet: init never overwrites anything.
fn write_new(lang: Lang, path: &Path, content: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let shown = path.display().to_string();
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| text::cannot_create(lang, &shown))?;
    file.write_all(content.as_bytes())
        .with_context(|| text::cannot_write(lang, &shown))
}

/// The IANA name of this machine's zone: `TZ` when it names one (`Asia/Ho_Chi_Minh`,
/// `:Asia/Ho_Chi_Minh`), else what `/etc/localtime` points to.
fn machine_zone(tz: Option<&str>) -> Option<String> {
    let from_env = tz
        .map(|t| t.trim().trim_start_matches(':'))
        .filter(|t| crate::clock::Zone::named(t).is_some())
        .map(str::to_string);
    from_env.or_else(|| {
        iana_time_zone::get_timezone()
            .ok()
            .filter(|t| crate::clock::Zone::named(t).is_some())
    })
}

/// The `timezone` line: set to the machine's zone when known, else an example to uncomment.
fn timezone_line(zone: Option<&str>) -> String {
    match zone {
        Some(z) => format!("timezone = \"{z}\"\n"),
        None => "# timezone = \"Asia/Ho_Chi_Minh\"\n".to_string(),
    }
}

fn config_template(lang: Lang, zone: Option<&str>) -> String {
    let tz = timezone_line(zone);
    let comment = templates::timezone_comment(lang);
    templates::config(lang).replacen(
        "due_soon_days = 7\n",
        &format!("due_soon_days = 7\n\n{comment}{tz}"),
        1,
    )
}

fn example_template(lang: Lang, today: NaiveDate) -> String {
    let deadline = today.checked_add_days(Days::new(30)).unwrap_or(today);
    let template = templates::example(lang);
    template
        .replace("{TODAY}", &today.to_string())
        .replace("{DEADLINE}", &deadline.to_string())
}
