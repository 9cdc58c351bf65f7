//! `dondoc merge-driver`.

use super::Context;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Ancestor version (%O)
    pub base: std::path::PathBuf,
    /// Our version, and where the result goes (%A)
    pub ours: std::path::PathBuf,
    /// Their version (%B)
    pub theirs: std::path::PathBuf,
    /// Path of the file in the repository (%P)
    pub path: Option<String>,
}

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dondoc merge-driver` is not implemented yet")
}
