//! `dondoc git-setup`.

use super::Context;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(_ctx: &Context, _args: Args) -> anyhow::Result<ExitCode> {
    anyhow::bail!("`dondoc git-setup` is not implemented yet")
}
