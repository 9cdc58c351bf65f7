//! The command line: global options, one file per subcommand, exit codes.
//!
//! Exit codes: 0 ok, 1 problems found or edit refused ([`Refused`]), 2 usage or I/O error.

pub mod add;
pub mod completions;
pub mod edit;
pub mod git_setup;
pub mod help;
pub mod import;
pub mod init;
pub mod list;
pub mod man;
pub mod merge_driver;
pub mod new;
pub mod output;
pub mod owner;
pub mod remind;
pub mod report;
pub mod set;
pub mod show;
pub mod sync;
pub mod units;
pub mod validate;

use crate::clock::{Clock, Zone};
use crate::config::{self, UserConfig};
pub use crate::context::Context;
use crate::dates::{self, DateError};
use crate::i18n::Lang;

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "dondoc",
    version = concat!(env!("CARGO_PKG_VERSION"), " (workspace format 1.1)"),
    about = "Follow up the directives of a briefing, unit by unit (đôn đốc).",
    long_about = "Follow up the directives of a briefing, unit by unit (đôn đốc).\n\n\
        With no command, opens the terminal UI on the workspace.\n\
        The workspace is --data DIR, else $DONDOC_DATA, else data_dir in the config file, else ./data."
)]
pub struct Cli {
    /// Workspace folder (holds dondoc.toml)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// As-of date for timeliness: 2023-10-15, 15/10/2023, +N or -N days (default: today)
    #[arg(long, global = true, value_name = "DATE", allow_hyphen_values = true)]
    pub today: Option<String>,
    /// Language of messages and screens
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List directives, sorted by deadline
    List(list::Args),
    /// Everything about one directive, with its log
    Show(show::Args),
    /// Change a directive's status, deadline or note (logged)
    Set(set::Args),
    /// Check every file; exit 1 if there are problems
    Validate(validate::Args),
    /// Create a new workspace
    Init(init::Args),
    /// Report on timeliness by unit for a period
    Report(report::Args),
    /// Reminder letters to units with directives overdue or due soon (logged)
    Remind(remind::Args),
    /// Commit dondoc's changes, pull --rebase and push
    Sync(sync::Args),
    /// Three-way merge of one directive file (run by git)
    #[command(name = "merge-driver")]
    MergeDriver(merge_driver::Args),
    /// Register dondoc's merge driver in this git repository
    #[command(name = "git-setup")]
    GitSetup(git_setup::Args),
    /// Create a meeting file (its [source] table), ready for directives
    New(new::Args),
    /// Add a directive to a meeting file, once per lead unit
    Add(add::Args),
    /// Change a directive's text, lead unit or coordinating units (logged)
    Edit(edit::Args),
    /// The units: `owner add` adds one to dondoc.toml
    Owner(owner::Args),
    /// Propose directives from a conclusion notice or a tracking spreadsheet
    Import(import::Args),
    /// Print the completion script for a shell (bash, zsh, fish)
    Completions(completions::Args),
    /// Print the manual page (roff), or write one page per command with --dir
    Man(man::Args),
}

/// An edit refused or problems found: exit 1, with this message on stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// A load that found the file it needed being saved by another program: refused (exit 1),
/// as a write would be, so that the command can simply be run again; other errors as they are.
pub fn saving_refused(lang: Lang, e: crate::store::LoadError) -> anyhow::Error {
    match e {
        crate::store::LoadError::Saving { .. } => {
            Refused(crate::i18n::store::load_error(lang, &e)).into()
        }
        other => other.into(),
    }
}

/// A refused date option, in the words the UI uses for the same mistake.
pub fn date_error(lang: Lang, option: &str, e: &DateError) -> anyhow::Error {
    anyhow::anyhow!("{option}: {}", crate::i18n::tui::deadline_error(lang, e))
}

/// Parses the arguments, runs the command and maps the result to an exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    // The help and clap's usage errors speak the language the rest of the run will.
    let lang = help::lang_of(&args);
    let parsed = match lang {
        Lang::En => Cli::try_parse_from(&args),
        Lang::Vi => {
            let mut cmd = help::command(lang);
            cmd.try_get_matches_from_mut(&args)
                .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
                .map_err(|e| e.format(&mut cmd))
        }
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let code = match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
            let _ = match lang {
                Lang::En => e.print(),
                Lang::Vi => e.apply::<help::Vietnamese>().print(),
            };
            return code;
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            // Messages quote values and file names: shown safe on the terminal.
            if let Some(refused) = e.downcast_ref::<Refused>() {
                let text = refused.to_string();
                eprintln!("dondoc: {}", output::terminal_safe(&text));
                return ExitCode::from(1);
            }
            // The terminal may be gone (the UI lost its connection): saying so must not fail.
            let text = format!("{e:#}");
            let _ = writeln!(
                std::io::stderr(),
                "dondoc: {}",
                output::terminal_safe(&text)
            );
            ExitCode::from(2)
        }
    }
}

/// The workspace holding `start`: the nearest of it and its parents with a `dondoc.toml`.
pub fn enclosing_workspace(start: &std::path::Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|d| d.join(crate::store::CONFIG_FILE).is_file())
        .map(std::path::Path::to_path_buf)
}

/// The office's clock: the workspace's `timezone` (else the machine's zone), at the system's
/// time or, for tests and demonstrations, at `now` (`DONDOC_NOW=2023-10-14T18:30:00Z`).
fn office_clock(data: &std::path::Path, now: Option<&str>, lang: Lang) -> anyhow::Result<Clock> {
    let zone = Zone::from_setting(crate::store::timezone_setting(data).as_deref());
    Ok(match now.filter(|s| !s.trim().is_empty()) {
        None => Clock::system(zone),
        Some(s) => {
            let instant = crate::clock::parse_instant(s).ok_or_else(|| {
                anyhow::anyhow!(crate::i18n::cli::not_a_time(lang, "DONDOC_NOW", s))
            })?;
            Clock::fixed(instant, zone)
        }
    })
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let config_file = config::config_path();
    // A config file that does not load cannot say the language: the flag or the locale does.
    let config = UserConfig::load(config_file.as_deref()).map_err(|e| {
        anyhow::anyhow!(crate::i18n::cli::config_error(
            Lang::choose(cli.lang, None),
            &e
        ))
    })?;
    let lang = Lang::choose(cli.lang, config.lang);
    let env_data = std::env::var_os("DONDOC_DATA")
        .map(PathBuf::from)
        .filter(|p| !p.as_os_str().is_empty());
    // Inside a workspace (or a folder below it), that workspace: the way git finds its
    // repository. `--data` and DONDOC_DATA still win; the config's folder comes after.
    let enclosing = match (&cli.data, &env_data) {
        (None, None) => std::env::current_dir()
            .ok()
            .and_then(|d| enclosing_workspace(&d)),
        _ => None,
    };
    let data = enclosing.unwrap_or_else(|| config.data_dir(cli.data.as_deref(), env_data));
    let clock = office_clock(&data, std::env::var("DONDOC_NOW").ok().as_deref(), lang)?;
    let calendar = clock.today();
    let today = match cli.today.as_deref() {
        Some(s) => dates::parse_as_of(s, calendar, calendar)
            .map_err(|e| date_error(lang, "--today", &e))?,
        None => calendar,
    };
    let ctx = Context {
        data,
        today,
        lang,
        config,
        clock,
    };
    if cli.command.is_some() {
        // The UI says so in its status line instead.
        let notice: fn() = match lang {
            Lang::En => || eprintln!("{}", crate::i18n::cli::waiting_for_lock(Lang::En)),
            Lang::Vi => || eprintln!("{}", crate::i18n::cli::waiting_for_lock(Lang::Vi)),
        };
        let _ = crate::store::guard::WAIT_NOTICE.set(notice);
    }
    let result = match cli.command {
        None => match crate::tui::run(&ctx) {
            Ok(crate::tui::Ended::Quit) => Ok(ExitCode::SUCCESS),
            Ok(crate::tui::Ended::Signal(s)) => Ok(ExitCode::from(128u8.saturating_add(s as u8))),
            Err(crate::tui::Error::Load(e)) => Err(e.into()),
            Err(crate::tui::Error::NotATerminal) => Err(anyhow::anyhow!(
                crate::i18n::tui::needs_a_terminal(ctx.lang)
            )),
            Err(e) => Err(e.into()),
        },
        Some(Command::List(a)) => list::run(&ctx, a),
        Some(Command::Show(a)) => show::run(&ctx, a),
        Some(Command::Set(a)) => set::run(&ctx, a),
        Some(Command::Validate(a)) => validate::run(&ctx, a),
        Some(Command::Init(a)) => init::run(&ctx, a),
        Some(Command::Report(a)) => report::run(&ctx, a),
        Some(Command::Remind(a)) => remind::run(&ctx, a),
        Some(Command::Sync(a)) => sync::run(&ctx, a),
        Some(Command::MergeDriver(a)) => merge_driver::run(&ctx, a),
        Some(Command::GitSetup(a)) => git_setup::run(&ctx, a),
        Some(Command::New(a)) => new::run(&ctx, a),
        Some(Command::Add(a)) => add::run(&ctx, a),
        Some(Command::Edit(a)) => edit::run(&ctx, a),
        Some(Command::Owner(a)) => owner::run(&ctx, a),
        Some(Command::Import(a)) => import::run(&ctx, a),
        Some(Command::Completions(a)) => completions::run(&ctx, a),
        Some(Command::Man(a)) => man::run(&ctx, a),
    };
    result.map_err(|e| in_language(e, ctx.lang))
}

/// Errors of the core that reach here as they are, put in the invocation's language.
fn in_language(e: anyhow::Error, lang: Lang) -> anyhow::Error {
    if let Some(load) = e.downcast_ref::<crate::store::LoadError>() {
        return anyhow::anyhow!(crate::i18n::store::load_error(lang, load));
    }
    if let Some(period) = e.downcast_ref::<crate::report::period::PeriodError>() {
        return anyhow::anyhow!(crate::i18n::report::period_error(lang, period));
    }
    if let Some(output) = e.downcast_ref::<output::OutputError>() {
        return anyhow::anyhow!(crate::i18n::cli::cannot_write_output(lang, &output.0));
    }
    e
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_version_names_the_format_it_reads() {
        let version = super::Cli::command().render_version();
        assert!(
            version.ends_with(&format!(
                "(workspace format {})\n",
                crate::store::FORMAT_VERSION
            )),
            "{version}"
        );
    }
}
