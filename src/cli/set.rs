//! `dondoc set`.

use super::Context;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The directive id
    pub id: String,
    /// New status: open, in_progress, blocked, done or cancelled
    #[arg(long, value_name = "S")]
    pub status: Option<String>,
    /// Date it was done (default with --status done: the as-of date)
    #[arg(long, value_name = "DATE")]
    pub done_on: Option<String>,
    /// New deadline, YYYY-MM-DD, or "none" for an ongoing task
    #[arg(long, value_name = "DATE|none")]
    pub deadline: Option<String>,
    /// The latest progress, one line
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Who makes the change (default: $DONDOC_USER, git user.name, login name)
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
}

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dondoc set` is not implemented yet")
}
