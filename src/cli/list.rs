//! `dondoc list`.

use super::Context;
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

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dondoc list` is not implemented yet")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}
