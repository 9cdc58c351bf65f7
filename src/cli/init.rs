//! `dondoc init`.

use super::Context;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Folder for the new workspace
    pub dir: std::path::PathBuf,
}

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dondoc init` is not implemented yet")
}
