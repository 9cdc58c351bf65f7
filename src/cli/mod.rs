//! The command line: global options, one file per subcommand, exit codes.
//!
//! Exit codes: 0 ok, 1 problems found or edit refused ([`Refused`]), 2 usage or I/O error.

pub mod git_setup;
pub mod init;
pub mod list;
pub mod merge_driver;
pub mod output;
pub mod remind;
pub mod report;
pub mod set;
pub mod show;
pub mod sync;
pub mod validate;

use crate::config::{self, UserConfig};
use crate::i18n::Lang;
use anyhow::Context as _;
use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "dondoc",
    version,
    about = "Follow up the directives of a briefing, unit by unit (đôn đốc).",
    long_about = "Follow up the directives of a briefing, unit by unit (đôn đốc).\n\n\
        With no command, opens the terminal UI on the workspace.\n\
        The workspace is --data DIR, else $DONDOC_DATA, else data_dir in the config file, else ./data."
)]
pub struct Cli {
    /// Workspace folder (holds dondoc.toml)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// As-of date for timeliness, YYYY-MM-DD (default: today)
    #[arg(long, global = true, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,
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
}

/// An edit refused or problems found: exit 1, with this message on stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// What every command gets: resolved options.
#[derive(Debug, Clone)]
pub struct Context {
    pub data: PathBuf,
    pub today: NaiveDate,
    pub lang: Lang,
    pub config: UserConfig,
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{s}\" is not a date: use YYYY-MM-DD, e.g. 2023-09-30"))
}

/// Parses the arguments, runs the command and maps the result to an exit code.
pub fn run(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            if let Some(refused) = e.downcast_ref::<Refused>() {
                eprintln!("dondoc: {refused}");
                return ExitCode::from(1);
            }
            eprintln!("dondoc: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    let config_file = config::config_path();
    let config = UserConfig::load(config_file.as_deref()).context("config file")?;
    let ctx = Context {
        data: config.data_dir(
            cli.data.as_deref(),
            std::env::var_os("DONDOC_DATA").map(PathBuf::from),
        ),
        today: cli
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        lang: Lang::choose(cli.lang, config.lang),
        config,
    };
    match cli.command {
        None => crate::tui::run(&ctx),
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
    }
}

/// Prints the top-level help (used until a command has something better to do).
pub fn print_help() {
    let _ = Cli::command().print_help();
}
