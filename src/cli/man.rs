//! `dondoc man`: the manual page (roff), generated from the command definitions; with
//! `--dir DIR`, one page per command (`dondoc.1`, `dondoc-list.1`, …) written there.

use super::{output, Cli, Context};
use anyhow::Context as _;
use clap::CommandFactory;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
#[command(after_help = "Install:\n  \
    dondoc man > ~/.local/share/man/man1/dondoc.1 && man dondoc\n  \
    dondoc man --dir ~/.local/share/man/man1          # also dondoc-list.1, dondoc-set.1, …")]
pub struct Args {
    /// Write one page per command into this folder instead of the main page to stdout
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(_ctx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    let cmd = Cli::command();
    match args.dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            clap_mangen::generate_to(cmd, &dir)
                .with_context(|| format!("cannot write the pages into {}", dir.display()))?;
        }
        None => {
            let man = clap_mangen::Man::new(cmd);
            output::to_stdout(|out| man.render(out))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
