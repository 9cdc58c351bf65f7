//! The terminal UI (issue 3). Until it exists, `dondoc` alone prints the help.

use crate::cli::Context;
use std::process::ExitCode;

pub fn run(_ctx: &Context) -> anyhow::Result<ExitCode> {
    crate::cli::print_help();
    Ok(ExitCode::SUCCESS)
}
